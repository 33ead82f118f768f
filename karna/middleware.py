"""Cross-cutting response rules: the request id (from the X-Request-ID header or new, for logs and
the access log), the content security policy, and no caching of what a logged-in user sees."""

from __future__ import annotations

import contextvars
import re
import uuid

from django.utils.cache import add_never_cache_headers

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_GILTIGT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def aktuellt_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        inkommande = request.headers.get("X-Request-ID", "")
        request.request_id = inkommande if _GILTIGT.match(inkommande) else uuid.uuid4().hex
        token = _request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


# No inline scripts or styles and nothing from other origins: htmx and our CSS are static files.
# htmx's own indicator styles are switched off in base.html (htmx-config) for the same reason.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class IngenCacheForInloggadeMiddleware:
    """What a logged-in user is shown is for that user alone: no browser, proxy or shared
    computer may keep a copy (``Cache-Control: no-store``), be it a page, a PDF or an export."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
