"""Optimistic locking: rows that several people edit carry a version, and a stale edit is refused.

A form sends back the version it showed; the verb locks the row for the rest of its transaction
and compares. Someone else's change in between raises ``Konflikt``, with a message for the user,
and nothing is written. The version is required: there is no way to skip the check.
"""

from __future__ import annotations

from django.db.models import F, Model, QuerySet
from django.utils.translation import gettext as _


class Konflikt(Exception):  # noqa: N818 - domain name: someone else changed the row first
    """The row changed since the user loaded it."""

    def __init__(self, text: str | None = None):
        super().__init__(
            text
            or _(
                "Uppgiften har ändrats av någon annan sedan du öppnade den. "
                "Ladda om och försök igen."
            )
        )


def las(rader: type[Model] | QuerySet, pk, version: int, konflikt: str | None = None):
    """Lock row ``pk`` for the rest of the transaction; a version other than ``version``
    (the one the user's form showed) raises ``Konflikt`` with ``konflikt`` as its message."""
    if not isinstance(version, int) or isinstance(version, bool):
        raise TypeError("the version the user saw is required")
    queryset = rader if isinstance(rader, QuerySet) else rader.objects.all()
    rad = queryset.select_for_update().get(pk=pk)
    if rad.version != version:
        raise Konflikt(konflikt)
    return rad


def spara_ny_version(rad: Model, update_fields: list[str] | None = None) -> None:
    """Save ``rad`` with its version raised by one, and read the new version back."""
    rad.version = F("version") + 1
    rad.save(update_fields=None if update_fields is None else [*update_fields, "version"])
    rad.refresh_from_db(fields=["version"])
