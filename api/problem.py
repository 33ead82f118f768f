"""Every refusal and failure as ``application/problem+json`` (RFC 9457): type, title, status,
detail and instance, with the fields of a 400 itemised; never a stack trace."""

from __future__ import annotations

import logging
import math
from http import HTTPStatus

import orjson
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers

from karna.lasning import Konflikt

logger = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


def problem(request, status: int, detail: str = "", *, headers=None, **tillagg) -> HttpResponse:
    kropp = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "instance": request.path,
        **tillagg,
    }
    svar = HttpResponse(orjson.dumps(kropp), status=status, content_type=PROBLEM)
    for namn, varde in (headers or {}).items():
        svar[namn] = varde
    return svar


def _fel(detalj, plats: str, namn: str = "") -> list[dict]:
    """DRF's nested error details as one list of ``{in, name, code, detail}``."""
    if isinstance(detalj, dict):
        return [
            rad
            for falt, under in detalj.items()
            for rad in _fel(under, plats, f"{namn}.{falt}" if namn else str(falt))
        ]
    if isinstance(detalj, list):
        return [rad for under in detalj for rad in _fel(under, plats, namn)]
    return [
        {
            "in": plats,
            "name": namn or "body",
            "code": getattr(detalj, "code", "invalid"),
            "detail": force_str(detalj),
        }
    ]


class Fragefel(exceptions.ValidationError):
    """Bad query parameters: itemised with ``in: query``."""


def undantagshanterare(exc, context):
    """DRF's exception handler for the API's views: each answer a problem."""
    request = context["request"]
    if isinstance(exc, Http404):
        return problem(request, 404, _("Resursen finns inte."))
    if isinstance(exc, DjangoPermissionDenied):
        return problem(request, 404, _("Resursen finns inte."))
    if isinstance(exc, Konflikt):
        return problem(request, 409, force_str(exc))
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}
        )
    if isinstance(exc, exceptions.ValidationError):
        plats = "query" if isinstance(exc, Fragefel) else "body"
        return problem(
            request,
            400,
            _("Förfrågan innehåller fel; se errors."),
            errors=_fel(exc.detail, plats),
        )
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        return problem(request, exc.status_code, force_str(exc.detail), headers=headers)
    logger.exception("Unhandled error in the API", exc_info=exc)
    return problem(request, 500, _("Ett oväntat fel inträffade. Felet är loggat."))


Problem = inline_serializer(
    "Problem",
    {
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "instance": serializers.CharField(),
        "errors": serializers.ListField(
            child=inline_serializer(
                "Problemfalt",
                {
                    "in": serializers.CharField(),
                    "name": serializers.CharField(),
                    "code": serializers.CharField(),
                    "detail": serializers.CharField(),
                },
            ),
            required=False,
        ),
    },
)


def problemsvar(*statusar: int) -> dict[int, OpenApiResponse]:
    """The documented problem answers of an operation."""
    return {
        s: OpenApiResponse(Problem, description=HTTPStatus(s).phrase)
        for s in sorted({401, 429, 500, *statusar})
    }
