"""WSGI applications: the stand-in in the test process and the server in a copy.

Werkzeug's test client (Flask's ``test_client``) builds an environ, adds its cookies and
calls ``application(environ, start_response)``. :class:`ReplicatedWSGI` takes the
application's place for that call: it sends the environ's portable values and the body
to a copy and calls ``start_response`` with what came back. :class:`WSGIServer` in the
copy is a minimal WSGI server: one call per request, the ``write`` callable, the
iterable's ``close()`` (Flask's teardown callbacks run there).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pylint_stateless.replicas.endpoints import rule_endpoint
from pylint_stateless.replicas.wire import Served, picklable

if TYPE_CHECKING:
    from pylint_stateless.replicas.apps import AppSpec
    from pylint_stateless.replicas.pool import Pool


@dataclass
class WSGIRequest:
    environ: dict[str, Any]
    body: bytes


@dataclass
class WSGIResponse:
    status: str | None
    headers: list[tuple[str, str]]
    chunks: list[bytes]


def portable_environ(environ: dict[str, Any]) -> dict[str, Any]:
    """The environ's plain values: not the streams, not objects of this process
    (werkzeug's request, Flask's context-preserving callback)."""
    return picklable(
        environ, lambda key, value: key in ("wsgi.input", "wsgi.errors") or callable(value)
    )


def read_input(environ: dict[str, Any]) -> bytes:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length and str(length).isdigit():
        return bytes(stream.read(int(length)))
    return bytes(stream.read()) if environ.get("wsgi.input_terminated") else b""


def target_of(environ: dict[str, Any]) -> str:
    query = environ.get("QUERY_STRING", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return f"{path}?{query}" if query else path


class ReplicatedWSGI:
    """A WSGI application that is served by ``pool``'s copies."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        request = WSGIRequest(portable_environ(environ), read_input(environ))
        reply = self.pool.request(request, environ.get("REQUEST_METHOD", "GET"), target_of(environ))
        response: WSGIResponse | None = reply.result
        if response is not None and response.status is not None:
            start_response(response.status, response.headers)
        reply.raise_error()
        return response.chunks if response is not None else []


class WSGIServer:
    """Runs a WSGI application in a copy."""

    def __init__(self, spec: AppSpec) -> None:
        self.spec = spec
        self.app: Any = None

    def start(self) -> dict[str, Any]:
        self.app = self.spec.build()
        return {}

    def stop(self) -> None:
        pass  # WSGI has no shutdown protocol

    def handle(self, payload: WSGIRequest) -> Served:
        """Call the WSGI application with the request, in this copy."""
        environ = dict(payload.environ)
        environ["wsgi.input"] = io.BytesIO(payload.body)
        environ["wsgi.errors"] = sys.stderr
        response = WSGIResponse(None, [], [])

        def start_response(status: str, headers: list[tuple[str, str]],
                           exc_info: Any = None) -> Any:
            if exc_info is not None and response.status is not None:
                raise exc_info[1].with_traceback(exc_info[2])
            response.status, response.headers = status, list(headers)
            return response.chunks.append

        error: BaseException | None = None
        try:
            result = self.app(environ, start_response)
            try:
                response.chunks.extend(bytes(chunk) for chunk in result if chunk)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        except Exception as exc:  # pylint: disable=broad-exception-caught
            error = exc
        status = int(response.status.split(" ", 1)[0]) if response.status else None
        endpoint = rule_endpoint(self.app, payload.environ.get("PATH_INFO", "/"),
                                 payload.environ.get("REQUEST_METHOD", "GET"),
                                 payload.environ.get("SERVER_NAME"))
        return Served(response, status, endpoint, error)
