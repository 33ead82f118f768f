"""Who follows up what: the page of figures and the operations each role's figures count.

The figures are aggregates; no role reads a single operation, object or company through them.
Management (the management group, police management) sees nothing else of operations; the
coordinators and focal points see the same figures for the operations their organisation led or
took part in, and open those operations through the operations' own pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from insatser.access import INSATS_POLICY
from insatser.models import Deltagande, Insats, Kontroll
from karna.policy import INGEN, Aktor, Funktion, Policy, Regel, Relation
from myndigheter.roles import Roll
from uppfoljning.models import (
    Arsrapport,
    Exportjobb,
    Ledningsgrupp,
    Omradesavgransning,
    Uppfoljningspaket,
)

UPPFOLJNINGSROLLER = (
    Roll.LEDNINGSGRUPP,
    Roll.POLISLEDNING,
    Roll.SAMORDNARE,
    Roll.MYNDIGHETSKONTAKT,
)

UPPFOLJNING = Funktion(
    "uppfoljning",
    "se uppföljningen: årets insatser i siffror, diagram och exporter, aldrig en enskild insats",
    UPPFOLJNINGSROLLER,
)


class Handling:
    RAKNA = "rakna"
    LADDA_NED = "ladda_ned"
    SE = "se"


# Which of the actor's facts each role's rules read: an audience keeps only those, so that all
# whose follow-up counts the same operations share one yearly report.
_LAS_ORGANISATION = {Roll.SAMORDNARE, Roll.MYNDIGHETSKONTAKT}
_LAS_LPO = {Roll.POLISLEDNING}
_LAS_OMRADE = {Roll.LEDNINGSGRUPP}


@dataclass(frozen=True)
class Malgrupp(Aktor):
    """An audience of a yearly report: the follow-up's scope of a reader, without the person.
    The rules are evaluated for it as for a user; the area a management group is limited to
    travels with it instead of being read from the user's ``Omradesavgransning``."""

    stadsomrade_id: int | None = None
    utsatt_omrade_id: int | None = None

    def nyckel(self) -> str:
        """One text per scope: the audience's identity in the reports' rows."""
        d = self.som_data()
        return (
            f"roller={','.join(d['roller'])};org={d['organisation'] or ''};"
            f"lpo={','.join(map(str, d['lpoer']))};stadsomrade={d['stadsomrade'] or ''};"
            f"utsatt={d['utsatt_omrade'] or ''}"
        )

    def som_data(self) -> dict:
        return {
            "roller": sorted(r.value for r in self.roller),
            "organisation": self.organisation_id,
            "lpoer": sorted(self.lpo_ids),
            "stadsomrade": self.stadsomrade_id,
            "utsatt_omrade": self.utsatt_omrade_id,
        }

    @classmethod
    def fran_data(cls, data: dict) -> Malgrupp:
        return cls(
            None,
            data["organisation"],
            frozenset(Roll(r) for r in data["roller"]),
            tuple(data["lpoer"]),
            stadsomrade_id=data["stadsomrade"],
            utsatt_omrade_id=data["utsatt_omrade"],
        )

    def beskrivning(self) -> str:
        """The audience in words, for the report's title page and the list of versions."""
        from myndigheter.models import Lokalpolisomrade, Myndighet, Stadsomrade, UtsattOmrade

        delar = [", ".join(sorted(str(r.label) for r in self.roller))]
        if self.organisation_id:
            delar.append(Myndighet.objects.get(pk=self.organisation_id).namn)
        if self.lpo_ids:
            delar.append(
                ", ".join(
                    Lokalpolisomrade.objects.filter(pk__in=self.lpo_ids)
                    .order_by("namn")
                    .values_list("namn", flat=True)
                )
            )
        if self.stadsomrade_id:
            delar.append(Stadsomrade.objects.get(pk=self.stadsomrade_id).namn)
        if self.utsatt_omrade_id:
            delar.append(UtsattOmrade.objects.get(pk=self.utsatt_omrade_id).namn)
        return " · ".join(delar) or _("Ingen")


def malgrupp(user) -> Malgrupp:
    """The audience whose yearly report ``user`` reads: the user's follow-up roles and only the
    facts those roles' rules read (an audience stands for itself)."""
    if isinstance(user, Malgrupp):
        return user
    aktor = Aktor.for_user(user)
    roller = aktor.roller & set(UPPFOLJNINGSROLLER)
    avgransning = (
        Omradesavgransning.objects.filter(anvandare_id=getattr(user, "pk", None)).first()
        if roller & _LAS_OMRADE
        else None
    )
    return Malgrupp(
        None,
        aktor.organisation_id if roller & _LAS_ORGANISATION else None,
        frozenset(roller),
        tuple(sorted(aktor.lpo_ids)) if roller & _LAS_LPO else (),
        stadsomrade_id=avgransning.stadsomrade_id if avgransning else None,
        utsatt_omrade_id=avgransning.utsatt_omrade_id if avgransning else None,
    )


def ledningsgruppens_malgrupp(grupp: Ledningsgrupp) -> Malgrupp:
    """The audience of a management group's follow-up packs: the management group's role with
    the group's area, as for a member limited to it, so that the members whose follow-up counts
    the same operations read the packs."""
    return Malgrupp(
        None,
        None,
        frozenset({Roll.LEDNINGSGRUPP}),
        (),
        stadsomrade_id=grupp.stadsomrade_id,
        utsatt_omrade_id=grupp.utsatt_omrade_id,
    )


def _avgransning(aktor):
    return Omradesavgransning.objects.filter(anvandare_id=getattr(aktor.user, "pk", None))


def _utan_omrade(aktor) -> Q:
    if isinstance(aktor, Malgrupp):
        avgransad = aktor.stadsomrade_id or aktor.utsatt_omrade_id
        return INGEN if avgransad else Q(pk__isnull=False)
    return Q(~Exists(_avgransning(aktor)))


def _i_omradet(aktor) -> Q:
    if isinstance(aktor, Malgrupp):
        if aktor.stadsomrade_id:
            omrade = Q(objekt__stadsomrade_id=aktor.stadsomrade_id)
        elif aktor.utsatt_omrade_id:
            omrade = Q(objekt__utsatt_omrade_id=aktor.utsatt_omrade_id)
        else:
            return INGEN
    else:
        avgransning = _avgransning(aktor)
        omrade = Q(objekt__stadsomrade__in=avgransning.values("stadsomrade")) | Q(
            objekt__utsatt_omrade__in=avgransning.values("utsatt_omrade")
        )
    return Q(Exists(Kontroll.objects.filter(insats=OuterRef("pk")).filter(omrade)))


def _accepterat(aktor) -> Q:
    return Exists(
        Deltagande.objects.filter(
            insats=OuterRef("pk"),
            organisation_id=aktor.organisation_id,
            svar=Deltagande.Svar.ACCEPTERAD,
        )
    )


def _samordnande(aktor) -> Q:
    return INSATS_POLICY.relationer["samordnande_organisation"].villkor(aktor)


def _begaran_i_lpo(aktor) -> Q:
    return INSATS_POLICY.relationer["begaran_i_lpo"].villkor(aktor)


UPPFOLJNING_POLICY = Policy(
    Insats,
    handlingar={Handling.RAKNA: "räknas i uppföljningens siffror (aldrig visad en och en)"},
    relationer=[
        Relation(
            "utan_omrade",
            "varje insats, när användaren inte är avgränsad till ett område",
            _utan_omrade,
        ),
        Relation(
            "i_omradet",
            "insatsen kontrollerade ett objekt i det område användaren är avgränsad till",
            _i_omradet,
        ),
        Relation("samordnande_organisation", "användarens organisation samordnade", _samordnande),
        Relation(
            "accepterat_deltagande", "användarens organisation deltog (accepterade)", _accepterat
        ),
        Relation(
            "begaran_i_lpo",
            "en skickad bemanningsbegäran gällde ett av användarens LPO",
            _begaran_i_lpo,
        ),
    ],
    regler=[
        Regel(Roll.LEDNINGSGRUPP, "utan_omrade", [Handling.RAKNA]),
        Regel(Roll.LEDNINGSGRUPP, "i_omradet", [Handling.RAKNA]),
        Regel(Roll.POLISLEDNING, "begaran_i_lpo", [Handling.RAKNA]),
        Regel(Roll.SAMORDNARE, "samordnande_organisation", [Handling.RAKNA]),
        Regel(Roll.SAMORDNARE, "accepterat_deltagande", [Handling.RAKNA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "samordnande_organisation", [Handling.RAKNA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "accepterat_deltagande", [Handling.RAKNA]),
    ],
)


def _samma_malgrupp(aktor) -> Q:
    return Q(malgrupp=malgrupp(aktor.user if aktor.user is not None else aktor).nyckel())


ARSRAPPORT_POLICY = Policy(
    Arsrapport,
    handlingar={Handling.LADDA_NED: "ladda ned en version av årsrapporten"},
    relationer=[
        Relation(
            "samma_malgrupp",
            "rapporten är skriven för samma omfattning som användarens uppföljning",
            _samma_malgrupp,
        )
    ],
    regler=[Regel(roll, "samma_malgrupp", [Handling.LADDA_NED]) for roll in UPPFOLJNINGSROLLER],
)


UPPFOLJNINGSPAKET_POLICY = Policy(
    Uppfoljningspaket,
    handlingar={Handling.LADDA_NED: "ladda ned en version av uppföljningspaketet inför ett möte"},
    relationer=[
        Relation(
            "samma_malgrupp",
            "paketet är skrivet för ledningsgruppens omfattning och den är användarens",
            _samma_malgrupp,
        )
    ],
    regler=[Regel(Roll.LEDNINGSGRUPP, "samma_malgrupp", [Handling.LADDA_NED])],
)


EXPORTJOBB_POLICY = Policy(
    Exportjobb,
    handlingar={Handling.SE: "se exportens förlopp och ladda ned dess fil"},
    relationer=[
        Relation(
            "egen_export",
            "användaren beställde exporten",
            lambda aktor: Q(anvandare_id=getattr(aktor.user, "pk", None)),
        )
    ],
    regler=[Regel(roll, "egen_export", [Handling.SE]) for roll in UPPFOLJNINGSROLLER],
)


def egna_exporter(user):
    """The export jobs the user ordered (and may still follow up)."""
    return EXPORTJOBB_POLICY.filtrera(user, Handling.SE)


def raknade_insatser(user):
    """The operations the user's (or the audience's) follow-up counts."""
    return UPPFOLJNING_POLICY.filtrera(user, Handling.RAKNA)


def arsrapporter(user):
    """The yearly report versions written for the user's audience."""
    return ARSRAPPORT_POLICY.filtrera(user, Handling.LADDA_NED)


def uppfoljningspaket(user):
    """The follow-up packs written for the user's management group scope."""
    return UPPFOLJNINGSPAKET_POLICY.filtrera(user, Handling.LADDA_NED)


POLICYER = {
    "Insats i uppföljningen": UPPFOLJNING_POLICY,
    "Årsrapport": ARSRAPPORT_POLICY,
    "Uppföljningspaket": UPPFOLJNINGSPAKET_POLICY,
}
