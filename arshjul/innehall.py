"""What a wheel shows, as plain data: the SVG, the timeline, the text version, the PDF and the
ICS file are all drawn from one ``Innehall``, so they always say the same thing.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from arshjul.helgdagar import helgdagar
from arshjul.models import Handelsetyp, Niva
from arshjul.tillagg import Insatsrad


class Ring(models.TextChoices):
    """The wheel's rings, outermost first."""

    INSATSER = "INSATSER", gettext_lazy("Insatser")
    FONSTER = "FONSTER", gettext_lazy("Insatsfönster")
    MOTEN = "MOTEN", gettext_lazy("Möten och organ")
    TIDSFRISTER = "TIDSFRISTER", gettext_lazy("Tidsfrister och uppföljning")
    BEGRANSNINGAR = "BEGRANSNINGAR", gettext_lazy("Begränsningsperioder")
    HELGDAGAR = "HELGDAGAR", gettext_lazy("Helgdagar")


RING_FOR_TYP = {
    Handelsetyp.INSATSFONSTER: Ring.FONSTER,
    Handelsetyp.DEADLINE: Ring.TIDSFRISTER,
    Handelsetyp.LAGESBILD: Ring.TIDSFRISTER,
    Handelsetyp.UPPFOLJNING: Ring.TIDSFRISTER,
    Handelsetyp.TRYGGHETSMATNING: Ring.TIDSFRISTER,
}
RINGORDNING = list(Ring)


@dataclass
class Post:
    """One thing on the wheel: an event, a blackout period, a holiday or a day of operations."""

    ring: str
    hjul: int
    fran: date
    till: date
    titel: str
    slag: str
    detaljer: list[str] = field(default_factory=list)
    monster: str = ""
    tid: str = ""
    uid: str = ""
    start: datetime | None = None
    slut: datetime | None = None
    insatser: list[Insatsrad] = field(default_factory=list)
    # A window still to come with room left: its key, for planning an operation in it.
    fonster_med_plats: int | None = None
    # A window the reader sees (not in the files): its key, for its page of resource pledges.
    fonster: int | None = None
    # A meeting the reader sees (not in the files): its key, for its attendance, minutes, actions.
    mote: int | None = None

    @property
    def datumtext(self) -> str:
        if self.till == self.fran:
            return formats.date_format(self.fran, "j F")
        return f"{formats.date_format(self.fran, 'j F')}–{formats.date_format(self.till, 'j F')}"

    @property
    def beskrivning(self) -> str:
        """What, when and the details in one line: the ICS file's description."""
        delar = [self.slag, self.datumtext + (f" {self.tid}" if self.tid else ""), *self.detaljer]
        return ". ".join(d for d in delar if d)

    @property
    def etikett(self) -> str:
        """The title and the description: the text of the post in a drawing."""
        return f"{self.titel}: {self.beskrivning}"

    def overlappar(self, fran: date, till: date) -> bool:
        return self.fran <= till and fran <= self.till


@dataclass
class Manad:
    nummer: int
    ar: int
    poster: list[Post]

    @property
    def namn(self) -> str:
        return formats.date_format(date(self.ar, self.nummer, 1), "F Y")

    @property
    def insatsdagar(self) -> list[Post]:
        return [p for p in self.poster if p.ring == Ring.INSATSER]

    @property
    def handelser(self) -> list[Post]:
        return [p for p in self.poster if p.ring != Ring.INSATSER]

    @property
    def insatser(self) -> list[Insatsrad]:
        return [rad for dag in self.insatsdagar for rad in dag.insatser]

    @property
    def sammanfattning(self) -> str:
        """The month's contents in words: the accessible name of its segment."""
        antal: dict[str, int] = defaultdict(int)
        for post in self.poster:
            antal[post.ring] += len(post.insatser) if post.ring == Ring.INSATSER else 1
        delar = [f"{Ring(ring).label} {antal[ring]}" for ring in RINGORDNING if antal[ring]]
        if not delar:
            return _("%(manad)s: inget planerat") % {"manad": self.namn}
        return f"{self.namn}: {', '.join(delar)}"


@dataclass
class Innehall:
    ar: int
    hjul: list
    poster: list[Post]
    idag: date | None = None
    med_insatser: bool = False

    @property
    def ringar(self) -> list[str]:
        return [r for r in RINGORDNING if self.med_insatser or r != Ring.INSATSER]

    def manader(self) -> list[Manad]:
        resultat = []
        for nummer in range(1, 13):
            fran = date(self.ar, nummer, 1)
            till = date(self.ar, nummer, calendar.monthrange(self.ar, nummer)[1])
            poster = [p for p in self.poster if p.overlappar(fran, till)]
            poster.sort(key=lambda p: (p.fran, RINGORDNING.index(p.ring), p.titel))
            resultat.append(Manad(nummer, self.ar, poster))
        return resultat

    def manad(self, nummer: int) -> Manad:
        return self.manader()[nummer - 1]


def _dag(tidpunkt) -> date:
    return timezone.localtime(tidpunkt).date()


def _sista_dag(handelse) -> date:
    """An event's last day: a whole-day event ends at midnight after it."""
    slut = timezone.localtime(handelse.slut)
    if handelse.tidsatt or slut.time() != time(0):
        return slut.date()
    return max(slut.date() - timedelta(days=1), _dag(handelse.start))


def _tid(handelse) -> str:
    if not handelse.tidsatt:
        return ""
    return f"{timezone.localtime(handelse.start):%H:%M}–{timezone.localtime(handelse.slut):%H:%M}"


def _organisation(org, funktion: str) -> str:
    return f"{org.namn} ({funktion})" if funktion else org.namn


def handelsepost(handelse, hjul: int, planerade: int | None = None) -> Post:
    """An event as a post; ``planerade`` is the number of operations planned in a window."""
    detaljer = []
    if handelse.organ_id:
        detaljer.append(handelse.organ.namn)
    if handelse.heldag:
        detaljer.append(_("Heldag"))
    if handelse.ordforande_org_id:
        detaljer.append(
            _("Ordförande: %(vem)s")
            % {"vem": _organisation(handelse.ordforande_org, handelse.ordforande_funktion)}
        )
    if handelse.antecknare_org_id:
        detaljer.append(
            _("Antecknare: %(vem)s")
            % {"vem": _organisation(handelse.antecknare_org, handelse.antecknare_funktion)}
        )
    if handelse.typ == Handelsetyp.INSATSFONSTER:
        detaljer.append(
            _("LPO %(lpo)s, kapacitet %(kapacitet)s, planerade %(planerade)s")
            % {
                "lpo": handelse.lpo.namn,
                "kapacitet": handelse.kapacitet or 0,
                "planerade": planerade or 0,
            }
        )
    if handelse.planeringsnotis:
        detaljer.append(handelse.planeringsnotis)
    if handelse.installd:
        detaljer.append(_("Inställd"))
    return Post(
        ring=RING_FOR_TYP.get(handelse.typ, Ring.MOTEN),
        hjul=hjul,
        fran=_dag(handelse.start),
        till=_sista_dag(handelse),
        titel=handelse.titel,
        slag=handelse.get_typ_display(),
        detaljer=detaljer,
        monster="installd" if handelse.installd else ("varna" if handelse.planeringsnotis else ""),
        tid=_tid(handelse),
        uid=f"arshjulshandelse-{handelse.pk}",
        start=handelse.start,
        slut=handelse.slut,
        fonster_med_plats=handelse.pk if _har_plats(handelse, planerade) else None,
    )


def med_insatserna(post: Post, rader: list[Insatsrad]) -> Post:
    """A window's post for one reader: the operations in it the reader may see, by name and
    lead-time status (the files for everyone give the count only)."""
    if rader:
        post.detaljer.append(
            _("Insatser: %(namn)s") % {"namn": "; ".join(rad.namn for rad in rader)}
        )
    return post


def _har_plats(handelse, planerade: int | None) -> bool:
    return (
        handelse.typ == Handelsetyp.INSATSFONSTER
        and not handelse.installd
        and (handelse.kapacitet or 0) > (planerade or 0)
        and _dag(handelse.start) >= timezone.localdate()
    )


def begransningspost(period, hjul: int) -> Post:
    if period.niva == Niva.BLOCKERA:
        slag = _("Blockerande period: inga insatsfönster")
    elif period.kapacitet_procent is not None:
        slag = _("Varning: %(procent)s %% av kapaciteten") % {"procent": period.kapacitet_procent}
    else:
        slag = _("Varning: minskad kapacitet")
    if period.lpo_id:
        omfattning = _("Gäller LPO %(lpo)s") % {"lpo": period.lpo.namn}
    elif period.polisregion_id:
        omfattning = _("Gäller %(region)s") % {"region": period.polisregion.namn}
    else:
        omfattning = _("Gäller alla lokalpolisområden")
    return Post(
        ring=Ring.BEGRANSNINGAR,
        hjul=hjul,
        fran=period.fran,
        till=period.till,
        titel=period.namn,
        slag=slag,
        detaljer=[omfattning],
        monster="blockera" if period.niva == Niva.BLOCKERA else "varna",
        uid=f"begransningsperiod-{period.pk}",
    )


def helgdagsposter(ar: int) -> list[Post]:
    return [
        Post(
            ring=Ring.HELGDAGAR,
            hjul=-1,
            fran=h.datum,
            till=h.datum,
            titel=str(h.namn),
            slag=_("Helgdag") if h.allman else _("Ledig dag (ej allmän helgdag)"),
        )
        for h in helgdagar(ar)
    ]


def aggregatposter(fonster, hjul_index: dict[int, int], ar: int) -> list[Post]:
    """Windows as monthly totals, for those who may see aggregates only."""
    summor: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for rad in fonster:
        summa = summor[(hjul_index[rad.arshjul_id], _dag(rad.start).month)]
        summa[0] += 1
        summa[1] += rad.kapacitet or 0
        summa[2] += rad.planerade
    poster = []
    for (hjul, manad), (antal, kapacitet, planerade) in sorted(summor.items()):
        poster.append(
            Post(
                ring=Ring.FONSTER,
                hjul=hjul,
                fran=date(ar, manad, 1),
                till=date(ar, manad, calendar.monthrange(ar, manad)[1]),
                titel=ngettext("%(antal)s insatsfönster", "%(antal)s insatsfönster", antal)
                % {"antal": antal},
                slag=_("Sammanställning per månad"),
                detaljer=[
                    _("Kapacitet %(kapacitet)s, planerade %(planerade)s")
                    % {"kapacitet": kapacitet, "planerade": planerade}
                ],
                monster="aggregat",
            )
        )
    return poster


def insatsposter(insatser, hjul_for_insats) -> list[Post]:
    """Operations (``InsatsPaHjul``) as one marker per wheel and day, each with its operations
    and readiness."""
    dagar: dict[tuple[int, date], list[Insatsrad]] = defaultdict(list)
    for insats in insatser:
        for hjul in hjul_for_insats(insats):
            dagar[(hjul, insats.rad.datum)].append(insats.rad)
    poster = []
    for (hjul, dag), rader in sorted(dagar.items()):
        redo = sum(1 for r in rader if r.redo)
        poster.append(
            Post(
                ring=Ring.INSATSER,
                hjul=hjul,
                fran=dag,
                till=dag,
                titel=ngettext("%(antal)s insats", "%(antal)s insatser", len(rader))
                % {"antal": len(rader)},
                slag=_("Insatser"),
                detaljer=[
                    _("%(redo)s av %(antal)s redo") % {"redo": redo, "antal": len(rader)},
                    *(rad.namn for rad in rader),
                ],
                monster="redo" if redo == len(rader) else "ej_redo",
                insatser=rader,
            )
        )
    return poster
