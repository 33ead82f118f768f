"""The monthly log review (logguppföljning): unusual access in the access log.

Three signs are reported: reads at night, bulk reads (many reads by one person in one day) and
reads of agency information outside the operations the reader's organisation takes part in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate

from myndigheter.models import Anvandarprofil, Atkomstlogg, Logguppfoljning

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NATT_FRAN = time(22, 0)
NATT_TILL = time(6, 0)
MASSLASNING_PER_DAG = 50


def foregaende_manad(idag: date) -> tuple[date, date]:
    """The first and last day of the month before ``idag``."""
    sista = idag.replace(day=1) - timedelta(days=1)
    return sista.replace(day=1), sista


def _period(fran: date, till: date):
    start = datetime.combine(fran, time.min, STOCKHOLM)
    slut = datetime.combine(till + timedelta(days=1), time.min, STOCKHOLM)
    return Atkomstlogg.objects.filter(tid__gte=start, tid__lt=slut)


def _nattliga(rader) -> list[dict]:
    avvikelser = []
    for rad in rader.filter(handling=Atkomstlogg.Handling.LASA).order_by("tid"):
        lokal = rad.tid.astimezone(STOCKHOLM).time()
        if lokal >= NATT_FRAN or lokal < NATT_TILL:
            avvikelser.append(_avvikelse("NATT", rad.anvandarnamn, rad.organisation, [rad]))
    return avvikelser


def _masslasningar(rader) -> list[dict]:
    grupper = (
        rader.filter(handling=Atkomstlogg.Handling.LASA)
        .annotate(dag=TruncDate("tid", tzinfo=STOCKHOLM))
        .values("anvandarnamn", "organisation", "dag")
        .annotate(antal=Count("pk"))
        .filter(antal__gt=MASSLASNING_PER_DAG)
        .order_by("dag", "anvandarnamn")
    )
    return [
        {
            "typ": "MASSLASNING",
            "anvandare": g["anvandarnamn"],
            "organisation": g["organisation"],
            "dag": g["dag"].isoformat(),
            "antal": g["antal"],
        }
        for g in grupper
    ]


def _utanfor_insatser(rader) -> list[dict]:
    """Reads of another agency's information that no participation of the reader explains."""
    from insatser.models import Deltagande, Insats
    from objekt.models import Objektuppgift

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
                _avvikelse("UTANFOR_INSATSER", rad.anvandarnamn, rad.organisation, [rad])
            )
    return avvikelser


def _avvikelse(typ: str, anvandare: str, organisation: str, rader) -> dict:
    return {
        "typ": typ,
        "anvandare": anvandare,
        "organisation": organisation,
        "poster": [
            {"tid": r.tid.isoformat(), "objekt": f"{r.objekttyp}:{r.objekt_id}", "syfte": r.syfte}
            for r in rader
        ],
    }


@transaction.atomic
def skapa_logguppfoljning(fran: date, till: date) -> Logguppfoljning:
    """Build (or rebuild) the review of one period; running it twice keeps one report."""
    rader = _period(fran, till)
    avvikelser = _nattliga(rader) + _masslasningar(rader) + _utanfor_insatser(rader)
    rapport, _ = Logguppfoljning.objects.update_or_create(
        period_fran=fran,
        period_till=till,
        defaults={"antal_lasningar": rader.count(), "avvikelser": avvikelser},
    )
    return rapport
