"""Where named persons are booked: the operations their organisation sends them to, the police
staffing that names them, and the wheel's meetings they are invited to. Reads only.

The planning warnings, the operation's persons page, the meeting page and the load view read
bookings from here. A booking names another operation or meeting; who may read its details is
decided by the policies of those (``synliga_insatser``, ``synliga_handelser``): everyone else
learns only that the person is booked, and to ask the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.access import synliga_handelser
from arshjul.models import Arshjulshandelse
from arshjul.models.val import TIDSATTA_TYPER
from insatser.access import AKTIVA_BEMANNINGSSTATUSAR, synliga_insatser
from insatser.models import Insats, Polisbemanning, Utsandperson
from insatser.workflow import OPPNA_FOR_PLANERING, InsatsStatus

INSATS, MOTE = "insats", "mote"
# Operations that take people's time: planned ones, and carried-out ones for the load view.
BOKANDE = OPPNA_FOR_PLANERING | {
    InsatsStatus.GENOMFORD,
    InsatsStatus.UTVARDERAD,
}
# How far ahead free times are looked for, and how many are offered.
SOKDAGAR = 60
FORSLAG = 5


@dataclass(frozen=True)
class Bokning:
    anvandare_id: int
    slag: str
    pk: int
    start: datetime
    slut: datetime
    namn: str
    forberedelse_timmar: float = 0.0

    @property
    def timmar(self) -> float:
        return (self.slut - self.start).total_seconds() / 3600


def bokningar(anvandare_ids: Iterable[int], fran: datetime, till: datetime) -> list[Bokning]:
    """Every booking of the persons that overlaps [fran, till), three queries whatever the
    number of persons."""
    ids = list(anvandare_ids)
    if not ids:
        return []
    i_tid = {"start__lt": till, "slut__gt": fran}
    i_insats = {f"insats__{k}": v for k, v in i_tid.items()} | {"insats__status__in": BOKANDE}
    utsanda = (
        Utsandperson.objects.filter(
            anvandare__in=ids, **{f"deltagande__{k}": v for k, v in i_insats.items()}
        )
        .exclude(deltagande__svar="AVBOJD")
        .select_related("deltagande__insats")
    )
    poliser = Polisbemanning.objects.filter(
        anvandare__in=ids,
        begaran__status__in=AKTIVA_BEMANNINGSSTATUSAR,
        **{f"begaran__{k}": v for k, v in i_insats.items()},
    ).select_related("begaran__insats")
    moten = Arshjulshandelse.deltagare.through.objects.filter(
        user__in=ids,
        arshjulshandelse__installd=False,
        arshjulshandelse__typ__in=TIDSATTA_TYPER,
        **{f"arshjulshandelse__{k}": v for k, v in i_tid.items()},
    ).select_related("arshjulshandelse")
    return sorted(
        [
            *(
                _insatsbokning(u.anvandare_id, u.deltagande.insats, u.forberedelse_timmar)
                for u in utsanda
            ),
            *(_insatsbokning(p.anvandare_id, p.begaran.insats) for p in poliser),
            *(
                Bokning(
                    m.user_id,
                    MOTE,
                    m.arshjulshandelse_id,
                    m.arshjulshandelse.start,
                    m.arshjulshandelse.slut,
                    m.arshjulshandelse.titel,
                )
                for m in moten
            ),
        ],
        key=lambda b: (b.start, b.slag, b.pk, b.anvandare_id),
    )


def _insatsbokning(anvandare_id: int, insats: Insats, forberedelse=0) -> Bokning:
    return Bokning(
        anvandare_id,
        INSATS,
        insats.pk,
        insats.start,
        insats.slut,
        insats.referens,
        float(forberedelse),
    )


def namngivna_i_insats(insats: Insats) -> set[int]:
    """The persons named to the operation: by the organisations taking part and by the police."""
    utsanda = Utsandperson.objects.filter(deltagande__insats=insats).exclude(
        deltagande__svar="AVBOJD"
    )
    poliser = Polisbemanning.objects.filter(
        begaran__insats=insats, begaran__status__in=AKTIVA_BEMANNINGSSTATUSAR
    )
    return set(utsanda.values_list("anvandare_id", flat=True)) | set(
        poliser.values_list("anvandare_id", flat=True)
    )


def krockar(anvandare_ids, start: datetime, slut: datetime, slag: str, pk: int) -> list[Bokning]:
    """The persons' other bookings at the same time as the operation or meeting (slag, pk)."""
    return [b for b in bokningar(anvandare_ids, start, slut) if (b.slag, b.pk) != (slag, pk)]


def krockar_for_insats(insats: Insats) -> list[Bokning]:
    return krockar(namngivna_i_insats(insats), insats.start, insats.slut, INSATS, insats.pk)


def krockar_for_mote(handelse: Arshjulshandelse) -> list[Bokning]:
    deltagare = handelse.deltagare.values_list("pk", flat=True)
    return krockar(deltagare, handelse.start, handelse.slut, MOTE, handelse.pk)


def lediga_tider(
    anvandare_ids, start: datetime, slut: datetime, slag: str, pk: int
) -> list[datetime]:
    """Up to ``FORSLAG`` weekday starts, at the same time of day and for as long, when none of the
    persons is booked; from tomorrow or two weeks before ``start``, whichever is later, never in
    the past."""
    ids = list(anvandare_ids)
    langd = slut - start
    lokal = timezone.localtime(start)
    forsta = max(timezone.localdate() + timedelta(days=1), lokal.date() - timedelta(days=14))
    sista = forsta + timedelta(days=SOKDAGAR)
    upptagna = [
        (b.start, b.slut)
        for b in bokningar(ids, _klockan(forsta, lokal), _klockan(sista, lokal) + langd)
        if (b.slag, b.pk) != (slag, pk)
    ]
    forslag = []
    dag = forsta
    while dag < sista and len(forslag) < FORSLAG:
        borjan = _klockan(dag, lokal)
        if (
            dag.weekday() < 5
            and borjan != start
            and not any(s < borjan + langd and borjan < e for s, e in upptagna)
        ):
            forslag.append(borjan)
        dag += timedelta(days=1)
    return forslag


def _klockan(dag: date, som: datetime) -> datetime:
    return timezone.make_aware(datetime.combine(dag, som.time().replace(tzinfo=None)))


@dataclass(frozen=True)
class Krock:
    """A booking as one reader may read it: ``vad`` names it only when the reader may see it."""

    person: str
    vad: str
    synlig: bool


def som_lasaren_ser_dem(user, lista: list[Bokning]) -> list[Krock]:
    """The bookings for ``user``: the operation's reference or the meeting's title and date when
    the policy shows it, otherwise only that the person is booked and that they are the one to
    ask."""
    insatser = {b.pk for b in lista if b.slag == INSATS}
    moten = {b.pk for b in lista if b.slag == MOTE}
    synliga = {
        INSATS: set(synliga_insatser(user).filter(pk__in=insatser).values_list("pk", flat=True))
        if insatser
        else set(),
        MOTE: set(synliga_handelser(user).filter(pk__in=moten).values_list("pk", flat=True))
        if moten
        else set(),
    }
    personer = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in={b.anvandare_id for b in lista})
    }
    return [_krock(b, personer[b.anvandare_id], b.pk in synliga[b.slag]) for b in lista]


def _krock(bokning: Bokning, person: str, synlig: bool) -> Krock:
    if not synlig:
        return Krock(
            person,
            _("Bokad på något annat samtidigt som du inte kan se. Fråga %(person)s.")
            % {"person": person},
            False,
        )
    varden = {
        "namn": bokning.namn,
        "datum": date_format(timezone.localtime(bokning.start), "j F Y H:i"),
    }
    if bokning.slag == INSATS:
        return Krock(person, _("Bokad på insatsen %(namn)s, %(datum)s.") % varden, True)
    return Krock(person, _("Bokad på mötet %(namn)s, %(datum)s.") % varden, True)
