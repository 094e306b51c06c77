"""gRPC: servicer classes, one instance registered with the server for the whole process."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Framework

# Servicers are found by the generated names (``add_<Name>Servicer_to_server`` and bases
# named ``<Name>Servicer``), see ``pylint_stateless.entrypoints``; the table only names
# the framework so that it can be switched off.
FRAMEWORK = Framework(name="grpc")
