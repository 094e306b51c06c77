"""Task queues (Celery, RQ, Dramatiq): task functions run in a worker process."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Deferral, Framework, Role

FRAMEWORK = Framework(
    name="tasks",
    aliases=("celery", "rq", "dramatiq"),
    packages=frozenset({"celery", "rq", "dramatiq"}),
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
    # The Celery application is a client of the broker: one per process by design.
    resource_types=frozenset({"celery.app.base.Celery"}),
    resource_calls=frozenset({"celery.Celery"}),
    # ``queue.enqueue(fn, *args)``: ``fn`` runs later, in a worker process.
    deferring_calls={"enqueue": Deferral(0, 1)},
)
