"""Bench of the object pool: the list page and Swedish full-text search over many objects.

``BENCH_OBJEKT`` sets how many synthetic objects to generate (default 20,000), each with relevance
marks from two agencies, so the list's relevance overview has rows to read.
"""

from __future__ import annotations

import os
import random

from django.contrib.auth import get_user_model

from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet, Stadsomrade
from objekt.models import Myndighetsintresse, Objekt, Objekttyp
from objekt.selectors import objektlista
from objekt.workflow import OBJEKT_WORKFLOW

ANTAL = int(os.environ.get("BENCH_OBJEKT", "20000"))
ORD = ["Pizzeria", "Nagelstudio", "Biltvätt", "Bygg", "Kiosk", "Frisör", "Städ", "Lager", "Krog"]
GATOR = ["Storgatan", "Kungsgatan", "Järntorget", "Hamngatan", "Backavägen", "Angeredsvägen"]


def generera_objekt(antal: int) -> None:
    """Bulk-create synthetic pool objects; the database fills in the search vector."""
    saknas = antal - Objekt.objects.filter(referens__startswith="BENCH-OBJ-").count()
    if saknas <= 0:
        return
    rng = random.Random(11)
    kommun = Kommun.objects.get(kod="goteborg")
    omraden = list(Stadsomrade.objects.all())
    lpoer = {o.pk: o.lpo_id for o in omraden}
    organisationer = list(
        Myndighet.objects.filter(kod__in=["skatteverket", "av", "migrationsverket"])
    )
    forslag = Myndighet.objects.get(kod="akc-vast")
    for block in range(antal - saknas, antal, 5000):
        objekt = []
        for n in range(block, min(block + 5000, antal)):
            omrade = rng.choice(omraden)
            objekt.append(
                Objekt(
                    referens=f"BENCH-OBJ-{n:06d}",
                    namn=f"{rng.choice(ORD)} {n} AB",
                    objekttyp=Objekttyp.FORETAG,
                    adress=f"{rng.choice(GATOR)} {n % 97 + 1}",
                    postort="Göteborg",
                    kommun=kommun,
                    stadsomrade=omrade,
                    lpo_id=lpoer[omrade.pk],
                    foreslaget_av_organisation=forslag,
                    status=OBJEKT_WORKFLOW.nadd(
                        rng.choice([Objekt.Status.FORESLAGET, Objekt.Status.REDO])
                    ),
                )
            )
        Objekt.objects.bulk_create(objekt)
        Myndighetsintresse.objects.bulk_create(
            [
                Myndighetsintresse(
                    objekt=o,
                    organisation=org,
                    relevans=rng.choice(Myndighetsintresse.Relevans.values),
                    grund="Bench",
                )
                for o in objekt
                for org in rng.sample(organisationer, k=2)
            ]
        )


def matningar(client) -> list[tuple]:
    from scripts.bench import analysera, antal_fragor, tid

    generera_objekt(ANTAL)
    analysera()
    rader = []
    anvandare = get_user_model().objects
    lpo = Lokalpolisomrade.objects.get(kod="nordost").pk
    for username in ["samordnare.akc", "handlaggare.skv"]:
        user = anvandare.get(username=username)

        def lista(user=user):
            qs = objektlista(user)
            qs.count()
            list(qs[:50])

        rader.append(
            (
                f"visible objects, count + page of 50: {username}",
                *tid(lista),
                antal_fragor(lista),
                None,
            )
        )
        client.force_login(user)
        for url, namn in [
            ("/objekt/", "pool list page"),
            ("/objekt/?q=pizzeria", "pool full-text search 'pizzeria'"),
            ("/objekt/?q=kungsgatan+12", "pool search 'kungsgatan 12'"),
            (f"/objekt/?lpo={lpo}&relevans=ej_bedomd", "pool filtered by LPO and relevance"),
        ]:
            fragor = antal_fragor(lambda url=url: client.get(url))
            rader.append(
                (f"{namn} ({username})", *tid(lambda url=url: client.get(url)), fragor, None)
            )
    rader.append(
        (f"objects in the bench database: {Objekt.objects.count()}", 0.0, None, None, None)
    )
    return rader
