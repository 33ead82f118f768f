"""Calendar subscriptions: a secret address per user, since calendar apps cannot log in.

Only a hash of the token is stored, so the address is shown once, when it is made; making a new
one replaces it, and revoking removes it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from arshjul.models import Kalenderprenumeration
from karna.hemligheter import ny_token, tokenhash
from karna.verb import verb


@verb()
def skapa_prenumeration(user) -> str:
    """A new secret token for the user; an earlier one stops working. Returned only here."""
    token, hashat = ny_token()
    Kalenderprenumeration.objects.update_or_create(user=user, defaults={"token_hash": hashat})
    return token


@verb()
def aterkalla_prenumeration(user) -> bool:
    raderade, _ = Kalenderprenumeration.objects.filter(user=user).delete()
    return bool(raderade)


def prenumerant(token: str):
    """The active user a token belongs to, or None."""
    return (
        get_user_model()
        .objects.filter(is_active=True, kalenderprenumeration__token_hash=tokenhash(token))
        .first()
    )
