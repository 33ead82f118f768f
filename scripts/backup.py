"""`make backup` and `make restore`: the database (pg_dump's custom format) and the generated
files (a tar of MEDIA_ROOT), together in one folder per backup.

    make backup                          # var/backup/saminsats-<time>/ (BACKUP_DIR to change)
    make restore FROM=var/backup/saminsats-<time>

A restore goes into an empty database only (create it first, migrate nothing): it refuses a
database that already has tables, so it never mixes two states. It restores the files into
MEDIA_ROOT. docs/drift.md describes the whole procedure.

The PostgreSQL tools are taken from PG_BIN if set; else those of the embedded server when the
database is the embedded one; else pg_dump and pg_restore on PATH (of the server's major version
or newer), falling back to the embedded server's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUMP, FILER = "databas.dump", "filer.tar.gz"


def verktyg(namn: str, inbyggd: bool = False) -> str:
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / namn)
    pa_path = shutil.which(namn)
    if pa_path and not inbyggd:
        return pa_path
    from pgserver._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / namn)


def libpq_miljo(databas: dict) -> dict[str, str]:
    """The connection of a Django DATABASES entry as libpq's environment variables."""
    miljo = dict(os.environ)
    for nyckel, variabel in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if databas.get(nyckel):
            miljo[variabel] = str(databas[nyckel])
    return miljo


def sakerhetskopiera(databas: dict, media: Path, ut: Path, inbyggd: bool = False) -> Path:
    """Write the backup folder ``ut`` (made here) and return it."""
    ut.mkdir(parents=True)
    subprocess.run(
        [verktyg("pg_dump", inbyggd), "--format=custom", "--no-owner", f"--file={ut / DUMP}"],
        env=libpq_miljo(databas),
        check=True,
    )
    with tarfile.open(ut / FILER, "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname=".")
    return ut


def tabeller(databas: dict, inbyggd: bool = False) -> int:
    svar = subprocess.run(
        [
            verktyg("psql", inbyggd),
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--command=SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        ],
        env=libpq_miljo(databas),
        check=True,
        capture_output=True,
        text=True,
    )
    return int(svar.stdout.strip())


def aterstall(fran: Path, databas: dict, media: Path, inbyggd: bool = False) -> None:
    """Restore the backup folder ``fran`` into the empty database and into ``media``."""
    if not (fran / DUMP).is_file() or not (fran / FILER).is_file():
        raise SystemExit(f"{fran} is not a backup: {DUMP} and {FILER} are expected there.")
    if tabeller(databas, inbyggd):
        raise SystemExit(
            f"The database {databas['NAME']} is not empty: restore into a new, empty database."
        )
    subprocess.run(
        [
            verktyg("pg_restore", inbyggd),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={databas['NAME']}",
            str(fran / DUMP),
        ],
        env=libpq_miljo(databas),
        check=True,
    )
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fran / FILER, "r:gz") as tar:
        tar.extractall(media, filter="data")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    del_ = parser.add_subparsers(dest="kommando", required=True)
    backup = del_.add_parser("backup", help="write a backup folder")
    backup.add_argument("--dir", type=Path, default=None, help="where (default var/backup)")
    restore = del_.add_parser("restore", help="restore a backup folder into an empty database")
    restore.add_argument("fran", type=Path, help="the backup folder")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    databas = settings.DATABASES["default"]
    inbyggd = settings.EMBEDDED_DATABASE
    if args.kommando == "backup":
        katalog = args.dir or Path(os.environ.get("BACKUP_DIR", settings.VAR_DIR / "backup"))
        ut = katalog / f"saminsats-{datetime.now():%Y%m%d-%H%M%S}"
        print(sakerhetskopiera(databas, Path(settings.MEDIA_ROOT), ut, inbyggd))
    else:
        aterstall(args.fran, databas, Path(settings.MEDIA_ROOT), inbyggd)
        print(f"Restored {args.fran} into {databas['NAME']} and {settings.MEDIA_ROOT}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
