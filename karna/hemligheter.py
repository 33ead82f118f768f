"""Secrets kept only as their hash: API tokens and the addresses of calendar subscriptions.

The secret is shown to its owner once, when it is made; what is stored is its SHA-256, so a
leaked database does not leak working secrets, and a new secret replaces the old at once.
"""

from __future__ import annotations

import hashlib
import secrets


def tokenhash(token: str) -> str:
    """The stored form of a secret: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def ny_token() -> tuple[str, str]:
    """A new secret (256 bits, URL-safe) and its hash."""
    token = secrets.token_urlsafe(32)
    return token, tokenhash(token)
