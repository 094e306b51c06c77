"""Django's test ``Client``: its handler (``ClientHandler``, which turns an environ into
an ``HttpResponse``) is replaced for the request; the copy runs Django's own
``ClientHandler`` on the same environ, so middleware, sessions and CSRF checks behave as
in a plain run, and sends back the status, headers, cookies and content. An exception a
view raised is signalled again in the test process, so the client re-raises it as usual.

The copy runs the project of ``DJANGO_SETTINGS_MODULE`` with the database names of the
test process (the test databases, once a test runner created them), after
``setup_test_environment()``, as the test process does. Data a test writes inside a
transaction it does not commit (``TestCase``) cannot be seen by a copy.
"""

from __future__ import annotations

import io
import os
import sys
import types
from dataclasses import dataclass
from typing import Any

from pylint_stateless.replicas.apps import AppSpec
from pylint_stateless.replicas.endpoints import endpoint_name
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication
from pylint_stateless.replicas.wire import Served
from pylint_stateless.replicas.wsgi import portable_environ, target_of


@dataclass
class DjangoRequest:
    environ: dict[str, Any]
    body: bytes
    enforce_csrf_checks: bool


@dataclass
class DjangoResponse:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    cookies: list[str]  # each cookie as a Set-Cookie value
    chunks: list[bytes]
    streaming: bool


def patch_client_handler(module: types.ModuleType, replication: Replication,
                         patcher: Patcher) -> None:
    """Send the test Client's requests to the copies of the project."""
    handler_class = module.ClientHandler
    original = handler_class.__call__

    def __call__(self: Any, environ: dict[str, Any]) -> Any:  # noqa: N807
        pool = replication.pool_for("django", None, "Django test Client")
        if pool is None:
            return original(self, environ)
        body = environ["wsgi.input"].read() if "wsgi.input" in environ else b""
        request = DjangoRequest(portable_environ(environ), body, self.enforce_csrf_checks)
        reply = pool.request(request, environ.get("REQUEST_METHOD", "GET"), target_of(environ))
        local = module.WSGIRequest({**environ, "wsgi.input": module.FakePayload(body)})
        if reply.result is None:  # the handler itself failed in the copy
            reply.raise_error()
        response = _response(reply.result)
        response.wsgi_request = local
        if reply.error is not None:
            from django.core.signals import got_request_exception  # pylint: disable=import-outside-toplevel

            try:
                reply.raise_error()
            except Exception:  # pylint: disable=broad-exception-caught
                # the client's receiver stores sys.exc_info() and re-raises it
                got_request_exception.send(sender=type(self), request=local)
        return response

    patcher.replace(handler_class, "__call__", __call__)
    _report_async_client(module, replication, patcher)


def _report_async_client(module: types.ModuleType, replication: Replication,
                         patcher: Patcher) -> None:
    """``AsyncClient`` is not replicated: its requests run here, and are reported."""
    handler_class = module.AsyncClientHandler
    original = handler_class.__call__

    async def __call__(self: Any, scope: dict[str, Any]) -> Any:  # noqa: N807
        if replication.enabled:
            replication.not_replicated("Django AsyncClient: not supported, served by the test "
                                       "process")
        return await original(self, scope)

    patcher.replace(handler_class, "__call__", __call__)


def _response(result: DjangoResponse) -> Any:
    from django.http import HttpResponse, StreamingHttpResponse  # pylint: disable=import-outside-toplevel

    headers = dict(result.headers)
    response: Any
    if result.streaming:
        response = StreamingHttpResponse(iter(result.chunks), status=result.status,
                                         reason=result.reason, headers=headers)
    else:
        response = HttpResponse(b"".join(result.chunks), status=result.status,
                                reason=result.reason, headers=headers)
    for cookie in result.cookies:
        response.cookies.load(cookie)
    return response


class DjangoServer:
    """Runs the Django project in a copy."""

    def __init__(self, spec: AppSpec) -> None:
        self.spec = spec
        self._handlers: dict[bool, Any] = {}

    def start(self) -> dict[str, Any]:
        """Set Django up in this copy, from the settings module of the test process."""
        os.environ["DJANGO_SETTINGS_MODULE"] = self.spec.module
        # pylint: disable=import-outside-toplevel
        import django
        from django.conf import settings
        from django.test.utils import setup_test_environment

        for alias, name in self.spec.extra:
            if alias in settings.DATABASES:
                settings.DATABASES[alias]["NAME"] = name
        django.setup()
        setup_test_environment()
        return {}

    def stop(self) -> None:
        from django.db import connections  # pylint: disable=import-outside-toplevel

        connections.close_all()

    def handle(self, payload: DjangoRequest) -> Served:
        """Serve the request through Django's test handler, in this copy."""
        # pylint: disable=import-outside-toplevel
        from django.core.signals import got_request_exception
        from django.test.client import ClientHandler, FakePayload
        from django.urls import resolve

        handler = self._handlers.get(payload.enforce_csrf_checks)
        if handler is None:
            handler = self._handlers[payload.enforce_csrf_checks] = ClientHandler(
                payload.enforce_csrf_checks)
        environ = dict(payload.environ)
        environ["wsgi.input"] = FakePayload(payload.body)
        environ["wsgi.errors"] = io.BytesIO()
        raised: list[BaseException] = []

        def store(**_: Any) -> None:
            exc = sys.exc_info()[1]
            if exc is not None:
                raised.append(exc)

        got_request_exception.connect(store, dispatch_uid="stateless-replicas")
        try:
            response = handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid="stateless-replicas")
        if response.streaming:
            chunks = [bytes(chunk) for chunk in response.streaming_content]
        else:
            chunks = [response.content]
        result = DjangoResponse(
            response.status_code, response.reason_phrase, list(response.headers.items()),
            [morsel.OutputString() for morsel in response.cookies.values()], chunks,
            response.streaming,
        )
        try:
            endpoint = endpoint_name(resolve(environ.get("PATH_INFO", "/")).func)
        except Exception:  # pylint: disable=broad-exception-caught  # Resolver404
            endpoint = None
        return Served(result, response.status_code, endpoint, raised[0] if raised else None)
