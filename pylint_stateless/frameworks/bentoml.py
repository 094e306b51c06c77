"""BentoML: services, one instance per worker process serving every request it receives.

A ``@bentoml.service`` class is instantiated once in each worker of each replica, and
its ``@bentoml.api`` and ``@bentoml.task`` methods (and the routes of an ASGI app
mounted on it) serve every request of that worker: ``self.*`` changed per request
diverges between workers and replicas. Before 1.2, ``@svc.api(...)`` functions of a
``bentoml.Service`` and the ``@bentoml.Runnable.method`` methods of a runner did the same.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# Only the methods its decorators declare serve requests; the others are helpers.
_SERVICE = EntryClass(Role.ROUTE, Lifetime.SHARED, by_decorator=True)
_SDK = "_bentoml_sdk"


def _label(name: str, call: nodes.Call | None) -> str:
    if name in {"on_startup", "on_deployment"}:
        return ""
    if name == "task":
        return "BentoML task"
    keywords = (call.keywords or ()) if call is not None else ()
    for keyword in keywords:
        if keyword.arg == "route" and isinstance(keyword.value, nodes.Const):
            return f"BentoML API {keyword.value.value}"
    return "BentoML API"


FRAMEWORK = Framework(
    name="bentoml",
    packages=frozenset({"bentoml", _SDK}),
    class_decorators={
        "bentoml.service": _SERVICE,
        f"{_SDK}.service.factory.service": _SERVICE,
        f"{_SDK}.service.service": _SERVICE,
    },
    decorator_functions={
        **dict.fromkeys(
            ("bentoml.api", "bentoml.task", f"{_SDK}.decorators.api", f"{_SDK}.decorators.task",
             f"{_SDK}.api", f"{_SDK}.task", "bentoml.Runnable.method"),
            Role.ROUTE,
        ),
        # ``on_startup`` runs in each worker once, ``on_deployment`` once per deployment.
        **dict.fromkeys(
            ("bentoml.on_startup", "bentoml.on_deployment", f"{_SDK}.decorators.on_startup",
             f"{_SDK}.decorators.on_deployment"),
            Role.STARTUP,
        ),
    },
    # Before 1.2: ``svc = bentoml.Service("name", runners=[...])`` and ``@svc.api(...)``.
    app_classes=frozenset(
        {"bentoml.Service", "bentoml._internal.service.Service",
         "bentoml._internal.service.service.Service"}
    ),
    decorator_methods={"api": Role.ROUTE},
    entry_classes={
        "bentoml.Runnable": _SERVICE,
        "bentoml._internal.runner.runnable.Runnable": _SERVICE,
    },
    event_label=_label,
    # ``other = bentoml.depends(OtherService)``: a client of another service.
    resource_calls=frozenset({"bentoml.depends", f"{_SDK}.service.dependency.depends",
                              f"{_SDK}.depends"}),
    resource_types=frozenset({f"{_SDK}.service.dependency.Dependency"}),
)
