"""The raw-SQL twin of the API schedule, served only by ``make bench``'s gunicorn.

``/bench/tvilling/insatser`` answers with the same JSON as ``GET /api/v1/insatser`` (first page,
``limit`` only) without the framework: the bearer token is checked with one SQL statement, the
page is read with the SQL the API's query compiles to (compiled once per reader and kept, as a
hand-written statement would be), the rows are shaped by the API's own function and written with
orjson. What the API costs beyond this twin is the price of DRF, the ORM and its checks.
"""

from __future__ import annotations

import orjson
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import include, path

from api.views_insatser import INSATSFALT, _insatsrad, _lpo_ids
from api.vyer import API_VERSION, nasta_adress
from insatser import selectors
from karna.hemligheter import tokenhash

ORDNING = ("start", "id")
_SQL: dict[int, tuple[str, tuple]] = {}


def _anvandare_id(request) -> int | None:
    typ, _sep, hemlighet = request.headers.get("Authorization", "").partition(" ")
    if typ.lower() != "bearer":
        return None
    with connection.cursor() as markor:
        markor.execute(
            "SELECT t.anvandare_id FROM api_apitoken t JOIN auth_user u ON u.id = t.anvandare_id"
            " WHERE t.hash = %s AND t.aterkallad IS NULL AND t.giltig_till > now()"
            " AND u.is_active",
            [tokenhash(hemlighet.strip())],
        )
        rad = markor.fetchone()
    return rad[0] if rad else None


def _sidans_sql(anvandare_id: int, grans: int) -> tuple[str, tuple]:
    if (anvandare_id, grans) not in _SQL:
        user = get_user_model().objects.get(pk=anvandare_id)
        fraga = (
            selectors.insatslista(user)
            .annotate(lpo_ids=_lpo_ids())
            .values(*INSATSFALT, "lpo_ids")
            .order_by(*ORDNING)[: grans + 1]
        )
        _SQL[anvandare_id, grans] = fraga.query.sql_with_params()
    return _SQL[anvandare_id, grans]


def insatser(request):
    anvandare_id = _anvandare_id(request)
    if anvandare_id is None:
        return HttpResponseNotFound()
    grans = int(request.GET.get("limit", "50"))
    sql, parametrar = _sidans_sql(anvandare_id, grans)
    with connection.cursor() as markor:
        markor.execute(sql, parametrar)
        namn = [kolumn.name for kolumn in markor.description]
        rader = [dict(zip(namn, rad, strict=True)) for rad in markor.fetchall()]
    nasta = None
    if len(rader) > grans:
        rader = rader[:grans]
        nasta = nasta_adress(request, request.GET, [rader[-1][f] for f in ORDNING])
    svar = HttpResponse(
        orjson.dumps({"items": [_insatsrad(rad) for rad in rader], "next": nasta}),
        content_type="application/json",
    )
    svar["API-Version"] = API_VERSION
    if nasta:
        svar["Link"] = f'<{nasta}>; rel="next"'
    return svar


urlpatterns = [
    path("bench/tvilling/insatser", insatser),
    path("", include("config.urls")),
]
