"""Agency information: the agencies' templates as JSON Schema, the blocks about an object (read as
the policy allows and logged, written through the page's verb), and their releases to an
operation. Every read goes through the same policies as the pages; every write through the same
verb."""

from __future__ import annotations

import hashlib

import orjson
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
from api.mallschema import innehall_enligt_mallen, json_schema
from api.problem import problem
from api.views_insatser import _insats
from api.vyer import (
    ApiVy,
    Sidfraga,
    ej_modifierad,
    etagg,
    fragan,
    json_svar,
    krav_if_match,
    lista,
    oforandrad,
    sida,
)
from karna.policy import Aktor
from objekt import access as objekt_access
from objekt import selectors as objekt_selectors
from objekt import services as objekt_services
from objekt.models import Informationsmall, Objekt, Objekttyp, Objektuppgift

MALLFALT = (
    "id",
    "organisation_id",
    "organisation__namn",
    "objekttyp",
    "version",
    "aktiv",
    "faltdefinition",
)

Mallfraga = type(
    "Mallfraga",
    (Sidfraga,),
    {
        "organisation": serializers.IntegerField(required=False, min_value=1),
        "objekttyp": serializers.ChoiceField(Objekttyp.values, required=False),
        "aktiv": serializers.ChoiceField(
            ["true", "false"], required=False, help_text="only the templates in use (or not)"
        ),
    },
)


def _mallrad(request, rad: dict) -> dict:
    adress = request.build_absolute_uri(reverse("api_informationsmall", args=[rad["id"]]))
    # As the template names itself (Informationsmall.__str__), without a query per row.
    titel = f"{rad['organisation__namn']} – {Objekttyp(rad['objekttyp']).label} v{rad['version']}"
    return {
        "id": rad["id"],
        "organisation": rad["organisation_id"],
        "objekttyp": rad["objekttyp"],
        "version": rad["version"],
        "aktiv": rad["aktiv"],
        "schema": json_schema(rad["faltdefinition"], titel, adress),
    }


class Informationsmallar(ApiVy):
    @extend_schema(
        operation_id="informationsmallar_list",
        parameters=[Mallfraga],
        responses=schema.svar(
            {200: schema.sidlista("Informationsmallista", schema.Informationsmallrad)}, 400
        ),
    )
    def get(self, request):
        """The agencies' information templates (reference data), each as the JSON Schema a
        block's content must meet; `aktiv` marks the one an agency writes with now."""
        fraga = fragan(request, Mallfraga)
        queryset = Informationsmall.objects.all()
        if "organisation" in fraga:
            queryset = queryset.filter(organisation_id=fraga["organisation"])
        if "objekttyp" in fraga:
            queryset = queryset.filter(objekttyp=fraga["objekttyp"])
        if "aktiv" in fraga:
            queryset = queryset.filter(aktiv=fraga["aktiv"] == "true")
        rader, nasta = sida(request, queryset.values(*MALLFALT), ("id",), fraga)
        return lista([_mallrad(request, rad) for rad in rader], nasta)


def _mallens_tagg(rad: dict) -> str:
    innehall = orjson.dumps([rad["aktiv"], rad["faltdefinition"]], option=orjson.OPT_SORT_KEYS)
    return etagg(rad["id"], rad["version"], hashlib.sha256(innehall).hexdigest()[:16])


class Informationsmallen(ApiVy):
    @extend_schema(
        operation_id="informationsmallar_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Informationsmallrad, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """One template, also one no longer in use (a block names the template it was written
        with)."""
        rad = Informationsmall.objects.filter(pk=pk).values(*MALLFALT).first()
        if rad is None:
            raise Http404
        tagg = _mallens_tagg(rad)
        if oforandrad(request, tagg):
            return ej_modifierad(tagg)
        return json_svar(_mallrad(request, rad), headers={"ETag": tagg})


BLOCKFALT = (
    "id",
    "objekt_id",
    "organisation_id",
    "mall_id",
    "sekretessniva",
    "skapad",
    "innehall",
)


def _blockrad(rad: dict) -> dict:
    return {falt.removesuffix("_id"): rad[falt] for falt in BLOCKFALT}


def _objekt(user, pk: int) -> Objekt:
    objekt = objekt_access.synliga_objekt(user).filter(pk=pk).first()
    if objekt is None:
        raise Http404
    return objekt


Informationsfraga = type(
    "Informationsfraga",
    (Sidfraga,),
    {"organisation": serializers.IntegerField(required=False, min_value=1)},
)


class Objektinformation(ApiVy):
    @extend_schema(
        operation_id="objekt_information_list",
        parameters=[Informationsfraga],
        responses=schema.svar(
            {200: schema.sidlista("Informationslista", schema.Informationsblock)}, 400, 404
        ),
    )
    def get(self, request, pk: int):
        """The agency information about the object that the reader may read (the reader's own
        organisation's, and what was released to an operation the reader reads), oldest first;
        each read is logged. The latest block of an organisation is its current information."""
        fraga = fragan(request, Informationsfraga)
        objekt = _objekt(request.user, pk)
        queryset = objekt_access.synliga_objektuppgifter(request.user).filter(objekt=objekt)
        if "organisation" in fraga:
            queryset = queryset.filter(organisation_id=fraga["organisation"])
        rader, nasta = sida(request, queryset.values(*BLOCKFALT), ("id",), fraga)
        objekt_services.logga_lasta_objektuppgifter(
            request.user, objekt, [rad["id"] for rad in rader], self.syfte()
        )
        return lista([_blockrad(rad) for rad in rader], nasta)


def _senaste(queryset) -> dict | None:
    return queryset.order_by("-skapad", "-pk").values(*BLOCKFALT).first()


def _forutsattning(request, nuvarande: dict | None):
    """The write names the block it replaces (``If-Match``); the organisation's first block is
    written with ``If-None-Match: *``, as nothing is there to match."""
    if nuvarande is not None:
        return krav_if_match(request, etagg(nuvarande["id"]))
    if request.headers.get("If-None-Match", "").strip() == "*":
        return None
    if request.headers.get("If-Match"):
        return problem(request, 412, _("Resursen har ändrats sedan du läste den. Läs den igen."))
    return problem(
        request, 428, _("Ange If-None-Match: * för organisationens första uppgift om objektet.")
    )


class Organisationensinformation(ApiVy):
    @extend_schema(
        operation_id="objekt_information_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Informationsblock, 304: None}, 404),
    )
    def get(self, request, pk: int, organisation: int):
        """An organisation's current information about the object (its latest block), if the
        reader may read it; the read is logged."""
        objekt = _objekt(request.user, pk)
        rad = _senaste(
            objekt_access.synliga_objektuppgifter(request.user).filter(
                objekt=objekt, organisation_id=organisation
            )
        )
        if rad is None:
            raise Http404
        tagg = etagg(rad["id"])
        if oforandrad(request, tagg):
            return ej_modifierad(tagg)
        objekt_services.logga_lasta_objektuppgifter(request.user, objekt, [rad["id"]], self.syfte())
        return json_svar(_blockrad(rad), headers={"ETag": tagg})

    @extend_schema(
        operation_id="objekt_information_update",
        parameters=[schema.IF_MATCH, schema.IF_NONE_MATCH_SKAPA],
        request=OpenApiTypes.OBJECT,
        responses=schema.svar(
            {200: schema.Informationsblock, 201: schema.Informationsblock},
            400,
            403,
            404,
            412,
            428,
        ),
    )
    def put(self, request, pk: int, organisation: int):
        """Write the reader's own organisation's information about the object, as a new block
        with the organisation's active template (as *Myndigheternas uppgifter* does): the body is
        the content, checked against the template's JSON Schema; nothing is saved when a field
        is wrong. ``If-Match`` names the current block (``If-None-Match: *`` for the first)."""
        user = request.user
        objekt = _objekt(user, pk)
        if organisation != Aktor.for_user(user).organisation_id or not (
            objekt_access.ar_poolanvandare(user)
        ):
            raise Http404
        with transaction.atomic():
            # Two writers who read the same block: the second waits here and then sees the
            # first one's block, so its If-Match is stale (412), not silently overwritten.
            list(Objekt.objects.select_for_update().filter(pk=objekt.pk).values_list("pk"))
            nuvarande = _senaste(
                objekt_access.synliga_objektuppgifter(user).filter(
                    objekt=objekt, organisation_id=organisation
                )
            )
            hinder = _forutsattning(request, nuvarande)
            if hinder is not None:
                return hinder
            mall = objekt_selectors.aktiv_mall(organisation, objekt.objekttyp)
            if mall is None:
                raise serializers.ValidationError(
                    {"mall": [_("Din organisation har ingen informationsmall för objekttypen.")]}
                )
            uppgift = objekt_services.registrera_objektuppgift(
                user, objekt, mall, innehall_enligt_mallen(mall, request.data)
            )
        rad = Objektuppgift.objects.filter(pk=uppgift.pk).values(*BLOCKFALT).get()
        return json_svar(
            _blockrad(rad),
            status=201 if nuvarande is None else 200,
            headers={"ETag": etagg(uppgift.pk)},
        )


def insats_med_detaljer(user, pk: int):
    """The operation, for those who see its details (as *Myndigheternas uppgifter*)."""
    insats = _insats(user, pk)
    if not insats.visa_detaljer:
        raise Http404
    return insats
