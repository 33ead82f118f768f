"""Who may download which audience's briefing, and the readers each briefing is written for."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from insatser.access.insats import (
    AKTIVA_BEMANNINGSSTATUSAR,
    BEMANNING_POLICY,
    INSATS_POLICY,
    H,
)
from insatser.models import (
    Deltagande,
    Informationsunderlag,
    Insats,
    Malgrupp,
    Malgruppstyp,
    Polisbemanning,
)
from insatser.workflow import BemanningStatus
from karna.policy import Aktor, Funktion, Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll


def _detaljer_synliga(aktor) -> QuerySet:
    # A briefing holds agency information released to the operation, so its readers are those
    # who may read that, which a co-planning partner may not.
    return INSATS_POLICY.filtrera(aktor, H.SE_FRISLAPPT).values("pk")


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
# police briefing: it holds objects and the meeting point, which 6.8 keeps from management. A
# named officer reads the police briefing of the LPO whose staffing names them.
LASARROLLER = {
    Malgruppstyp.GEMENSAM: DELTAGARROLLER,
    Malgruppstyp.MYNDIGHET: (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT),
    Malgruppstyp.POLIS: (Roll.OPERATIV_SAMORDNARE, Roll.INSATSPOLIS),
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
            "det gemensamma underlaget för en insats vars frisläppta uppgifter användaren får läsa",
            _gemensamt,
        ),
        Relation(
            "egen_organisation",
            "underlaget för användarens organisation, i en insats vars frisläppta uppgifter "
            "användaren får läsa",
            _egen_organisation,
        ),
        Relation(
            "polisens_lpo",
            "polisens underlag för ett LPO där användaren ser polisens interna bemanning, i en "
            "insats vars frisläppta uppgifter användaren får läsa",
            _polisens_lpo,
        ),
    ],
    regler=[
        Regel(roll, UNDERLAGSRELATION[typ], [H.LADDA_NED])
        for typ, roller in LASARROLLER.items()
        for roll in roller
    ],
)


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

    The joint briefing: everyone who may read what was released to the operation (which a
    co-planning partner, who sees its details, may not). An agency's: its members, for
    each organisation invited (not declined) that is not the police, and the coordinating one.
    The police's: for each LPO with an active staffing request, the readers who see its police
    detail (its operational coordinators and the officers named in it).
    A candidate who may not read what was released to the operation cannot download anything, so
    it is no reader; an audience without readers has no briefing.
    """
    kandidater, deltaganden, begaranden = _kandidater(insats)
    ser = alla_far(kandidater, H.SE_FRISLAPPT, insats)
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
    polisens_lasare = med(Malgruppstyp.POLIS)
    for begaran in sorted(
        (b for b in begaranden if b.status in AKTIVA_BEMANNINGSSTATUSAR), key=lambda b: b.lpo_id
    ):
        malgrupper[Malgrupp(Malgruppstyp.POLIS, lpo_id=begaran.lpo_id)] = _ser_polisdetaljer(
            polisens_lasare, begaran
        )
    return {malgrupp: aktorer for malgrupp, aktorer in malgrupper.items() if aktorer}


def _ser_polisdetaljer(lasare: tuple[Aktor, ...], begaran) -> tuple[Aktor, ...]:
    """The readers the staffing rule lets see the request's police-internal detail: the download
    rule of the police briefing (the LPO's operational coordinators, the officers named in it)."""
    return tuple(
        aktor for aktor in lasare if BEMANNING_POLICY.tillater(aktor, H.SE_POLISDETALJER, begaran)
    )


def for_alla(lasare: Iterable[Aktor], urval: Callable[[Aktor], QuerySet]) -> QuerySet:
    """The rows every reader may see: the first reader's selection, narrowed by the others'."""
    forsta, *ovriga = lasare
    rader = urval(forsta)
    for aktor in ovriga:
        rader = rader.filter(pk__in=urval(aktor).values("pk"))
    return rader


def nedladdningsbara_underlag(user) -> QuerySet[Informationsunderlag]:
    return UNDERLAG_POLICY.filtrera(user, H.LADDA_NED)


VECKANS_UNDERLAG = Funktion(
    "veckans_underlag",
    "hämta de aktuella underlagen för organisationens insatser de närmaste sju dagarna",
    [Roll.SAMORDNARE],
)
