"""What an evaluation report shows one organisation (docs/utvardering.md, "Evaluation report"),
read through the evaluation app's access rules.

A report is written for the people of one organisation that took part. Its readers are Aktor
values without a person (``user=None``): one per role of the organisation that reads the joint
evaluation, for the police one per LPO whose evaluation it files. A part shows a row only when
every reader may see it (``insatser.access.for_alla``), so an agency's outcomes kept to itself
appear in its own report only, and outcomes kept for the sums appear to others as sums. The result
is plain data, hashed into the version's fingerprint, so the fingerprint covers what the PDF shows.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from insatser.access import for_alla
from karna.policy import Aktor
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import ORGANISATIONSROLLER, Roll
from utvardering.access import (
    ATERKOPPLING_POLICY,
    FORBATTRINGSOMRADE_POLICY,
    GEMENSAM_UTVARDERING_POLICY,
    MYNDIGHETSUTVARDERING_POLICY,
    UTFALL_POLICY,
    Handling,
)
from utvardering.models import Gemensamutvardering, Myndighetsutvardering, Utfall
from utvardering.selectors import visning

# Part of every fingerprint: raise it when the template shows something new.
MALLVERSION = 1
TIMFALT = ("timmar_fore", "timmar_under", "timmar_efter", "polistimmar")


def fingeravtryck(innehall: dict) -> str:
    """SHA-256 of the canonical JSON of the content and the template version."""
    kanonisk = json.dumps(
        {"mallversion": MALLVERSION, "innehall": innehall},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(kanonisk.encode()).hexdigest()


def rapportens_malgrupper(utvardering: Gemensamutvardering) -> dict[int, tuple[Aktor, ...]]:
    """The organisations the reports are written for (the coordinating one and every one that
    evaluates), each with its readers; an organisation none of whose roles reads the joint
    evaluation gets no report."""
    lpoer = defaultdict(set)
    for organisation_id, lpo_id in utvardering.myndighetsutvarderingar.values_list(
        "organisation_id", "lpo_id"
    ):
        lpoer[organisation_id].add(lpo_id)
    lpoer[utvardering.insats.samordnande_organisation_id]
    malgrupper = {}
    for organisation_id in sorted(lpoer):
        kandidater = [
            Aktor(None, organisation_id, frozenset({roll}), ()) for roll in ORGANISATIONSROLLER
        ] + [
            Aktor(None, organisation_id, frozenset({Roll.OPERATIV_SAMORDNARE}), (lpo_id,))
            for lpo_id in sorted(lpo for lpo in lpoer[organisation_id] if lpo is not None)
        ]
        lasare = tuple(
            aktor
            for aktor in kandidater
            if GEMENSAM_UTVARDERING_POLICY.tillater(aktor, Handling.SE, utvardering)
        )
        if lasare:
            malgrupper[organisation_id] = lasare
    return malgrupper


def _datum(tid) -> str:
    return date_format(timezone.localtime(tid), "j F Y")


def _tal(varde) -> str:
    return floatformat(varde, "-2g")


def _kronor(varde) -> str:
    return _("%(belopp)s kr") % {"belopp": _tal(varde)}


def rapportinnehall(
    utvardering: Gemensamutvardering, organisation_id: int, lasare: Sequence[Aktor]
) -> dict:
    """The content of one organisation's report, in the language of the site (Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        utvardering = Gemensamutvardering.objects.select_related(
            "insats__samordnande_organisation", "insats__samordnande_enhet"
        ).get(pk=utvardering.pk)
        insats = utvardering.insats
        rader = list(
            utvardering.myndighetsutvarderingar.select_related("organisation", "lpo").order_by(
                "organisation__namn", "lpo__namn", "pk"
            )
        )
        lasbara = set(
            for_alla(
                lasare, lambda a: MYNDIGHETSUTVARDERING_POLICY.filtrera(a, Handling.SE)
            ).values_list("pk", flat=True)
        )
        utfall, utfall_ids = _utfall(insats, lasare)
        aterkoppling, aterkoppling_ids = _aterkoppling(insats, lasare)
        myndigheter = [_myndighet(rad, rad.pk in lasbara) for rad in rader]
        return {
            "malgrupp": Myndighet.objects.get(pk=organisation_id).namn,
            "insats": {
                "referens": insats.referens,
                "titel": insats.titel,
                "datum": _datum(insats.start),
                "slutdatum": _datum(insats.slut)
                if _datum(insats.slut) != _datum(insats.start)
                else "",
                "status": insats.get_status_display(),
                "samordnare": insats.samordnande_organisation.namn,
                "enhet": insats.samordnande_enhet.namn if insats.samordnande_enhet else "",
                "deltagare": sorted({rad.namn for rad in rader}),
            },
            "utvardering": {
                "status": utvardering.get_status_display(),
                "frist": date_format(utvardering.frist, "j F Y"),
                "avslutad": _datum(utvardering.avslutad) if utvardering.avslutad else "",
                "sammanfattning": utvardering.sammanfattning,
                "styrkor": utvardering.styrkor,
                "skal_for_saknade": utvardering.skal_for_saknade,
            },
            "betygsdelar": [
                str(Myndighetsutvardering._meta.get_field(falt).verbose_name).capitalize()
                for falt in Myndighetsutvardering.BETYGSFALT
            ],
            "myndigheter": myndigheter,
            "summor": _summor(rader),
            "forbattringar": _forbattringar(insats, lasare),
            "utfall": utfall,
            "aterkoppling": aterkoppling,
            "utfall_ids": utfall_ids,
            "myndighetsutvardering_ids": sorted(r["id"] for r in myndigheter if r["lasbar"]),
            "aterkoppling_ids": aterkoppling_ids,
        }


def _myndighet(rad: Myndighetsutvardering, lasbar: bool) -> dict:
    """An agency's evaluation: its state for all, its ratings, hours and obstacles only where
    every reader may read it."""
    innehall = {"id": rad.pk, "namn": rad.namn, "status": rad.get_status_display(), "lasbar": False}
    if not lasbar or rad.status != Myndighetsutvardering.Status.INLAMNAD:
        return innehall
    return {
        **innehall,
        "lasbar": True,
        "betyg": [getattr(rad, falt) or "–" for falt in Myndighetsutvardering.BETYGSFALT],
        "timmar": [
            _tal(getattr(rad, falt)) if getattr(rad, falt) is not None else "–" for falt in TIMFALT
        ],
        "lanande_lpoer": visning("lanande_lpoer", rad.lanande_lpoer),
        "hinder": visning("informationshinder", rad.informationshinder),
        "hinder_annat": rad.informationshinder_annat,
        "fritext": rad.fritext,
    }


def _summor(rader: list[Myndighetsutvardering]) -> dict:
    """The hours of every submitted evaluation summed, and every LPO that lent officers: totals
    of the operation, which no single agency's detail is needed for."""
    inlamnade = [r for r in rader if r.status == Myndighetsutvardering.Status.INLAMNAD]
    koder = sorted({kod for r in inlamnade for kod in r.lanande_lpoer})
    namn = dict(Lokalpolisomrade.objects.filter(kod__in=koder).values_list("kod", "namn"))
    return {
        "antal": len(inlamnade),
        "timmar": [
            _tal(sum((getattr(r, falt) or Decimal(0) for r in inlamnade), Decimal(0)))
            for falt in TIMFALT
        ],
        "lanande_lpoer": ", ".join(namn.get(kod, kod) for kod in koder) or "–",
    }


def _forbattringar(insats, lasare) -> list[dict]:
    rader = for_alla(lasare, lambda a: FORBATTRINGSOMRADE_POLICY.filtrera(a, Handling.SE))
    return [
        {
            "text": omrade.text,
            "ansvarig": omrade.ansvarig_organisation.namn if omrade.ansvarig_organisation else "",
            "person": (omrade.ansvarig_person.get_full_name() or omrade.ansvarig_person.username)
            if omrade.ansvarig_person
            else "",
            "slutdatum": date_format(omrade.slutdatum, "j F Y") if omrade.slutdatum else "",
            "status": omrade.get_status_display(),
        }
        for omrade in rader.filter(insats=insats)
        .select_related("ansvarig_organisation", "ansvarig_person")
        .order_by("pk")
    ]


def _utfall(insats, lasare) -> tuple[dict, list[int]]:
    """The outcomes every reader may read, one by one; those kept for the sums that the readers
    may not read, only as a count, an amount and quantities per unit."""
    synliga = for_alla(lasare, lambda a: UTFALL_POLICY.filtrera(a, Handling.SE)).filter(
        insats=insats
    )
    rader = list(
        synliga.select_related("organisation", "typ", "kontroll__objekt").order_by(
            "organisation__namn", "beslutsdatum", "pk"
        )
    )
    sammanstallda = list(
        Utfall.objects.filter(insats=insats, synlighet=Utfall.Synlighet.AGGREGAT).exclude(
            pk__in=[u.pk for u in rader]
        )
    )
    per_enhet = defaultdict(Decimal)
    for utfall in sammanstallda:
        if utfall.antal is not None:
            per_enhet[utfall.enhet] += utfall.antal
    return (
        {
            "rader": [
                {
                    "organisation": u.organisation.namn,
                    "typ": u.typ.namn,
                    "varde": _kronor(u.belopp)
                    if u.belopp is not None
                    else f"{_tal(u.antal)} {u.enhet}",
                    "uppskattning": u.uppskattning,
                    "beslutsdatum": date_format(u.beslutsdatum, "j F Y"),
                    "synlighet": u.get_synlighet_display(),
                    "objekt": u.kontroll.objekt.namn if u.kontroll_id else "",
                }
                for u in rader
            ],
            "sammanstallda": {
                "antal": len(sammanstallda),
                "belopp": _kronor(sum((u.belopp or Decimal(0) for u in sammanstallda), Decimal(0))),
                "antal_per_enhet": [
                    f"{_tal(antal)} {enhet}" for enhet, antal in sorted(per_enhet.items())
                ],
            },
        },
        [u.pk for u in rader],
    )


def _aterkoppling(insats, lasare) -> tuple[dict, list[int]]:
    """The feedback every reader may read: the average, the count and the comments, never a
    name (the readers stand for an organisation, and an anonymous author is named to nobody)."""
    rader = list(
        for_alla(lasare, lambda a: ATERKOPPLING_POLICY.filtrera(a, Handling.SE))
        .filter(insats=insats)
        .order_by("lamnad", "pk")
    )
    antal = len(rader)
    return (
        {
            "antal": antal,
            "medel": _tal(Decimal(sum(r.betyg for r in rader)) / antal) if antal else "",
            "kommentarer": [
                {"betyg": r.betyg, "kommentar": r.kommentar} for r in rader if r.kommentar
            ],
        },
        [r.pk for r in rader],
    )
