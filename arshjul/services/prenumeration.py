"""Calendar subscriptions: a secret address per user, since calendar apps cannot log in.

Only a hash of the token is stored, so the address is shown once, when it is made; making a new
one replaces it, and revoking removes it.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model

from arshjul.models import Kalenderprenumeration
from karna.verb import verb


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@verb()
def skapa_prenumeration(user) -> str:
    """A new secret token for the user; an earlier one stops working. Returned only here."""
    token = secrets.token_urlsafe(32)
    Kalenderprenumeration.objects.update_or_create(user=user, defaults={"token_hash": _hash(token)})
    return token


@verb()
def aterkalla_prenumeration(user) -> bool:
    raderade, _ = Kalenderprenumeration.objects.filter(user=user).delete()
    return bool(raderade)


def prenumerant(token: str):
    """The active user a token belongs to, or None."""
    return (
        get_user_model()
        .objects.filter(is_active=True, kalenderprenumeration__token_hash=_hash(token))
        .first()
    )
