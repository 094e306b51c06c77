"""Task queues (Celery, RQ, Dramatiq): task functions run in a worker process."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Framework, Role

FRAMEWORK = Framework(
    name="tasks",
    app_classes=frozenset({"celery.Celery", "celery.app.base.Celery"}),
    decorator_methods={"task": Role.BACKGROUND},
    bare_decorator_methods={"task": Role.BACKGROUND},
    decorator_functions={
        "celery.shared_task": Role.BACKGROUND,
        "celery.app.shared_task": Role.BACKGROUND,
        "dramatiq.actor": Role.BACKGROUND,
        "dramatiq.actor.actor": Role.BACKGROUND,
        "rq.decorators.job": Role.BACKGROUND,
        "rq.job": Role.BACKGROUND,
    },
)
