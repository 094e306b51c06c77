"""gRPC: servicer classes, one instance registered with the server for the whole process.

Servicers are found by the names grpcio-tools generates: registered with
``add_<Name>Servicer_to_server(servicer, server)``, or subclassing ``<Name>Servicer``
from a ``*_pb2_grpc`` module.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Registration, Role

_LABEL = "gRPC method"
_SERVICER = EntryClass(Role.ROUTE, Lifetime.SHARED, label=_LABEL)


def _generated_servicer(_cls: nodes.ClassDef, bases: frozenset[str]) -> EntryClass | None:
    """A subclass of a generated ``<Name>Servicer``."""
    for base in bases:
        module, _, name = base.rpartition(".")
        if name.endswith("Servicer") and module.endswith("_grpc"):
            return _SERVICER
    return None


FRAMEWORK = Framework(
    name="grpc",
    aliases=("grpcio",),
    packages=frozenset({"grpc"}),
    registration_patterns={
        r"^add_\w+Servicer_to_server$": Registration(
            Role.ROUTE, 0, "servicer", resource_methods="", label=_LABEL
        ),
    },
    class_convention=_generated_servicer,
)
