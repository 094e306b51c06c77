"""Serverless functions: AWS Lambda, Google Cloud Functions, Azure Functions.

The platform runs a function in containers it starts and stops at will: a warm container
serves many invocations, one after the other (or several at once), and the next
invocation may land in another container or a new one. Module-level state therefore
lives per warm container: a client or a model created at import time is the recommended
practice (a resource, reused while the container is warm), but data cached or counted
there is seen by that container only and lost when it is recycled.

Entry points: a module-level ``handler(event, context)`` or ``lambda_handler(event,
context)`` (Lambda's usual handler names; others are named by the
``stateless-serverless-handlers`` option, as Lambda's handler setting or a Cloud
Function's entry point names them), the routes of a Powertools resolver,
``@functions_framework.http``/``cloud_event``/``typed``, and the triggers of an Azure
``FunctionApp`` or ``Blueprint`` (``main`` in a function folder before the v2 model).
"""

from __future__ import annotations

import re

from astroid import nodes

from pylint_stateless.frameworks.base import HTTP_VERBS, ConventionEntry, Framework, Role

_LAMBDA_NAMES = frozenset({"handler", "lambda_handler"})
_EVENT_PARAM = re.compile(r"^_*(event|evt)s?$")
_CONTEXT_PARAM = re.compile(r"^_*(context|ctx|lambda_context)?$")
_LAMBDA = ConventionEntry(Role.ROUTE, "Lambda handler")
_AZURE_V1 = ConventionEntry(Role.ROUTE, "Azure function")

# Azure Functions (v2 programming model, and Durable Functions): the decorators that bind
# a function to its trigger. Input and output bindings are stacked beside them.
_AZURE_TRIGGERS = (
    "activity_trigger", "assistant_skill_trigger", "blob_trigger", "connector_trigger",
    "cosmos_db_trigger", "cosmos_db_trigger_v3", "dapr_binding_trigger",
    "dapr_service_invocation_trigger", "dapr_topic_trigger", "entity_trigger",
    "event_grid_trigger", "event_hub_message_trigger", "generic_trigger", "kafka_trigger",
    "mcp_prompt_trigger", "mcp_resource_trigger", "mcp_tool_trigger", "mysql_trigger",
    "orchestration_trigger", "queue_trigger", "service_bus_queue_trigger",
    "service_bus_topic_trigger", "sql_trigger", "timer_trigger",
)
_AZURE_APPS = (
    "azure.functions.FunctionApp", "azure.functions.Blueprint",
    "azure.functions.decorators.function_app.FunctionApp",
    "azure.functions.decorators.function_app.Blueprint",
    "azure.functions.decorators.function_app.FunctionRegister",
    "azure.functions.decorators.function_app.TriggerApi",
    "azure.durable_functions.DFApp", "azure.durable_functions.Blueprint",
    "azure.durable_functions.decorators.durable_app.DFApp",
    "azure.durable_functions.decorators.durable_app.Blueprint",
)
# AWS Lambda Powertools' event handler: ``app = APIGatewayRestResolver()``,
# ``@app.get("/todos")``, and the handler returns ``app.resolve(event, context)``.
_POWERTOOLS = "aws_lambda_powertools.event_handler"
_POWERTOOLS_APPS = (
    *(f"{_POWERTOOLS}.{name}" for name in (
        "APIGatewayRestResolver", "APIGatewayHttpResolver", "ALBResolver",
        "LambdaFunctionUrlResolver", "VPCLatticeResolver", "VPCLatticeV2Resolver",
        "BedrockAgentResolver", "ApiGatewayResolver", "AppSyncResolver",
        "api_gateway.BaseRouter", "api_gateway.Router", "router.APIGatewayRouter",
        "router.APIGatewayHttpRouter", "router.ALBRouter", "router.LambdaFunctionUrlRouter",
        "appsync.Router", "appsync.AppSyncResolver",
    )),
)
_GCF = {
    "http": "HTTP Cloud Function",
    "cloud_event": "CloudEvent Cloud Function",
    "typed": "typed Cloud Function",
}


def _conventions(func: nodes.FunctionDef) -> ConventionEntry | None:
    """A Lambda handler by its usual name and parameters, or an Azure function's ``main``
    taking the trigger's object (the v1 programming model, with ``function.json``)."""
    if not isinstance(func.parent, nodes.Module):
        return None
    params = [p.name for p in (*func.args.posonlyargs, *func.args.args)]
    if func.name in _LAMBDA_NAMES:
        if (len(params) == 2 and _EVENT_PARAM.match(params[0])
                and _CONTEXT_PARAM.match(params[1])):
            return _LAMBDA
        return None
    if func.name == "main" and params and _takes_azure_objects(func):
        return _AZURE_V1
    return None


def _takes_azure_objects(func: nodes.FunctionDef) -> bool:
    """``def main(req: func.HttpRequest)`` after ``import azure.functions as func``."""
    aliases = _azure_aliases(func.root())
    if not aliases:
        return False
    for annotation in func.args.annotations:
        if isinstance(annotation, nodes.Attribute) and isinstance(annotation.expr, nodes.Name):
            if annotation.expr.name in aliases:
                return True
        elif isinstance(annotation, nodes.Name) and f"{annotation.name}()" in aliases:
            return True
    return False


def _azure_aliases(module: nodes.Module) -> frozenset[str]:
    """Names of ``azure.functions`` in ``module``: its alias, and ``Name()`` for each name
    imported from it."""
    names: set[str] = set()
    for node in module.body:
        if isinstance(node, nodes.Import):
            names.update(alias for name, alias in node.names
                         if name == "azure.functions" and alias)
        elif isinstance(node, nodes.ImportFrom) and node.modname == "azure.functions":
            names.update(f"{alias or name}()" for name, alias in node.names)
    return frozenset(names)


def _label(name: str, call: nodes.Call | None) -> str:
    """``HTTP Cloud Function``, ``Azure Functions route orders``, ``Azure Functions queue
    trigger``, ``GET /todos`` (Powertools)."""
    if name in _GCF:
        return _GCF[name]
    first = _argument(call, 0)
    if name == "warm_up_trigger":
        return ""
    if name in HTTP_VERBS:
        return f"{name.upper()} {first}" if first else name.upper()
    if name == "function_name":
        named = _argument(call, 0, "name")
        return f"Azure function {named}" if named else "Azure function"
    if name == "route":
        path = _argument(call, 0, "route") or _argument(call, 0, "rule")
        return f"Azure Functions route {path}" if path else "route"
    if name == "schedule":
        return "Azure Functions timer trigger"
    if name.endswith("_trigger"):
        kind = name.removesuffix("_trigger").replace("_", " ")
        return f"Azure Functions {kind} trigger"
    if name == "resolver":
        field = _argument(call, 1, "field_name")
        return f"AppSync resolver {field}" if field else "AppSync resolver"
    return "error handler" if name in {"exception_handler", "not_found"} else name


def _argument(call: nodes.Call | None, position: int, keyword: str = "") -> str:
    """A string argument of a decorator's call, by keyword or position."""
    if call is None:
        return ""
    for kw in call.keywords or ():
        if kw.arg == keyword and isinstance(kw.value, nodes.Const):
            return str(kw.value.value)
    if len(call.args) > position and isinstance(call.args[position], nodes.Const):
        return str(call.args[position].value)
    return ""


FRAMEWORK = Framework(
    name="serverless",
    aliases=(
        "lambda",
        "aws-lambda",
        "aws_lambda_powertools",
        "functions_framework",
        "functions-framework",
        "azure-functions",
        "azure_functions",
    ),
    packages=frozenset({"functions_framework", "azure", "aws_lambda_powertools"}),
    app_classes=frozenset({*_AZURE_APPS, *_POWERTOOLS_APPS}),
    decorator_methods={
        **dict.fromkeys(_AZURE_TRIGGERS, Role.ROUTE),
        "route": Role.ROUTE,
        "schedule": Role.ROUTE,
        "function_name": Role.ROUTE,
        "mcp_tool": Role.ROUTE,
        # Runs when the platform adds an instance: start-up code.
        "warm_up_trigger": Role.STARTUP,
        # Powertools
        **dict.fromkeys(HTTP_VERBS, Role.ROUTE),
        "resolver": Role.ROUTE,
        "exception_handler": Role.ERROR_HANDLER,
        "not_found": Role.ERROR_HANDLER,
    },
    bare_decorator_methods={"not_found": Role.ERROR_HANDLER},
    decorator_functions={
        "functions_framework.http": Role.ROUTE,
        "functions_framework.cloud_event": Role.ROUTE,
        "functions_framework.typed": Role.ROUTE,
    },
    function_convention=_conventions,
    configured_handler=ConventionEntry(Role.ROUTE, "serverless handler"),
    event_label=_label,
    remedy=(
        "Each warm container of the function is such a process, reused for an unknown "
        "number of invocations: keep the data in a cache or store outside the function "
        "(Redis, DynamoDB, Firestore)"
    ),
)
