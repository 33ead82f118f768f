"""Reads of the persons page and the load view, through the policies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from insatser import access, personbokning
from insatser.models import Insats, Utsandperson


@dataclass
class Egna:
    """One of the reader's own participations and its named persons, each with ``krockar``: their
    other bookings at the same time, as the reader may read them."""

    deltagande: object
    personer: list


def egna_personer(user, insats: Insats) -> list[Egna]:
    """The participations of ``insats`` whose persons ``user`` may see and name."""
    deltaganden = list(
        access.personaldeltaganden(user, insats)
        .select_related("organisation", "enhet")
        .prefetch_related(
            Prefetch(
                "personer",
                queryset=Utsandperson.objects.select_related("anvandare__profil__enhet"),
            )
        )
        .order_by("organisation__namn", "pk")
    )
    ids = {p.anvandare_id for d in deltaganden for p in d.personer.all()}
    krockar = personbokning.krockar(ids, insats.start, insats.slut, personbokning.INSATS, insats.pk)
    per_person = defaultdict(list)
    for bokning, krock in zip(
        krockar, personbokning.som_lasaren_ser_dem(user, krockar), strict=True
    ):
        per_person[bokning.anvandare_id].append(krock)
    for d in deltaganden:
        for person in d.personer.all():
            person.krockar = per_person.get(person.anvandare_id, [])
    return [Egna(d, list(d.personer.all())) for d in deltaganden]


@dataclass
class Personbelastning:
    person: object
    moten: float = 0.0
    forberedelse: float = 0.0
    insatser: float = 0.0

    @property
    def totalt(self) -> float:
        return self.moten + self.forberedelse + self.insatser


@dataclass
class Enhetsbelastning:
    namn: str
    personer: list[Personbelastning] = field(default_factory=list)

    def _summa(self, falt: str) -> float:
        return sum(getattr(p, falt) for p in self.personer)

    @property
    def moten(self) -> float:
        return self._summa("moten")

    @property
    def forberedelse(self) -> float:
        return self._summa("forberedelse")

    @property
    def insatser(self) -> float:
        return self._summa("insatser")

    @property
    def totalt(self) -> float:
        return self._summa("totalt")


def _dagens_borjan(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def belastning(user, fran: date, till: date, utan_enhet: str) -> list[Enhetsbelastning]:
    """Per unit and person the reader may see: the hours booked from ``fran`` through ``till`` at
    meetings, preparing operations and in operations. An operation's preparation counts where
    the operation lies; an operation the person is named to twice (by the organisation and the
    police) counts once. Four queries, whatever the number of persons."""
    personer = list(
        access.personer_med_synlig_belastning(user)
        .select_related("profil__enhet__organisation", "profil__organisation")
        .order_by("last_name", "first_name", "username")
    )
    rader = {p.pk: Personbelastning(p) for p in personer}
    sedda = set()
    for b in personbokning.bokningar(
        rader, _dagens_borjan(fran), _dagens_borjan(till + timedelta(days=1))
    ):
        rad = rader[b.anvandare_id]
        if b.slag == personbokning.MOTE:
            rad.moten += b.timmar
        elif (b.anvandare_id, b.pk) not in sedda:
            sedda.add((b.anvandare_id, b.pk))
            rad.insatser += b.timmar
        rad.forberedelse += b.forberedelse_timmar
    enheter: dict[str, Enhetsbelastning] = {}
    for rad in rader.values():
        enhet = getattr(rad.person.profil, "enhet", None)
        namn = str(enhet) if enhet else f"{rad.person.profil.organisation.namn}, {utan_enhet}"
        enheter.setdefault(namn, Enhetsbelastning(namn)).personer.append(rad)
    return sorted(enheter.values(), key=lambda e: e.namn)
