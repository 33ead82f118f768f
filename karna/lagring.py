"""Generated files (PDFs, wheels, calendars, exports) in Django's default storage under stable
names.

Every generated file is written here, so a full disk is handled once for all of them: the
half-written file is removed, and the error becomes ``DiskenFull`` (``karna.uppgifter``), which
every task retries with a growing pause. The caller records it on its build (``fel``), and the
build's page says so in Swedish (``disken_full``, ``templates/karna/_disken_full.html``).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from karna.uppgifter import DiskenFull, skriver_genererade_filer


def spara_fil(namn: str, innehall: bytes) -> str:
    """Store ``innehall`` as ``namn`` and return the stored name. A step that runs again (a build
    redone after a crash) overwrites its own leftover file instead of adding one. A full disk
    raises ``DiskenFull`` and leaves no part of the file behind."""
    with skriver_genererade_filer():
        if default_storage.exists(namn):
            default_storage.delete(namn)
        try:
            return default_storage.save(namn, ContentFile(innehall))
        except OSError:
            if default_storage.exists(namn):
                default_storage.delete(namn)
            raise


def felet(fel: BaseException) -> str:
    """How a build row keeps the error that stopped it (its ``fel`` field)."""
    return f"{type(fel).__name__}: {fel}"[:2000]


def disken_full(fel: str) -> bool:
    """Whether the error a build keeps (``felet``) is a full disk, which its retry will cure
    once there is space."""
    return fel.startswith(f"{DiskenFull.__name__}:")
