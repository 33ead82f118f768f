"""The files of a wheel version in Django's default storage, with their checksums.

A version's file always has the same name, so a step that runs again overwrites its file instead
of adding one; files of replaced, never published versions are removed after commit.
"""

from __future__ import annotations

import hashlib
from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction

from karna.lagring import spara_fil

FORMAT = ("svg", "pdf", "ics")
INNEHALLSTYP = {
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
}


def filnamn(version, format: str) -> str:
    rad = version.arshjulsar
    kod = rad.arshjul.kod
    return f"arshjul/{kod}/{rad.ar}/{kod}-{rad.ar}-v{version.nummer}.{format}"


def spara(version, format: str, innehall: bytes) -> None:
    """Store one file of the version and set its field and checksum (the caller saves)."""
    getattr(version, format).name = spara_fil(filnamn(version, format), innehall)
    setattr(version, f"{format}_kontrollsumma", hashlib.sha256(innehall).hexdigest())


def finns(version, format: str) -> bool:
    return default_storage.exists(getattr(version, format).name)


def las(version, format: str) -> bytes:
    with default_storage.open(getattr(version, format).name, "rb") as fil:
        return fil.read()


def _radera(namn: list[str]) -> None:
    for fil in namn:
        default_storage.delete(fil)


def ta_bort_filer(version) -> None:
    """Remove the version's files once the transaction commits (the caller saves)."""
    namn = [getattr(version, format).name for format in FORMAT if getattr(version, format)]
    for format in FORMAT:
        getattr(version, format).name = ""
        setattr(version, f"{format}_kontrollsumma", "")
    if namn:
        transaction.on_commit(partial(_radera, namn))
