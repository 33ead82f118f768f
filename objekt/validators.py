"""Validation and normalisation of Swedish organisation numbers and postal codes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ORGNR_RE = re.compile(r"^(\d{2})?(\d{6})-?(\d{4})$")
_POSTNUMMER_RE = re.compile(r"^([1-9]\d{2}) ?(\d{2})$")
# A 12-digit number is a 10-digit one with a century (personal identity number of a sole trader)
# or the prefix 16 that legal entities may carry.
_GILTIGA_PREFIX = {"16", "19", "20"}


def luhn_ok(digits: str) -> bool:
    """Check the Luhn check digit used by Swedish personal and organisation numbers."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalisera_organisationsnummer(value: str) -> str:
    """Return the number as ``NNNNNN-NNNN`` (or ``YYYYMMDD-NNNN`` for a sole trader).

    Raises ValidationError with a Swedish message when the number is malformed.
    """
    text = (value or "").strip().replace(" ", "")
    match = _ORGNR_RE.match(text)
    if not match:
        raise ValidationError(
            _("Organisationsnumret ska ha 10 eller 12 siffror, till exempel 556016-0680."),
            code="format",
        )
    prefix, first, last = match.groups()
    if prefix is not None and prefix not in _GILTIGA_PREFIX:
        raise ValidationError(
            _("Ett organisationsnummer med 12 siffror ska börja med 16, 19 eller 20."),
            code="prefix",
        )
    if not luhn_ok(first + last):
        raise ValidationError(
            _("Organisationsnumret är felaktigt: kontrollsiffran stämmer inte."),
            code="kontrollsiffra",
        )
    if prefix in {"19", "20"}:
        return f"{prefix}{first}-{last}"
    return f"{first}-{last}"


def validera_organisationsnummer(value: str) -> None:
    normalisera_organisationsnummer(value)


def normalisera_postnummer(value: str) -> str:
    """Return the postal code as ``NNN NN``; raise ValidationError in Swedish otherwise."""
    match = _POSTNUMMER_RE.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Postnumret ska ha fem siffror, till exempel 411 04."), code="postnummer"
        )
    return f"{match.group(1)} {match.group(2)}"


def validera_postnummer(value: str) -> None:
    normalisera_postnummer(value)
