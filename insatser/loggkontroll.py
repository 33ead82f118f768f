"""The operations' part of the monthly log review: reads of another agency's information that no
participation of the reader's organisation explains (``myndigheter.tillagg.LOGGKONTROLLER``)."""

from __future__ import annotations

from insatser.models import Deltagande, Insats
from karna.models import Atkomstlogg
from myndigheter.logguppfoljning import avvikelse
from myndigheter.models import Anvandarprofil
from objekt.models import Objektuppgift


def lasningar_utanfor_insatser(rader) -> list[dict]:
    """Reads of another agency's information that no participation of the reader explains."""
    lasningar = list(
        rader.filter(handling=Atkomstlogg.Handling.LASA, objekttyp="objekt.objektuppgift")
    )
    uppgifter = Objektuppgift.objects.in_bulk(
        {int(r.objekt_id) for r in lasningar if r.objekt_id.isdigit()}
    )
    organisationer = dict(
        Anvandarprofil.objects.filter(user_id__in={r.anvandare_id for r in lasningar}).values_list(
            "user_id", "organisation_id"
        )
    )
    insatser_per_org: dict[int, set[int]] = {}
    for org, insats in Deltagande.objects.filter(
        organisation_id__in=set(organisationer.values())
    ).values_list("organisation_id", "insats_id"):
        insatser_per_org.setdefault(org, set()).add(insats)
    for org, insats in Insats.objects.filter(
        samordnande_organisation_id__in=set(organisationer.values())
    ).values_list("samordnande_organisation_id", "pk"):
        insatser_per_org.setdefault(org, set()).add(insats)
    frislappt_till: dict[int, set[int]] = {}
    for uppgift in uppgifter.values():
        frislappt_till[uppgift.pk] = set(uppgift.frislappningar.values_list("insats_id", flat=True))
    avvikelser = []
    for rad in lasningar:
        uppgift = uppgifter.get(int(rad.objekt_id)) if rad.objekt_id.isdigit() else None
        org = organisationer.get(rad.anvandare_id)
        if uppgift is None or org is None or uppgift.organisation_id == org:
            continue
        if not frislappt_till.get(uppgift.pk, set()) & insatser_per_org.get(org, set()):
            avvikelser.append(
                avvikelse("UTANFOR_INSATSER", rad.anvandarnamn, rad.organisation, [rad])
            )
    return avvikelser
