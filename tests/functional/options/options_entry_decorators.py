"""In-house route decorators declared with stateless-entry-decorators."""
# pylint: disable=missing-function-docstring
import options_web

hits = []


@options_web.endpoint("/x")
def declared(uid):
    hits.append(uid)  # [request-mutates-module-state]


@options_web.other("/y")
def undeclared(uid):
    hits.append(uid)
