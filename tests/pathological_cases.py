"""Pathological programs, shared by ``test_robustness.py`` (does the plugin stay
correct and crash-free on them?) and ``benchmarks/pathological.py`` (how much time
does it add on them?).  Each builder returns source text, or writes files and
returns their paths.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

APP = """\
from fastapi import FastAPI

app = FastAPI()
registry = {}
"""

MUTATION_MARKER = "# MUTATION"


def route_with(body: str, *, prelude: str = "") -> str:
    """A module with ``registry`` and a route whose body is ``body`` (one indent level)."""
    return APP + prelude + '\n@app.get("/deep")\ndef route(key: str):\n    ' + body + "\n"


def chain(length: int, *, calls_per_step: int = 1, every_helper_mutates: bool = False) -> str:
    """A route calling helper 1, which calls helper 2 (``calls_per_step`` times), ...

    Helper ``length`` mutates ``registry`` (the line carries ``MUTATION_MARKER``); with
    ``every_helper_mutates`` helper ``i`` writes ``registry[key] = i`` as well."""
    lines = [APP]
    for index in range(1, length + 1):
        lines.append(f"def helper_{index}(key):")
        if every_helper_mutates and index < length:
            lines.append(f"    registry[key] = {index}")
        if index == length:
            lines.append(f"    registry[key] = {index}  {MUTATION_MARKER}")
        else:
            lines += [f"    helper_{index + 1}(key)"] * calls_per_step
    lines += ['@app.get("/chain")', "def route(key: str):", "    helper_1(key)", ""]
    return "\n".join(lines)


def mutation_line(code: str) -> int:
    return next(i for i, line in enumerate(code.splitlines(), 1) if MUTATION_MARKER in line)


def mutual_recursion(count: int, fan_out: int) -> str:
    """``count`` helpers, each mutating ``registry`` and calling the next ``fan_out``
    helpers (modulo ``count``, so every helper is on a cycle), called from a route."""
    lines = [APP]
    for index in range(count):
        lines += [f"def helper_{index}(key, depth=0):", f"    registry[key] = {index}"]
        for step in range(1, fan_out + 1):
            lines.append(f"    helper_{(index + step) % count}(key, depth + 1)")
    lines += ['@app.get("/rec")', "def route(key: str):", "    helper_0(key)", ""]
    return "\n".join(lines)


def many_functions(count: int) -> str:
    """``count`` functions in one module, every tenth a route, every seventh mutating."""
    lines = [APP]
    for index in range(count):
        if index % 10 == 0:
            lines.append(f'@app.get("/r{index}")')
        lines.append(f"def f_{index}(key: str = 'k'):")
        if index % 7 == 0:
            lines.append(f"    registry[key] = {index}")
        lines.append(f"    return f_{(index + 1) % count}(key)")
    return "\n".join(lines) + "\n"


def many_routes(count: int) -> str:
    """``count`` routes, each calling into the same chain of 20 helpers."""
    lines = [APP]
    for index in range(20):
        lines += [f"def helper_{index}(key):", f"    registry[key] = {index}"]
        if index < 19:
            lines.append(f"    helper_{index + 1}(key)")
    for index in range(count):
        lines += [f'@app.get("/r{index}")', f"def route_{index}(key: str):",
                  "    helper_0(key)", "    helper_10(key)"]
    return "\n".join(lines) + "\n"


# Route bodies with deeply nested or very long expressions.
DEEP = {
    # The CPython parser refuses more than 200 nested parentheses; 150 stays valid.
    "parentheses": "registry[key] = " + "(" * 150 + "key" + ")" * 150,
    "binops": "registry[key] = " + " + ".join(["key"] * 300),
    "nested_calls": "registry[key] = " + "str(" * 100 + "key" + ")" * 100,
    "nested_calls_value": "registry.setdefault(key, " + "dict(" * 100 + ")" * 100 + ")",
    "attribute_chain": "registry[key] = app" + ".router" * 300,
    "subscript_chain_target": "registry" + "[key]" * 300 + " = 1",
    "boolops": "registry[key] = " + " and ".join(["key"] * 300),
    "nested_lists": "registry[key] = " + "[" * 150 + "]" * 150,
    "nested_lambdas": "registry[key] = " + "lambda: " * 100 + "key",
    "nested_comprehension": "registry[key] = " + "[key for _ in " * 50 + "[1]" + "]" * 50,
    # Long expressions where source text is rendered (``as_string``): astroid's renderer
    # raises RecursionError on ~400-term operator chains and, on method chains longer
    # than ~165 links, retries at every level (exponential time).  pylint alone (same
    # options, without the plugin) handles each of these files in about a second.
    "method_chain_200_value": "registry[key] = key" + ".strip()" * 200,
    "method_chain_200_key": "registry[key" + ".strip()" * 200 + "] = 1",
    "method_chain_200_key_alias": "k2 = key" + ".strip()" * 200 + "\n    registry[k2] = 1",
    "method_chain_200_if_global": (
        "global registry\n    if key" + ".strip()" * 200 + ":\n        registry = {}"
    ),
    "method_chain_200_if_attribute": "if key" + ".strip()" * 200 + ":\n        service.attr = 1",
    "method_chain_200_app_object": "key" + ".strip()" * 200 + ".app[key] = 1",
    "binop_360_key": "registry[" + " + ".join(["key"] * 360) + "] = 1",
}
DEEP_PRELUDE = """
class Service:
    def __init__(self):
        self.attr = None

service = Service()
"""


def write(path: Path, code: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def write_cyclic_package(root: Path) -> tuple[Path, Path]:
    """Package ``cyclic`` whose modules ``a`` and ``b`` import each other's helpers and
    state (one through an alias re-exported in a cycle), and call each other."""
    write(root / "cyclic" / "__init__.py", "")
    mod_a = write(
        root / "cyclic" / "a.py",
        """\
        from fastapi import FastAPI
        from cyclic import b
        from cyclic.b import shared_b, alias_x

        app = FastAPI()
        state_a = {}
        alias_y = alias_x

        def helper_a(key, depth=0):
            state_a[key] = depth
            b.helper_b(key, depth + 1)
            shared_b.append(key)

        @app.get("/a")
        def route_a(key: str):
            state_a[key] = 0
            helper_a(key)
            b.helper_b(key)
            alias_y[key] = 1
        """,
    )
    mod_b = write(
        root / "cyclic" / "b.py",
        """\
        from fastapi import FastAPI
        from cyclic import a
        from cyclic.a import state_a, alias_y as alias_x

        app = FastAPI()
        shared_b = []

        def helper_b(key, depth=0):
            shared_b.append(key)
            a.helper_a(key, depth + 1)
            state_a.pop(key, None)

        @app.post("/b")
        def route_b(key: str):
            helper_b(key)
            a.helper_a(key)
            alias_x[key] = 2
        """,
    )
    return mod_a, mod_b



FLASK_APP = """\
from flask import Flask

app = Flask(__name__)
"""


def routes_over_states(routes: int, states: int = 1, *, module: int | None = None) -> str:
    """A Flask module of ``routes`` routes, route ``i`` writing ``STORE_{i % states}[key]``
    (issue 17: one state written by many entry points made the analysis quadratic).

    The states are the module's own, or with ``module`` set those of ``service.state``
    (:func:`write_routes_package`), and the routes' paths start with ``/m<module>``."""
    lines = [FLASK_APP]
    names = [f"STORE_{index}" for index in range(states)]
    if module is None:
        lines += [f"{name} = {{}}" for name in names]
    else:
        lines.append(f"from service.state import {', '.join(names)}")
    for index in range(routes):
        lines += [
            "",
            f'@app.route("/m{module or 0}/r{index}", methods=["POST"])',
            f"def route_{index}():",
            f'    STORE_{index % states}["k{index}"] = {index}',
            '    return "ok"',
        ]
    return "\n".join(lines) + "\n"


def write_routes_package(root: Path, modules: int, routes: int, states: int = 1) -> list[Path]:
    """Package ``service``: ``state.py`` defines the states, and ``modules`` modules of
    ``routes // modules`` routes each (:func:`routes_over_states`) write them."""
    write(root / "service" / "__init__.py", "")
    state = write(root / "service" / "state.py",
                  "".join(f"STORE_{index} = {{}}\n" for index in range(states)))
    return [state, *(
        write(root / "service" / f"m{index}.py",
              routes_over_states(routes // modules, states, module=index))
        for index in range(modules)
    )]
