"""Helper summaries kept on disk for the next process that lints the same file.

A language server runs pylint in-process on every save and keeps what the plugin read
(:class:`.session.Session`); an integration that starts pylint for
each lint (vim's ALE, a pre-commit hook, ``pylint --from-stdin`` from a script) would pay
on every run what the server pays once: reading the modules the handlers' helpers live
in and walking the helpers. So a run on one file from an editor (``--from-stdin``) writes
the portable summaries it holds to ``<PYLINTHOME>/stateless/`` (pylint's own cache
directory), and the next process that lints the same file reads them instead of
walking, and of reading the modules the walk would enter. ``--persistent=n`` turns
this off, as it turns off pylint's own statistics.

No node is stored: a summary is stored as what the checker asks of it (which state is
mutated, how, through which calls, the few facts about the expressions involved:
:class:`.model.Facts`), the states, mutations, call paths and hits in tables shared by
every summary of the file. A summary is found again by the function's module, line,
column and name and by what its caller bound to its parameters.

A stored batch is used only when everything that could change a summary is as it was:
the format, the versions of the plugin (and the stamps of its sources), pylint, astroid
and Python; the settings (as for the in-memory store); the size and modification time of
every project file the run read (but not of the file linted, whose summaries are never
portable); and the directories of ``sys.path`` (an installed or removed library changes
them). Anything else (an unreadable or malformed file, a disk that refuses the write) is
treated as no batch: the run walks as if there were none. Files are replaced atomically,
so concurrent runs leave one whole batch.

What is not noticed, as by the trees and summaries a language server keeps in memory
(:class:`.session.Trees`): a module *added* where an import used to find something else (a new
``pkg/thing.py`` beside a ``thing`` defined in ``pkg/__init__.py``) until one of the
files read changes. Directories' stamps would notice it, but an editor that saves by
renaming a temporary file changes its directory at every save.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zlib
from typing import Any

import astroid
import pylint
from astroid import nodes
from pylint.interfaces import CONFIDENCE_LEVELS

from pylint_stateless._version import __version__
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import (
    Callee,
    ClassRef,
    Env,
    Facts,
    Hit,
    Location,
    ModuleRef,
    Mutation,
    Op,
    Ref,
    SelfRef,
    Shape,
    State,
    StateKind,
    StateRef,
    Step,
    Summary,
)

FORMAT = 6
_CONFIDENCE = {level.name: level for level in CONFIDENCE_LEVELS}
_FACTS = ("loads_remote", "resource_value", "stores_connection", "keyed", "client_key",
          "session_key", "augmented", "shipped_data", "identity")
Row = list[Any]  # a row of a table: JSON values


# --- keys ----------------------------------------------------------------------------------


def _where(node: nodes.NodeNG) -> list[object]:
    return [node.root().name, node.lineno, node.col_offset]


def _ref_key(ref: Ref) -> list[object] | None:
    if isinstance(ref, StateRef):
        return ["s", ref.element, ref.view, *ref.state.key]
    if isinstance(ref, ModuleRef):
        return ["m", ref.module.name]
    if isinstance(ref, ClassRef):
        return ["c", *_where(ref.cls), ref.cls.name]
    if isinstance(ref, SelfRef):
        return ["i", *_where(ref.cls), ref.cls.name]
    return None


def summary_key(func: nodes.FunctionDef, env: Env, budget: int | None) -> str | None:
    """The function, what its parameters are bound to and (for a summary cut short by the
    depth budget) that budget: what a summary is stored under."""
    bindings = []
    for name, ref in env.bindings:
        key = _ref_key(ref)
        if key is None:
            return None
        bindings.append([name, key])
    return json.dumps([*_where(func), func.name, bindings, budget], separators=(",", ":"))


# --- a batch: the summaries of one file's runs ---------------------------------------------


class Batch:  # pylint: disable=too-many-instance-attributes
    """Summaries in tables of rows (lists of JSON values) that refer to each other by
    index; decoded on demand, each row once."""

    _TABLES = ("states", "mutations", "functions", "paths", "hits")

    def __init__(self) -> None:
        self.states: list[Row] = []
        self.mutations: list[Row] = []
        self.functions: list[Row] = []
        self.paths: list[Row] = []  # [call site, function, deferred, rest of the path]
        self.hits: list[Row] = []
        self.summaries: dict[str, Row] = {}  # key -> [hits, truncated, depth, modules]
        # Summaries that depend on the linted module's application setup, and that setup.
        self.local: dict[str, Row] = {}
        self.setup = ""
        self.files: dict[str, list[int] | None] = {}
        self.changed = False
        # Row text -> index, per table: built when a row is first added (a batch that is
        # only read never needs it).
        self._rows: dict[str, dict[str, int]] = {}
        self._encoded: dict[int, tuple[object, int]] = {}  # id(object) -> (object, row)
        self._decoded: dict[str, dict[int, object]] = {table: {} for table in self._TABLES}
        self._locations: dict[tuple[str, int, int], Location] = {}

    # -- encoding ------------------------------------------------------------------------

    def add(self, key: str, summary: Summary, setup: str | None = None) -> None:
        """Store ``summary`` under ``key``, portable, or local to the linted module whose
        application setup is ``setup``."""
        table = self.summaries
        if setup is not None:
            if setup != self.setup:
                self.local, self.setup = {}, setup
            table = self.local
        if key in table:
            return
        hits = [self._hit(hit) for hit in summary.hits]
        table[key] = [hits, summary.truncated, summary.depth, sorted(summary.modules)]
        self.changed = True

    def _row(self, table: str, row: Row) -> int:
        rows = getattr(self, table)
        known = self._rows.get(table)
        if known is None:
            known = self._rows[table] = {
                json.dumps(r, separators=(",", ":")): i for i, r in enumerate(rows)
            }
        text = json.dumps(row, separators=(",", ":"))
        index = known.get(text)
        if index is None:
            index = known[text] = len(rows)
            rows.append(row)
        return index

    def forget_objects(self) -> None:
        """Drop the objects remembered by identity while encoding (they hold nodes of this
        run's trees, which must not outlive it)."""
        self._encoded.clear()

    def _memo(self, table: str, obj: object, row: Row) -> int:
        # Keyed by identity (a State is equal to another by its key only); the object is
        # held so that its id is not reused while the batch lives.
        found = self._encoded.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1]
        index = self._row(table, row)
        self._encoded[id(obj)] = (obj, index)
        return index

    def _hit(self, hit: Hit) -> int:
        mutation = self._mutation(hit.mutation)
        path = self._path(hit.path)
        return self._row("hits", [mutation, path, hit.background, hit.confidence.name])

    def _path(self, steps: tuple[Step, ...]) -> int:
        if not steps:
            return -1
        step, rest = steps[0], self._path(steps[1:])
        function = self._row("functions", [step.callee.label, step.callee.module])
        return self._row("paths", [_location(step.where), function, step.deferred, rest])

    def _mutation(self, mutation: Mutation) -> int:
        found = self._encoded.get(id(mutation))
        if found is not None and found[0] is mutation:
            return found[1]
        facts = mutation.facts
        return self._memo("mutations", mutation, [
            self._state(mutation.state), mutation.op.name, _location(mutation.where),
            mutation.lazy, mutation.confidence.name, [getattr(facts, f) for f in _FACTS],
        ])

    def _state(self, state: State) -> int:
        found = self._encoded.get(id(state))
        if found is not None and found[0] is state:
            return found[1]
        owner = self._state(state.owner) if state.owner is not None else -1
        return self._memo("states", state, [
            state.kind.value, state.name, state.module, state.line, state.shape.value,
            state.type_name, list(state.key), state.confidence.name, state.qualified_type,
            state.leaf, owner, state.annotation, state.class_name, state.framework_held,
            state.file,
        ])

    # -- decoding ------------------------------------------------------------------------

    def get(self, key: str, setup: str) -> Summary | None:
        """The summary stored under ``key`` (a local one if the linted module's application
        setup is still ``setup``); else None."""
        row, local = self.summaries.get(key), False
        if row is None and setup == self.setup:
            row, local = self.local.get(key), True
        if row is None:
            return None
        hits, truncated, depth, modules = row
        decoded = tuple(self._decode_hit(index) for index in hits)
        return Summary(decoded, truncated, depth, frozenset(modules), app_bound=local)

    def _decode_hit(self, index: int) -> Hit:
        done = self._decoded["hits"]
        if index not in done:
            mutation, path, background, confidence = self.hits[index]
            done[index] = Hit(self._decode_mutation(mutation), self._decode_path(path),
                              background, _CONFIDENCE[confidence])
        return done[index]  # type: ignore[return-value]

    def _decode_path(self, index: int) -> tuple[Step, ...]:
        if index < 0:
            return ()
        done = self._decoded["paths"]
        if index not in done:
            where, function, deferred, rest = self.paths[index]
            label, module = self.functions[function]
            step = Step(self._decode_location(where), Callee(label, module), deferred)
            done[index] = (step, *self._decode_path(rest))
        return done[index]  # type: ignore[return-value]

    def _decode_mutation(self, index: int) -> Mutation:
        done = self._decoded["mutations"]
        if index not in done:
            state, op, where, lazy, confidence, facts = self.mutations[index]
            done[index] = Mutation(
                self._decode_state(state), Op[op], self._decode_location(where),
                Facts(**dict(zip(_FACTS, facts))), lazy, _CONFIDENCE[confidence],
            )
        return done[index]  # type: ignore[return-value]

    def _decode_state(self, index: int) -> State:
        done = self._decoded["states"]
        if index not in done:
            (kind, name, module, line, shape, type_name, key, confidence, qualified_type,
             leaf, owner, annotation, class_name, held, file) = self.states[index]
            done[index] = State(
                StateKind(kind), name, module, line, Shape(shape), type_name, tuple(key),
                _CONFIDENCE[confidence],
                owner=self._decode_state(owner) if owner >= 0 else None,
                qualified_type=qualified_type, leaf=leaf, annotation=annotation,
                class_name=class_name, framework_held=held, file=file,
            )
        return done[index]  # type: ignore[return-value]

    def _decode_location(self, where: Row) -> Location:
        key = (where[0], where[1], where[2])
        location = self._locations.get(key)
        if location is None:
            location = self._locations[key] = Location(*key)
        return location

    # -- merging and files -----------------------------------------------------------------

    def merge(self, other: Batch) -> None:
        """Take ``other``'s summaries (read from another file's batch) into this one."""
        remap: dict[str, list[int]] = {}
        for table in self._TABLES:
            mapping = remap[table] = []
            for row in getattr(other, table):
                mapping.append(self._row(table, _renumber(table, row, remap)))
        for key, (hits, truncated, depth, modules) in other.summaries.items():
            if key not in self.summaries:
                self.summaries[key] = [[remap["hits"][h] for h in hits], truncated, depth,
                                       modules]
        # The other batch is the file linted now: its local summaries replace these.
        self.setup = other.setup
        self.local = {key: [[remap["hits"][h] for h in hits], truncated, depth, modules]
                      for key, (hits, truncated, depth, modules) in other.local.items()}
        for path, kept in other.files.items():
            self.files.setdefault(path, kept)
        self.changed = True

    def unchanged(self) -> bool:
        # JSON gives lists back: compared as the tuples astutil.file_stamp returns.
        return all(astutil.file_stamp(path) == (tuple(kept) if kept else None)
                   for path, kept in self.files.items())

    # -- the file ----------------------------------------------------------------------------

    def dump(self, path: str, head: dict[str, Any]) -> None:
        """Write the batch to ``path`` with the header ``head``, replacing it atomically."""
        data = {**head, "files": self.files, "summaries": self.summaries,
                "local": self.local, "setup": self.setup,
                **{table: getattr(self, table) for table in self._TABLES}}
        import tempfile  # pylint: disable=import-outside-toplevel  # only when writing

        directory = os.path.dirname(path)
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self.changed = False

    @classmethod
    def load(cls, path: str, head: dict[str, Any]) -> Batch | None:
        """The batch in ``path`` if it was written with ``head`` (:func:`header`) and every
        file it read is as it was; else None."""
        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in head.items()):
            return None
        batch = cls()
        try:
            for table in cls._TABLES:
                rows = data[table]
                assert isinstance(rows, list)
                setattr(batch, table, rows)
            batch.summaries = dict(data["summaries"])
            batch.local = dict(data["local"])
            batch.setup = str(data["setup"])
            batch.files = dict(data["files"])
        except (KeyError, TypeError, AssertionError):
            return None
        return batch if batch.unchanged() else None


def _renumber(table: str, row: Row, remap: dict[str, list[int]]) -> Row:
    """A row of another batch, with its references to rows of earlier tables renumbered."""
    if table == "states":
        return [*row[:10], remap["states"][row[10]] if row[10] >= 0 else -1, *row[11:]]
    if table == "mutations":
        return [remap["states"][row[0]], *row[1:]]
    if table == "paths":
        # A path's rest is an earlier row of the same table.
        rest = remap["paths"][row[3]] if row[3] >= 0 else -1
        return [row[0], remap["functions"][row[1]], row[2], rest]
    if table == "hits":
        path = remap["paths"][row[1]] if row[1] >= 0 else -1
        return [remap["mutations"][row[0]], path, *row[2:]]
    return row


def _location(where: Location) -> Row:
    return [where.module, where.line, where.col]


# --- where batches live ---------------------------------------------------------------------

def sources_digest() -> str:
    """The plugin's sources, by size and modification time (an editable install changes
    without a new version)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stamps = []
    for directory, _dirs, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(directory, name)
                stamps.append([os.path.relpath(path, package), astutil.file_stamp(path)])
    return _digest(json.dumps(stamps))


def header(settings: object, plugin_digest: str) -> dict[str, Any]:
    """What a batch must have been written with to be used; ``plugin_digest`` is
    :func:`sources_digest` (read once per process)."""
    return {
        "format": FORMAT,
        "versions": [__version__, plugin_digest, pylint.__version__,
                     astroid.__version__, sys.version],
        "settings": _digest(_canonical(settings)),
        # Installing or removing a library changes its directory.
        "libraries": [[entry, list(astutil.file_stamp(entry) or ())] for entry in sys.path
                      if os.path.basename(entry) in {"site-packages", "dist-packages"}],
    }


def _digest(text: str) -> str:
    """64 bits of ``text``: two checksums from ``zlib``, which pylint has imported already
    (``hashlib`` would load OpenSSL: 2 ms of every editor run). For names and header
    fields, not against crafted input: two settings or source trees taken for one another
    by accident need both checksums to agree."""
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _canonical(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


def batch_file(linted: str, head: dict[str, Any]) -> str:
    """Where the batch of the runs on ``linted`` with ``head`` (:func:`header`) is kept,
    under pylint's cache directory: one per file and settings, so that two ways of
    running pylint on a file (an editor's server, the command line: their ``sys.path``
    differ) do not replace each other's batch."""
    from pylint import constants  # pylint: disable=import-outside-toplevel

    home = os.environ.get("PYLINTHOME") or constants.DEFAULT_PYLINT_HOME
    name = _digest(f"{os.path.abspath(linted)}\0{head['settings']}")
    return os.path.join(home, "stateless", f"{name}.json")
