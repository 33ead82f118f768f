"""Police staffing requests: read as the policy allows, answered through the same verb as the
inbox."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
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
from insatser import services
from insatser.access import BEMANNING_POLICY, Handling

BEGARANSFALT = (
    "id",
    "insats_id",
    "lpo_id",
    "status",
    "begart_antal",
    "kompetenser",
    "svarsfrist",
    "bekraftat_antal",
    "besvarad",
    "intern_anteckning",
    "visa_polisdetaljer",
    "version",
)


def _begaranden(user):
    return BEMANNING_POLICY.markera(
        BEMANNING_POLICY.filtrera(user, Handling.SE),
        user,
        visa_polisdetaljer=Handling.SE_POLISDETALJER,
    )


def _begaransrad(rad: dict) -> dict:
    return {
        "id": rad["id"],
        "insats": rad["insats_id"],
        "lpo": rad["lpo_id"],
        "status": rad["status"],
        "begart_antal": rad["begart_antal"],
        "kompetenser": rad["kompetenser"],
        "svarsfrist": rad["svarsfrist"],
        "bekraftat_antal": rad["bekraftat_antal"],
        "besvarad": rad["besvarad"],
        "intern_anteckning": rad["intern_anteckning"] if rad["visa_polisdetaljer"] else "",
    }


class Bemanningsbegaranden(ApiVy):
    @extend_schema(
        operation_id="bemanningsbegaran_list",
        parameters=[Sidfraga],
        responses=schema.svar({200: schema.sidlista("Begaranslista", schema.Begaransrad)}, 400),
    )
    def get(self, request):
        """The police staffing requests the reader sees."""
        fraga = fragan(request, Sidfraga)
        rader, nasta = sida(
            request, _begaranden(request.user).values(*BEGARANSFALT), ("id",), fraga
        )
        return lista([_begaransrad(rad) for rad in rader], nasta)


def _begaran(user, pk: int) -> dict:
    rad = _begaranden(user).filter(pk=pk).values(*BEGARANSFALT).first()
    if rad is None:
        raise Http404
    return rad


def _begaransvar(rad: dict):
    return json_svar(_begaransrad(rad), headers={"ETag": etagg(rad["version"])})


class Begaran(ApiVy):
    @extend_schema(
        operation_id="bemanningsbegaran_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Begaransrad, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """One staffing request; the police's internal note only for the police."""
        rad = _begaran(request.user, pk)
        if oforandrad(request, etagg(rad["version"])):
            return ej_modifierad(etagg(rad["version"]))
        return _begaransvar(rad)


class Bemanningssvar(ApiVy):
    @extend_schema(
        operation_id="bemanningsbegaran_svar_create",
        parameters=[schema.IF_MATCH, schema.IDEMPOTENS],
        request=schema.Bemanningssvar,
        responses=schema.svar({200: schema.Begaransrad}, 400, 403, 404, 409, 412, 422, 428),
    )
    @idempotent
    def post(self, request, pk: int):
        """Confirm, partly confirm (fewer officers) or decline (0) a request, as the inbox."""
        begaran = BEMANNING_POLICY.filtrera(request.user, Handling.BESVARA).filter(pk=pk).first()
        if begaran is None:
            raise Http404
        hinder = krav_if_match(request, etagg(begaran.version))
        if hinder is not None:
            return hinder
        data = schema.Bemanningssvar(data=request.data)
        data.is_valid(raise_exception=True)
        ids = set(data.validated_data["poliser"])
        poliser = list(get_user_model().objects.filter(pk__in=ids))
        if len(poliser) != len(ids):
            raise serializers.ValidationError({"poliser": [_("Okänd användare.")]})
        services.besvara_bemanning(
            request.user,
            begaran,
            data.validated_data["bekraftat_antal"],
            poliser=poliser,
            intern_anteckning=data.validated_data["intern_anteckning"],
            version=begaran.version,
        )
        return _begaransvar(_begaran(request.user, pk))
