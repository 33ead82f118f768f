"""What every API view shares: who may call, the answer's headers, keyset paging, conditional
requests and idempotent creates."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta

import orjson
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.views import APIView

from api.auth import BearerAuthentication, PerToken, Sessionsinloggning, TokensOmfang
from api.models import ApiToken, Idempotensnyckel
from api.problem import Fragefel, problem, undantagshanterare

API_VERSION = "1.0.0"
JSON = "application/json"
# How long an Idempotency-Key is remembered; older keys of the user go when a new one comes.
NYCKELNS_LIVSLANGD = timedelta(hours=24)
STANDARD_GRANS = 50
MAX_GRANS = 200


def json_svar(data, status: int = 200, headers=None) -> HttpResponse:
    svar = HttpResponse(orjson.dumps(data), status=status, content_type=JSON)
    for namn, varde in (headers or {}).items():
        svar[namn] = varde
    return svar


class ApiVy(APIView):
    authentication_classes = [BearerAuthentication, Sessionsinloggning]
    permission_classes = [TokensOmfang]
    throttle_classes = [PerToken]

    def get_exception_handler(self):
        return undantagshanterare

    def dispatch(self, request, *args, **kwargs):
        """A browser's CORS preflight from a configured origin is answered before login: it
        carries no credentials. Any other OPTIONS needs them like every request."""
        if (
            request.method == "OPTIONS"
            and request.headers.get("Origin") in settings.API_CORS_ORIGINS
            and "Access-Control-Request-Method" in request.headers
        ):
            svar = HttpResponse(status=204)
            svar["Access-Control-Allow-Origin"] = request.headers["Origin"]
            svar["Access-Control-Allow-Methods"] = "GET, POST, PUT"
            svar["Access-Control-Allow-Headers"] = (
                "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key"
            )
            svar["Access-Control-Max-Age"] = "600"
            svar["Vary"] = "Origin"
            svar["API-Version"] = API_VERSION
            return svar
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        ursprung = request.headers.get("Origin")
        if ursprung and ursprung in settings.API_CORS_ORIGINS:
            response["Access-Control-Allow-Origin"] = ursprung
            response["Access-Control-Expose-Headers"] = "API-Version, ETag, Link, Retry-After"
            response["Vary"] = "Origin"
        return response

    def token(self) -> ApiToken | None:
        return self.request.auth if isinstance(self.request.auth, ApiToken) else None

    def syfte(self) -> str:
        """Why the access log says the data was read: through the API, with which token."""
        token = self.token()
        via = f"token {token.prefix} ({token.namn})" if token else "session"
        return f"API {self.request.path}, {via}"


def fragan(request, serializer_klass) -> dict:
    """The query parameters through a serializer; errors itemised as ``in: query``. A parameter
    given empty is an error, not left out."""
    tomma = {namn: [_("Får inte vara tomt.")] for namn, v in request.query_params.items() if not v}
    if tomma:
        raise Fragefel(tomma)
    return dict(_giltig_fraga(serializer_klass, request.query_params.urlencode()))


@functools.lru_cache(maxsize=1024)
def _giltig_fraga(serializer_klass, fragestrang: str) -> dict:
    """The validated parameters of one query string, kept: they depend on nothing else, and a
    serializer costs more to build than a small page costs to read. A refusal is not kept (its
    messages are in the caller's language)."""
    serializer = serializer_klass(data=QueryDict(fragestrang))
    if not serializer.is_valid():
        raise Fragefel(serializer.errors)
    return serializer.validated_data


class Sidfraga(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_GRANS, default=STANDARD_GRANS)
    cursor = serializers.CharField(required=False, max_length=500)


def _avkoda(cursor: str, antal: int) -> list:
    try:
        varden = orjson.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
    except (binascii.Error, orjson.JSONDecodeError, ValueError):
        varden = None
    if not isinstance(varden, list) or len(varden) != antal:
        raise Fragefel({"cursor": [_("Ogiltig markör.")]})
    return varden


def _efter(ordning: tuple[str, ...], varden: list) -> Q:
    """Rows after ``varden`` in the order ``ordning`` (all ascending, the last unique)."""
    villkor = Q(pk__in=[])
    for i, falt in enumerate(ordning):
        lika = {ordning[j]: varden[j] for j in range(i)}
        villkor |= Q(**lika, **{f"{falt}__gt": varden[i]})
    return villkor


def sida(request, queryset: QuerySet, ordning: tuple[str, ...], fraga: dict):
    """One page of ``queryset`` (dicts from ``.values()``) after the cursor, and the next page's
    address: no count, so a page costs the same however many rows there are."""
    grans = fraga["limit"]
    queryset = queryset.order_by(*ordning)
    if fraga.get("cursor"):
        varden = _avkoda(fraga["cursor"], len(ordning))
        try:
            queryset = queryset.filter(_efter(ordning, varden))
        except (TypeError, ValueError, DjangoValidationError):
            raise Fragefel({"cursor": [_("Ogiltig markör.")]}) from None
    rader = list(queryset[: grans + 1])
    nasta = None
    if len(rader) > grans:
        rader = rader[:grans]
        nasta = nasta_adress(request, request.query_params, [rader[-1][f] for f in ordning])
    return rader, nasta


# How many compiled pages a process keeps (``kompilerad_sida``): readers times filters in use.
SPARADE_SIDFRAGOR = 512
_sidfragor: OrderedDict[tuple, tuple[str, tuple, type]] = OrderedDict()
_sidfragor_las = threading.Lock()


def _kompilerad(nyckel: tuple, fragan: Callable[[], QuerySet]) -> tuple[str, tuple, type]:
    with _sidfragor_las:
        if nyckel in _sidfragor:
            _sidfragor.move_to_end(nyckel)
            return _sidfragor[nyckel]
    queryset = fragan().order_by()
    try:
        kompilerad = (*queryset.query.sql_with_params(), queryset.model)
    except EmptyResultSet:
        kompilerad = ("", (), queryset.model)  # the rules let the reader see none
    with _sidfragor_las:
        _sidfragor[nyckel] = kompilerad
        while len(_sidfragor) > SPARADE_SIDFRAGOR:
            _sidfragor.popitem(last=False)
    return kompilerad


def _markorens_varden(modell, ordning: tuple[str, ...], varden: list) -> list:
    try:
        varden = [
            modell._meta.get_field(falt).to_python(varde)
            for falt, varde in zip(ordning, varden, strict=True)
        ]
    except (TypeError, ValueError, DjangoValidationError):
        raise Fragefel({"cursor": [_("Ogiltig markör.")]}) from None
    return [
        timezone.make_aware(v) if hasattr(v, "tzinfo") and timezone.is_naive(v) else v
        for v in varden
    ]


def kompilerad_sida(
    request,
    nyckel: tuple,
    fragan: Callable[[], QuerySet],
    ordning: tuple[str, ...],
    fraga: dict,
):
    """``sida`` for the lists read most: the SQL of ``fragan()`` (a ``.values()`` query
    naming the ``ordning`` fields) is compiled once per ``nyckel`` and kept, and a page puts the
    cursor and the limit around it. Building and compiling the access rules' query costs more
    than running it; ``nyckel`` must name everything the SQL depends on (the actor's
    ``Aktor.nyckel()`` and the filters). Same rows, same order as ``sida``."""
    sql, parametrar, modell = _kompilerad(nyckel, fragan)
    if not sql:
        return [], None
    kolumner = ", ".join(f'sida."{falt}"' for falt in ordning)
    villkor, varden = "", []
    if fraga.get("cursor"):
        varden = _markorens_varden(modell, ordning, _avkoda(fraga["cursor"], len(ordning)))
        villkor = f"WHERE ({kolumner}) > ({', '.join(['%s'] * len(ordning))})"
    grans = fraga["limit"]
    with connection.cursor() as markor:
        markor.execute(
            f"SELECT * FROM ({sql}) AS sida {villkor} ORDER BY {kolumner} LIMIT %s",
            (*parametrar, *varden, grans + 1),
        )
        namn = [kolumn.name for kolumn in markor.description]
        rader = [dict(zip(namn, rad, strict=True)) for rad in markor.fetchall()]
    nasta = None
    if len(rader) > grans:
        rader = rader[:grans]
        nasta = nasta_adress(request, request.query_params, [rader[-1][f] for f in ordning])
    return rader, nasta


def nasta_adress(request, parametrar, sista: list) -> str:
    """The address of the page after the row whose order values are ``sista``: the request's
    own, its parameters kept, with that row as the cursor."""
    parametrar = parametrar.copy()
    parametrar["cursor"] = base64.urlsafe_b64encode(orjson.dumps(sista)).decode().rstrip("=")
    return request.build_absolute_uri(request.path + "?" + parametrar.urlencode())


def lista(rader: list, nasta: str | None, **tillagg) -> HttpResponse:
    headers = {"Link": f'<{nasta}>; rel="next"'} if nasta else None
    return json_svar({"items": rader, "next": nasta, **tillagg}, headers=headers)


def etagg(*delar) -> str:
    return '"' + "-".join(str(d) for d in delar) + '"'


def _taggar(rubrik: str) -> set[str]:
    return {t.strip().removeprefix("W/") for t in rubrik.split(",") if t.strip()}


def oforandrad(request, tagg: str) -> bool:
    """``If-None-Match`` names the current version: the client's copy is fresh (304)."""
    taggar = _taggar(request.headers.get("If-None-Match", ""))
    return tagg in taggar or "*" in taggar


def ej_modifierad(tagg: str) -> HttpResponse:
    svar = HttpResponse(status=304)
    svar["ETag"] = tagg
    return svar


def krav_if_match(request, tagg: str) -> HttpResponse | None:
    """An update names the version it saw: 428 without ``If-Match``, 412 when it is stale."""
    rubrik = request.headers.get("If-Match")
    if not rubrik:
        return problem(request, 428, _("Ange If-Match med resursens ETag."))
    taggar = _taggar(rubrik)
    if tagg not in taggar and "*" not in taggar:
        return problem(request, 412, _("Resursen har ändrats sedan du läste den. Läs den igen."))
    return None


def idempotent(hanterare):
    """``Idempotency-Key`` on a POST: the first successful answer is stored and repeated for the
    same key and body; the same key with another body is refused (422). Concurrent repeats wait
    on the key's unique index, so the work is done once."""

    @functools.wraps(hanterare)
    def kor(self, request, *args, **kwargs):
        nyckel = request.headers.get("Idempotency-Key")
        if nyckel is None:
            return hanterare(self, request, *args, **kwargs)
        if not 1 <= len(nyckel) <= 200:
            return problem(request, 400, _("Idempotency-Key ska vara 1–200 tecken."))
        fraga = hashlib.sha256(
            request.method.encode() + request.path.encode() + b"\n" + request.body
        ).hexdigest()
        Idempotensnyckel.objects.filter(
            anvandare=request.user, skapad__lt=timezone.now() - NYCKELNS_LIVSLANGD
        ).delete()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    rad = Idempotensnyckel.objects.create(
                        anvandare=request.user, token=self.token(), nyckel=nyckel, fraga=fraga
                    )
            except IntegrityError:
                tidigare = Idempotensnyckel.objects.get(anvandare=request.user, nyckel=nyckel)
                if tidigare.fraga != fraga:
                    return problem(
                        request, 422, _("Nyckeln har redan använts för en annan förfrågan.")
                    )
                return json_svar(tidigare.svar, tidigare.status, {"Idempotent-Replayed": "true"})
            svar = hanterare(self, request, *args, **kwargs)
            if 200 <= svar.status_code < 300:
                rad.status = svar.status_code
                rad.svar = orjson.loads(svar.content)
                rad.save(update_fields=["status", "svar"])
            else:
                transaction.set_rollback(True)
            return svar

    return kor
