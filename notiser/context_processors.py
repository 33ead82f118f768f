"""The unread counter in the header of every page: one query, and only if a page shows it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from notiser.selectors import antal_olasta


def notiser(request) -> dict:
    if not request.user.is_authenticated:
        return {}
    return {"olasta_notiser": SimpleLazyObject(lambda: antal_olasta(request.user))}
