"""Releases of agency information in an operation: listed, made and taken back through the
same verbs as *Myndigheternas uppgifter*."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
from api.views_information import insats_med_detaljer
from api.vyer import ApiVy, Sidfraga, fragan, idempotent, json_svar, lista, sida
from insatser import selectors, services
from insatser.models import Frislappning, NekadFrislappning
from karna.policy import Aktor
from myndigheter.models import Delningsgrund, Myndighet
from objekt import access as objekt_access

FRISLAPPNINGSFALT = (
    "id",
    "objektuppgift_id",
    "objektuppgift__objekt_id",
    "objektuppgift__organisation_id",
    "krets",
    "delningsgrund_id",
    "grund",
    "tidpunkt",
    "aterkallad",
)


def _frislappningar(queryset):
    return queryset.annotate(
        mottagar_ids=ArraySubquery(
            Frislappning.mottagare.through.objects.filter(frislappning_id=OuterRef("pk"))
            .order_by("myndighet_id")
            .values("myndighet_id")
        )
    ).values(*FRISLAPPNINGSFALT, "mottagar_ids")


def _frislappningsrad(rad: dict) -> dict:
    return {
        "id": rad["id"],
        "objektuppgift": rad["objektuppgift_id"],
        "objekt": rad["objektuppgift__objekt_id"],
        "organisation": rad["objektuppgift__organisation_id"],
        "krets": rad["krets"],
        "mottagare": rad["mottagar_ids"],
        "delningsgrund": rad["delningsgrund_id"],
        "grund": rad["grund"],
        "tidpunkt": rad["tidpunkt"],
        "aterkallad": rad["aterkallad"],
    }


class Frislappningar(ApiVy):
    @extend_schema(
        operation_id="insatser_frislappningar_list",
        parameters=[Sidfraga],
        responses=schema.svar(
            {200: schema.sidlista("Frislappningslista", schema.Frislappningsrad)}, 400, 404
        ),
    )
    def get(self, request, pk: int):
        """The releases of agency information in the operation that the reader may see: those
        of the reader's own organisation's blocks (withdrawn ones too) and the active ones that
        reach the reader. The content is read with the object's information."""
        fraga = fragan(request, Sidfraga)
        insats = insats_med_detaljer(request.user, pk)
        rader, nasta = sida(
            request,
            _frislappningar(selectors.frislappningar_i_insats(request.user, insats)),
            ("id",),
            fraga,
        )
        return lista([_frislappningsrad(rad) for rad in rader], nasta)

    @extend_schema(
        operation_id="insatser_frislappningar_create",
        parameters=[schema.IDEMPOTENS],
        request=schema.Nyfrislappning,
        responses=schema.svar(
            {201: schema.Frislappningsrad, 200: schema.Nekadfrislappning},
            400,
            403,
            404,
            409,
            422,
        ),
    )
    @idempotent
    def post(self, request, pk: int):
        """Release one of the organisation's blocks about an object of the operation to a
        circle, under one of its disclosure provisions, as on *Myndigheternas uppgifter*:
        `201` with the release; `200` with the refusal, recorded, when the provision does not
        cover every recipient."""
        user = request.user
        insats = insats_med_detaljer(user, pk)
        if not objekt_access.OBJEKTUPPGIFT_POLICY.kan_nagon_gang(
            user, objekt_access.Handling.FRISLAPPA
        ):
            raise Http404
        data = schema.Nyfrislappning(data=request.data)
        data.is_valid(raise_exception=True)
        uppgift = (
            objekt_access.OBJEKTUPPGIFT_POLICY.filtrera(user, objekt_access.Handling.FRISLAPPA)
            .filter(pk=data.validated_data["objektuppgift"], objekt__kontroller__insats=insats)
            .first()
        )
        if uppgift is None:
            raise serializers.ValidationError(
                {"objektuppgift": [_("Okänd uppgift om ett objekt i insatsen.")]}
            )
        grund = Delningsgrund.objects.filter(
            pk=data.validated_data["delningsgrund"],
            organisation_id=Aktor.for_user(user).organisation_id,
        ).first()
        if grund is None:
            raise serializers.ValidationError(
                {"delningsgrund": [_("Välj en av din organisations delningsgrunder.")]}
            )
        ids = set(data.validated_data["namngivna"])
        namngivna = list(Myndighet.objects.filter(pk__in=ids))
        if len(namngivna) != len(ids):
            raise serializers.ValidationError({"namngivna": [_("Okänd organisation.")]})
        utfall = services.frislapp_objektuppgift(
            user, uppgift, insats, grund, data.validated_data["krets"], namngivna
        )
        if isinstance(utfall, NekadFrislappning):
            return json_svar(
                {
                    "id": utfall.pk,
                    "objektuppgift": utfall.objektuppgift_id,
                    "krets": utfall.krets,
                    "delningsgrund": utfall.delningsgrund_id,
                    "hinder": utfall.hinder,
                    "tidpunkt": utfall.tidpunkt,
                }
            )
        rad = _frislappningar(Frislappning.objects.filter(pk=utfall.pk)).get()
        return json_svar(_frislappningsrad(rad), status=201)


class Aterkallelse(ApiVy):
    @extend_schema(
        operation_id="frislappningar_aterkallelse_create",
        request=schema.Aterkallelse,
        responses=schema.svar({200: schema.Frislappningsrad}, 400, 403, 404),
    )
    def post(self, request, pk: int):
        """Take back a release of one of the organisation's own blocks, as on *Myndigheternas
        uppgifter*: the block leaves the briefings and those it reached are told. A release
        already taken back is a `400`."""
        user = request.user
        frislappning = (
            Frislappning.objects.filter(
                objektuppgift__in=objekt_access.synliga_objektuppgifter(user)
            )
            .select_related("insats", "objektuppgift")
            .filter(pk=pk)
            .first()
        )
        if frislappning is None or not objekt_access.kan_frislappa(
            user, frislappning.objektuppgift
        ):
            raise Http404
        data = schema.Aterkallelse(data=request.data)
        data.is_valid(raise_exception=True)
        services.aterkalla_frislappning(user, frislappning, data.validated_data["orsak"])
        rad = _frislappningar(Frislappning.objects.filter(pk=pk)).get()
        return json_svar(_frislappningsrad(rad))
