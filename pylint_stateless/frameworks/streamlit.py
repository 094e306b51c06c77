"""Streamlit: the script runs anew for every session, on every interaction.

A module that imports Streamlit and calls it at its top level is a script (the app's
entry file, a page): its top level is an entry point, run once per session and rerun,
and its own globals are made anew on every run, so they are not state. The modules it
imports are imported once per process: their globals are shared by every session, and
so is what an ``@st.cache_resource`` function returns (``@st.cache_data`` returns a
copy). ``st.session_state`` is per session.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import ConventionEntry, Framework, Registration, Role

_PACKAGE = "streamlit"
_LABEL = "Streamlit script run"


def _script(module: nodes.Module) -> ConventionEntry | None:
    """A script: imports Streamlit and, at its top level, calls it, or calls a function
    of its own (``main()`` under ``if __name__ == "__main__":``), or defines nothing and
    runs calls (a page that hands everything to helpers: ``Workflow().show()``). A module
    of helpers that import Streamlit defines functions and calls none of them itself."""
    names = _streamlit_names(module)
    if not names:
        return None
    own = {node.name for node in module.body if isinstance(node, nodes.FunctionDef)}
    defines = bool(own) or any(isinstance(node, nodes.ClassDef) for node in module.body)
    for statement in module.body:
        if isinstance(statement, (nodes.FunctionDef, nodes.ClassDef, nodes.Import,
                                  nodes.ImportFrom)):
            continue
        for call in _calls(statement):
            qname = _qname(call.func, names)
            if qname is not None:
                return ConventionEntry(Role.ROUTE, _LABEL, evidence=qname)
            if not isinstance(call.parent, nodes.Expr):
                continue
            if not defines or (isinstance(call.func, nodes.Name) and call.func.name in own):
                return ConventionEntry(Role.ROUTE, _LABEL, evidence=_PACKAGE)
    return None


def _streamlit_names(module: nodes.Module) -> dict[str, str]:
    """The names the module's top-level imports bind to Streamlit, and what they are
    (``st`` -> ``streamlit``, ``title`` -> ``streamlit.title``)."""
    names: dict[str, str] = {}
    for node in module.body:
        if isinstance(node, nodes.ImportFrom) and not node.level:
            if node.modname.split(".", 1)[0] == _PACKAGE:
                for name, alias in node.names:
                    names[alias or name] = f"{node.modname}.{name}"
        elif isinstance(node, nodes.Import):
            for name, alias in node.names:
                if name.split(".", 1)[0] == _PACKAGE:
                    names[alias or name.split(".", 1)[0]] = name if alias else _PACKAGE
    return names


def _qname(func: nodes.NodeNG, names: dict[str, str]) -> str | None:
    """``streamlit.sidebar.title`` for ``st.sidebar.title``, from the module's imports."""
    parts: list[str] = []
    while isinstance(func, nodes.Attribute):
        parts.append(func.attrname)
        func = func.expr
    if not isinstance(func, nodes.Name) or func.name not in names:
        return None
    return ".".join((names[func.name], *reversed(parts)))


def _calls(statement: nodes.NodeNG) -> list[nodes.Call]:
    """The calls a top-level statement makes itself (not in functions it defines)."""
    found = []
    stack = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Call):
            found.append(node)
        stack.extend(child for child in node.get_children()
                     if not isinstance(child, (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)))
    return found


FRAMEWORK = Framework(
    name="streamlit",
    packages=frozenset({_PACKAGE}),
    module_convention=_script,
    # ``st.navigation([st.Page(render_home), ...])``: a page function runs like a script.
    registration_callables={
        "streamlit.Page": Registration(Role.ROUTE, 0, "page", label="Streamlit page"),
    },
    # One object per set of arguments, handed to every session; ``cache_data`` copies.
    shared_results=frozenset({"streamlit.cache_resource", "streamlit.experimental_singleton"}),
    remedy=(
        "Streamlit runs every session's script in one process: keep per-user data in "
        "st.session_state and shared data in a database or Redis"
    ),
)
