"""Who may see and do what on the annual wheel. Every rule is written here once.

Meetings and deadlines: coordinators, police coordinators, police management, management groups
and REST clients see all; officers, focal points and operation officers the events of bodies
their organisation belongs to. Operation windows (capacity, never objects): coordinators and
police management all; police coordinators those of their LPOs; officers and REST clients the
windows of operations their organisation takes part in (a rule the operations app adds, in
``insatser/access/utokningar.py``); management groups aggregates only. Real operations on the
wheel follow the operations' own policy (``arshjul.tillagg.INSATSKALLA``).

Resource pledges to a window are seen by everyone who sees the window; an agency's focal point
pledges for their own organisation to the windows they see, the wheel owner's coordinator for the
owner's own organisation.

The rendered files (SVG, PDF, ICS) are built once for everybody, so only those who may see
everything in them may download them or subscribe to them (``se_hela``).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from arshjul.models import (
    Arshjul,
    Arshjulshandelse,
    Atgard,
    Begransningsperiod,
    Handelsetyp,
    Motesprotokoll,
    Resurslofte,
    Samverkansorgan,
)
from karna.policy import Funktion, Policy, Regel, Relation
from myndigheter.roles import Roll

FONSTER = Q(typ=Handelsetyp.INSATSFONSTER)
# The events that are held meetings, with attendees, minutes and actions (``Motesprotokoll``).
MOTESTYPER = (Handelsetyp.MOTE,)


class Handling:
    SE = "se"
    SE_HELA = "se_hela"
    SE_AGGREGAT = "se_aggregat"
    REDIGERA = "redigera"
    STANGA = "stanga"
    LOVA = "lova"


H = Handling


def _aktivt(aktor) -> Q:
    return Q(aktiv=True)


def _agare(aktor) -> Q:
    return Q(aktiv=True, agare_id=aktor.organisation_id)


def _lpoer_inom_scope(aktor) -> Q:
    utanfor = Arshjul.lpoer.through.objects.filter(arshjul=OuterRef("pk")).exclude(
        lokalpolisomrade__in=aktor.lpo_ids
    )
    return Q(aktiv=True) & ~Exists(utanfor)


def _utan_insatsfonster(aktor) -> Q:
    return Q(aktiv=True) & ~Exists(Arshjul.lpoer.through.objects.filter(arshjul=OuterRef("pk")))


ARSHJUL_POLICY = Policy(
    Arshjul,
    handlingar={
        H.SE: "se årshjulet med det användaren får se på det",
        H.SE_HELA: "se byggstatus, byggrapport och versioner, ladda ned filerna och prenumerera",
        H.REDIGERA: "ändra regler, egna händelser och begränsningsperioder, bygga om, publicera",
    },
    relationer=[
        Relation("aktivt", "årshjulet är aktivt", _aktivt),
        Relation("agande_organisation", "användarens organisation äger årshjulet", _agare),
        Relation(
            "lpoer_inom_scope",
            "alla årshjulets lokalpolisområden hör till användarens",
            _lpoer_inom_scope,
        ),
        Relation(
            "utan_insatsfonster",
            "årshjulet planerar inga insatsfönster (har inga lokalpolisområden)",
            _utan_insatsfonster,
        ),
    ],
    regler=[
        Regel(Roll.SAMORDNARE, "aktivt", [H.SE, H.SE_HELA]),
        Regel(Roll.SAMORDNARE, "agande_organisation", [H.REDIGERA]),
        Regel(Roll.POLISLEDNING, "aktivt", [H.SE, H.SE_HELA]),
        Regel(Roll.OPERATIV_SAMORDNARE, "aktivt", [H.SE]),
        Regel(Roll.OPERATIV_SAMORDNARE, "lpoer_inom_scope", [H.SE_HELA]),
        Regel(Roll.LEDNINGSGRUPP, "aktivt", [H.SE]),
        Regel(Roll.LEDNINGSGRUPP, "utan_insatsfonster", [H.SE_HELA]),
        Regel(Roll.API_KLIENT, "aktivt", [H.SE]),
        Regel(Roll.API_KLIENT, "utan_insatsfonster", [H.SE_HELA]),
        *[
            Regel(roll, "aktivt", [H.SE])
            for roll in (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT, Roll.INSATSPOLIS)
        ],
    ],
)


def _mote_eller_tidsfrist(aktor) -> Q:
    return Q(arshjul__aktiv=True) & ~FONSTER


def _eget_organ(aktor) -> Q:
    egna_organ = Samverkansorgan.objects.filter(medlemmar=aktor.organisation_id)
    egen_enhet = Arshjulshandelse.deltagande_enheter.through.objects.filter(
        arshjulshandelse=OuterRef("pk"), enhet__organisation_id=aktor.organisation_id
    )
    egen = (
        Q(organ__in=egna_organ)
        | Q(arshjul__agare_id=aktor.organisation_id)
        | Q(ordforande_org_id=aktor.organisation_id)
        | Q(antecknare_org_id=aktor.organisation_id)
        | Exists(egen_enhet)
    )
    return _mote_eller_tidsfrist(aktor) & egen


def narvarande_organisation(aktor, protokoll: str = "pk") -> Q:
    """The user's organisation attended the meeting whose minutes ``protokoll`` points at: as an
    organisation, or through one of its people."""
    som_organisation = Motesprotokoll.narvarande_organisationer.through.objects.filter(
        motesprotokoll=OuterRef(protokoll), myndighet_id=aktor.organisation_id
    )
    genom_person = Motesprotokoll.narvarande.through.objects.filter(
        motesprotokoll=OuterRef(protokoll), user__profil__organisation_id=aktor.organisation_id
    )
    return Exists(som_organisation) | Exists(genom_person)


def _deltog(aktor) -> Q:
    """A meeting the user's organisation attended, or where the user owns an agreed action."""
    ansvarig = Atgard.objects.filter(
        protokoll__handelse=OuterRef("pk"), ansvarig_id=getattr(aktor.user, "pk", None)
    )
    return Q(arshjul__aktiv=True, typ__in=MOTESTYPER) & (
        narvarande_organisation(aktor, "protokoll") | Exists(ansvarig)
    )


def _kallad(aktor) -> Q:
    """A meeting or similar event the user is invited to by name."""
    kallad = Arshjulshandelse.deltagare.through.objects.filter(
        arshjulshandelse=OuterRef("pk"), user_id=getattr(aktor.user, "pk", None)
    )
    return _mote_eller_tidsfrist(aktor) & Exists(kallad)


def aktiva_insatsfonster(aktor) -> Q:
    """Windows of an active wheel; every relation through the windows narrows this."""
    return Q(arshjul__aktiv=True) & FONSTER


def _fonster_i_lpo(aktor) -> Q:
    return aktiva_insatsfonster(aktor) & Q(lpo__in=aktor.lpo_ids)


def _handelse_agare(aktor) -> Q:
    return Q(arshjul__aktiv=True, arshjul__agare_id=aktor.organisation_id)


def _synligt_fonster(aktor) -> Q:
    return aktiva_insatsfonster(aktor) & Q(
        pk__in=HANDELSE_POLICY.filtrera(aktor, H.SE).values("pk")
    )


def _eget_fonster(aktor) -> Q:
    return aktiva_insatsfonster(aktor) & Q(arshjul__agare_id=aktor.organisation_id)


HANDELSE_POLICY = Policy(
    Arshjulshandelse,
    handlingar={
        H.SE: "se händelsen med datum, organ, ordförande, antecknare och kapacitet",
        H.SE_AGGREGAT: "räknas in i sammanställningen av insatsfönster per månad",
        H.REDIGERA: "ändra händelsen (den blir då handredigerad och byggs inte om)",
        H.LOVA: "lova resurser från sin egen organisation till insatsfönstret",
    },
    relationer=[
        Relation(
            "mote_eller_tidsfrist",
            "händelsen är ett möte, en tidsfrist eller liknande (inte ett insatsfönster)",
            _mote_eller_tidsfrist,
        ),
        Relation(
            "eget_organ",
            "mötet gäller ett organ eller en enhet där användarens organisation ingår",
            _eget_organ,
        ),
        Relation("insatsfonster", "händelsen är ett insatsfönster", aktiva_insatsfonster),
        Relation(
            "fonster_i_lpo",
            "insatsfönstret gäller ett av användarens lokalpolisområden",
            _fonster_i_lpo,
        ),
        Relation("agande_organisation", "användarens organisation äger årshjulet", _handelse_agare),
        Relation(
            "deltog",
            "användarens organisation var med på mötet, eller användaren ansvarar för en åtgärd "
            "från det",
            _deltog,
        ),
        Relation("kallad", "användaren är kallad till händelsen vid namn", _kallad),
        Relation("synligt_fonster", "insatsfönstret syns för användaren", _synligt_fonster),
        Relation(
            "eget_fonster",
            "insatsfönstret hör till ett årshjul användarens organisation äger",
            _eget_fonster,
        ),
    ],
    regler=[
        Regel(Roll.SAMORDNARE, "mote_eller_tidsfrist", [H.SE]),
        Regel(Roll.SAMORDNARE, "insatsfonster", [H.SE, H.SE_AGGREGAT]),
        Regel(Roll.SAMORDNARE, "agande_organisation", [H.REDIGERA]),
        Regel(Roll.POLISLEDNING, "mote_eller_tidsfrist", [H.SE]),
        Regel(Roll.POLISLEDNING, "insatsfonster", [H.SE, H.SE_AGGREGAT]),
        Regel(Roll.OPERATIV_SAMORDNARE, "mote_eller_tidsfrist", [H.SE]),
        Regel(Roll.OPERATIV_SAMORDNARE, "fonster_i_lpo", [H.SE, H.SE_AGGREGAT]),
        Regel(Roll.LEDNINGSGRUPP, "mote_eller_tidsfrist", [H.SE]),
        Regel(Roll.LEDNINGSGRUPP, "insatsfonster", [H.SE_AGGREGAT]),
        Regel(Roll.API_KLIENT, "mote_eller_tidsfrist", [H.SE]),
        *[Regel(roll, "eget_organ", [H.SE]) for roll in (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)],
        Regel(Roll.INSATSPOLIS, "eget_organ", [H.SE]),
        *[
            Regel(roll, relation, [H.SE])
            for roll in (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT, Roll.INSATSPOLIS)
            for relation in ("deltog", "kallad")
        ],
        # Pledges: an agency's focal point for the windows they see, the wheel owner's
        # coordinator for the owner's own windows; each for their own organisation only.
        Regel(Roll.MYNDIGHETSKONTAKT, "synligt_fonster", [H.LOVA]),
        Regel(Roll.SAMORDNARE, "eget_fonster", [H.LOVA]),
    ],
)

# Who reads minutes: those who see meetings at all (the API has no minutes yet).
LASER_PROTOKOLL = (
    Roll.SAMORDNARE,
    Roll.POLISLEDNING,
    Roll.OPERATIV_SAMORDNARE,
    Roll.LEDNINGSGRUPP,
    Roll.HANDLAGGARE,
    Roll.MYNDIGHETSKONTAKT,
    Roll.INSATSPOLIS,
)


def _protokoll_organisator(aktor) -> Q:
    return Q(handelse__arshjul__aktiv=True, handelse__arshjul__agare_id=aktor.organisation_id)


def _protokoll_narvarande(aktor) -> Q:
    return Q(handelse__arshjul__aktiv=True) & narvarande_organisation(aktor)


def _protokoll_delat(aktor) -> Q:
    return Q(delas=True, handelse__in=HANDELSE_POLICY.filtrera(aktor, H.SE).values("pk"))


PROTOKOLL_POLICY = Policy(
    Motesprotokoll,
    handlingar={
        H.SE: "läsa mötets protokoll (närvaron och mötet syns för alla som ser händelsen)",
    },
    relationer=[
        Relation("organisator", "användarens organisation äger årshjulet", _protokoll_organisator),
        Relation(
            "narvarande_organisation",
            "användarens organisation var med på mötet (som organisation eller genom en person)",
            _protokoll_narvarande,
        ),
        Relation(
            "delat",
            "protokollet delas med alla som ser mötet, och användaren ser mötet",
            _protokoll_delat,
        ),
    ],
    regler=[
        *[Regel(roll, "organisator", [H.SE]) for roll in LASER_PROTOKOLL],
        *[Regel(roll, "narvarande_organisation", [H.SE]) for roll in LASER_PROTOKOLL],
        *[Regel(roll, "delat", [H.SE]) for roll in LASER_PROTOKOLL],
    ],
)
# Keeping the minutes (attendees, text, sharing, actions) is editing the meeting event: the
# organiser's coordinators (``HANDELSE_POLICY``, ``redigera``).


def _atgard_i_last_protokoll(aktor) -> Q:
    return Q(protokoll__in=PROTOKOLL_POLICY.filtrera(aktor, H.SE).values("pk"))


def _atgard_ansvarig(aktor) -> Q:
    return Q(protokoll__handelse__arshjul__aktiv=True, ansvarig_id=getattr(aktor.user, "pk", None))


def _atgard_organisator(aktor) -> Q:
    return Q(
        protokoll__handelse__arshjul__aktiv=True,
        protokoll__handelse__arshjul__agare_id=aktor.organisation_id,
    )


ATGARD_POLICY = Policy(
    Atgard,
    handlingar={
        H.SE: "se åtgärden med ansvarig, datum och status",
        H.STANGA: "klarmarkera åtgärden",
    },
    relationer=[
        Relation(
            "i_last_protokoll",
            "åtgärden står i ett protokoll användaren får läsa",
            _atgard_i_last_protokoll,
        ),
        Relation("ansvarig", "användaren ansvarar för åtgärden", _atgard_ansvarig),
        Relation("organisator", "användarens organisation äger årshjulet", _atgard_organisator),
    ],
    regler=[
        *[Regel(roll, "i_last_protokoll", [H.SE]) for roll in LASER_PROTOKOLL],
        *[Regel(roll, "ansvarig", [H.SE, H.STANGA]) for roll in LASER_PROTOKOLL],
        Regel(Roll.SAMORDNARE, "organisator", [H.SE, H.STANGA]),
    ],
)


def _begransning_aktivt(aktor) -> Q:
    return Q(arshjul__aktiv=True)


def _begransning_agare(aktor) -> Q:
    return Q(arshjul__aktiv=True, arshjul__agare_id=aktor.organisation_id)


# Everyone who sees a wheel plans around its periods of reduced police capacity.
SER_BEGRANSNINGAR = (*LASER_PROTOKOLL, Roll.API_KLIENT)

BEGRANSNING_POLICY = Policy(
    Begransningsperiod,
    handlingar={
        H.SE: "se perioden med dess nivå och omfattning",
        H.REDIGERA: "ändra perioden (den blir då handredigerad och byggs inte om)",
    },
    relationer=[
        Relation("aktivt_arshjul", "perioden hör till ett aktivt årshjul", _begransning_aktivt),
        Relation(
            "agande_organisation", "användarens organisation äger årshjulet", _begransning_agare
        ),
    ],
    regler=[
        *[Regel(roll, "aktivt_arshjul", [H.SE]) for roll in SER_BEGRANSNINGAR],
        Regel(Roll.SAMORDNARE, "agande_organisation", [H.REDIGERA]),
    ],
)


def _lofte_i_synligt_fonster(aktor) -> Q:
    return Q(fonster__in=HANDELSE_POLICY.filtrera(aktor, H.SE).values("pk"))


def _eget_lofte(aktor) -> Q:
    return Q(
        organisation_id=aktor.organisation_id,
        fonster__in=HANDELSE_POLICY.filtrera(aktor, H.LOVA).values("pk"),
    )


# Those who see windows (management groups see their totals only) see the pledges to them.
SER_FONSTER = (
    Roll.SAMORDNARE,
    Roll.POLISLEDNING,
    Roll.OPERATIV_SAMORDNARE,
    Roll.HANDLAGGARE,
    Roll.MYNDIGHETSKONTAKT,
    Roll.API_KLIENT,
)

RESURSLOFTE_POLICY = Policy(
    Resurslofte,
    handlingar={
        H.SE: "se löftet: organisation, personer per insatsdag och persondagar",
        H.REDIGERA: "ändra eller ta bort löftet",
    },
    relationer=[
        Relation(
            "synligt_fonster",
            "löftet gäller ett insatsfönster användaren ser",
            _lofte_i_synligt_fonster,
        ),
        Relation(
            "egen_organisation",
            "löftet är användarens organisations, i ett fönster användaren får lova resurser till",
            _eget_lofte,
        ),
    ],
    regler=[
        *[Regel(roll, "synligt_fonster", [H.SE]) for roll in SER_FONSTER],
        *[
            Regel(roll, "egen_organisation", [H.REDIGERA])
            for roll in (Roll.MYNDIGHETSKONTAKT, Roll.SAMORDNARE)
        ],
    ],
)

# The priorities of the joint situation picture are shared reference data: read by those who
# plan operations against them and those who follow them up; administrators edit them in the
# admin site.
PRIORITERINGAR = Funktion(
    "lagesbildens_prioriteringar",
    "se lägesbildens prioriterade problemområden och åtgärdsplanens punkter",
    [
        Roll.SAMORDNARE,
        Roll.MYNDIGHETSKONTAKT,
        Roll.HANDLAGGARE,
        Roll.OPERATIV_SAMORDNARE,
        Roll.POLISLEDNING,
        Roll.LEDNINGSGRUPP,
    ],
)

POLICYER = {
    "Årshjul": ARSHJUL_POLICY,
    "Årshjulshändelse": HANDELSE_POLICY,
    "Begränsningsperiod": BEGRANSNING_POLICY,
    "Mötesprotokoll": PROTOKOLL_POLICY,
    "Åtgärd": ATGARD_POLICY,
    "Resurslöfte": RESURSLOFTE_POLICY,
}


def synliga_arshjul(user):
    return ARSHJUL_POLICY.filtrera(user, H.SE)


def hela_arshjul(user):
    """Wheels whose files, report and versions the user may see in full."""
    return ARSHJUL_POLICY.filtrera(user, H.SE_HELA)


def kan_redigera(user, arshjul: Arshjul) -> bool:
    return ARSHJUL_POLICY.tillater(user, H.REDIGERA, arshjul)


def synliga_handelser(user):
    return HANDELSE_POLICY.filtrera(user, H.SE)


def synliga_begransningar(user):
    return BEGRANSNING_POLICY.filtrera(user, H.SE)


def begransningar_i_kraft():
    """Every period of an active wheel: what planning warns about, whoever plans."""
    return Begransningsperiod.objects.filter(_begransning_aktivt(None))
