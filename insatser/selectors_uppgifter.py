"""What waits for a user ("Mina uppgifter"): one query per kind of task, whatever the number.

Every read goes through the access policies: invitations the user may answer, requests the user
may answer, operations the user may coordinate or register in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.access import (
    AKTIVA_BEMANNINGSSTATUSAR,
    BEMANNING_POLICY,
    INSATS_POLICY,
    Handling,
    besvarbara_inbjudningar,
)
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Kontroll, Uppgiftsbegaran
from insatser.selectors import med_svarsfrist
from insatser.selectors_begaran import begaranden_att_besvara
from insatser.services.genomforande import REGISTRERBARA
from insatser.workflow import (
    AKTIVA_FORE_GENOMFORANDE,
    OPPNA_FOR_PLANERING,
    BemanningStatus,
    InsatsStatus,
)


def obesvarade_inbjudningar(user) -> QuerySet[Deltagande]:
    """Invitations to the user's organisation still unanswered, for coming operations."""
    return (
        besvarbara_inbjudningar(user)
        .filter(
            svar=Deltagande.Svar.INBJUDEN,
            insats__status__in=OPPNA_FOR_PLANERING,
            insats__slut__gte=timezone.now(),
        )
        .select_related("insats", "enhet")
        .order_by("insats__start", "pk")
    )


def bemanning_att_besvara(user) -> QuerySet[Bemanningsbegaran]:
    """Unanswered requests the police coordinator may answer, the nearest answer-by date first."""
    return (
        med_svarsfrist(
            BEMANNING_POLICY.filtrera(user, Handling.BESVARA).filter(
                status=BemanningStatus.SKICKAD, insats__start__gt=timezone.now()
            )
        )
        .select_related("insats", "lpo")
        .order_by("frist", "insats__start", "pk")
    )


def _flagga(villkor) -> ExpressionWrapper:
    return ExpressionWrapper(villkor, output_field=BooleanField())


# Why a coordinator's operation needs them; each is a condition on the operation row below.
ATGARDSSKAL = {
    "saknar_objekt": _("Inga objekt är tillagda."),
    "saknar_inbjudan": _("Ingen myndighet är inbjuden."),
    "bemanning_saknas": _("Polisen har avböjt eller återkallat bemanningen."),
    "obekraftad_nara": _("Insatsen närmar sig utan bekräftad polis."),
    "kontroller_omarkerade": _("Insatsens dag har kommit: kontroller är inte markerade."),
    "kan_genomforas": _("Alla kontroller är markerade: insatsen kan markeras genomförd."),
}


def insatser_som_behover_atgard(user) -> QuerySet[Insats]:
    """Operations the user coordinates that wait for them, with the reasons as flags."""
    nu = timezone.now()
    kommande = Q(slut__gte=nu)
    oppen = Q(status__in=OPPNA_FOR_PLANERING) & kommande
    omarkerad = Exists(
        Kontroll.objects.filter(insats=OuterRef("pk"), status=Kontroll.Status.PLANERAD)
    )
    # A declined or withdrawn request whose LPO has not been asked again.
    ersatt = Bemanningsbegaran.objects.filter(
        insats=OuterRef("insats"),
        lpo=OuterRef("lpo"),
        status__in=[BemanningStatus.UTKAST, *AKTIVA_BEMANNINGSSTATUSAR],
    )
    obesvarat_nej = Bemanningsbegaran.objects.filter(
        insats=OuterRef("pk"), status__in=[BemanningStatus.AVBOJD, BemanningStatus.ATERKALLAD]
    ).exclude(Exists(ersatt))
    genomford_dag = Q(status=InsatsStatus.BEKRAFTAD, start__lte=nu)
    flaggor = {
        "saknar_objekt": oppen & ~Exists(Kontroll.objects.filter(insats=OuterRef("pk"))),
        "saknar_inbjudan": oppen
        & ~Exists(
            Deltagande.objects.filter(insats=OuterRef("pk")).exclude(
                roll=Deltagande.Roll.SAMORDNARE
            )
        ),
        "bemanning_saknas": Q(status__in=AKTIVA_FORE_GENOMFORANDE)
        & kommande
        & Exists(obesvarat_nej),
        "obekraftad_nara": Q(
            status__in=[InsatsStatus.PLANERAD, InsatsStatus.BEMANNING_BEGARD],
            start__gt=nu,
            start__lte=nu + timedelta(days=settings.INSATS_OBEKRAFTAD_DAGAR),
        ),
        "kontroller_omarkerade": genomford_dag & omarkerad,
        "kan_genomforas": genomford_dag & ~omarkerad,
    }
    nagon = Q()
    for namn in flaggor:
        nagon |= Q(**{namn: True})
    return (
        INSATS_POLICY.filtrera(user, Handling.SAMORDNA)
        .annotate(**{namn: _flagga(villkor) for namn, villkor in flaggor.items()})
        .filter(nagon)
        .order_by("start", "pk")
    )


def _med_skal(insatser: Sequence[Insats]) -> Sequence[Insats]:
    """The reasons of each operation of a list or a page (a page keeps the rows it read)."""
    for insats in insatser:
        insats.skal = [text for namn, text in ATGARDSSKAL.items() if getattr(insats, namn)]
    return insatser


def dagens_registrering(user) -> QuerySet[Insats]:
    """Today's operations the user may register in, with how many controls are unmarked."""
    idag = timezone.localdate()
    return (
        INSATS_POLICY.filtrera(user, Handling.REGISTRERA)
        .filter(status__in=REGISTRERBARA, start__date__lte=idag, slut__date__gte=idag)
        .annotate(
            antal_kontroller=Count("kontroller"),
            omarkerade=Count("kontroller", filter=Q(kontroller__status=Kontroll.Status.PLANERAD)),
        )
        .order_by("start", "pk")
    )


def _allt(_namn: str, lista: QuerySet) -> list:
    return list(lista)


@dataclass(frozen=True)
class Uppgifter:
    """Each kind of task as a list, or a page of it (``mina_uppgifter``)."""

    inbjudningar: Sequence[Deltagande]
    begaranden: Sequence[Bemanningsbegaran]
    atgarder: Sequence[Insats]
    idag: Sequence[Insats]
    uppgiftsbegaranden: Sequence[Uppgiftsbegaran]

    @property
    def finns(self) -> bool:
        return any(
            (self.inbjudningar, self.begaranden, self.atgarder, self.idag, self.uppgiftsbegaranden)
        )


def mina_uppgifter(user, sidindelning: Callable[[str, QuerySet], Sequence] = _allt) -> Uppgifter:
    """What waits for the user in the operations (the notifications app adds the unread).

    ``sidindelning(namn, lista)`` gives what is shown of each kind of task (named as the fields
    of ``Uppgifter``): the page asks for one page of each, so a coordinator of hundreds of
    operations gets pages rather than all of them at once."""
    return Uppgifter(
        inbjudningar=sidindelning("inbjudningar", obesvarade_inbjudningar(user)),
        begaranden=sidindelning("begaranden", bemanning_att_besvara(user)),
        atgarder=_med_skal(sidindelning("atgarder", insatser_som_behover_atgard(user))),
        idag=sidindelning("idag", dagens_registrering(user)),
        uppgiftsbegaranden=sidindelning("uppgiftsbegaranden", begaranden_att_besvara(user)),
    )


@dataclass(frozen=True)
class Antal:
    """How many of each kind of task wait: what the start page's summary shows."""

    inbjudningar: int
    begaranden: int
    atgarder: int
    idag: int
    uppgiftsbegaranden: int

    @property
    def finns(self) -> bool:
        return any(
            (self.inbjudningar, self.begaranden, self.atgarder, self.idag, self.uppgiftsbegaranden)
        )


def antal_uppgifter(user) -> Antal:
    """The numbers of ``mina_uppgifter``, counted by the database: a coordinator of many
    operations would otherwise read every one of them for the start page."""
    return Antal(
        inbjudningar=obesvarade_inbjudningar(user).count(),
        begaranden=bemanning_att_besvara(user).count(),
        atgarder=insatser_som_behover_atgard(user).count(),
        idag=dagens_registrering(user).count(),
        uppgiftsbegaranden=begaranden_att_besvara(user).count(),
    )
