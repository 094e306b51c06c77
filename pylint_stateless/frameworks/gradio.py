"""Gradio: event listeners of components and ``Blocks``, ``Interface`` and ``ChatInterface``.

The user interface is built once, when the module runs (``with gr.Blocks() as demo:``);
every listener then serves the events of every session. What the listener receives is
per session (the values of its input components, a ``gr.State``'s value, the
``gr.Request``); module globals and the objects made while building are shared by
every session of the process, and by none of another replica.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import Framework, Registration, Role

# ``component.<event>(fn, inputs, outputs)`` (also as a decorator), and what the
# ``Dependency`` a listener returns chains: ``.then(fn)``, ``.success(fn)``, ``.failure(fn)``.
_EVENTS = (
    "apply", "blur", "change", "clear", "click", "collapse", "copy", "delete", "double_click",
    "download", "edit", "end", "example_select", "expand", "focus", "input", "key_up", "like",
    "load", "option_select", "pause", "pause_recording", "play", "release", "retry", "select",
    "start_recording", "stop", "stop_recording", "stream", "submit", "tick", "undo", "upload",
    "unload",
)
_CHAINED = ("then", "success", "failure")
_FN = "fn"


def _label(name: str, _call: nodes.Call | None) -> str:
    """``Gradio .click() listener``, ``Gradio gr.on() listener``, ``Gradio gr.render()``."""
    if name == "render":
        return "Gradio gr.render() function"
    if name in {"on", "api"}:
        return f"Gradio gr.{name}() listener"
    return f"Gradio .{name}() listener"


def _listener(name: str) -> Registration:
    return Registration(Role.ROUTE, 0, _FN, label=_label(name, None))


FRAMEWORK = Framework(
    name="gradio",
    packages=frozenset({"gradio"}),
    app_classes=frozenset({"gradio.Blocks", "gradio.blocks.Blocks"}),
    # Every component, ``Blocks`` and ``Timer`` has the event methods.
    package_receivers=True,
    registration_methods={name: _listener(name) for name in (*_EVENTS, *_CHAINED)},
    # ``@btn.click(inputs=..., outputs=...)`` above the function.
    decorator_methods=dict.fromkeys(_EVENTS, Role.ROUTE),
    registration_callables={
        **dict.fromkeys(
            ("gradio.Interface", "gradio.interface.Interface"),
            Registration(Role.ROUTE, 0, _FN, label="Gradio Interface"),
        ),
        **dict.fromkeys(
            ("gradio.ChatInterface", "gradio.chat_interface.ChatInterface"),
            Registration(Role.ROUTE, 0, _FN, label="Gradio ChatInterface"),
        ),
        # ``gr.on(triggers=[...], fn=...)``
        **dict.fromkeys(("gradio.on", "gradio.events.on"), Registration(
            Role.ROUTE, 1, _FN, label=_label("on", None))),
        **dict.fromkeys(("gradio.api", "gradio.events.api"), Registration(
            Role.ROUTE, 0, _FN, label=_label("api", None))),
    },
    decorator_functions={
        **dict.fromkeys(("gradio.on", "gradio.events.on", "gradio.api", "gradio.events.api",
                         "gradio.render", "gradio.renderable.render"), Role.ROUTE),
    },
    event_label=_label,
    # ``request.session_hash``: a container keyed by it holds per-session data.
    session_keys=(r"session_hash",),
    remedy=(
        "Gradio serves every session from the objects of one process: keep per-session "
        "values in gr.State and shared data in a database or Redis"
    ),
)
