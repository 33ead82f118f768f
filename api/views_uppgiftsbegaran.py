"""Requests for information between the agencies of an operation: read as the policy allows,
answered (with the release that answers) or declined through the same verbs as *Myndigheternas
uppgifter*."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
from api.views_information import insats_med_detaljer
from api.vyer import (
    ApiVy,
    Sidfraga,
    ej_modifierad,
    etagg,
    fragan,
    idempotent,
    json_svar,
    krav_if_match,
    lista,
    oforandrad,
    sida,
)
from insatser import access, selectors, services

BEGARANSFALT = (
    "id",
    "insats_id",
    "objekt_id",
    "fragande_organisation_id",
    "tillfragad_organisation_id",
    "fraga",
    "status",
    "svarstext",
    "frislappning_id",
    "skapad",
    "besvarad",
)


def _rad(rad: dict) -> dict:
    ut = {falt.removesuffix("_id"): rad[falt] for falt in BEGARANSFALT}
    ut["svar"] = ut.pop("svarstext")
    return ut


class Uppgiftsbegaranden(ApiVy):
    @extend_schema(
        operation_id="insatser_uppgiftsbegaranden_list",
        parameters=[Sidfraga],
        responses=schema.svar(
            {200: schema.sidlista("Uppgiftsbegaranslista", schema.Uppgiftsbegaransrad)}, 400, 404
        ),
    )
    def get(self, request, pk: int):
        """The requests for information in the operation that the reader may see: those of the
        asking and the asked organisation, and the coordinators'."""
        fraga = fragan(request, Sidfraga)
        insats = insats_med_detaljer(request.user, pk)
        rader, nasta = sida(
            request,
            access.synliga_uppgiftsbegaranden(request.user)
            .filter(insats=insats)
            .values(*BEGARANSFALT),
            ("id",),
            fraga,
        )
        return lista([_rad(rad) for rad in rader], nasta)


def _begaran(user, pk: int, begaran: int):
    insats = insats_med_detaljer(user, pk)
    begaranden = access.synliga_uppgiftsbegaranden(user).filter(insats=insats)
    den = begaranden.filter(pk=begaran).first()
    if den is None:
        raise Http404
    return insats, begaranden, den


def _svar(begaranden, pk: int):
    rad = begaranden.filter(pk=pk).values(*BEGARANSFALT, "version").get()
    return json_svar(_rad(rad), headers={"ETag": etagg(rad["version"])})


class Uppgiftssvar(ApiVy):
    @extend_schema(
        operation_id="insatser_uppgiftsbegaranden_svar_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Uppgiftsbegaransrad, 304: None}, 404),
    )
    def get(self, request, pk: int, begaran: int):
        """One request the reader may see, with the ETag an answer names."""
        _insats, begaranden, den = _begaran(request.user, pk, begaran)
        if oforandrad(request, etagg(den.version)):
            return ej_modifierad(etagg(den.version))
        return _svar(begaranden, den.pk)

    @extend_schema(
        operation_id="insatser_uppgiftsbegaranden_svar_create",
        parameters=[schema.IF_MATCH, schema.IDEMPOTENS],
        request=schema.Uppgiftssvar,
        responses=schema.svar({200: schema.Uppgiftsbegaransrad}, 400, 403, 404, 409, 412, 422, 428),
    )
    @idempotent
    def post(self, request, pk: int, begaran: int):
        """Answer a request to the reader's organisation, optionally with the release that
        answers it, or decline it with the reason (`avboj`), as on *Myndigheternas uppgifter*.
        `If-Match` is the ETag read with GET on the same address."""
        user = request.user
        insats, begaranden, den = _begaran(user, pk, begaran)
        if not access.kan_besvara_uppgiftsbegaran(user, den):
            raise Http404
        hinder = krav_if_match(request, etagg(den.version))
        if hinder is not None:
            return hinder
        data = schema.Uppgiftssvar(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["avboj"]:
            services.avbo_uppgiftsbegaran(
                user, den, data.validated_data["svar"], version=den.version
            )
        else:
            frislappning = None
            if data.validated_data.get("frislappning") is not None:
                frislappning = (
                    selectors.frislappningar_i_insats(user, insats)
                    .filter(pk=data.validated_data["frislappning"])
                    .first()
                )
                if frislappning is None:
                    raise serializers.ValidationError(
                        {"frislappning": [_("Okänd frisläppning i insatsen.")]}
                    )
            services.besvara_uppgiftsbegaran(
                user, den, data.validated_data["svar"], frislappning, version=den.version
            )
        return _svar(begaranden, den.pk)
