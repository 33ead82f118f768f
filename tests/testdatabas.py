"""The test databases: migrated once, then cloned for each pytest worker.

Migrating the schema from scratch takes most of a minute of CPU, and with one database per
pytest-xdist worker it took that minute per worker and per run. Instead the first process that
needs it builds a template: a database migrated and loaded with the reference data, named by a
fingerprint of everything that goes into it (the migrations, the fixtures, the locked
dependencies, the code that loads them). Every worker then clones the template
(``CREATE DATABASE ... TEMPLATE``, about a second). A later run with the same fingerprint
reuses the template, so a local run migrates only after a change to what the template holds.

A test with real transactions (a real worker, the live server of the browser tests) leaves the
tables empty, as Django's flush does; the worker's database is then cloned from the template again
(``aterstall_testdatabas``), so every test finds what migrations and reference data put there.

The browser tests start most of their tests from the demo data, which takes some ten seconds to
build through the services. Each worker builds it once per run and keeps a copy of the database
holding it (``<test database>_demo``); a later test that asks for the demo data gets the test
database replaced by a copy of that one (``med_demodata``). The copy is dropped with the test
database, and at the start of a run, so that a run never sees an earlier run's demo data.

The build and the clones run under a PostgreSQL advisory lock named by the test database, so
parallel workers, and runs of other checkouts with the same test database on the same server,
neither build twice nor clone a half-built template: a template is built under a temporary name
and renamed when complete. Runs with other test databases (``TEST_DATABASE_NAME``) have their
own templates and lock, and do not wait for each other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections

ROT = Path(__file__).resolve().parents[1]
# What the template is made of; a change to any of it builds a new one.
INNEHALL = [
    "*/migrations/*.py",
    "fixtures/*.json",
    "requirements.lock",
    "myndigheter/roles.py",
    "myndigheter/referensdata.py",
    "tests/testdatabas.py",
]
_AKTUELL_MALL: dict[str, str] = {}  # test database -> the template it was cloned from


def fingeravtryck() -> str:
    summa = hashlib.sha256()
    for fil in sorted(f for monster in INNEHALL for f in ROT.glob(monster)):
        summa.update(str(fil.relative_to(ROT)).encode())
        summa.update(fil.read_bytes())
    return summa.hexdigest()[:12]


def _kor(cursor, text: str, *namn: str) -> None:
    from psycopg import sql

    cursor.execute(sql.SQL(text).format(*(sql.Identifier(n) for n in namn)))


def _finns(cursor, namn: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [namn])
    return cursor.fetchone() is not None


def _anslut_till(namn: str) -> None:
    """Point Django's default connection at database ``namn``."""
    forbindelse = connections["default"]
    forbindelse.close()
    settings.DATABASES["default"]["NAME"] = namn
    forbindelse.settings_dict["NAME"] = namn


def _korning(cursor, mall: str) -> str | None:
    """The run that built template ``mall`` (its database comment)."""
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [mall]
    )
    rad = cursor.fetchone()
    return rad[0] if rad else None


def _bygg_mall(cursor, mall: str, korning: str) -> None:
    from myndigheter.referensdata import ladda_referensdata

    bygge = f"{mall}_bygge"
    _kor(cursor, "DROP DATABASE IF EXISTS {} WITH (FORCE)", bygge)
    _kor(cursor, "CREATE DATABASE {}", bygge)
    _anslut_till(bygge)
    call_command("migrate", verbosity=0, interactive=False)
    ladda_referensdata()
    connections["default"].close()
    _kor(cursor, "ALTER DATABASE {} RENAME TO {}", bygge, mall)
    from psycopg import sql

    cursor.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(mall), sql.Literal(korning))
    )


def _rensa_gamla_mallar(cursor, prefix: str) -> None:
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}%"])
    for (namn,) in cursor.fetchall():
        _kor(cursor, "DROP DATABASE IF EXISTS {} WITH (FORCE)", namn)


def skapa_testdatabas(korning: str, bygg_om: bool = False) -> str:
    """Clone (building it first when needed, or when ``bygg_om``) the template into this
    worker's test database and point the connection at it; its name.

    ``korning`` names the test run (pytest-xdist's run id, shared by its workers): with
    ``bygg_om`` the first worker of a run builds the template anew and the others clone that
    one, instead of each dropping it while another clones it."""
    testnamn = settings.DATABASES["default"]["TEST"]["NAME"]
    bas = re.sub(r"_gw\d+$", "", testnamn)
    prefix = f"{bas}_mall_"
    mall = prefix + fingeravtryck()
    with connections["default"]._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
        try:
            if not _finns(cursor, mall) or (bygg_om and _korning(cursor, mall) != korning):
                _rensa_gamla_mallar(cursor, prefix)
                _bygg_mall(cursor, mall, korning)
            _kor(cursor, "DROP DATABASE IF EXISTS {} WITH (FORCE)", _demokopia(testnamn))
            _kopiera(cursor, mall, testnamn)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [prefix])
    _anslut_till(testnamn)
    _AKTUELL_MALL[testnamn] = mall
    return testnamn


def aterstall_testdatabas() -> None:
    """Make this worker's database the template again: after a test with real transactions, which
    leaves every table empty, the data migrations' rows and the reference data too."""
    testnamn = connections["default"].settings_dict["NAME"]
    connections["default"].close()
    with connections["default"]._nodb_cursor() as cursor:
        _kopiera(cursor, _AKTUELL_MALL[testnamn], testnamn)


def ta_bort_testdatabas(namn: str) -> None:
    connections["default"].close()
    with connections["default"]._nodb_cursor() as cursor:
        for databas in (namn, _demokopia(namn)):
            _kor(cursor, "DROP DATABASE IF EXISTS {} WITH (FORCE)", databas)


def med_demodata(bygg: Callable[[], None]) -> None:
    """Give this worker's test database the demo data: the first time by ``bygg`` and then a copy
    of the result; after that by replacing the database with the copy."""
    testnamn = connections["default"].settings_dict["NAME"]
    kopia = _demokopia(testnamn)
    with connections["default"]._nodb_cursor() as cursor:
        finns = _finns(cursor, kopia)
    if not finns:
        bygg()
    connections["default"].close()
    with connections["default"]._nodb_cursor() as cursor:
        if finns:
            _kopiera(cursor, kopia, testnamn)
        else:
            _kor(cursor, "CREATE DATABASE {} TEMPLATE {}", kopia, testnamn)


def _demokopia(testnamn: str) -> str:
    return f"{testnamn}_demo"


def _kopiera(cursor, fran: str, till: str) -> None:
    """Replace database ``till`` with a copy of ``fran`` (connections to it are ended)."""
    _kor(cursor, "DROP DATABASE IF EXISTS {} WITH (FORCE)", till)
    _kor(cursor, "CREATE DATABASE {} TEMPLATE {}", till, fran)
