"""Evaluations and outcomes: the joint evaluations the reader sees, the agency evaluations (read
and filed as on the agency's form) and the outcomes of carried-out operations (read and recorded
as on the outcomes page). Every read goes through the evaluation app's policies and selectors,
every write through its verbs."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import orjson
from django.db.models import Count, F, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
from api import schema_utvardering as utvschema
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
from insatser.models import Kontroll
from insatser.views import insats_med_detaljer_eller_404
from utvardering import access, selectors, services, services_utfall
from utvardering.models import (
    Gemensamutvardering,
    Myndighetsutvardering,
    Resultattyp,
    Utfall,
)

Utvarderingsfraga = type(
    "Utvarderingsfraga",
    (Sidfraga,),
    {
        "insats": serializers.IntegerField(required=False, min_value=1),
        "status": serializers.ChoiceField(Gemensamutvardering.Status.choices, required=False),
        "updated_since": serializers.DateTimeField(
            required=False,
            help_text="only evaluations opened, closed, or with an agency evaluation submitted "
            "(or one the reader may read saved) since",
        ),
    },
)

UTVARDERINGSFALT = ("id", "insats_id", "status", "frist", "oppnad", "avslutad", "andrad")


def _antal(**villkor) -> Coalesce:
    rader = (
        Myndighetsutvardering.objects.filter(utvardering=OuterRef("pk"), **villkor)
        .order_by()
        .values("utvardering")
        .annotate(antal=Count("pk"))
        .values("antal")
    )
    return Coalesce(Subquery(rader, output_field=IntegerField()), Value(0))


def _senast(rader, falt: str) -> Subquery:
    return Subquery(
        rader.filter(utvardering=OuterRef("pk"))
        .order_by()
        .values("utvardering")
        .annotate(senast=Max(falt))
        .values("senast")
    )


def _utvarderingar(user):
    """The joint evaluations the reader sees, with the counts and change time a row shows. The
    change time counts the saves of the agency evaluations the reader may read and every
    submission, never when another agency saved a draft the reader may not read."""
    oppnad = F("oppnad")
    return access.synliga_utvarderingar(user).annotate(
        myndigheter=_antal(),
        inlamnade=_antal(status=Myndighetsutvardering.Status.INLAMNAD),
        andrad=Greatest(
            oppnad,
            Coalesce(F("avslutad"), oppnad),
            Coalesce(_senast(access.lasbara_myndighetsutvarderingar(user), "andrad"), oppnad),
            Coalesce(_senast(Myndighetsutvardering.objects.all(), "inlamnad"), oppnad),
        ),
    )


def _utvarderingsrad(rad: dict) -> dict:
    forsenad = Gemensamutvardering(status=rad["status"], frist=rad["frist"]).forsenad
    return {
        "id": rad["id"],
        "insats": rad["insats_id"],
        "status": rad["status"],
        "frist": rad["frist"],
        "forsenad": forsenad,
        "oppnad": rad["oppnad"],
        "avslutad": rad["avslutad"],
        "myndigheter": rad["myndigheter"],
        "inlamnade": rad["inlamnade"],
        "andrad": rad["andrad"],
    }


class Utvarderingar(ApiVy):
    @extend_schema(
        operation_id="utvarderingar_list",
        parameters=[Utvarderingsfraga],
        responses=schema.svar(
            {200: schema.sidlista("Utvarderingslista", utvschema.Utvarderingsrad)}, 400
        ),
    )
    def get(self, request):
        """The joint evaluations the reader sees (those who see the operation's details), as the
        evaluation page shows them."""
        fraga = fragan(request, Utvarderingsfraga)
        queryset = _utvarderingar(request.user)
        if "insats" in fraga:
            queryset = queryset.filter(insats_id=fraga["insats"])
        if "status" in fraga:
            queryset = queryset.filter(status=fraga["status"])
        if "updated_since" in fraga:
            queryset = queryset.filter(andrad__gte=fraga["updated_since"])
        rader, nasta = sida(
            request,
            queryset.values(*UTVARDERINGSFALT, "myndigheter", "inlamnade"),
            ("id",),
            fraga,
        )
        return lista([_utvarderingsrad(rad) for rad in rader], nasta)


def _text(varde):
    """Decimals as their exact text, as in the schema (orjson writes no Decimal)."""
    return str(varde) if isinstance(varde, Decimal) else varde


def _innehall(rad: Myndighetsutvardering) -> dict:
    return {falt: _text(getattr(rad, falt)) for falt in Myndighetsutvardering.IFYLLBARA}


def _myndighetsrad(rad: Myndighetsutvardering, insats_id: int, oppen: bool) -> dict:
    """An agency evaluation: its state for whoever sees the joint evaluation, its contents only
    where the policy lets the reader read them (``kan_lasa``), as on the evaluation page."""
    return {
        "id": rad.pk,
        "utvardering": rad.utvardering_id,
        "insats": insats_id,
        "organisation": rad.organisation_id,
        "lpo": rad.lpo_id,
        "status": rad.status,
        "paborjad": rad.andrad is not None,
        "inlamnad": rad.inlamnad,
        "andrad": rad.andrad if rad.kan_lasa else None,
        "kan_fylla_i": bool(rad.kan_fylla_i) and oppen,
        "innehall": _innehall(rad) if rad.kan_lasa else None,
    }


FORBATTRINGSFALT = ("id", "text", "status", "ansvarig_organisation_id", "objekt_id", "slutdatum")


def _innehallets_tagg(data: dict) -> str:
    """The joint evaluation's answer gathers several rows (agencies, improvement items): its
    tag is the digest of what this reader is shown, so any change the reader would see, and
    only such a change, makes a new one."""
    return etagg(hashlib.sha256(orjson.dumps(data)).hexdigest()[:32])


class Utvarderingen(ApiVy):
    @extend_schema(
        operation_id="utvarderingar_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: utvschema.Utvarderingsdetalj, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """One joint evaluation with each agency's state (its contents where the reader may read
        them) and the improvement items the reader sees."""
        utvardering = _utvarderingar(request.user).filter(pk=pk).first()
        if utvardering is None:
            raise Http404
        oppen = utvardering.status == Gemensamutvardering.Status.OPPEN
        rad = _utvarderingsrad(
            {
                **{f: getattr(utvardering, f) for f in UTVARDERINGSFALT},
                "myndigheter": utvardering.myndigheter,
                "inlamnade": utvardering.inlamnade,
            }
        )
        rad.update(
            sammanfattning=utvardering.sammanfattning,
            styrkor=utvardering.styrkor,
            skal_for_saknade=utvardering.skal_for_saknade,
            myndighetsutvarderingar=[
                _myndighetsrad(m, utvardering.insats_id, oppen)
                for m in selectors.myndighetsutvarderingar(request.user, utvardering)
            ],
            forbattringsomraden=[
                {f.removesuffix("_id"): omrade[f] for f in FORBATTRINGSFALT}
                for omrade in access.synliga_forbattringsomraden(request.user)
                .filter(insats_id=utvardering.insats_id)
                .order_by("status", "-skapad", "pk")
                .values(*FORBATTRINGSFALT)
            ],
        )
        tagg = _innehallets_tagg(rad)
        if oforandrad(request, tagg):
            return ej_modifierad(tagg)
        return json_svar(rad, headers={"ETag": tagg})


def _myndighetsutvardering(user, pk: int) -> Myndighetsutvardering:
    """An agency evaluation the reader may read, flagged as on the evaluation page; 404
    otherwise."""
    rad = (
        access.MYNDIGHETSUTVARDERING_POLICY.markera(
            access.lasbara_myndighetsutvarderingar(user),
            user,
            kan_lasa=access.Handling.SE,
            kan_fylla_i=access.Handling.FYLLA_I,
        )
        .select_related("utvardering")
        .filter(pk=pk)
        .first()
    )
    if rad is None:
        raise Http404
    return rad


def _myndighetssvar(rad: Myndighetsutvardering):
    oppen = rad.utvardering.status == Gemensamutvardering.Status.OPPEN
    return json_svar(
        _myndighetsrad(rad, rad.utvardering.insats_id, oppen),
        headers={"ETag": etagg(rad.version)},
    )


class Myndighetsutvarderingen(ApiVy):
    @extend_schema(
        operation_id="myndighetsutvarderingar_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: utvschema.Myndighetsutvardering, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """One agency evaluation: its own organisation (for the police the LPO's operational
        coordinators) reads it, the operation's coordinators once it is submitted."""
        rad = _myndighetsutvardering(request.user, pk)
        if oforandrad(request, etagg(rad.version)):
            return ej_modifierad(etagg(rad.version))
        return _myndighetssvar(rad)

    @extend_schema(
        operation_id="myndighetsutvarderingar_update",
        parameters=[schema.IF_MATCH],
        request=utvschema.Myndighetsutvarderingssvar,
        responses=schema.svar({200: utvschema.Myndighetsutvardering}, 400, 403, 404, 409, 412, 428),
    )
    def put(self, request, pk: int):
        """Save the agency's evaluation as a draft or submit it (``lamna_in``), as the agency's
        form does: the whole evaluation, a field left out saved empty. A submitted one may be
        changed while the joint evaluation is open; the history keeps every change."""
        rad = _myndighetsutvardering(request.user, pk)
        if not rad.kan_fylla_i:
            raise Http404
        hinder = krav_if_match(request, etagg(rad.version))
        if hinder is not None:
            return hinder
        data = utvschema.Myndighetsutvarderingssvar(data=request.data)
        data.is_valid(raise_exception=True)
        varden = dict(data.validated_data)
        lamna_in = varden.pop("lamna_in")
        services.spara_myndighetsutvardering(
            request.user, rad, varden, version=rad.version, lamna_in=lamna_in
        )
        return _myndighetssvar(_myndighetsutvardering(request.user, pk))


UTFALLSFALT = (
    "id",
    "insats_id",
    "kontroll_id",
    "organisation_id",
    "typ_id",
    "belopp",
    "antal",
    "enhet",
    "uppskattning",
    "beslutsdatum",
    "synlighet",
    "registrerad",
    "version",
)

Utfallsfraga = type(
    "Utfallsfraga",
    (Sidfraga,),
    {
        "insats": serializers.IntegerField(required=False, min_value=1),
        "organisation": serializers.IntegerField(
            required=False, min_value=1, help_text="the organisation that recorded it"
        ),
    },
)


def _utfallsrad(rad: dict) -> dict:
    return {f.removesuffix("_id"): _text(rad[f]) for f in UTFALLSFALT}


class Utfallslista(ApiVy):
    @extend_schema(
        operation_id="utfall_list",
        parameters=[Utfallsfraga],
        responses=schema.svar({200: schema.sidlista("Utfallslista", utvschema.Utfallsrad)}, 400),
    )
    def get(self, request):
        """The outcomes the reader may read one by one, as the outcomes page shows them: an
        agency's own to its people, those shared with the participants to the participants;
        those for sums only to their own agency alone. Each outcome read is logged."""
        fraga = fragan(request, Utfallsfraga)
        queryset = access.synliga_utfall(request.user)
        if "insats" in fraga:
            queryset = queryset.filter(insats_id=fraga["insats"])
        if "organisation" in fraga:
            queryset = queryset.filter(organisation_id=fraga["organisation"])
        rader, nasta = sida(request, queryset.values(*UTFALLSFALT), ("id",), fraga)
        services_utfall.logga_lasta_utfall(request.user, [rad["id"] for rad in rader], self.syfte())
        return lista([_utfallsrad(rad) for rad in rader], nasta)


class Utfallet(ApiVy):
    @extend_schema(
        operation_id="insatser_utfall_create",
        parameters=[schema.IDEMPOTENS],
        request=utvschema.Nyttutfall,
        responses=schema.svar({201: utvschema.Utfallsrad}, 400, 403, 404, 409, 422),
    )
    @idempotent
    def post(self, request, pk: int):
        """Record an outcome of the reader's organisation in a carried-out operation, as on the
        outcomes page: its officers and focal point, for the police the LPO's operational
        coordinators."""
        insats = insats_med_detaljer_eller_404(request.user, pk)
        if not (
            services_utfall.utfall_mojliga(insats)
            and access.kan_registrera_utfall(request.user, insats)
        ):
            raise Http404
        data = utvschema.Nyttutfall(data=request.data)
        data.is_valid(raise_exception=True)
        varden = dict(data.validated_data)
        typ = Resultattyp.objects.filter(pk=varden["typ"]).first()
        if typ is None:
            raise serializers.ValidationError({"typ": [_("Okänd typ.")]})
        kontroll = None
        if varden["kontroll"] is not None:
            kontroll = Kontroll.objects.filter(pk=varden["kontroll"]).first()
            if kontroll is None:
                raise serializers.ValidationError({"kontroll": [_("Okänd kontroll.")]})
        utfall = services_utfall.registrera_utfall(
            request.user, insats, **{**varden, "typ": typ, "kontroll": kontroll}
        )
        rad = Utfall.objects.filter(pk=utfall.pk).values(*UTFALLSFALT).get()
        return json_svar(_utfallsrad(rad), status=201)
