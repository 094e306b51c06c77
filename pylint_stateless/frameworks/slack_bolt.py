"""Slack Bolt: listeners of a Bolt ``App`` or ``AsyncApp``, and of an ``Assistant``.

Each event, command, action, shortcut, view submission or message is handled by a
listener in whichever process received it (HTTP mode behind a load balancer, or Socket
Mode with several instances): ``ack``, ``say``, ``respond``, ``body`` and ``context`` are
per request; the app, its ``client`` and the module's state are shared by every request
of the process, and not seen by the app's other processes.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import Framework, Registration, Role

_LISTENERS = {
    "event": "event", "command": "command", "message": "message", "action": "action",
    "block_action": "action", "attachment_action": "action", "shortcut": "shortcut",
    "global_shortcut": "shortcut", "message_shortcut": "shortcut", "view": "view",
    "view_submission": "view", "view_closed": "view", "options": "options",
    "block_suggestion": "options", "dialog_suggestion": "options",
    "dialog_submission": "dialog", "dialog_cancellation": "dialog", "function": "function",
    "step": "workflow step",
}
# ``assistant = Assistant()``: the listeners of an AI assistant's threads.
_ASSISTANT = (
    "thread_started", "user_message", "bot_message", "thread_context_changed",
)
_MIDDLEWARE = ("use", "middleware")


def _label(name: str, call: nodes.Call | None) -> str:
    """``Slack event app_mention``, ``Slack command /ticket``, ``Slack middleware``."""
    if name in _MIDDLEWARE:
        return "Slack middleware"
    if name == "error":
        return "error handler"
    if name in _ASSISTANT:
        return f"Slack assistant {name}"
    kind = _LISTENERS.get(name, name)
    first = call.args[0] if call is not None and call.args else None
    if isinstance(first, nodes.Const) and isinstance(first.value, str) and first.value:
        return f"Slack {kind} {first.value}"
    return f"Slack {kind}"


FRAMEWORK = Framework(
    name="slack_bolt",
    aliases=("slack-bolt", "bolt"),
    packages=frozenset({"slack_bolt", "slack_sdk"}),
    app_classes=frozenset(
        {
            "slack_bolt.App", "slack_bolt.app.App", "slack_bolt.app.app.App",
            "slack_bolt.async_app.AsyncApp", "slack_bolt.app.async_app.AsyncApp",
            "slack_bolt.Assistant", "slack_bolt.middleware.assistant.Assistant",
            "slack_bolt.middleware.assistant.assistant.Assistant",
            "slack_bolt.middleware.assistant.AsyncAssistant",
            "slack_bolt.middleware.assistant.async_assistant.AsyncAssistant",
        }
    ),
    decorator_methods={
        **dict.fromkeys(_LISTENERS, Role.ROUTE),
        **dict.fromkeys(_ASSISTANT, Role.ROUTE),
    },
    bare_decorator_methods={
        **dict.fromkeys(_ASSISTANT, Role.ROUTE),
        **dict.fromkeys(_MIDDLEWARE, Role.MIDDLEWARE),
        "error": Role.ERROR_HANDLER,
    },
    # ``app.use(fn)``; ``error`` and ``middleware`` are their decorators' names too, but
    # as calls (``logger.error(...)``) they would make every log call a candidate.
    registration_methods={"use": Registration(Role.MIDDLEWARE, 0)},
    # Lazy listeners, for FaaS: ``app.command("/x")(ack=acknowledge, lazy=[run_task])``.
    listener_keywords=frozenset({"ack", "lazy"}),
    event_label=_label,
    resource_types=frozenset(
        {"slack_sdk.web.client.WebClient", "slack_sdk.web.async_client.AsyncWebClient",
         "slack_sdk.WebClient", "slack_sdk.web.WebClient"}
    ),
    resource_calls=frozenset(
        {"slack_sdk.WebClient", "slack_sdk.web.WebClient",
         "slack_sdk.web.async_client.AsyncWebClient"}
    ),
)
