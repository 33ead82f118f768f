"""Reused reads of operations, always through the access policy."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from arshjul.selectors import fonster_med_ledig_kapacitet
from insatser.access import (
    BEMANNING_POLICY,
    FYND_POLICY,
    INSATS_POLICY,
    Handling,
    frislappta_till,
    namngivbara_poliser,
    nedladdningsbara_underlag,
    onskbara_poliser,
    synliga_fynd,
    synliga_insatser,
)
from insatser.models import (
    Bemanningsbegaran,
    Frislappning,
    Fynd,
    Informationsunderlag,
    Insats,
    Kontroll,
    NekadFrislappning,
    Polisbemanning,
    Underlagsbygge,
)
from insatser.workflow import (
    AVSLUTADE,
    BESVARADE,
    OPPNA_FOR_PLANERING,
    REGISTRERBARA,
    BemanningStatus,
    InsatsStatus,
)
from karna.policy import Aktor
from myndigheter.models import Lokalpolisomrade
from objekt.access import synliga_objektuppgifter
from objekt.models import Objektuppgift


def insatslista(user) -> QuerySet[Insats]:
    """Visible operations with what a list row shows, flags computed in the same query."""
    # A scalar subquery with LIMIT, not EXISTS: the planner may turn an EXISTS in the select list
    # into one hashed pass over every request in the table, which costs more than looking up the
    # fifty rows of a page.
    bekraftad = Bemanningsbegaran.objects.filter(
        insats=OuterRef("pk"), status__in=BESVARADE
    ).values("pk")[:1]
    return (
        INSATS_POLICY.markera(synliga_insatser(user), user, visa_detaljer=Handling.SE_DETALJER)
        .alias(forsta_bekraftade=Subquery(bekraftad))
        .annotate(
            bemanning_bekraftad=ExpressionWrapper(
                Q(forsta_bekraftade__isnull=False), output_field=BooleanField()
            )
        )
        .select_related("samordnande_organisation", "samverkansform", "installd_orsak")
        .prefetch_related("lpoer")
        .order_by("start", "pk")
    )


def insatser_pa_kartan(user, ar: int) -> QuerySet[Insats]:
    """The visible operations of year ``ar``, as the list has them, with their LPOs and their
    controls' objects (which the map places only where ``visa_detaljer`` allows)."""
    return (
        insatslista(user)
        .filter(start__year=ar)
        .prefetch_related(
            Prefetch(
                "kontroller",
                queryset=Kontroll.objects.select_related("objekt").order_by("ordning", "pk"),
            )
        )
    )


def efterfoljare(user, insats: Insats) -> Insats | None:
    """The operation a rescheduled one was moved to, when the user may see it."""
    return synliga_insatser(user).filter(omplanerad_fran=insats).only("pk", "referens").first()


def antal_per_status(user, ar: int) -> dict[str, int]:
    """How many operations of year ``ar`` the user may count, per status: the aggregate
    management reads instead of single operations."""
    rader = (
        INSATS_POLICY.filtrera(user, Handling.RAKNA)
        .filter(start__year=ar)
        .order_by()
        .values("status")
        .annotate(antal=Count("pk"))
    )
    return {rad["status"]: rad["antal"] for rad in rader}


def antal_hot(user, ar: int) -> int:
    """How many findings of threat or unlawful influence against officials were recorded in the
    operations of year ``ar`` the user may count: counted, never shown."""
    return Fynd.objects.filter(
        hot=True,
        kontroll__insats__in=INSATS_POLICY.filtrera(user, Handling.RAKNA)
        .filter(start__year=ar)
        .values("pk"),
    ).count()


def antal_nekade_frislappningar(user, ar: int) -> int:
    """How many releases of agency information the secrecy rules refused in the operations of
    year ``ar`` the user may count: where the rules stand in the way of sharing."""
    return NekadFrislappning.objects.filter(
        insats__in=INSATS_POLICY.filtrera(user, Handling.RAKNA).filter(start__year=ar).values("pk")
    ).count()


def insatser_idag(user) -> list[Insats]:
    """The operations under way today (confirmed or carried out, today within their span) whose
    details the user sees: those the day page is for."""
    idag = timezone.localdate()
    borjan = timezone.make_aware(datetime.combine(idag, time.min))
    return list(
        INSATS_POLICY.filtrera(user, Handling.SE_DETALJER)
        .filter(
            status__in=REGISTRERBARA,
            start__lt=borjan + timedelta(days=1),
            slut__gte=borjan,
        )
        .order_by("start", "pk")
    )


def insats_for_detalj(user, pk: int) -> Insats:
    """One visible operation with its field-level flags; Insats.DoesNotExist outside scope."""
    insats = (
        INSATS_POLICY.markera(
            insatslista(user),
            user,
            kan_samordna=Handling.SAMORDNA,
            kan_stalla_in=Handling.STALLA_IN,
            kan_registrera=Handling.REGISTRERA,
            visa_installningsdetalj=Handling.SE_INSTALLNINGSDETALJ,
            visa_sakerhet=Handling.SE_SAKERHET,
        )
        .select_related("samordnande_enhet", "omplanerad_fran", "insatsgrupp")
        .get(pk=pk)
    )
    return utan_dolda_falt(insats)


def utan_dolda_falt(insats: Insats) -> Insats:
    """Blank the fields the operation's flags keep from the user (the meeting point without
    the details, the security note without its rule), so that no page can show them by
    mistake. The verbs read the row afresh, so the blanks are never saved."""
    if not insats.visa_detaljer:
        insats.samlingsplats = ""
    if not insats.visa_sakerhet:
        insats.sakerhetsanteckning = ""
    return insats


def bemanning_for_insats(user, insats: Insats) -> list[Bemanningsbegaran]:
    """The staffing requests of one operation the user may see, police detail where allowed."""
    return list(
        BEMANNING_POLICY.markera(
            BEMANNING_POLICY.filtrera(user, Handling.SE).filter(insats=insats),
            user,
            visa_polisdetaljer=Handling.SE_POLISDETALJER,
        )
        .select_related("lpo", "begarande_enhet", "aterkallad_orsak")
        .prefetch_related(
            Prefetch("poliser", queryset=Polisbemanning.objects.select_related("anvandare"))
        )
        .order_by("lpo__namn")
    )


def kontroller_for_insats(user, insats: Insats) -> QuerySet[Kontroll]:
    """The operation's controls with the findings the user may read, each marked ``kan_rattas``
    when the user may correct it, in two queries."""
    fynd = FYND_POLICY.markera(
        synliga_fynd(user).select_related("organisation", "kategori").order_by("tid", "pk"),
        user,
        kan_rattas=Handling.RATTA,
    )
    return (
        insats.kontroller.select_related("objekt")
        .prefetch_related(Prefetch("fynd", queryset=fynd, to_attr="synliga_fynd"))
        .order_by("ordning", "pk")
    )


def med_svarsfrist(begaranden: QuerySet[Bemanningsbegaran]) -> QuerySet[Bemanningsbegaran]:
    """Annotate ``frist``: the request's answer-by date, or when it has none the date the set
    number of days (``BEMANNING_SVARSFRIST_DAGAR``) before the operation's day."""
    fore_insatsen = Cast(
        TruncDate("insats__start") - Value(timedelta(days=settings.BEMANNING_SVARSFRIST_DAGAR)),
        DateField(),
    )
    return begaranden.annotate(frist=Coalesce("svarsfrist", fore_insatsen))


def bemanningsinkorg(user) -> QuerySet[Bemanningsbegaran]:
    """Requests the police coordinator may answer, unanswered first, then by date."""
    obesvarad = Case(When(status=BemanningStatus.SKICKAD, then=Value(0)), default=Value(1))
    return (
        BEMANNING_POLICY.filtrera(user, Handling.BESVARA)
        .filter(insats__slut__gte=timezone.now())
        .select_related(
            "lpo", "begarande_enhet", "insats__samordnande_organisation", "aterkallad_orsak"
        )
        .prefetch_related(
            Prefetch(
                "insats__kontroller",
                queryset=Kontroll.objects.select_related("objekt").order_by("ordning"),
            )
        )
        .annotate(obesvarad=obesvarad)
        .order_by("obesvarad", "insats__start", "pk")
    )


def insatspoliser(user) -> QuerySet:
    """The officers the user may name in a staffing answer, most experienced first."""
    return (
        namngivbara_poliser(user)
        .annotate(
            tidigare_insatser=Count(
                "polisuppdrag",
                filter=Q(
                    polisuppdrag__begaran__insats__status__in=[
                        InsatsStatus.GENOMFORD,
                        InsatsStatus.UTVARDERAD,
                    ]
                ),
            )
        )
        .order_by("-tidigare_insatser", "last_name", "first_name")
    )


def onskbara_insatspoliser(user) -> QuerySet:
    """Designated operation officers the user may ask for by name: names only."""
    return onskbara_poliser(user).order_by("last_name", "first_name", "username")


def gruppens_insatser(user, grupp) -> QuerySet[Insats]:
    """The group's operations the user may see, with what following up together needs."""
    return (
        insatslista(user)
        .filter(insatsgrupp=grupp)
        .annotate(
            kontroller_totalt=Count("kontroller", distinct=True),
            kontroller_klara=Count(
                "kontroller",
                filter=~Q(kontroller__status=Kontroll.Status.PLANERAD),
                distinct=True,
            ),
        )
        .prefetch_related("kommuner")
    )


def egna_insatser_att_ansluta(user) -> QuerySet[Insats]:
    """The user's organisation's open operations that are in no group yet."""
    return (
        INSATS_POLICY.filtrera(user, Handling.SAMORDNA)
        .filter(insatsgrupp__isnull=True, status__in=OPPNA_FOR_PLANERING)
        .order_by("start", "pk")
    )


def underlag_for_insats(user, insats: Insats) -> QuerySet[Informationsunderlag]:
    """The briefings of one operation the user may download: each audience's latest version."""
    return (
        nedladdningsbara_underlag(user)
        .filter(insats=insats)
        .exclude(status=Informationsunderlag.Status.OGILTIG)
        .select_related("insats", "organisation", "lpo")
        .order_by("malgrupp", "organisation__namn", "lpo__namn")
    )


def underlagsbygge(insats: Insats) -> Underlagsbygge | None:
    return Underlagsbygge.objects.filter(insats=insats).first()


def nasta_veckas_insatser(user, dagar: int = 7) -> QuerySet[Insats]:
    """Operations the user's organisation coordinates starting within ``dagar`` days, with the
    briefings the user may download (``underlagen``) and the build state."""
    nu = timezone.now()
    underlagen = (
        nedladdningsbara_underlag(user)
        .exclude(status=Informationsunderlag.Status.OGILTIG)
        .select_related("insats", "organisation", "lpo")
        .order_by("malgrupp", "organisation__namn", "lpo__namn")
    )
    return (
        INSATS_POLICY.filtrera(user, Handling.SAMORDNA)
        .filter(start__gte=nu, start__lt=nu + timedelta(days=dagar))
        .exclude(status__in=AVSLUTADE)
        .select_related("underlagsbygge")
        .prefetch_related(Prefetch("informationsunderlag", underlagen, to_attr="underlagen"))
        .order_by("start", "pk")
    )


def insatsfonster_att_valja(user) -> QuerySet:
    """The windows of the wheel with room left that a new operation may take a place in."""
    return fonster_med_ledig_kapacitet(
        user, Lokalpolisomrade.objects.values("pk"), timezone.localdate()
    )


def reservdatum(user, insats: Insats) -> QuerySet:
    """The backup dates a rescheduling is offered: windows of the wheel with room left in the
    operation's LPOs, from tomorrow on, the nearest first."""
    return fonster_med_ledig_kapacitet(
        user, insats.lpoer.values("pk"), timezone.localdate() + timedelta(days=1)
    )


def valt_fonster(fonster: QuerySet, vald: str | None, *, annars_narmaste: bool = False):
    """The window a link chose (``?fonster=``) if it is still offered; else the nearest one
    when ``annars_narmaste``, or none."""
    if (vald or "").isdigit():
        return fonster.filter(pk=vald).first()
    return fonster.first() if annars_narmaste else None


def forsta_dag_kl(fonster, klockslag: time) -> datetime:
    """The first day of a window of the wheel at a time of day."""
    dag = timezone.localtime(fonster.start).date()
    return datetime.combine(dag, klockslag, tzinfo=timezone.get_current_timezone())


def tidigare_kontroller(user, objekt) -> QuerySet[Kontroll]:
    """The object's controls in operations whose details the user sees, latest first."""
    return (
        Kontroll.objects.filter(
            objekt=objekt,
            insats__in=INSATS_POLICY.filtrera(user, Handling.SE_DETALJER).values("pk"),
        )
        .select_related("insats")
        .order_by("-insats__start", "-pk")
    )


def uppgifter_i_insats(user, insats) -> QuerySet[Objektuppgift]:
    """The information on the operation's objects that ``user`` may read in it (not logged).

    The reader's own organisation's information, or information released to this very operation;
    information released to another operation stays there.
    """
    egen_eller_frislappt_hit = Q(organisation_id=Aktor.for_user(user).organisation_id) | Exists(
        frislappta_till(user, objektuppgift=OuterRef("pk"), insats=insats)
    )
    return (
        synliga_objektuppgifter(user)
        .filter(egen_eller_frislappt_hit, objekt__kontroller__insats=insats)
        .distinct()
    )


def frislappningar_i_insats(user, insats) -> QuerySet[Frislappning]:
    """The releases in the operation that ``user`` may see: those of the reader's own
    organisation's blocks (withdrawn ones too, as on *Myndigheternas uppgifter*), and the active
    ones that reach the reader."""
    egna = synliga_objektuppgifter(user).filter(
        organisation_id=Aktor.for_user(user).organisation_id
    )
    return Frislappning.objects.filter(insats=insats).filter(
        Q(objektuppgift__in=egna.values("pk"))
        | Q(pk__in=frislappta_till(user, insats=insats).values("pk"))
    )
