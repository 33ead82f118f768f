"""Who may see and do what in evaluations. Every rule is written here once.

The joint evaluation of an operation is seen by those who see the operation's details and closed
by its coordinators. An agency's evaluation is read and filed by its own organisation (for the
police: the operational coordinators of its LPO); the coordinators of the operation read it once
it is submitted, never a draft. Improvement areas are part of the joint evaluation, visible to
those who see the details of the operation that raised them and to the organisation responsible
for them; the coordinators of that operation and the responsible organisation's coordinators
follow them up.

Outcomes belong to the agency that recorded them: its people read them, and the other
participants only when the agency shared them (not even the coordinator otherwise); an outcome
for "sums only" is read one by one by its agency alone. Individual feedback is read by those who
took part, the author's name only when the author did not ask to be anonymous, or by the author.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from insatser.access.insats import samordnande, tilldelad
from insatser.models import Bemanningsbegaran, Deltagande, Insats
from insatser.workflow import BemanningStatus
from karna.policy import INGEN, Aktor, Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll
from utvardering.models import (
    Aterkoppling,
    Forbattringsomrade,
    Gemensamutvardering,
    Myndighetsutvardering,
    Utfall,
    Utvarderingsrapport,
)


class Handling:
    SE = "se"
    ATGARDA = "atgarda"
    AVSLUTA = "avsluta"
    FYLLA_I = "fylla_i"
    DELTOG = "deltog"
    REGISTRERA_UTFALL = "registrera_utfall"
    SE_FORFATTARE = "se_forfattare"
    ANDRA = "andra"
    LADDA_NED = "ladda_ned"


def _fran_synlig_insats(aktor) -> Exists:
    # Per item, not the set of every visible operation: the items asked for are few (an
    # operation's, those that concern it), and the set costs a scan of all operations.
    return Exists(
        INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).filter(pk=OuterRef("insats_id"))
    )


def _samordnade_insatser(aktor):
    # The actor, not its user: a report's reader stands for an audience and has no user.
    return INSATS_POLICY.filtrera(aktor, InsatsHandling.SAMORDNA).values("pk")


def _fran_samordnad_insats(aktor) -> Q:
    return Q(insats__in=_samordnade_insatser(aktor))


def _ansvarig_organisation(aktor) -> Q:
    return Q(ansvarig_organisation_id=aktor.organisation_id)


H = Handling
FORBATTRINGSOMRADE_POLICY = Policy(
    Forbattringsomrade,
    handlingar={H.SE: "se förbättringsområdet", H.ATGARDA: "markera området som åtgärdat"},
    relationer=[
        Relation(
            "fran_synlig_insats",
            "området togs fram i en insats vars detaljer användaren ser",
            _fran_synlig_insats,
        ),
        Relation(
            "fran_samordnad_insats",
            "området togs fram i en insats som användaren samordnar",
            _fran_samordnad_insats,
        ),
        Relation(
            "ansvarig_organisation",
            "användarens organisation är ansvarig för området",
            _ansvarig_organisation,
        ),
    ],
    regler=[
        *[Regel(roll, "fran_synlig_insats", [H.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.SAMORDNARE, "fran_samordnad_insats", [H.ATGARDA]),
        *[
            Regel(roll, "ansvarig_organisation", [H.SE])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
        Regel(Roll.SAMORDNARE, "ansvarig_organisation", [H.ATGARDA]),
    ],
)


def _i_synlig_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).values("pk"))


def _i_samordnad_insats(aktor) -> Q:
    return Q(insats__in=_samordnade_insatser(aktor))


GEMENSAM_UTVARDERING_POLICY = Policy(
    Gemensamutvardering,
    handlingar={
        H.SE: "se utvärderingens status, frist och vilka myndigheter som lämnat in",
        H.AVSLUTA: "avsluta den gemensamma utvärderingen med sammanfattning och styrkor",
    },
    relationer=[
        Relation(
            "i_synlig_insats",
            "utvärderingen gäller en insats vars detaljer användaren ser",
            _i_synlig_insats,
        ),
        Relation(
            "i_samordnad_insats",
            "utvärderingen gäller en insats som användaren samordnar",
            _i_samordnad_insats,
        ),
    ],
    regler=[
        *[Regel(roll, "i_synlig_insats", [H.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.SAMORDNARE, "i_samordnad_insats", [H.AVSLUTA]),
    ],
)


def _egen_organisation(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id, lpo__isnull=True)


def _eget_lpo(aktor) -> Q:
    return Q(lpo__in=aktor.lpo_ids)


def _inlamnad_i_samordnad_insats(aktor) -> Q:
    return Q(
        status=Myndighetsutvardering.Status.INLAMNAD,
        utvardering__insats__in=_samordnade_insatser(aktor),
    )


MYNDIGHETSUTVARDERING_POLICY = Policy(
    Myndighetsutvardering,
    handlingar={
        H.SE: "läsa myndighetens utvärdering: betyg, timmar, hinder och fritext",
        H.FYLLA_I: "fylla i, lämna in och ändra myndighetens utvärdering",
    },
    relationer=[
        Relation(
            "egen_organisation",
            "utvärderingen är användarens organisations (utom polisens, som lämnas per LPO)",
            _egen_organisation,
        ),
        Relation("eget_lpo", "utvärderingen är polisens för ett av användarens LPO", _eget_lpo),
        Relation(
            "inlamnad_i_samordnad_insats",
            "utvärderingen är inlämnad och gäller en insats som användaren samordnar",
            _inlamnad_i_samordnad_insats,
        ),
    ],
    regler=[
        *[
            Regel(roll, "egen_organisation", [H.SE, H.FYLLA_I])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
        Regel(Roll.OPERATIV_SAMORDNARE, "eget_lpo", [H.SE, H.FYLLA_I]),
        Regel(Roll.SAMORDNARE, "inlamnad_i_samordnad_insats", [H.SE]),
    ],
)

# Taking part in a carried-out operation: the organisation coordinated it or accepted the
# invitation; for the police, a request to one's LPO was confirmed or one was named in it. An
# invitation left unanswered, or declined, is no taking part.
BEKRAFTADE = [BemanningStatus.BEKRAFTAD, BemanningStatus.DELVIS_BEKRAFTAD]


def _organisationen_deltog(aktor) -> Q:
    accepterat = Deltagande.objects.filter(
        insats=OuterRef("pk"),
        organisation_id=aktor.organisation_id,
        svar=Deltagande.Svar.ACCEPTERAD,
    )
    return samordnande(aktor) | Exists(accepterat)


def _lpo_bemannade(aktor) -> Q:
    return Exists(
        Bemanningsbegaran.objects.filter(
            insats=OuterRef("pk"), lpo__in=aktor.lpo_ids, status__in=BEKRAFTADE
        )
    )


INSATSDELTAGANDE_POLICY = Policy(
    Insats,
    handlingar={
        H.DELTOG: "räknas som deltagare: ge återkoppling, läsa återkopplingen och de utfall som "
        "delats med deltagarna",
        H.REGISTRERA_UTFALL: "registrera sin organisations utfall av insatsen",
    },
    relationer=[
        Relation(
            "organisationen_deltog",
            "användarens organisation samordnade insatsen eller accepterade inbjudan",
            _organisationen_deltog,
        ),
        Relation(
            "lpo_bemannade",
            "en bemanningsbegäran till ett av användarens LPO bekräftades",
            _lpo_bemannade,
        ),
        Relation("tilldelad", "användaren är namngiven polis i insatsen", tilldelad),
    ],
    regler=[
        *[
            Regel(roll, "organisationen_deltog", [H.DELTOG])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
        Regel(Roll.OPERATIV_SAMORDNARE, "lpo_bemannade", [H.DELTOG, H.REGISTRERA_UTFALL]),
        Regel(Roll.INSATSPOLIS, "tilldelad", [H.DELTOG]),
        # An agency's officers and focal point answer for its outcomes; the police's are
        # recorded by the coordinators of the LPOs that staffed.
        *[
            Regel(roll, "organisationen_deltog", [H.REGISTRERA_UTFALL])
            for roll in (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
    ],
)


def _i_insats(aktor, handling: str, policy=INSATS_POLICY) -> Q:
    return Q(insats__in=policy.filtrera(aktor, handling).values("pk"))


def _egen_organisations_utfall(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id) & _i_insats(aktor, InsatsHandling.SE_DETALJER)


def _delat_med_deltagarna(aktor) -> Q:
    return Q(synlighet=Utfall.Synlighet.DELTAGARE) & _i_insats(
        aktor, H.DELTOG, INSATSDELTAGANDE_POLICY
    )


def _egen_organisations_dar_anvandaren_registrerar(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id) & _i_insats(
        aktor, H.REGISTRERA_UTFALL, INSATSDELTAGANDE_POLICY
    )


UTFALL_POLICY = Policy(
    Utfall,
    handlingar={H.SE: "läsa utfallet", H.ANDRA: "ändra eller ta bort utfallet"},
    relationer=[
        Relation(
            "egen_organisations",
            "användarens organisation registrerade utfallet och användaren ser insatsens detaljer",
            _egen_organisations_utfall,
        ),
        Relation(
            "delat_med_deltagarna",
            "utfallet är delat med insatsens deltagare och användaren deltog",
            _delat_med_deltagarna,
        ),
        Relation(
            "egen_organisations_dar_anvandaren_registrerar",
            "användarens organisation registrerade utfallet och användaren får registrera "
            "utfall i insatsen",
            _egen_organisations_dar_anvandaren_registrerar,
        ),
    ],
    regler=[
        *[
            Regel(roll, relation, [H.SE])
            for roll in DELTAGARROLLER
            for relation in ("egen_organisations", "delat_med_deltagarna")
        ],
        *[
            Regel(roll, "egen_organisations_dar_anvandaren_registrerar", [H.ANDRA])
            for roll in (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT, Roll.OPERATIV_SAMORDNARE)
        ],
    ],
)


def _egen(aktor) -> Q:
    # A briefing's reader stands for an audience, not a person: it wrote nothing.
    return INGEN if aktor.user is None else Q(forfattare_id=aktor.user.pk)


def _fran_insats_dar_anvandaren_deltog(aktor) -> Q:
    return _i_insats(aktor, H.DELTOG, INSATSDELTAGANDE_POLICY)


def _namngiven_fran_insats_dar_anvandaren_deltog(aktor) -> Q:
    return Q(anonym=False) & _fran_insats_dar_anvandaren_deltog(aktor)


ATERKOPPLING_POLICY = Policy(
    Aterkoppling,
    handlingar={
        H.SE: "läsa återkopplingen (betyg och kommentar)",
        H.SE_FORFATTARE: "se vem som lämnade återkopplingen",
        H.ANDRA: "ändra återkopplingen",
    },
    relationer=[
        Relation(
            "fran_insats_dar_anvandaren_deltog",
            "återkopplingen gäller en insats som användaren deltog i",
            _fran_insats_dar_anvandaren_deltog,
        ),
        Relation(
            "namngiven_fran_insats_dar_anvandaren_deltog",
            "återkopplingen är inte anonym och gäller en insats som användaren deltog i",
            _namngiven_fran_insats_dar_anvandaren_deltog,
        ),
        Relation("egen", "användaren lämnade återkopplingen", _egen),
    ],
    regler=[
        *[Regel(roll, "fran_insats_dar_anvandaren_deltog", [H.SE]) for roll in DELTAGARROLLER],
        *[
            Regel(roll, "namngiven_fran_insats_dar_anvandaren_deltog", [H.SE_FORFATTARE])
            for roll in DELTAGARROLLER
        ],
        *[Regel(roll, "egen", [H.SE, H.SE_FORFATTARE, H.ANDRA]) for roll in DELTAGARROLLER],
    ],
)


def _egen_organisations_rapport(aktor) -> Q:
    return Q(
        organisation_id=aktor.organisation_id,
        utvardering__in=GEMENSAM_UTVARDERING_POLICY.filtrera(aktor, H.SE).values("pk"),
    )


# A report is written for the people of one organisation; a download also checks that the reader
# may see each outcome, agency evaluation and feedback the file shows (services/rapport.py).
UTVARDERINGSRAPPORT_POLICY = Policy(
    Utvarderingsrapport,
    handlingar={H.LADDA_NED: "ladda ned utvärderingsrapporten (endast aktuell version)"},
    relationer=[
        Relation(
            "egen_organisations",
            "rapporten är skriven för användarens organisation och användaren ser den gemensamma "
            "utvärderingen",
            _egen_organisations_rapport,
        )
    ],
    regler=[Regel(roll, "egen_organisations", [H.LADDA_NED]) for roll in DELTAGARROLLER],
)

POLICYER = {
    "Förbättringsområde": FORBATTRINGSOMRADE_POLICY,
    "Gemensam utvärdering": GEMENSAM_UTVARDERING_POLICY,
    "Myndighetsutvärdering": MYNDIGHETSUTVARDERING_POLICY,
    "Insatsdeltagande (utvärdering)": INSATSDELTAGANDE_POLICY,
    "Utfall": UTFALL_POLICY,
    "Återkoppling": ATERKOPPLING_POLICY,
    "Utvärderingsrapport": UTVARDERINGSRAPPORT_POLICY,
}


def synliga_forbattringsomraden(user):
    return FORBATTRINGSOMRADE_POLICY.filtrera(user, H.SE)


def kan_atgarda(user, omrade: Forbattringsomrade) -> bool:
    return FORBATTRINGSOMRADE_POLICY.tillater(user, H.ATGARDA, omrade)


def synliga_utvarderingar(user):
    return GEMENSAM_UTVARDERING_POLICY.filtrera(user, H.SE)


def kan_avsluta(user, utvardering: Gemensamutvardering) -> bool:
    return GEMENSAM_UTVARDERING_POLICY.tillater(user, H.AVSLUTA, utvardering)


def lasbara_myndighetsutvarderingar(user):
    return MYNDIGHETSUTVARDERING_POLICY.filtrera(user, H.SE)


def ifyllbara_myndighetsutvarderingar(user):
    return MYNDIGHETSUTVARDERING_POLICY.filtrera(user, H.FYLLA_I)


def deltog(user, insats: Insats) -> bool:
    return INSATSDELTAGANDE_POLICY.tillater(user, H.DELTOG, insats)


def kan_registrera_utfall(user, insats: Insats) -> bool:
    return INSATSDELTAGANDE_POLICY.tillater(user, H.REGISTRERA_UTFALL, insats)


def synliga_utfall(user):
    return UTFALL_POLICY.filtrera(user, H.SE)


def kan_andra_utfall(user, utfall: Utfall) -> bool:
    return UTFALL_POLICY.tillater(user, H.ANDRA, utfall)


def synliga_aterkopplingar(user):
    """The feedback the user may read, each marked ``visa_forfattare`` where the user may see
    who gave it and ``kan_andras`` where the user may change it."""
    return ATERKOPPLING_POLICY.markera(
        ATERKOPPLING_POLICY.filtrera(user, H.SE),
        user,
        visa_forfattare=H.SE_FORFATTARE,
        kan_andras=H.ANDRA,
    )


def egen_aterkoppling(user, insats: Insats) -> Aterkoppling | None:
    if Aktor.for_user(user).user is None:
        return None
    return ATERKOPPLING_POLICY.filtrera(user, H.ANDRA).filter(insats=insats).first()


def nedladdningsbara_rapporter(user):
    return UTVARDERINGSRAPPORT_POLICY.filtrera(user, H.LADDA_NED)
