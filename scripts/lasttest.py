"""`make loadtest`: many people at work at once, against gunicorn with production settings.

Prepares the bench database (``scripts/lastmiljo.py``) and the targets of the journeys' writes,
starts gunicorn and a Celery worker, and runs ``scripts/locustfile.py`` headless:
``LAST_PERSONER`` simulated people (default 50) for ``LAST_SEKUNDER`` seconds (default 300).
Prints p50/p95/p99 per step and the error rate; Locust's HTML report and CSV files are kept in
``var/last/``.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_saminsats")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from api.services import skapa_api_token  # noqa: E402
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Kontroll  # noqa: E402
from insatser.workflow import (  # noqa: E402
    INSATS_WORKFLOW,
    KONTROLL_WORKFLOW,
    SVAR_WORKFLOW,
    BemanningStatus,
    InsatsStatus,
    KontrollStatus,
    Svar,
)
from kalender.services import skapa_kalenderflode  # noqa: E402
from myndigheter.models import Myndighet  # noqa: E402
from objekt.models import Objekt  # noqa: E402
from scripts import lastmiljo  # noqa: E402
from utvardering.models import Myndighetsutvardering  # noqa: E402
from utvardering.services.utvardering import oppna_utvardering  # noqa: E402

PERSONER = int(os.environ.get("LAST_PERSONER", "50"))
# People arrive and log in one a second, as a working day starts, not all in the same second:
# a login costs half a second of processor by design (the password hash), and fifty at once
# would measure a queue of logins rather than people at work.
ANKOMSTER_PER_SEKUND = int(os.environ.get("LAST_ANKOMSTER", "1"))
SEKUNDER = int(os.environ.get("LAST_SEKUNDER", "300"))
# Enough targets that no simulated person runs out during the run.
ANTAL_MAL = 2000
OFFICERSORGANISATIONER = ["skatteverket", "av", "migrationsverket"]


def anvandarna() -> list[dict]:
    """The generated users as the journeys need them: role, organisation and LPO scope."""
    rader = (
        get_user_model()
        .objects.filter(username__startswith="last.")
        .select_related("profil__organisation")
        .prefetch_related("groups", "profil__lpo_scope")
        .order_by("username")
    )
    return [
        {
            "username": u.username,
            "roll": u.groups.all()[0].name,
            "organisation": u.profil.organisation.kod,
            "lpoer": [lpo.pk for lpo in u.profil.lpo_scope.all()],
        }
        for u in rader
    ]


def obesvarade_begaranden() -> dict[str, list[int]]:
    """Sent staffing requests of operations more than two days ahead, per LPO."""
    per_lpo: dict[str, list[int]] = {}
    rader = Bemanningsbegaran.objects.filter(
        status=BemanningStatus.SKICKAD,
        insats__start__gt=timezone.now() + timedelta(days=2),
        insats__status__in=[InsatsStatus.PLANERAD, InsatsStatus.BEMANNING_BEGARD],
    ).values_list("pk", "lpo_id")
    for pk, lpo in rader:
        per_lpo.setdefault(str(lpo), []).append(pk)
    return per_lpo


def dagens_kontroller() -> dict[str, list[list[int]]]:
    """Ten operations under way today, each with the officers' agencies accepted and five
    controls; created once per day."""
    nu = timezone.now()
    prefix = f"LAST-{nu:%Y%m%d}-"
    if not Insats.objects.filter(referens__startswith=prefix).exists():
        akc = Myndighet.objects.get(kod="akc-vast")
        organisationer = list(Myndighet.objects.filter(kod__in=OFFICERSORGANISATIONER))
        objekt = list(Objekt.objects.filter(referens__startswith="BENCH-OBJ-")[:50])
        for n in range(10):
            insats = Insats.objects.create(
                referens=f"{prefix}{n}",
                titel=f"Lasttest {n}",
                samordnande_organisation=akc,
                start=nu - timedelta(hours=1),
                slut=nu + timedelta(hours=8),
                status=INSATS_WORKFLOW.nadd(InsatsStatus.BEKRAFTAD),
            )
            Deltagande.objects.bulk_create(
                Deltagande(
                    insats=insats, organisation=org, svar=SVAR_WORKFLOW.nadd(Svar.ACCEPTERAD)
                )
                for org in organisationer
            )
            for ordning, o in enumerate(objekt[n * 5 : n * 5 + 5], start=1):
                kontroll = Kontroll.objects.create(
                    insats=insats,
                    objekt=o,
                    ordning=ordning,
                    status=KONTROLL_WORKFLOW.nadd(KontrollStatus.PLANERAD),
                )
                kontroll.deltagande_organisationer.set(organisationer)
    kontroller = list(
        Kontroll.objects.filter(insats__referens__startswith=prefix).values_list("insats_id", "pk")
    )
    return {org: [list(k) for k in kontroller] for org in OFFICERSORGANISATIONER}


def oppna_utvarderingar() -> dict[str, list[int]]:
    """Unfiled evaluations of the officers' agencies: carried-out generated operations with
    those agencies accepted, their joint evaluations opened."""
    bara = Myndighetsutvardering.objects.filter(
        organisation__kod__in=OFFICERSORGANISATIONER,
        status=Myndighetsutvardering.Status.UTKAST,
        utvardering__insats__referens__startswith="BENCH-",
    )
    if bara.count() < ANTAL_MAL:
        insatser = Insats.objects.filter(
            referens__startswith="BENCH-",
            status=InsatsStatus.GENOMFORD,
            deltaganden__organisation__kod__in=OFFICERSORGANISATIONER,
            gemensam_utvardering__isnull=True,
        ).distinct()[: ANTAL_MAL // 2]
        for insats in insatser:
            Deltagande.objects.filter(insats=insats).update(
                svar=SVAR_WORKFLOW.nadd(Svar.ACCEPTERAD)
            )
            oppna_utvardering(insats)
    per_org: dict[str, list[int]] = {}
    for pk, kod in bara.values_list("pk", "organisation__kod"):
        per_org.setdefault(kod, []).append(pk)
    return per_org


def underlagsinsatser() -> dict[str, list[int]]:
    """Planned operations ahead, per coordinating organisation: coordinators order briefings."""
    per_org: dict[str, list[int]] = {}
    rader = Insats.objects.filter(
        referens__startswith="BENCH-",
        start__gt=timezone.now() + timedelta(days=2),
        status__in=[InsatsStatus.PLANERAD, InsatsStatus.BEKRAFTAD],
    ).values_list("pk", "samordnande_organisation__kod")[:ANTAL_MAL]
    for pk, kod in rader:
        per_org.setdefault(kod, []).append(pk)
    return per_org


def forbered_mal() -> dict:
    mal = {
        "losenord": settings.DEMO_PASSWORD,
        "anvandare": anvandarna(),
        "bemanning": obesvarade_begaranden(),
        "fynd": dagens_kontroller(),
        "utvardering": oppna_utvarderingar(),
        "underlag": underlagsinsatser(),
        # Skatteverket's system pulling the schedule (a token of a day, made for the run).
        "api_token": skapa_api_token(
            get_user_model().objects.get(username="api.skv"), "lasttest", "read", 1
        )[1],
        # A calendar app polling one coordinator's personal feed (a new secret each run).
        "kalenderflode": "/kalender/flode/{}.ics".format(
            skapa_kalenderflode(get_user_model().objects.get(username="last.000"))
        ),
    }
    random.Random(3).shuffle(mal["anvandare"])
    return mal


def skriv_ut(rader: list[dict]) -> bool:
    """The table of steps; True when no request failed with a server error."""
    print(f"{'step':<28} {'requests':>8} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for rad in rader:
        print(
            f"{rad['Name'][:28]:<28} {rad['Request Count']:>8} {rad['Failure Count']:>7}"
            f" {rad['50%']:>7} {rad['95%']:>7} {rad['99%']:>7}"
        )
    totalt = rader[-1]
    andel = int(totalt["Failure Count"]) / max(1, int(totalt["Request Count"]))
    print(f"error rate: {andel:.2%}; Locust's report: {lastmiljo.UTDATA / 'lasttest.html'}")
    return int(totalt["Failure Count"]) == 0


def main() -> int:
    lastmiljo.forbered_data()
    mal = forbered_mal()
    lastmiljo.UTDATA.mkdir(parents=True, exist_ok=True)
    malfil = lastmiljo.UTDATA / "mal.json"
    malfil.write_text(json.dumps(mal), encoding="utf-8")
    with lastmiljo.celeryarbetare(), lastmiljo.gunicorn() as adress:
        rader = lastmiljo.locust(
            "locustfile.py",
            adress,
            PERSONER,
            SEKUNDER,
            "lasttest",
            {"LAST_MAL": str(malfil)},
            ANKOMSTER_PER_SEKUND,
        )
    return 0 if skriv_ut(rader) else 1


if __name__ == "__main__":
    sys.exit(main())
