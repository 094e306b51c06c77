"""What goes over the pipe between the test process and a copy.

Messages are tuples pickled by :class:`multiprocessing.connection.Connection`:

- to a copy: ``("request", payload)``, ``("stop", None)``;
- from a copy: ``("ready", info)`` or ``("failed", traceback)`` once at start,
  ``("reply", Reply)`` for each request, ``("stopped", error text or "")`` at the end.

Payloads and results are the picklable halves of a request and a response, defined
with the server that reads them (:mod:`.asgi`, :mod:`.wsgi`, the adapters).
"""

from __future__ import annotations

import pickle
import traceback
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any


class ReplicaError(Exception):
    """An application's exception that could not be carried back as itself, or a copy
    that failed to start or died."""


@dataclass
class RemoteError:
    """An exception raised in a copy: itself if it pickles, else its type and text."""

    pickled: bytes | None
    type_name: str
    text: str
    traceback: str

    @classmethod
    def of(cls, exc: BaseException) -> RemoteError:
        pickled: bytes | None
        try:
            pickled = pickle.dumps(exc)
            pickle.loads(pickled)
        except Exception:  # pylint: disable=broad-exception-caught
            pickled = None
        return cls(pickled, f"{type(exc).__module__}.{type(exc).__qualname__}", str(exc),
                   "".join(traceback.format_exception(exc)))

    def exception(self, where: str) -> BaseException:
        """The exception to raise in the test process, noting where it was raised."""
        exc: BaseException | None = None
        if self.pickled is not None:
            try:
                exc = pickle.loads(self.pickled)
            except Exception:  # pylint: disable=broad-exception-caught
                exc = None
        if exc is None:
            exc = ReplicaError(f"{self.type_name}: {self.text}")
        if hasattr(exc, "add_note"):
            exc.add_note(f"raised in {where}; its traceback there:\n{self.traceback}")
        return exc


@dataclass
class Served:
    """A server's answer in a copy: the response (``result``, whatever the server's
    client half reads), its status, the function that served it (``module:qualname``)
    and the application's exception, if it raised one (maybe after responding)."""

    result: Any
    status: int | None = None
    endpoint: str | None = None
    error: BaseException | None = None


@dataclass
class Reply:
    """A :class:`Served` made picklable, with what the application printed meanwhile."""

    result: Any
    status: int | None
    endpoint: str | None
    error: RemoteError | None
    output: str = ""
    errors: str = ""
    where: str = ""  # which copy served it, set in the test process

    def raise_error(self) -> None:
        """Raise the application's exception in the test process, if it raised one."""
        if self.error is not None:
            raise self.error.exception(self.where)


def picklable(items: dict[str, Any], skip: Callable[[str, Any], bool]) -> dict[str, Any]:
    """The items that can travel to a copy: picklable, and not ``skip``ped."""
    out = {}
    for key, value in items.items():
        if skip(key, value):
            continue
        try:
            pickle.dumps(value)
        except Exception:  # pylint: disable=broad-exception-caught
            continue
        out[key] = value
    return out
