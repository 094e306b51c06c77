"""Connexion: the functions an OpenAPI document names are entry points, registered (and
reported) by the ``add_api`` call that reads the document."""
# pylint: disable=missing-function-docstring
import connexion

checks = []

app = connexion.FlaskApp(__name__, specification_dir="connexion_spec")
app.add_api("openapi.yaml")  # [request-mutates-module-state, request-mutates-module-state, in-memory-session-store]


def health():
    checks.append(1)  # [request-mutates-module-state]
    return "up"


def unused():
    checks.clear()  # in no operation: fine
