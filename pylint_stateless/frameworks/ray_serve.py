"""Ray Serve: deployments, one instance per replica serving every request sent to it.

A ``@serve.deployment`` class is instantiated once in each replica (an actor process),
and that instance answers every request the replica receives: ``__call__`` for HTTP,
any public method called through a ``DeploymentHandle``, the FastAPI routes of a
``@serve.ingress(app)`` class, ``@serve.batch`` methods. So ``self.*`` changed per
request diverges between replicas and is lost when a replica is replaced. A
``@serve.deployment`` function serves each request by itself.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# ``__init__`` runs once per replica; ``reconfigure`` when the deployment's
# ``user_config`` is set or changed; ``check_health`` on the controller's schedule.
_DEPLOYMENT = EntryClass(
    Role.ROUTE,
    Lifetime.SHARED,
    setup_methods=frozenset({"__init__", "reconfigure", "check_health"}),
    label="Ray Serve deployment",
)
_DEPLOYMENT_DECORATORS = ("ray.serve.deployment", "ray.serve.api.deployment")
_BATCH_DECORATORS = ("ray.serve.batch", "ray.serve.batching.batch")


def _label(name: str, _call: nodes.Call | None) -> str:
    return "Ray Serve batch" if name == "batch" else "Ray Serve deployment"


FRAMEWORK = Framework(
    name="ray_serve",
    aliases=("ray", "ray-serve", "serve"),
    packages=frozenset({"ray"}),
    class_decorators=dict.fromkeys(_DEPLOYMENT_DECORATORS, _DEPLOYMENT),
    decorator_functions={
        # A function deployment serves each request; a batch function or method is
        # called with the requests of a batch.
        **dict.fromkeys(_DEPLOYMENT_DECORATORS, Role.ROUTE),
        **dict.fromkeys(_BATCH_DECORATORS, Role.ROUTE),
    },
    event_label=_label,
    # Handles to other deployments: clients, one per replica by design.
    resource_types=frozenset(
        {"ray.serve.handle.DeploymentHandle", "ray.serve.handle.DeploymentResponse"}
    ),
    resource_calls=frozenset(
        {"ray.serve.get_app_handle", "ray.serve.get_deployment_handle",
         "ray.serve.api.get_app_handle", "ray.serve.api.get_deployment_handle"}
    ),
)
