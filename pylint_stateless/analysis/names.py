"""astroid's scope lookup of a name, asked once per name node, or once per run for a
global read in a function or class body.

Half the names a walk reads are answered without astroid: a local with one binding
that surely comes first (:func:`local_lookup`); a global read in a top-level function
or class is answered once per module and name for the whole run
(:func:`global_lookup_key`, kept by :class:`.session.Session`).
"""

from __future__ import annotations

from astroid import nodes

Lookup = tuple[nodes.NodeNG | None, list[nodes.NodeNG]]
GlobalKey = tuple[nodes.Module, str]


class Names:
    """The lookups of one linted module's analysis; global reads shared by the run."""

    def __init__(self, global_lookups: dict[GlobalKey, Lookup]) -> None:
        self._lookups: dict[nodes.NodeNG, Lookup] = {}
        self._global_lookups = global_lookups

    def lookup(self, name: nodes.Name | nodes.AssignName) -> Lookup:
        """astroid's scope lookup of ``name``: (scope, bindings)."""
        cached = self._lookups.get(name)
        if cached is None:
            key = global_lookup_key(name)
            cached = self._global_lookups.get(key) if key is not None else local_lookup(name)
            if cached is None:
                try:
                    scope, bindings = name.lookup(name.name)
                    cached = (scope, list(bindings))
                except Exception:  # pylint: disable=broad-exception-caught
                    cached = (None, [])
                if key is not None:
                    self._global_lookups[key] = cached
            self._lookups[name] = cached
        return cached


def global_lookup_key(name: nodes.Name | nodes.AssignName) -> GlobalKey | None:
    """(module, name) when astroid's lookup of ``name`` gives what it gives for any other
    read of the same global in a function or class body; None otherwise.

    That is a name read in the body of a function defined at the top of its module (or
    a method of a class defined there), or in the body of a class defined there, not
    bound in that function or class: astroid then looks it up among the module's
    bindings with no filter that depends on where the read is (no line cut across
    frames; no ``if``/``try`` branch holds the function or class).
    """
    if not isinstance(name, nodes.Name):
        return None
    func = name.scope()
    if not isinstance(func, (nodes.FunctionDef, nodes.ClassDef)) or name.name in func.locals:
        return None
    owner = func.parent
    if isinstance(owner, nodes.ClassDef) and isinstance(func, nodes.FunctionDef):
        owner = owner.parent
    if not isinstance(owner, nodes.Module) or name.statement() is func:
        return None  # nested, or a decorator, default or annotation of ``func``
    if any(binding.frame() is not owner for binding in owner.locals.get(name.name, ())):
        return None  # also bound by a function (``global``): depends on the branches
    if name.name in owner.scope_attrs and name.name not in owner.locals:
        return None  # ``__name__``, ``__file__``: astroid makes a new node per lookup
    return (owner, name.name)


def local_lookup(name: nodes.Name | nodes.AssignName) -> Lookup | None:
    """What astroid's lookup gives a read of a local with one binding that surely comes
    first: a parameter, or a plain ``name = ...`` statement of the function's own body
    (not in a branch, loop or ``try``) on a line before the statement of the read; None
    otherwise (astroid's lookup is then asked).

    Half the names a walk reads are such locals; astroid's flow filtering keeps a single
    binding that always runs before the read, so the answer is that binding.
    """
    if not isinstance(name, nodes.Name):
        return None
    func = name.scope()
    if not isinstance(func, nodes.FunctionDef):
        return None
    bindings = func.locals.get(name.name)
    if bindings is None or len(bindings) != 1:
        return None
    binding = bindings[0]
    if not isinstance(binding, nodes.AssignName):
        return None
    statement = name.statement()
    if statement is func:
        return None  # a decorator, default or annotation: looked up outside ``func``
    if binding.parent is func.args:
        return (func, [binding])
    if not isinstance(binding.parent, nodes.Assign) or binding.parent.parent is not func:
        return None
    # ``lineno``: what astroid compares, ``fromlineno``, is the same for these statements
    # but a cached property, which gives each node it is read on a ``__dict__`` to keep.
    if statement.lineno <= binding.parent.lineno:
        return None  # astroid cuts bindings on lines after the read's statement
    return (func, [binding])
