"""Timers around the plugin's ``register`` and its checker's hooks, in a benchmark child.

Used by ``sitecustomize.py`` here (fresh processes) and by the warm editor runner of
``benchmarks/run.py``. The hooks' time includes the astroid work the plugin asks for
(lookups, the modules it builds).
"""

import time


def time_plugin(times: dict) -> None:
    """Import the plugin and wrap ``register`` and every hook of its checker: their time
    adds up in ``times["register"]`` and ``times["hooks"]``."""
    # pylint: disable=import-outside-toplevel
    import pylint_stateless
    import pylint_stateless.checker as checker

    def timed(function, key):
        def wrapper(*args):
            start = time.perf_counter()
            try:
                return function(*args)
            finally:
                times[key] += time.perf_counter() - start

        wrapper.__name__ = function.__name__
        wrapper.__dict__.update(function.__dict__)  # ``checks_msgs`` of pylint's decorator
        return wrapper

    times.setdefault("register", 0.0)
    times.setdefault("hooks", 0.0)
    pylint_stateless.register = timed(pylint_stateless.register, "register")
    hooks = checker.StatelessChecker
    for name in [n for n in vars(hooks)
                 if n.startswith(("visit_", "leave_")) or n in ("open", "close")]:
        setattr(hooks, name, timed(getattr(hooks, name), "hooks"))
