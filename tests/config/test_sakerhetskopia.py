"""Backup and restore (scripts/backup.py): a backup restored into an empty database holds the
same rows in every table, the same generated files, and the same protections."""

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

from karna.models import Atkomstlogg
from scripts import backup


def _anslut(databas: dict, namn: str | None = None):
    return psycopg.connect(
        host=databas["HOST"],
        port=databas["PORT"] or None,
        user=databas["USER"],
        password=databas["PASSWORD"] or None,
        dbname=namn or databas["NAME"],
        autocommit=True,
    )


def _rader_per_tabell(anslutning) -> dict[str, int]:
    tabeller = [
        rad[0]
        for rad in anslutning.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    return {
        t: anslutning.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))
        ).fetchone()[0]
        for t in tabeller
    }


@pytest.fixture
def tom_databas():
    databas = dict(connection.settings_dict)
    namn = f"{databas['NAME']}_aterstalld"
    with _anslut(databas, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(namn)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(namn)))
    yield {**databas, "NAME": namn}
    with _anslut(databas, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(namn)))


def test_a_backup_restored_into_an_empty_database_is_the_same(
    transactional_db, tom_databas, tmp_path, skapa_anvandare
):
    from karna.atkomstlogg import logga
    from myndigheter.roles import Roll
    from tests.fabriker import InsatsFabrik

    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    logga(user, Atkomstlogg.Handling.LASA, [InsatsFabrik()], "Planering")
    media = tmp_path / "media"
    (media / "underlag" / "7").mkdir(parents=True)
    (media / "underlag" / "7" / "v1.pdf").write_bytes(b"%PDF-1.7 underlag")
    kopia = backup.sakerhetskopiera(
        connection.settings_dict, media, tmp_path / "backup" / "1", settings.EMBEDDED_DATABASE
    )

    aterstalld_media = tmp_path / "aterstalld"
    backup.aterstall(kopia, tom_databas, aterstalld_media, settings.EMBEDDED_DATABASE)

    with _anslut(connection.settings_dict) as kalla, _anslut(tom_databas) as mal:
        fore, efter = _rader_per_tabell(kalla), _rader_per_tabell(mal)
        assert efter == fore
        assert fore["karna_atkomstlogg"] == 1
        assert fore["myndigheter_myndighet"] > 0
        with pytest.raises(psycopg.errors.RaiseException):
            mal.execute("DELETE FROM karna_atkomstlogg")
    assert (aterstalld_media / "underlag" / "7" / "v1.pdf").read_bytes() == b"%PDF-1.7 underlag"


def test_a_restore_refuses_a_database_that_is_not_empty(transactional_db, tmp_path):
    media = tmp_path / "media"
    kopia = backup.sakerhetskopiera(
        connection.settings_dict, media, tmp_path / "backup" / "1", settings.EMBEDDED_DATABASE
    )
    with pytest.raises(SystemExit, match="not empty"):
        backup.aterstall(kopia, connection.settings_dict, media, settings.EMBEDDED_DATABASE)


def test_a_restore_refuses_a_folder_that_is_no_backup(tom_databas, tmp_path):
    with pytest.raises(SystemExit, match="is not a backup"):
        backup.aterstall(tmp_path, tom_databas, tmp_path / "media")
