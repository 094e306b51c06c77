"""What the analysis keeps between linted modules, and between runs of one process.

One :data:`SESSION` per process owns all of it, with a single :meth:`Session.reset`:

- **summaries** of helpers (:class:`.model.Summary`) shared by the walks of every module
  of a run. A helper in a shared module (``services/users.py``) is reached from many
  handler modules; without sharing, each of them walks it again. Only *portable*
  summaries are shared: computed without reading the linted module (no import of it, no
  setup of the application object in it, no bindings to its objects) and without being
  cut by a recursion into a function higher up the stack. A portable summary is what any
  walk would compute, so sharing it cannot change a message, and ``-j 1`` and ``-j 2``
  agree;
- pure functions of the trees, for one run: the statements of a function body, and
  astroid's lookup of a global read (:mod:`.names`);
- the **trees** of project modules read for the plugin (:class:`Trees`), and the
  summaries computed from them, kept for the next run of the same process when it lints
  one file from an editor (``--from-stdin``: a language server runs pylint in-process
  on every save), as long as no file they were read from has changed;
- the batch of summaries read from and written to disk for the next *process* that lints
  the same file (:mod:`.persist`, an optional codec imported by such runs only).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from astroid import nodes

from pylint_stateless.analysis import astutil, outline
from pylint_stateless.analysis.model import Env, FunctionKey, Summary
from pylint_stateless.analysis.names import GlobalKey, Lookup

if TYPE_CHECKING:
    from pylint_stateless.analysis.persist import Batch

# A kept tree costs about half a megabyte (privacyidea: 60 modules for its largest
# handler module, +33 MB in the editor's process); the least recently read go first.
MAX_TREES = 256
TruncatedKey = tuple[nodes.FunctionDef, Env, int]


class Trees:
    """Trees of project modules kept between runs, keyed by path and checked against the
    file's size and modification time (astroid's cache is cleared after each run)."""

    def __init__(self) -> None:
        self._trees: OrderedDict[str, tuple[tuple[int, int], nodes.Module]] = OrderedDict()

    def tree(
        self, path: str, modname: str, built: nodes.Module | None = None
    ) -> nodes.Module | None:
        """The tree of the module in ``path``: the one kept, if the file has not changed
        since; else ``built`` (astroid's tree of it, from this run), kept from now on; else
        an outline built for the plugin only (:mod:`.outline`). None on failure."""
        stamp = astutil.file_stamp(path)
        if stamp is None:
            return None
        cached = self._trees.get(path)
        if cached is not None and cached[0] == stamp and cached[1].name == modname:
            self._trees.move_to_end(path)
            return cached[1]
        module = built if built is not None else outline.build(path, modname)
        if module is None:
            return None
        self._trees[path] = (stamp, module)
        while len(self._trees) > MAX_TREES:
            self._trees.popitem(last=False)
        return module

    def holds(self, module: nodes.Module) -> bool:
        """Whether ``module`` is the tree kept for its file."""
        kept = self._trees.get(module.file or "")
        return kept is not None and kept[1] is module

    def names(self) -> set[str]:
        return {tree.name for _stamp, tree in self._trees.values()}

    def paths(self) -> set[str]:
        return set(self._trees)

    def clear(self) -> None:
        self._trees.clear()


class Session:  # pylint: disable=too-many-instance-attributes
    """Everything kept between modules and runs (see the module's docstring)."""

    def __init__(self) -> None:
        self.trees = Trees()
        self.complete: dict[FunctionKey, Summary] = {}
        self.truncated: dict[TruncatedKey, Summary] = {}
        self.bodies: dict[nodes.FunctionDef, tuple[list[nodes.NodeNG], frozenset[str]]] = {}
        self.lookups: dict[GlobalKey, Lookup] = {}
        self.settings: object = None  # what the kept summaries were computed with
        self.files: dict[str, tuple[int, int] | None] = {}  # files they read, as they were
        self.plugin_digest = ""  # the plugin's sources, for the disk batches' header
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        # Summaries on disk: the batch read and written, the batch files read into it,
        # and the summaries of this session already in it.
        self.disk: Batch | None = None
        self.disk_read: set[str] = set()
        self.persisted: set[FunctionKey | TruncatedKey] = set()

    def reset(self) -> None:
        """Forget everything, as a new process would."""
        self.clear()
        self.trees.clear()
        self.bodies.clear()
        self.lookups.clear()
        self.settings = None
        self.plugin_digest = ""

    def interned(self, modules: frozenset[str]) -> frozenset[str]:
        """One object per distinct set of module names (most summaries share a few)."""
        return self._sets.setdefault(modules, modules)

    def begin(self, settings: object, keep: bool) -> None:
        """A run starts with ``settings`` (anything that changes a summary)."""
        if not (keep and settings == self.settings and self._files_unchanged()):
            self.clear()
        self.settings = settings
        self.bodies.clear()
        self.lookups.clear()

    def end(self, keep: bool, read: set[str], linted: set[str]) -> None:
        """A run ended: keep the summaries of functions in kept trees, and the state of the
        files the run read (but not of those it linted, whose buffers are not on disk),
        or drop every summary and tree."""
        self.bodies.clear()
        self.lookups.clear()
        if not keep:
            self.clear()
            # Let the trees go with astroid's: kept until the process exits, they would
            # be freed by the interpreter's shutdown, the slowest time to free them.
            self.trees.clear()
            return
        # Summaries that read astroid's trees, which the next run builds anew, go.
        kept = self.trees.names()
        for key in [k for k, summary in self.complete.items() if not self._keeps(k, summary, kept)]:
            del self.complete[key]
        for key3 in [k for k, summary in self.truncated.items()
                     if not self._keeps(k, summary, kept)]:
            del self.truncated[key3]
        self.persisted &= {*self.complete, *self.truncated}
        self.files = {path: astutil.file_stamp(path) for path in read - linted}

    def _keeps(self, key: FunctionKey | TruncatedKey, summary: Summary, kept: set[str]) -> bool:
        return self.trees.holds(key[0].root()) and summary.modules <= kept

    def drop_reading(self, path: str | None) -> None:
        """The run lints ``path`` from a buffer: summaries that read it from disk go."""
        if path and path in self.files:
            self.clear()

    def clear(self) -> None:
        """Drop the summaries (the trees stay while their files are unchanged)."""
        self.complete.clear()
        self.truncated.clear()
        self._sets.clear()
        self.files = {}
        self.disk = None
        self.disk_read.clear()
        self.persisted.clear()

    def _files_unchanged(self) -> bool:
        return all(astutil.file_stamp(path) == kept for path, kept in self.files.items())

    # -- on disk ---------------------------------------------------------------------------

    def read_disk(self, linted: str, header: dict[str, Any]) -> None:
        """Take the summaries stored by earlier runs on ``linted``."""
        from pylint_stateless.analysis import persist  # pylint: disable=import-outside-toplevel

        if self.disk is not None and linted in self.disk.files:
            self.disk = None  # they read from disk the file now linted from a buffer
            self.disk_read.clear()
        if self.disk is None:
            self.disk = persist.Batch()
        path = persist.batch_file(linted, header)
        if path in self.disk_read:
            return
        self.disk_read.add(path)
        batch = persist.Batch.load(path, header)
        if batch is None or linted in batch.files:
            return
        if not self.disk.summaries:
            self.disk = batch
        else:
            self.disk.merge(batch)

    def from_disk(
        self, func: nodes.FunctionDef, env: Env, budget: int | None, setup: str
    ) -> Summary | None:
        """The summary stored for ``func`` with ``env`` (``budget``: cut short at it): a
        portable one, or one local to the linted module whose application setup is
        ``setup``. A portable one joins the session's summaries."""
        if self.disk is None or not (self.disk.summaries or self.disk.local):
            return None
        from pylint_stateless.analysis import persist  # pylint: disable=import-outside-toplevel

        key = persist.summary_key(func, env, budget)
        if key is None:
            return None
        try:
            summary = self.disk.get(key, setup)
        except (LookupError, TypeError, ValueError):
            # A damaged batch: walk instead, and store a new one at the end of the run.
            self.disk = persist.Batch()
            return None
        if summary is None:
            return None
        summary = replace(summary, modules=self.interned(summary.modules))
        if summary.portable:
            if budget is None:
                self.complete[(func, env)] = summary
                self.persisted.add((func, env))
            else:
                self.truncated[(func, env, budget)] = summary
                self.persisted.add((func, env, budget))
        return summary

    def write_disk(self, local: dict[tuple, Summary], setup: str) -> None:  # type: ignore[type-arg]
        """Store the portable summaries computed since the last call, and ``local`` ones
        (of the linted module, whose application setup is ``setup``)."""
        if self.disk is None:
            return
        from pylint_stateless.analysis import persist  # pylint: disable=import-outside-toplevel

        tables: list[tuple[FunctionKey | TruncatedKey, Summary]] = [
            *self.complete.items(), *self.truncated.items()
        ]
        for table_key, summary in tables:
            if table_key in self.persisted:
                continue
            self.persisted.add(table_key)
            key = persist.summary_key(*_split(table_key))
            if key is not None:
                self.disk.add(key, summary)
        for table_key, summary in local.items():
            key = persist.summary_key(*_split(table_key))
            if key is not None and summary.local:
                self.disk.add(key, summary, setup=setup)
        self.disk.forget_objects()

    def unsaved(self) -> bool:
        """Whether the batch read from disk has summaries it did not have."""
        return self.disk is not None and self.disk.changed

    def save_disk(self, linted: str, header: dict[str, Any], read: set[str]) -> None:
        """Write the batch for the next run on ``linted``, if it has anything new."""
        if self.disk is None or not self.unsaved():
            return
        from pylint_stateless.analysis import persist  # pylint: disable=import-outside-toplevel

        for path in read - {linted}:
            stamp = astutil.file_stamp(path)
            self.disk.files[path] = list(stamp) if stamp is not None else None
        self.disk.dump(persist.batch_file(linted, header), header)


def _split(table_key: tuple) -> tuple[nodes.FunctionDef, Env, int | None]:  # type: ignore[type-arg]
    return table_key[0], table_key[1], table_key[2] if len(table_key) > 2 else None


SESSION = Session()
