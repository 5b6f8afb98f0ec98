"""What every request passes through: a body-size limit (413), the API key for writes (401/403)
and security headers (a strict Content-Security-Policy on the dashboard)."""
from __future__ import annotations

import hmac
import json
from typing import Optional

from fastapi import Request
from starlette.exceptions import HTTPException

DEFAULT_MAX_BODY = 5 * 1024 * 1024

DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
_DOC_PATHS = ("/docs", "/redoc")


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, whether it declares its
    length or streams it in chunks."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                return await _reply(send, 400, "invalid Content-Length header")
            if too_big:
                return await _reply(send, 413, f"request body over {self.max_bytes} bytes")
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await _reply(send, 413, exc.detail)


async def _reply(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding nosniff, no-referrer, no framing, and the dashboard's CSP."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                if not path.startswith(_DOC_PATHS):
                    headers.append((b"content-security-policy", DASHBOARD_CSP.encode()))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def presented_key(request: Request) -> Optional[str]:
    key = request.headers.get("x-api-key")
    if key:
        return key
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return None


def require_key(expected: Optional[str]):
    """A dependency for write endpoints: 401 without a key, 403 with a wrong one."""

    def check(request: Request) -> None:
        if not expected:
            return
        key = presented_key(request)
        if key is None:
            raise HTTPException(401, "this endpoint needs an API key (X-API-Key header)",
                                headers={"WWW-Authenticate": "ApiKey"})
        if not hmac.compare_digest(key.encode(), expected.encode()):
            raise HTTPException(403, "wrong API key")

    return check
