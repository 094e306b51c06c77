"""Azure Functions before the v2 model: ``main`` in a function folder, with function.json."""
# pylint: disable=missing-function-docstring
import azure.functions as func

names = []


def main(req: func.HttpRequest) -> func.HttpResponse:
    names.append(req.params.get("name"))  # [request-mutates-module-state]
    return func.HttpResponse("ok")


def helper(value):
    names.append(value)
