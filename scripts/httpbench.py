"""`make bench`, over HTTP: the API schedule under load beside its raw-SQL twin.

On the load data set (``scripts/lastmiljo.py``: 20,000 operations, 100,000 objects, 300 users)
gunicorn (``config/gunicorn.py``, 4 sync workers, production settings) serves both
``/api/v1/insatser`` and its twin ``/bench/tvilling/insatser`` (``scripts/api_tvilling.py``),
which returns the same JSON from the same SQL without the framework. Locust keeps
``BENCH_ANSLUTNINGAR`` connections (default 8) busy on each for ``BENCH_SEKUNDER`` seconds
(default 20) after a warm-up, per reader, and the table gives requests per second,
p50/p95/p99, the API's share of its twin's throughput, and the queries per request (counted in
this process).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_saminsats")

import django

django.setup()

import orjson  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import signals  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from api.services import skapa_api_token  # noqa: E402
from scripts import lastmiljo  # noqa: E402
from scripts.bench import antal_fragor  # noqa: E402

ANSLUTNINGAR = int(os.environ.get("BENCH_ANSLUTNINGAR", "8"))
SEKUNDER = int(os.environ.get("BENCH_SEKUNDER", "20"))
LASARE = ["api.skv", "samordnare.akc"]
ADRESSER = [
    ("API schedule", "/api/v1/insatser?limit=50"),
    ("raw-SQL twin", "/bench/tvilling/insatser?limit=50"),
]


def _utan_nasta(svar) -> dict:
    """The answer without its next-page address, which names each endpoint's own path."""
    data = orjson.loads(svar.content)
    data["next"] = bool(data["next"])
    return data


def lika_svar_och_fragor(client: Client, token: str) -> list[int]:
    """The queries per request of each address; stops when the twin's JSON is not the API's."""
    rubriker = {"Authorization": f"Bearer {token}"}
    with override_settings(ROOT_URLCONF="scripts.api_tvilling"):
        svar = [client.get(adress, headers=rubriker) for _, adress in ADRESSER]
        if (
            any(s.status_code != 200 for s in svar)
            or len({orjson.dumps(_utan_nasta(s)) for s in svar}) != 1
        ):
            sys.exit("the twin's answer differs from the API's")
        return [
            antal_fragor(lambda a=adress: client.get(a, headers=rubriker)) for _, adress in ADRESSER
        ]


def main() -> int:
    lastmiljo.forbered_data()
    # As Django's test runner does: keep one connection so its queries can be counted.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    client = Client()
    tokens = {
        namn: skapa_api_token(get_user_model().objects.get(username=namn), "bench", "read", 1)[1]
        for namn in LASARE
    }
    fragor = {namn: lika_svar_och_fragor(client, token) for namn, token in tokens.items()}
    rader = []
    with lastmiljo.gunicorn(
        DJANGO_SETTINGS_MODULE="scripts.httpbench_installningar", API_RATE="100000000/min"
    ) as bas:
        for namn, token in tokens.items():
            for (etikett, adress), antal in zip(ADRESSER, fragor[namn], strict=True):
                miljo = {"BENCH_TOKEN": token, "BENCH_ADRESS": adress}
                lastmiljo.locust(
                    "locust_api.py", bas, ANSLUTNINGAR, 5, "uppvarmning", miljo, ANSLUTNINGAR
                )
                statistik = lastmiljo.locust(
                    "locust_api.py", bas, ANSLUTNINGAR, SEKUNDER, "httpbench", miljo, ANSLUTNINGAR
                )[-1]
                rader.append((f"{etikett} ({namn})", statistik, antal))
    print(
        f"API under load, {ANSLUTNINGAR} connections, {SEKUNDER} s each,"
        " gunicorn with 4 sync workers"
    )
    print(
        f"{'endpoint':<34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        f" {'errors':>6} {'queries':>7} {'of twin':>8}"
    )
    for nummer, (etikett, statistik, antal) in enumerate(rader):
        rps = float(statistik["Requests/s"])
        tvilling = float(rader[nummer + 1][1]["Requests/s"]) if nummer % 2 == 0 else rps
        print(
            f"{etikett:<34} {rps:7.0f} {statistik['50%']:>7} {statistik['95%']:>7}"
            f" {statistik['99%']:>7} {statistik['Failure Count']:>6} {antal:>7}"
            f" {rps / tvilling:8.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
