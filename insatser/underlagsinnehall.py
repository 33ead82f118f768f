"""What a briefing shows one audience (docs/informationsunderlag.md), read through the access
rules.

Every part is read for all of the audience's readers at once: a row appears only when each reader
may see it (``access.for_alla``), and a restricted field only when each reader is allowed it. The
result is plain data (strings, numbers, lists) that the PDF template renders and that is hashed
into the version's data fingerprint, so the fingerprint covers exactly what the PDF shows.
No map excerpt: there is no map source without network access (docs/informationsunderlag.md).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from insatser import access, selectors
from insatser.access import BEMANNING_POLICY, INSATS_POLICY, Handling
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Frislappning,
    Insats,
    Kontroll,
    Malgrupp,
    Polisbefal,
)
from insatser.models.underlag import malgruppsnamn
from insatser.selectors import uppgifter_i_insats
from insatser.tillagg import UNDERLAGETS_FORBATTRINGAR
from karna.policy import Aktor
from myndigheter.models import Lokalpolisomrade, Myndighet, Omradesbedomning
from objekt.models import Informationsmall

# Part of every fingerprint: raise it when the template shows something new, so that every
# briefing is built again although its data did not change.
MALLVERSION = 2
TIDIGARE_PER_OBJEKT = 5


def fingeravtryck(innehall: dict) -> str:
    """SHA-256 of the canonical JSON of the content and the template version."""
    kanonisk = json.dumps(
        {"mallversion": MALLVERSION, "innehall": innehall},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(kanonisk.encode()).hexdigest()


def _datum(tid) -> str:
    return date_format(timezone.localtime(tid), "j F Y")


def _klockslag(tid) -> str:
    return date_format(timezone.localtime(tid), "H:i")


def underlagsinnehall(insats: Insats, malgrupp: Malgrupp, lasare: Sequence[Aktor]) -> dict:
    """The content of one audience's briefing, in the language of the site (Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        insats = (
            Insats.objects.select_related(
                "samordnande_organisation", "samordnande_enhet", "samverkansform"
            )
            .prefetch_related("lpoer", "kommuner")
            .get(pk=insats.pk)
        )
        deltaganden = list(
            insats.deltaganden.select_related("organisation", "enhet").order_by(
                "roll", "organisation__namn", "enhet__namn"
            )
        )
        kontroller = _kontroller(insats, lasare)
        return {
            "malgrupp": _malgrupp(malgrupp),
            "insats": _insats(insats),
            "deltagare": [_deltagare(d) for d in deltaganden],
            "polis": _polis(insats, lasare),
            "kontroller": kontroller,
            "informationsbehov": _informationsbehov(deltaganden, kontroller),
            "sakerhet": _sakerhet(insats, lasare),
            "objektuppgifter": sorted(
                uppgift["id"] for kontroll in kontroller for uppgift in kontroll["uppgifter"]
            ),
        }


def _malgrupp(malgrupp: Malgrupp) -> dict:
    organisation = (
        Myndighet.objects.get(pk=malgrupp.organisation_id) if malgrupp.organisation_id else None
    )
    lpo = Lokalpolisomrade.objects.get(pk=malgrupp.lpo_id) if malgrupp.lpo_id else None
    return {"typ": malgrupp.typ, "namn": malgruppsnamn(malgrupp.typ, organisation, lpo)}


def _insats(insats: Insats) -> dict:
    enhet = insats.samordnande_enhet
    return {
        "referens": insats.referens,
        "titel": insats.titel,
        "status": insats.get_status_display(),
        "datum": _datum(insats.start),
        "tid": f"{_klockslag(insats.start)}–{_klockslag(insats.slut)}",
        "slutdatum": _datum(insats.slut) if _datum(insats.slut) != _datum(insats.start) else "",
        "samverkansform": insats.samverkansform.namn if insats.samverkansform else "",
        "syfte": insats.get_syfte_display(),
        "samordnare": insats.samordnande_organisation.namn,
        "enhet": enhet.namn if enhet else "",
        "mandat": enhet.mandat if enhet else "",
        "samlingsplats": insats.samlingsplats,
        "lpoer": [lpo.namn for lpo in insats.lpoer.all()],
        "kommuner": [kommun.namn for kommun in insats.kommuner.all()],
    }


def _deltagare(deltagande: Deltagande) -> dict:
    return {
        "organisation": deltagande.organisation.namn,
        "enhet": deltagande.enhet.namn if deltagande.enhet else "",
        "mandat": deltagande.enhet.mandat if deltagande.enhet else "",
        "roll": deltagande.get_roll_display(),
        "svar": deltagande.get_svar_display(),
        "antal": deltagande.planerat_antal,
        "kontaktfunktion": deltagande.kontaktfunktion,
        "kontakttelefon": deltagande.kontakttelefon,
    }


def _polis(insats: Insats, lasare: Sequence[Aktor]) -> dict:
    """Staffing: confirmed or not and the police commander on site (a function and its phone)
    per LPO with active staffing, for all; detail by the rule."""
    begaranden = access.for_alla(
        lasare, lambda aktor: BEMANNING_POLICY.filtrera(aktor, Handling.SE).filter(insats=insats)
    )
    for nummer, aktor in enumerate(lasare):
        begaranden = BEMANNING_POLICY.markera(
            begaranden, aktor, **{f"detalj_{nummer}": Handling.SE_POLISDETALJER}
        )
    begaranden = (
        begaranden.select_related("lpo", "begarande_enhet", "aterkallad_orsak")
        .prefetch_related("poliser__anvandare")
        .order_by("lpo__namn")
    )
    return {
        "bekraftad": selectors.insatslista(lasare[0]).get(pk=insats.pk).bemanning_bekraftad,
        "befal": _befal(insats),
        "begaranden": [
            _begaran(b, all(getattr(b, f"detalj_{n}") for n in range(len(lasare))))
            for b in begaranden
        ],
    }


def _befal(insats: Insats) -> list[dict]:
    """The police commander function and its phone for each LPO with active staffing; an LPO
    whose commander is not named yet has empty values. Functions only: every reader sees them,
    as everyone who sees the operation's details sees them on its page."""
    befal = {b.lpo_id: b for b in Polisbefal.objects.filter(insats=insats)}
    lpoer = Lokalpolisomrade.objects.filter(
        bemanningsbegaranden__insats=insats,
        bemanningsbegaranden__status__in=access.AKTIVA_BEMANNINGSSTATUSAR,
    ).distinct()
    return [
        {
            "lpo": lpo.namn,
            "funktion": befal[lpo.pk].funktion if lpo.pk in befal else "",
            "telefon": befal[lpo.pk].telefon if lpo.pk in befal else "",
        }
        for lpo in lpoer.order_by("namn")
    ]


def _begaran(begaran: Bemanningsbegaran, detaljer: bool) -> dict:
    enhet = begaran.begarande_enhet
    rad = {
        "lpo": begaran.lpo.namn,
        "status": begaran.get_status_display(),
        "begart": begaran.begart_antal,
        "bekraftat": begaran.bekraftat_antal,
        "kompetenser": [
            str(Bemanningsbegaran.Kompetens(k).label)
            for k in begaran.kompetenser
            if k in Bemanningsbegaran.Kompetens.values
        ],
        "svarsfrist": date_format(begaran.svarsfrist, "j F Y") if begaran.svarsfrist else "",
        "begarande_enhet": f"{enhet.namn} ({enhet.mandat})" if enhet else "",
        "aterkallad_orsak": begaran.aterkallad_orsak.namn if begaran.aterkallad_orsak else "",
        "detaljer": detaljer,
        "poliser": [],
        "intern_anteckning": "",
    }
    if detaljer:
        rad["poliser"] = sorted(
            (
                {
                    "namn": p.anvandare.get_full_name() or p.anvandare.get_username(),
                    "roll": p.get_roll_display(),
                }
                for p in begaran.poliser.all()
            ),
            key=lambda p: (p["namn"], p["roll"]),
        )
        rad["intern_anteckning"] = begaran.intern_anteckning
    return rad


def _kontroller(insats: Insats, lasare: Sequence[Aktor]) -> list[dict]:
    kontroller = list(
        insats.kontroller.select_related(
            "objekt__kommun", "objekt__stadsomrade", "objekt__utsatt_omrade"
        )
        .prefetch_related(
            Prefetch(
                "objekt__utsatt_omrade__bedomningar",
                queryset=Omradesbedomning.objects.order_by("ar"),
            ),
            "deltagande_organisationer",
        )
        .order_by("ordning", "pk")
    )
    objekt_ids = [k.objekt_id for k in kontroller]
    uppgifter = _uppgifter(insats, lasare)
    tidigare = _tidigare_kontroller(insats, objekt_ids, lasare)
    forbattringar = _forbattringar(objekt_ids, lasare)
    ar = timezone.localtime(insats.start).year
    return [
        {
            "ordning": kontroll.ordning,
            "status": kontroll.get_status_display(),
            "tilltradesgrund": kontroll.tilltradesgrund,
            "myndigheter": sorted(o.namn for o in kontroll.deltagande_organisationer.all()),
            "objekt": _objekt(kontroll.objekt, ar),
            "uppgifter": uppgifter.get(kontroll.objekt_id, []),
            "tidigare": tidigare[kontroll.objekt_id][:TIDIGARE_PER_OBJEKT],
            "fler_tidigare": max(0, len(tidigare[kontroll.objekt_id]) - TIDIGARE_PER_OBJEKT),
            "forbattringar": forbattringar.get(kontroll.objekt_id, []),
        }
        for kontroll in kontroller
    ]


def _objekt(objekt, ar: int) -> dict:
    omrade = objekt.utsatt_omrade
    klass = omrade.klass_for_ar(ar) if omrade else None
    return {
        "namn": objekt.namn,
        "referens": objekt.referens,
        "typ": objekt.get_objekttyp_display(),
        "typkod": objekt.objekttyp,
        "organisationsnummer": objekt.organisationsnummer,
        "adress": objekt.adress,
        "postnummer": objekt.postnummer,
        "postort": objekt.postort,
        "kommun": objekt.kommun.namn,
        "stadsomrade": objekt.stadsomrade.namn if objekt.stadsomrade else "",
        "omrade": omrade.namn if omrade else "",
        "omradesklass": str(Omradesbedomning.Klass(klass).label) if klass else "",
        "omradesar": ar,
    }


def _uppgifter(insats: Insats, lasare: Sequence[Aktor]) -> dict[int, list[dict]]:
    """Agency information on each object: only what every reader may read in this operation."""
    rader = (
        access.for_alla(lasare, lambda aktor: uppgifter_i_insats(aktor, insats))
        .select_related("organisation", "mall")
        .prefetch_related(
            Prefetch(
                "frislappningar",
                queryset=Frislappning.objects.filter(insats=insats, aterkallad__isnull=True),
                to_attr="frislappt_hit",
            )
        )
        .order_by("objekt_id", "organisation__namn", "pk")
    )
    per_objekt = defaultdict(list)
    for uppgift in rader:
        etiketter = _etiketter(uppgift.mall)
        frislappning = uppgift.frislappt_hit[0] if uppgift.frislappt_hit else None
        per_objekt[uppgift.objekt_id].append(
            {
                "id": uppgift.pk,
                "organisation": uppgift.organisation.namn,
                "mall": f"{uppgift.mall.get_objekttyp_display()} v{uppgift.mall.version}"
                if uppgift.mall
                else "",
                "frislappt": frislappning is not None,
                "grund": frislappning.grund if frislappning else "",
                "falt": [
                    [etiketter.get(str(nyckel), str(nyckel)), _varde(varde)]
                    for nyckel, varde in _poster(uppgift.innehall)
                ],
            }
        )
    return per_objekt


def _poster(innehall) -> list[tuple]:
    if isinstance(innehall, dict):
        return list(innehall.items())
    return [(_("Uppgift"), innehall)] if innehall not in (None, "", [], {}) else []


def _varde(varde) -> str:
    if isinstance(varde, bool):
        return _("Ja") if varde else _("Nej")
    if isinstance(varde, list):
        return ", ".join(_varde(v) for v in varde)
    if isinstance(varde, dict):
        return "; ".join(f"{k}: {_varde(v)}" for k, v in varde.items())
    return "" if varde is None else str(varde)


def _falt(mall: Informationsmall | None) -> list[dict]:
    if mall is None or not isinstance(mall.faltdefinition, list):
        return []
    return [f for f in mall.faltdefinition if isinstance(f, dict) and f.get("namn")]


def _obligatoriskt(falt: dict) -> bool:
    return bool(falt.get("obligatoriskt") or falt.get("obligatorisk"))


def _etiketter(mall: Informationsmall | None) -> dict[str, str]:
    return {str(f["namn"]): str(f.get("etikett") or f["namn"]) for f in _falt(mall)}


def _tidigare_kontroller(insats: Insats, objekt_ids, lasare) -> dict[int, list[dict]]:
    """Earlier controls of the objects, in operations whose details every reader sees."""
    synliga = access.for_alla(
        lasare, lambda aktor: INSATS_POLICY.filtrera(aktor, Handling.SE_DETALJER)
    )
    rader = (
        Kontroll.objects.filter(
            objekt_id__in=objekt_ids,
            insats__start__lt=insats.start,
            insats__in=synliga.values("pk"),
        )
        .select_related("insats__samordnande_organisation")
        .order_by("objekt_id", "-insats__start", "-pk")
    )
    per_objekt = defaultdict(list)
    for kontroll in rader:
        per_objekt[kontroll.objekt_id].append(
            {
                "datum": _datum(kontroll.insats.start),
                "referens": kontroll.insats.referens,
                "samordnare": kontroll.insats.samordnande_organisation.namn,
                "insatsstatus": kontroll.insats.get_status_display(),
                "status": kontroll.get_status_display(),
                "orsak": kontroll.ej_genomford_orsak,
            }
        )
    return per_objekt


def _forbattringar(objekt_ids, lasare) -> dict[int, list[dict]]:
    """What the apps above add per object (``UNDERLAGETS_FORBATTRINGAR``): rows every reader of
    the briefing may see, each with text, from (reference), date and who is responsible."""
    per_objekt = defaultdict(list)
    for bidrag in UNDERLAGETS_FORBATTRINGAR.samla(objekt_ids, lasare):
        for objekt_id, rader in bidrag.items():
            per_objekt[objekt_id].extend(rader)
    return per_objekt


def _informationsbehov(deltaganden: list[Deltagande], kontroller: list[dict]) -> list[dict]:
    """What each taking part needs to know, with its checklists for the objects' types."""
    organisationer = {}
    for deltagande in deltaganden:
        if deltagande.svar != Deltagande.Svar.AVBOJD:
            organisationer.setdefault(deltagande.organisation_id, deltagande.organisation)
    typer = {kontroll["objekt"]["typkod"] for kontroll in kontroller}
    mallar = {}
    for mall in Informationsmall.objects.filter(
        organisation_id__in=organisationer, objekttyp__in=typer, aktiv=True
    ).order_by("organisation_id", "objekttyp", "-version"):
        mallar.setdefault((mall.organisation_id, mall.objekttyp), mall)
    return [
        {
            "organisation": organisation.namn,
            "text": organisation.informationsbehov,
            "checklistor": [
                {
                    "objekttyp": mall.get_objekttyp_display(),
                    "version": mall.version,
                    "punkter": [
                        str(f.get("etikett") or f["namn"])
                        + (f" ({_('obligatorisk')})" if _obligatoriskt(f) else "")
                        for f in _falt(mall)
                    ],
                }
                for (org, _typ), mall in sorted(mallar.items())
                if org == organisation.pk
            ],
        }
        for organisation in sorted(organisationer.values(), key=lambda o: o.namn)
    ]


def _sakerhet(insats: Insats, lasare: Sequence[Aktor]) -> dict:
    """The safety note, when every reader takes part; otherwise only a pointer."""
    visas = all(access.alla_far(lasare, Handling.SE_SAKERHET, insats))
    return {"visas": visas, "text": insats.sakerhetsanteckning if visas else ""}
