"""Generated files (PDFs, wheels, calendars) in Django's default storage under stable names."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def spara_fil(namn: str, innehall: bytes) -> str:
    """Store ``innehall`` as ``namn`` and return the stored name. A step that runs again (a build
    redone after a crash) overwrites its own leftover file instead of adding one."""
    if default_storage.exists(namn):
        default_storage.delete(namn)
    return default_storage.save(namn, ContentFile(innehall))
