"""Who may see and do what with operations and staffing requests. Every rule is written here once.

Visibility follows relationships (the coordinating organisation, the participating organisations,
the LPOs of staffing requests, named police assignments, explicit per-object grants); the rules
are the tables below. ``docs/behorigheter.md`` is generated from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Informationsunderlag,
    Insats,
    InsatsUserObjectPermission,
    Malgrupp,
    Malgruppstyp,
    Polisbemanning,
)
from insatser.workflow import BemanningStatus
from myndigheter.policy import Aktor, Policy, Regel, Relation
from myndigheter.roles import Roll

AKTIVA_BEMANNINGSSTATUSAR = [
    BemanningStatus.SKICKAD,
    BemanningStatus.BEKRAFTAD,
    BemanningStatus.DELVIS_BEKRAFTAD,
]


class Handling:
    SE = "se"
    SE_DETALJER = "se_detaljer"
    SAMORDNA = "samordna"
    BESVARA_INBJUDAN = "besvara_inbjudan"
    STALLA_IN = "stalla_in"
    REGISTRERA = "registrera"
    SE_POLISDETALJER = "se_polisdetaljer"
    SE_INSTALLNINGSDETALJ = "se_installningsdetalj"
    SE_SAKERHET = "se_sakerhet"
    BESVARA = "besvara"
    LADDA_NED = "ladda_ned"


def _samordnande(aktor) -> Q:
    return Q(samordnande_organisation_id=aktor.organisation_id)


def _deltagande(aktor, **villkor) -> Q:
    return Exists(
        Deltagande.objects.filter(
            insats=OuterRef("pk"), organisation_id=aktor.organisation_id, **villkor
        )
    )


def _accepterat_deltagande(aktor) -> Q:
    return _deltagande(aktor, svar=Deltagande.Svar.ACCEPTERAD)


def _begaran_i_lpo(aktor) -> Q:
    return Exists(
        Bemanningsbegaran.objects.filter(insats=OuterRef("pk"), lpo__in=aktor.lpo_ids).exclude(
            status=BemanningStatus.UTKAST
        )
    )


def _aktiv_begaran_i_lpo(aktor) -> Q:
    return Exists(
        Bemanningsbegaran.objects.filter(
            insats=OuterRef("pk"), lpo__in=aktor.lpo_ids, status__in=AKTIVA_BEMANNINGSSTATUSAR
        )
    )


def _tilldelad(aktor) -> Q:
    return Exists(
        Polisbemanning.objects.filter(begaran__insats=OuterRef("pk"), anvandare=aktor.user)
    )


def _explicit(aktor) -> Q:
    return Exists(
        InsatsUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"),
            user=aktor.user,
            permission__codename="view_insats",
        )
    )


H = Handling
INSATS_POLICY = Policy(
    Insats,
    handlingar={
        H.SE: "se insatsen (datum, tidsfönster, LPO, status, samverkansform, samordnare)",
        H.SE_DETALJER: "se samlingsplats, exakt tid, objekt, deltagare och tidslinje",
        H.SAMORDNA: "planera, bjuda in, begära bemanning, genomföra",
        H.BESVARA_INBJUDAN: "svara på inbjudan för sin organisation",
        H.STALLA_IN: "ställa in insatsen",
        H.REGISTRERA: "markera kontroller och registrera fynd",
        H.SE_INSTALLNINGSDETALJ: "se polisens kommentar om vad som orsakade en inställning",
        H.SE_SAKERHET: "se säkerhetsanteckningen (kända hot- och säkerhetsrisker)",
    },
    relationer=[
        Relation("samordnande_organisation", "användarens organisation samordnar", _samordnande),
        Relation("deltagande_organisation", "användarens organisation är inbjuden", _deltagande),
        Relation(
            "accepterat_deltagande",
            "användarens organisation har accepterat inbjudan",
            _accepterat_deltagande,
        ),
        Relation(
            "begaran_i_lpo",
            "en skickad bemanningsbegäran gäller ett av användarens LPO",
            _begaran_i_lpo,
        ),
        Relation(
            "aktiv_begaran_i_lpo",
            "en aktiv bemanningsbegäran gäller ett av användarens LPO",
            _aktiv_begaran_i_lpo,
        ),
        Relation("tilldelad", "användaren är namngiven polis i insatsen", _tilldelad),
        Relation("explicit", "användaren har fått läsrätt till just denna insats", _explicit),
    ],
    regler=[
        Regel(
            Roll.SAMORDNARE,
            "samordnande_organisation",
            [
                H.SE,
                H.SE_DETALJER,
                H.SAMORDNA,
                H.STALLA_IN,
                H.REGISTRERA,
                H.BESVARA_INBJUDAN,
                H.SE_SAKERHET,
            ],
        ),
        Regel(
            Roll.SAMORDNARE,
            "deltagande_organisation",
            [H.SE, H.SE_DETALJER, H.BESVARA_INBJUDAN],
        ),
        Regel(Roll.SAMORDNARE, "accepterat_deltagande", [H.REGISTRERA, H.SE_SAKERHET]),
        Regel(
            Roll.HANDLAGGARE,
            "deltagande_organisation",
            [H.SE, H.SE_DETALJER, H.BESVARA_INBJUDAN],
        ),
        Regel(Roll.HANDLAGGARE, "accepterat_deltagande", [H.REGISTRERA, H.SE_SAKERHET]),
        Regel(
            Roll.MYNDIGHETSKONTAKT,
            "deltagande_organisation",
            [H.SE, H.SE_DETALJER, H.BESVARA_INBJUDAN],
        ),
        Regel(Roll.MYNDIGHETSKONTAKT, "accepterat_deltagande", [H.SE_SAKERHET]),
        Regel(
            Roll.OPERATIV_SAMORDNARE,
            "begaran_i_lpo",
            [H.SE, H.SE_DETALJER, H.SE_INSTALLNINGSDETALJ],
        ),
        Regel(Roll.OPERATIV_SAMORDNARE, "aktiv_begaran_i_lpo", [H.STALLA_IN, H.SE_SAKERHET]),
        Regel(
            Roll.INSATSPOLIS,
            "tilldelad",
            [H.SE, H.SE_DETALJER, H.REGISTRERA, H.SE_INSTALLNINGSDETALJ, H.SE_SAKERHET],
        ),
        Regel(Roll.POLISLEDNING, "begaran_i_lpo", [H.SE, H.SE_INSTALLNINGSDETALJ]),
        Regel(Roll.API_KLIENT, "deltagande_organisation", [H.SE]),
        *[Regel(roll, "explicit", [H.SE]) for roll in Roll if roll != Roll.API_KLIENT],
    ],
)


def _i_lpo(aktor) -> Q:
    return Q(lpo__in=aktor.lpo_ids) & ~Q(status=BemanningStatus.UTKAST)


def _begarande(aktor) -> Q:
    return Q(insats__samordnande_organisation_id=aktor.organisation_id)


BEMANNING_POLICY = Policy(
    Bemanningsbegaran,
    handlingar={
        H.SE: "se begäran, dess status och antal",
        H.BESVARA: "bekräfta, delvis bekräfta, avböja eller återkalla",
        H.SE_POLISDETALJER: "se namngivna poliser och polisens interna anteckning",
    },
    relationer=[
        Relation("lpo", "begäran gäller ett av användarens LPO och är skickad", _i_lpo),
        Relation(
            "begarande_organisation", "användarens organisation samordnar insatsen", _begarande
        ),
    ],
    regler=[
        Regel(Roll.OPERATIV_SAMORDNARE, "lpo", [H.SE, H.BESVARA, H.SE_POLISDETALJER]),
        Regel(Roll.POLISLEDNING, "lpo", [H.SE, H.SE_POLISDETALJER]),
        Regel(Roll.SAMORDNARE, "begarande_organisation", [H.SE]),
    ],
)


def _detaljer_synliga(aktor) -> QuerySet:
    return INSATS_POLICY.filtrera(aktor, H.SE_DETALJER).values("pk")


def _gemensamt(aktor) -> Q:
    return Q(malgrupp=Malgruppstyp.GEMENSAM, insats__in=_detaljer_synliga(aktor))


def _egen_organisation(aktor) -> Q:
    return Q(
        malgrupp=Malgruppstyp.MYNDIGHET,
        organisation_id=aktor.organisation_id,
        insats__in=_detaljer_synliga(aktor),
    )


def _polisens_lpo(aktor) -> Q:
    polisdetaljer = BEMANNING_POLICY.filtrera(aktor, H.SE_POLISDETALJER).filter(
        insats=OuterRef("insats"), lpo=OuterRef("lpo")
    )
    return Q(malgrupp=Malgruppstyp.POLIS, insats__in=_detaljer_synliga(aktor)) & Exists(
        polisdetaljer
    )


# Who may download which audience's briefing. The download rules below and the readers a briefing
# is written for (``underlagets_malgrupper``) both come from this table, so that a briefing never
# shows one of its readers more than that reader may see. Police management does not read the
# police briefing: it holds objects and the meeting point, which 6.8 keeps from management.
LASARROLLER = {
    Malgruppstyp.GEMENSAM: (
        Roll.SAMORDNARE,
        Roll.HANDLAGGARE,
        Roll.MYNDIGHETSKONTAKT,
        Roll.OPERATIV_SAMORDNARE,
        Roll.INSATSPOLIS,
    ),
    Malgruppstyp.MYNDIGHET: (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT),
    Malgruppstyp.POLIS: (Roll.OPERATIV_SAMORDNARE,),
}
UNDERLAGSRELATION = {
    Malgruppstyp.GEMENSAM: "gemensamt",
    Malgruppstyp.MYNDIGHET: "egen_organisation",
    Malgruppstyp.POLIS: "polisens_lpo",
}

UNDERLAG_POLICY = Policy(
    Informationsunderlag,
    handlingar={H.LADDA_NED: "ladda ned underlaget (endast aktuell version)"},
    relationer=[
        Relation(
            "gemensamt",
            "det gemensamma underlaget för en insats vars detaljer användaren ser",
            _gemensamt,
        ),
        Relation(
            "egen_organisation",
            "underlaget för användarens organisation, i en insats vars detaljer användaren ser",
            _egen_organisation,
        ),
        Relation(
            "polisens_lpo",
            "polisens underlag för ett LPO där användaren ser polisens interna bemanning, i en "
            "insats vars detaljer användaren ser",
            _polisens_lpo,
        ),
    ],
    regler=[
        Regel(roll, UNDERLAGSRELATION[typ], [H.LADDA_NED])
        for typ, roller in LASARROLLER.items()
        for roll in roller
    ],
)

POLICYER = {
    "Insats": INSATS_POLICY,
    "Bemanningsbegäran": BEMANNING_POLICY,
    "Informationsunderlag": UNDERLAG_POLICY,
}

# How far each reader role's view reaches: its organisation, one LPO, or one named officer.
OMFANG = {
    Roll.SAMORDNARE: "organisation",
    Roll.HANDLAGGARE: "organisation",
    Roll.MYNDIGHETSKONTAKT: "organisation",
    Roll.OPERATIV_SAMORDNARE: "lpo",
    Roll.INSATSPOLIS: "person",
}


def _kandidater(insats: Insats) -> tuple[list[Aktor], list, list]:
    """Every reader a briefing of the operation could have, before checking what each sees.

    One Aktor per reader role of the joint briefing and scope, without personal grants
    (``user=None``); named officers read through their own assignment. Returns the readers, the
    invitations and the staffing requests.
    """
    deltaganden = list(insats.deltaganden.select_related("organisation"))
    begaranden = list(
        insats.bemanningsbegaranden.exclude(status=BemanningStatus.UTKAST).select_related("lpo")
    )
    poliser = Polisbemanning.objects.filter(begaran__insats=insats).select_related("anvandare")
    omfang = {
        "organisation": [
            {"organisation_id": org}
            for org in sorted(
                {insats.samordnande_organisation_id} | {d.organisation_id for d in deltaganden}
            )
        ],
        "lpo": [{"lpo_ids": (lpo,)} for lpo in sorted({b.lpo_id for b in begaranden})],
        "person": [
            {"user": polis}
            for polis in sorted({p.anvandare for p in poliser}, key=lambda user: user.pk)
        ],
    }
    kandidater = [
        Aktor(
            user=scope.get("user"),
            organisation_id=scope.get("organisation_id"),
            roller=frozenset({roll}),
            lpo_ids=scope.get("lpo_ids", ()),
        )
        for roll in LASARROLLER[Malgruppstyp.GEMENSAM]
        for scope in omfang[OMFANG[roll]]
    ]
    return kandidater, deltaganden, begaranden


def alla_far(lasare: Iterable[Aktor], handling: str, insats: Insats) -> list[bool]:
    """Per reader, whether the operation rule allows ``handling`` on ``insats``; one query."""
    lasare = list(lasare)
    if not lasare:
        return []
    rad = Insats.objects.filter(pk=insats.pk)
    for nummer, aktor in enumerate(lasare):
        rad = INSATS_POLICY.markera(rad, aktor, **{f"l{nummer}": handling})
    varden = rad.values(*[f"l{nummer}" for nummer in range(len(lasare))]).get()
    return [varden[f"l{nummer}"] for nummer in range(len(lasare))]


def underlagets_malgrupper(insats: Insats) -> dict[Malgrupp, tuple[Aktor, ...]]:
    """The audiences the operation's briefings are written for, each with its readers.

    The joint briefing: everyone who sees the operation's details. An agency's: its members, for
    each organisation invited (not declined) that is not the police, and the coordinating one.
    The police's: the operational coordinators of each LPO with an active staffing request.
    A candidate who does not see the operation's details cannot download anything, so it is no
    reader; an audience without readers has no briefing.
    """
    kandidater, deltaganden, begaranden = _kandidater(insats)
    ser = alla_far(kandidater, H.SE_DETALJER, insats)
    lasare = tuple(aktor for aktor, far in zip(kandidater, ser, strict=True) if far)

    def med(typ, **scope) -> tuple[Aktor, ...]:
        return tuple(
            a
            for a in lasare
            if a.roller <= set(LASARROLLER[typ])
            and all(getattr(a, falt) == varde for falt, varde in scope.items())
        )

    malgrupper = {Malgrupp(Malgruppstyp.GEMENSAM): lasare}
    myndigheter = {insats.samordnande_organisation_id} | {
        d.organisation_id
        for d in deltaganden
        if d.svar != Deltagande.Svar.AVBOJD and not d.organisation.ar_polis
    }
    for org in sorted(myndigheter):
        malgrupper[Malgrupp(Malgruppstyp.MYNDIGHET, organisation_id=org)] = med(
            Malgruppstyp.MYNDIGHET, organisation_id=org
        )
    for lpo in sorted({b.lpo_id for b in begaranden if b.status in AKTIVA_BEMANNINGSSTATUSAR}):
        malgrupper[Malgrupp(Malgruppstyp.POLIS, lpo_id=lpo)] = med(
            Malgruppstyp.POLIS, lpo_ids=(lpo,)
        )
    return {malgrupp: aktorer for malgrupp, aktorer in malgrupper.items() if aktorer}


def for_alla(lasare: Iterable[Aktor], urval: Callable[[Aktor], QuerySet]) -> QuerySet:
    """The rows every reader may see: the first reader's selection, narrowed by the others'."""
    forsta, *ovriga = lasare
    rader = urval(forsta)
    for aktor in ovriga:
        rader = rader.filter(pk__in=urval(aktor).values("pk"))
    return rader


def synliga_insatser(user):
    return INSATS_POLICY.filtrera(user, H.SE)


def kan_se_insats(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.SE, insats)


def kan_samordna(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.SAMORDNA, insats)


def kan_skapa_insats(user) -> bool:
    aktor = Aktor.for_user(user)
    return aktor.organisation_id is not None and Roll.SAMORDNARE in aktor.roller


def kan_besvara_inbjudan(user, deltagande: Deltagande) -> bool:
    """Only for one's own organisation, on an operation one may answer invitations of."""
    egen = Aktor.for_user(user).organisation_id == deltagande.organisation_id
    return egen and INSATS_POLICY.tillater(user, H.BESVARA_INBJUDAN, deltagande.insats)


def besvarbar_inbjudan(user, insats: Insats) -> Deltagande | None:
    """The user's organisation's invitation to the operation, if the user may answer it."""
    deltagande = (
        insats.deltaganden.filter(organisation_id=Aktor.for_user(user).organisation_id)
        .exclude(roll=Deltagande.Roll.SAMORDNARE)
        .first()
    )
    if deltagande is None or not kan_besvara_inbjudan(user, deltagande):
        return None
    return deltagande


def kan_besvara_bemanning(user, begaran: Bemanningsbegaran) -> bool:
    return BEMANNING_POLICY.tillater(user, H.BESVARA, begaran)


def kan_stalla_in(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.STALLA_IN, insats)


def kan_registrera_i_kontroll(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.REGISTRERA, insats)


def nedladdningsbara_underlag(user) -> QuerySet[Informationsunderlag]:
    return UNDERLAG_POLICY.filtrera(user, H.LADDA_NED)
