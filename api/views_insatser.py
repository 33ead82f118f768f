"""The schedule: operations, the invitation answer and findings. Every read goes through the
same selectors and policies as the pages; every write through the same verb."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api import schema
from api.problem import Fragefel
from api.vyer import (
    ApiVy,
    Sidfraga,
    ej_modifierad,
    etagg,
    fragan,
    idempotent,
    json_svar,
    kompilerad_sida,
    krav_if_match,
    lista,
    oforandrad,
)
from insatser import access, selectors, services
from insatser.models import Deltagande, Insats, Insatshandelse
from insatser.workflow import InsatsStatus
from karna.policy import Aktor
from myndigheter.models import Synlighetsandring
from myndigheter.roles import Roll
from objekt.models import Problemkategori

INSATSFALT = (
    "id",
    "referens",
    "titel",
    "status",
    "start",
    "slut",
    "syfte",
    "samordnande_organisation_id",
    "samverkansform_id",
    "bemanning_bekraftad",
    "visa_detaljer",
    "andrad",
)


def _insatsrad(rad: dict) -> dict:
    """A list row as the list page shows it: the time of day only with the details."""
    detaljer = rad["visa_detaljer"]
    return {
        "id": rad["id"],
        "referens": rad["referens"],
        "titel": rad["titel"],
        "status": rad["status"],
        "datum": timezone.localtime(rad["start"]).date(),
        "start": rad["start"] if detaljer else None,
        "slut": rad["slut"] if detaljer else None,
        "syfte": rad["syfte"],
        "samordnande_organisation": rad["samordnande_organisation_id"],
        "samverkansform": rad["samverkansform_id"],
        "lpoer": sorted(rad["lpo_ids"]),
        "bemanning_bekraftad": rad["bemanning_bekraftad"],
        "detaljer": detaljer,
        "andrad": rad["andrad"],
    }


def _lpo_ids():
    return ArraySubquery(
        Insats.lpoer.through.objects.filter(insats_id=OuterRef("pk")).values("lokalpolisomrade_id")
    )


Insatsfraga = type(
    "Insatsfraga",
    (Sidfraga,),
    {
        "from": serializers.DateField(required=False, help_text="start on or after this date"),
        "to": serializers.DateField(required=False, help_text="start on or before this date"),
        "status": serializers.ChoiceField(InsatsStatus.values, required=False),
        "lpo": serializers.IntegerField(required=False, min_value=1),
        "samverkansform": serializers.IntegerField(required=False, min_value=1),
        "organisation": serializers.IntegerField(
            required=False, min_value=1, help_text="the coordinating or an invited organisation"
        ),
        "updated_since": serializers.DateTimeField(
            required=False,
            help_text="only operations changed since then; the first page also lists in "
            "`removed` those changed since then that the reader no longer sees",
        ),
    },
)


def _kontrollera_intervall(fraga: dict) -> None:
    if fraga.get("from") and fraga.get("to") and fraga["to"] < fraga["from"]:
        raise Fragefel({"to": [_("Slutdatumet måste vara samma som eller efter startdatumet.")]})


def _filtrera_insatser(queryset, fraga: dict):
    if "from" in fraga:
        queryset = queryset.filter(start__date__gte=fraga["from"])
    if "to" in fraga:
        queryset = queryset.filter(start__date__lte=fraga["to"])
    if "status" in fraga:
        queryset = queryset.filter(status=fraga["status"])
    if "lpo" in fraga:
        queryset = queryset.filter(
            Exists(
                Insats.lpoer.through.objects.filter(
                    insats_id=OuterRef("pk"), lokalpolisomrade_id=fraga["lpo"]
                )
            )
        )
    if "samverkansform" in fraga:
        queryset = queryset.filter(samverkansform_id=fraga["samverkansform"])
    if "organisation" in fraga:
        queryset = queryset.filter(
            Q(samordnande_organisation_id=fraga["organisation"])
            | Exists(
                Deltagande.objects.filter(
                    insats_id=OuterRef("pk"), organisation_id=fraga["organisation"]
                )
            )
        )
    return queryset


def _insatsfraga(bas, fraga: dict):
    """The list's rows of ``bas`` (from ``selectors.insatslista``) as the schedule has them,
    filtered."""
    queryset = _filtrera_insatser(bas, fraga)
    if "updated_since" in fraga:
        queryset = queryset.filter(_andrade_sedan(fraga["updated_since"]))
    return queryset.annotate(lpo_ids=_lpo_ids()).values(*INSATSFALT, "lpo_ids")


def _andrade_sedan(tid) -> Q:
    """Changed since ``tid``: the row, or anything on its timeline (participants, staffing,
    officers, group), which every verb writes."""
    return Q(andrad__gte=tid) | Exists(
        Insatshandelse.objects.filter(insats=OuterRef("pk"), tid__gte=tid)
    )


def _tidigare_omfang(user, tid) -> list[Aktor]:
    """The scopes the reader had before account changes since ``tid`` (another organisation, a
    role or an LPO taken away), as readers without personal grants: those are the reader's
    still."""
    return [
        Aktor(
            user=None,
            organisation_id=rad["organisation_id"],
            roller=frozenset(Roll(r) for r in rad["roller"] if r in Roll.values),
            lpo_ids=tuple(rad["lpoer"]),
        )
        for rad in Synlighetsandring.objects.filter(anvandare=user, tid__gte=tid)
        .values("organisation_id", "roller", "lpoer")
        .distinct()
    ]


def _borttagna(user, synliga, tid) -> list[dict]:
    """The operations not among ``synliga`` now that either changed since ``tid`` (an officer
    no longer named, a group left: the timeline) or were seen in a scope the reader's account
    had before a change since then (the kept log ``Synlighetsandring``), so a copy must drop
    them. Two queries, however many changes."""
    fore = Q(pk__in=Insatshandelse.objects.filter(tid__gte=tid).values("insats_id"))
    for aktor in _tidigare_omfang(user, tid):
        fore |= Q(pk__in=access.synliga_insatser(aktor).values("pk"))
    ids = (
        Insats.objects.filter(fore)
        .exclude(pk__in=synliga.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [{"id": pk, "reason": "out_of_scope"} for pk in ids]


def _insatssida(request, namn: str, bas, synliga):
    """One page of the schedule's rows of ``bas()`` (from ``selectors.insatslista``) as the query
    asks, its SQL kept per list ``namn``, reader and filters; with ``updated_since`` on the first
    page, also those changed since that are not among ``synliga()`` now."""
    fraga = fragan(request, Insatsfraga)
    _kontrollera_intervall(fraga)
    filter_ = tuple(sorted((k, v) for k, v in fraga.items() if k not in ("cursor", "limit")))
    rader, nasta = kompilerad_sida(
        request,
        (namn, Aktor.for_user(request.user).nyckel(), filter_),
        lambda: _insatsfraga(bas(), fraga),
        ("start", "id"),
        fraga,
    )
    tillagg = {}
    if "updated_since" in fraga and "cursor" not in fraga:
        tillagg["removed"] = _borttagna(request.user, synliga(), fraga["updated_since"])
    return lista([_insatsrad(rad) for rad in rader], nasta, **tillagg)


def _insatslistans_svar(namn: str) -> dict:
    return schema.svar(
        {
            200: schema.sidlista(
                namn,
                schema.Insatsrad,
                removed=schema.Borttagen(
                    many=True,
                    required=False,
                    help_text="with updated_since, on the first page: operations the "
                    "reader no longer sees",
                ),
            )
        },
        400,
    )


class Insatser(ApiVy):
    @extend_schema(
        operation_id="insatser_list",
        parameters=[Insatsfraga],
        responses=_insatslistans_svar("Insatslista"),
    )
    def get(self, request):
        """The operations the reader sees, by start, as the list page has them."""
        return _insatssida(
            request,
            "insatser",
            lambda: selectors.insatslista(request.user),
            lambda: access.synliga_insatser(request.user),
        )


class MinaInsatser(ApiVy):
    @extend_schema(
        operation_id="mina_insatser_list",
        parameters=[Insatsfraga],
        responses=_insatslistans_svar("Minainsatslista"),
    )
    def get(self, request):
        """The operations the reader takes part in, personally or through the organisation: those
        whose details the reader sees (coordinating, invited and not declined, staffing from the
        reader's LPO, named officer), as the start page's day page counts taking part. The same
        rows, filters and paging as the schedule; ``removed`` names those the reader no longer
        takes part in."""
        return _insatssida(
            request,
            "mina-insatser",
            lambda: selectors.insatslista(request.user).filter(visa_detaljer=True),
            lambda: access.INSATS_POLICY.filtrera(request.user, access.Handling.SE_DETALJER),
        )


def _insats(user, pk: int) -> Insats:
    try:
        return selectors.insats_for_detalj(user, pk)
    except Insats.DoesNotExist:
        raise Http404 from None


def _insatsens_tagg(insats: Insats) -> str:
    return etagg(insats.version, int(insats.andrad.timestamp() * 1_000_000))


class Insatsen(ApiVy):
    @extend_schema(
        operation_id="insatser_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Insatsdetalj, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """One operation with what the reader may see of it: the meeting point, controls,
        findings and participants with the details, the security note where allowed."""
        insats = _insats(request.user, pk)
        tagg = _insatsens_tagg(insats)
        if oforandrad(request, tagg):
            return ej_modifierad(tagg)
        rad = _insatsrad(
            {
                **{f: getattr(insats, f) for f in INSATSFALT},
                "lpo_ids": [lpo.pk for lpo in insats.lpoer.all()],
            }
        )
        kontroller, deltaganden, uppgifter = [], [], []
        if insats.visa_detaljer:
            uppgifter = [
                {
                    "id": u.pk,
                    "objekt": u.objekt_id,
                    "organisation": u.organisation_id,
                    "sekretessniva": u.sekretessniva,
                    "innehall": u.innehall,
                }
                for u in services.las_objektuppgifter(request.user, insats, self.syfte())
            ]
            kontroller = [
                {
                    "id": k.pk,
                    "objekt": k.objekt_id,
                    "ordning": k.ordning,
                    "status": k.status,
                    "fynd": [
                        {
                            "id": f.pk,
                            "organisation": f.organisation_id,
                            "kategori": f.kategori_id,
                            "tid": f.tid,
                            "text": f.text,
                            "delad": f.delad,
                        }
                        for f in k.synliga_fynd
                    ],
                }
                for k in selectors.kontroller_for_insats(request.user, insats)
            ]
            deltaganden = list(
                insats.deltaganden.order_by("roll", "organisation_id").values(
                    "organisation", "roll", "svar", "planerat_antal"
                )
            )
        rad.update(
            samlingsplats=insats.samlingsplats,
            sakerhetsanteckning=insats.sakerhetsanteckning,
            installd_kommentar=insats.installd_kommentar if insats.visa_installningsdetalj else "",
            kontroller=kontroller,
            deltaganden=deltaganden,
            objektuppgifter=uppgifter,
        )
        return json_svar(rad, headers={"ETag": tagg})


def _inbjudan(request, pk: int) -> Deltagande:
    """The reader's organisation's invitation, if the reader may answer it; 404 otherwise."""
    deltagande = access.besvarbar_inbjudan(request.user, _insats(request.user, pk))
    if deltagande is None:
        raise Http404
    return deltagande


def _inbjudansvar(deltagande: Deltagande):
    return json_svar(
        {
            "insats": deltagande.insats_id,
            "organisation": deltagande.organisation_id,
            "svar": deltagande.svar,
            "planerat_antal": deltagande.planerat_antal,
            "besvarad": deltagande.besvarad,
        },
        headers={"ETag": etagg(deltagande.version)},
    )


class Inbjudan(ApiVy):
    @extend_schema(
        operation_id="insatser_svar_retrieve",
        parameters=[schema.ETAG],
        responses=schema.svar({200: schema.Inbjudan, 304: None}, 404),
    )
    def get(self, request, pk: int):
        """The invitation of the reader's organisation, for those who may answer it."""
        deltagande = _inbjudan(request, pk)
        if oforandrad(request, etagg(deltagande.version)):
            return ej_modifierad(etagg(deltagande.version))
        return _inbjudansvar(deltagande)

    @extend_schema(
        operation_id="insatser_svar_create",
        parameters=[schema.IF_MATCH, schema.IDEMPOTENS],
        request=schema.Inbjudningssvar,
        responses=schema.svar({200: schema.Inbjudan}, 400, 403, 404, 409, 412, 422, 428),
    )
    @idempotent
    def post(self, request, pk: int):
        """Accept or decline the invitation, as the answer form on the operation's page."""
        deltagande = _inbjudan(request, pk)
        hinder = krav_if_match(request, etagg(deltagande.version))
        if hinder is not None:
            return hinder
        data = schema.Inbjudningssvar(data=request.data)
        data.is_valid(raise_exception=True)
        besvarad = services.besvara_inbjudan(
            request.user,
            deltagande,
            data.validated_data["accepterad"],
            data.validated_data["planerat_antal"],
            version=deltagande.version,
        )
        return _inbjudansvar(besvarad)


class Fynd(ApiVy):
    @extend_schema(
        operation_id="insatser_kontroller_fynd_create",
        parameters=[schema.IDEMPOTENS],
        request=schema.Nyttfynd,
        responses=schema.svar({201: schema.Fyndrad}, 400, 403, 404, 409, 422),
    )
    @idempotent
    def post(self, request, pk: int, kontroll: int):
        """Record a finding of the reader's organisation in a control, on the operation's day,
        as on the operation's page."""
        insats = _insats(request.user, pk)
        kontrollen = insats.kontroller.filter(pk=kontroll).first()
        if kontrollen is None or not insats.kan_registrera:
            raise Http404
        data = schema.Nyttfynd(data=request.data)
        data.is_valid(raise_exception=True)
        kategori = None
        if data.validated_data.get("kategori") is not None:
            kategori = Problemkategori.objects.filter(pk=data.validated_data["kategori"]).first()
            if kategori is None:
                raise serializers.ValidationError({"kategori": [_("Okänd kategori.")]})
        fynd = services.registrera_fynd(
            request.user,
            kontrollen,
            data.validated_data["text"],
            kategori=kategori,
            delad=data.validated_data["delad"],
            hot=data.validated_data["hot"],
        )
        return json_svar(
            {
                "id": fynd.pk,
                "organisation": fynd.organisation_id,
                "kategori": fynd.kategori_id,
                "tid": fynd.tid,
                "text": fynd.text,
                "delad": fynd.delad,
            },
            status=201,
        )
