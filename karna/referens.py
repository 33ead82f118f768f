"""Readable references such as ``INS-2026-0042``: a prefix per kind and year, then a number."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def nasta_referens(modell: type[Model], prefix: str, siffror: int) -> str:
    """The next free reference after ``prefix`` among ``modell``'s ``referens`` values.

    Numbering under one prefix is serialised for the rest of the transaction, so two creations
    at once never take the same number.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [prefix])
    senaste = (
        modell.objects.filter(referens__startswith=prefix)
        .order_by("-referens")
        .values_list("referens", flat=True)
        .first()
    )
    nummer = int(senaste.rsplit("-", 1)[1]) + 1 if senaste else 1
    return f"{prefix}{nummer:0{siffror}d}"
