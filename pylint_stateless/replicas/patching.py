"""Replace framework attributes while replication is on, and put them back afterwards.

The frameworks are not imported to be patched: a module already imported is patched at
once, and one imported later is patched as soon as its body has run, by a finder placed
first on ``sys.meta_path`` that wraps the loader of the few module names it waits for.
Everything is undone at the end of the pytest run (which matters when the run is itself
inside a test, as with ``pytester``).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

ModulePatch = Callable[[types.ModuleType], None]


class Patcher:
    """Set attributes of classes and modules, remembering the originals."""

    def __init__(self) -> None:
        self._undo: list[tuple[object, str, object, bool]] = []

    def replace(self, owner: object, name: str, value: object) -> object:
        """Set ``owner.name = value``; return the original (from ``owner``'s own dict,
        so a class's inherited attribute is not copied onto it)."""
        own = vars(owner)
        had = name in own
        original = own.get(name)
        self._undo.append((owner, name, original, had))
        setattr(owner, name, value)
        return original if had else getattr(owner, name)

    def undo(self) -> None:
        while self._undo:
            owner, name, original, had = self._undo.pop()
            if had:
                setattr(owner, name, original)
            else:
                delattr(owner, name)


class _PatchingLoader(importlib.abc.Loader):
    """The real loader, then the patch."""

    def __init__(self, loader: Any, patch: ModulePatch) -> None:
        self._loader = loader
        self._patch = patch

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        """The module, made by the wrapped loader."""
        module: types.ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, resource readers...
        return getattr(self._loader, name)


class ImportPatches(importlib.abc.MetaPathFinder):
    """Patches keyed by module name, applied once per module object."""

    def __init__(self, patches: dict[str, Sequence[ModulePatch]]) -> None:
        self._patches = patches
        self._done: set[int] = set()

    def install(self) -> None:
        sys.meta_path.insert(0, self)
        for name in self._patches:
            module = sys.modules.get(name)
            if module is not None:
                self._apply(name, module)

    def uninstall(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        """The spec of a module to patch once imported, with the loader wrapped."""
        if fullname not in self._patches:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _PatchingLoader(spec.loader, lambda m: self._apply(fullname, m))
        return spec

    def _apply(self, name: str, module: types.ModuleType) -> None:
        if id(module) in self._done:
            return
        self._done.add(id(module))
        for patch in self._patches[name]:
            patch(module)
