"""The pool, the wheel's events, reference data, the root, the OpenAPI document and its docs
page."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers

from api import schema
from api.problem import Fragefel
from api.vyer import (
    ApiVy,
    Sidfraga,
    fragan,
    json_svar,
    lista,
    sida,
)
from arshjul.access import HANDELSE_POLICY
from arshjul.models import Handelsetyp
from insatser.access import Handling
from myndigheter.models import Lokalpolisomrade, Myndighet
from objekt.access import MYNDIGHETSINTRESSE_POLICY
from objekt.models import Myndighetsintresse
from objekt.selectors import objektlista

OBJEKTFALT = (
    "id",
    "referens",
    "namn",
    "objekttyp",
    "organisationsnummer",
    "adress",
    "postnummer",
    "postort",
    "kommun_id",
    "lpo_id",
    "status",
)


class Objektlista(ApiVy):
    @extend_schema(
        operation_id="objekt_list",
        parameters=[Sidfraga],
        responses=schema.svar({200: schema.sidlista("Objektsida", schema.Objektrad)}, 400),
    )
    def get(self, request):
        """The objects of the pool the reader sees, with the relevance markings the reader
        may read."""
        fraga = fragan(request, Sidfraga)
        rader, nasta = sida(request, objektlista(request.user).values(*OBJEKTFALT), ("id",), fraga)
        markeringar: dict[int, list] = {}
        for m in (
            MYNDIGHETSINTRESSE_POLICY.filtrera(
                request.user, Handling.SE, Myndighetsintresse.objects.all()
            )
            .filter(objekt_id__in=[rad["id"] for rad in rader])
            .order_by("organisation_id", "pk")
            .values("objekt_id", "organisation_id", "relevans")
        ):
            markeringar.setdefault(m["objekt_id"], []).append(
                {"organisation": m["organisation_id"], "relevans": m["relevans"]}
            )
        return lista(
            [
                {
                    **{f.removesuffix("_id"): rad[f] for f in OBJEKTFALT},
                    "relevans": markeringar.get(rad["id"], []),
                }
                for rad in rader
            ],
            nasta,
        )


class Myndigheter(ApiVy):
    @extend_schema(
        operation_id="myndigheter_list",
        parameters=[Sidfraga],
        responses=schema.svar({200: schema.sidlista("Myndighetslista", schema.Myndighetsrad)}, 400),
    )
    def get(self, request):
        """The active organisations (reference data)."""
        fraga = fragan(request, Sidfraga)
        rader, nasta = sida(
            request,
            Myndighet.objects.filter(aktiv=True).values(
                "id", "kod", "namn", "kortnamn", "typ", "ar_polis"
            ),
            ("id",),
            fraga,
        )
        return lista(rader, nasta)


class Lokalpolisomraden(ApiVy):
    @extend_schema(
        operation_id="lokalpolisomraden_list",
        parameters=[Sidfraga],
        responses=schema.svar({200: schema.sidlista("Lpolista", schema.Lporad)}, 400),
    )
    def get(self, request):
        """The local police areas (reference data)."""
        fraga = fragan(request, Sidfraga)
        rader, nasta = sida(
            request,
            Lokalpolisomrade.objects.values("id", "kod", "namn", "polisomrade_id", "region_id"),
            ("id",),
            fraga,
        )
        return lista(
            [
                {
                    "id": r["id"],
                    "kod": r["kod"],
                    "namn": r["namn"],
                    "polisomrade": r["polisomrade_id"],
                    "region": r["region_id"],
                }
                for r in rader
            ],
            nasta,
        )


HANDELSEFALT = (
    "id",
    "arshjul_id",
    "typ",
    "titel",
    "beskrivning",
    "start",
    "slut",
    "heldag",
    "organ_id",
    "lpo_id",
    "kapacitet",
    "installd",
)

Handelsefraga = type(
    "Handelsefraga",
    (Sidfraga,),
    {
        "from": serializers.DateField(required=False, help_text="start on or after this date"),
        "to": serializers.DateField(required=False, help_text="start on or before this date"),
        "typ": serializers.ChoiceField(Handelsetyp.values, required=False),
    },
)


class Arshjulshandelser(ApiVy):
    @extend_schema(
        operation_id="arshjul_handelser_list",
        parameters=[Handelsefraga],
        responses=schema.svar({200: schema.sidlista("Handelselista", schema.Handelserad)}, 400),
    )
    def get(self, request):
        """The events of the annual wheels the reader sees (meetings, deadlines, and the
        operation windows the reader may see), by start."""
        fraga = fragan(request, Handelsefraga)
        if fraga.get("from") and fraga.get("to") and fraga["to"] < fraga["from"]:
            raise Fragefel(
                {"to": [_("Slutdatumet måste vara samma som eller efter startdatumet.")]}
            )
        queryset = HANDELSE_POLICY.filtrera(request.user, Handling.SE)
        if "from" in fraga:
            queryset = queryset.filter(start__date__gte=fraga["from"])
        if "to" in fraga:
            queryset = queryset.filter(start__date__lte=fraga["to"])
        if "typ" in fraga:
            queryset = queryset.filter(typ=fraga["typ"])
        rader, nasta = sida(request, queryset.values(*HANDELSEFALT), ("start", "id"), fraga)
        return lista(
            [{f.removesuffix("_id"): rad[f] for f in HANDELSEFALT} for rad in rader], nasta
        )


RESURSER = [
    "insatser",
    "mina-insatser",
    "utvarderingar",
    "utfall",
    "uppfoljning",
    "arshjul/handelser",
    "bemanningsbegaran",
    "objekt",
    "informationsmallar",
    "myndigheter",
    "lokalpolisomraden",
    "schema",
    "docs",
]


@extend_schema(exclude=True)
class Index(ApiVy):
    """The API's root lists its resources; any other address under it is a 404 problem, never
    the site's HTML page."""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request)

    def http_method_not_allowed(self, request, *args, **kwargs):
        if request.path != reverse("api_index"):
            raise Http404
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get(self, request):
        rot = reverse("api_index")
        if request.path != rot:
            raise Http404
        return json_svar({namn: request.build_absolute_uri(rot + namn) for namn in RESURSER})


class Schema(ApiVy, SpectacularAPIView):
    """The OpenAPI 3.1 document (YAML; JSON with ``?format=json``)."""


class Dokumentation(ApiVy, SpectacularSwaggerSplitView):
    """Swagger UI from the site's own static files; its start script is a file of its own, as
    the Content-Security-Policy allows no inline script."""
