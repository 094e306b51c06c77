"""Imported by pylint's --init-hook in test_fallback: make every web framework unimportable.

astroid then cannot infer anything from the frameworks, as on a machine where they
are not installed, while pylint and the plugin keep working. The packages blocked are
those the framework modules declare.
"""

from __future__ import annotations

from astroid.exceptions import AstroidImportError
from astroid.manager import AstroidManager

from pylint_stateless.frameworks import FRAMEWORKS

BLOCKED = frozenset(package for fw in FRAMEWORKS for package in fw.packages)
_original_build = AstroidManager.ast_from_module_name
_original_find = AstroidManager.file_from_module_name


def _check(modname):
    if modname and modname.split(".", 1)[0] in BLOCKED:
        raise AstroidImportError(f"{modname} is blocked for this test")


def _blocked_build(self, modname, *args, **kwargs):
    _check(modname)
    return _original_build(self, modname, *args, **kwargs)


def _blocked_find(self, modname, *args, **kwargs):
    _check(modname)
    return _original_find(self, modname, *args, **kwargs)


AstroidManager.ast_from_module_name = _blocked_build
AstroidManager.file_from_module_name = _blocked_find
