"""The one range of dates the app accepts from people and other systems: 2000 to 2100.

Year 1 or 9999 is always a typing slip, and near the ends of Python's calendar date arithmetic
(a week before, a month after) overflows and breaks every page that shows the row. Every date and
time that comes from a form, a query string, an import or the API is checked against these
bounds: form fields through ``karna.formular.Grundformular`` (every form of the project inherits
it, a test sees to that), query strings through ``datum_ur_fraga``, verbs through
``kontrollera_tidpunkt``, and the database through ``tidsgranskontroll`` CHECK constraints on the
columns people fill in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

TIDIGAST = date(2000, 1, 1)
SENAST = date(2100, 12, 31)
_SVENSK_TID = ZoneInfo("Europe/Stockholm")
# Instants, for datetime columns: from the first moment of TIDIGAST to the first moment after
# SENAST, Swedish time.
TIDIGAST_TIDPUNKT = datetime.combine(TIDIGAST, time(0), tzinfo=_SVENSK_TID)
EFTER_SENAST_TIDPUNKT = datetime.combine(SENAST + timedelta(days=1), time(0), tzinfo=_SVENSK_TID)


def inom_granserna(varde: date | datetime | None) -> bool:
    if varde is None:
        return True
    if isinstance(varde, datetime):
        if timezone.is_naive(varde):
            varde = varde.replace(tzinfo=_SVENSK_TID)
        return TIDIGAST_TIDPUNKT <= varde < EFTER_SENAST_TIDPUNKT
    return TIDIGAST <= varde <= SENAST


def granstext() -> str:
    return _("Ange ett datum mellan %(fran)s och %(till)s.") % {
        "fran": date_format(TIDIGAST, "j F Y"),
        "till": date_format(SENAST, "j F Y"),
    }


def validera_tidpunkt(varde) -> None:
    """A form or model validator for a date or a date and time."""
    if not inom_granserna(varde):
        raise ValidationError(granstext(), code="utanfor_tidsgranserna")


def kontrollera_tidpunkt(falt: str, varde) -> None:
    """For verbs: the same bound, as an error on the field ``falt``."""
    if not inom_granserna(varde):
        raise ValidationError({falt: granstext()}, code="utanfor_tidsgranserna")


def begransa_datumfalt(falt: forms.Field) -> None:
    """Keep a form field's date (or date and time) within the bounds, and let the browser's date
    picker offer no other dates."""
    if not isinstance(falt, forms.DateField | forms.DateTimeField):
        return
    if validera_tidpunkt not in falt.validators:
        falt.validators.append(validera_tidpunkt)
    if isinstance(falt, forms.DateField):
        fran, till = TIDIGAST.isoformat(), SENAST.isoformat()
    else:
        fran, till = f"{TIDIGAST.isoformat()}T00:00", f"{SENAST.isoformat()}T23:59"
    falt.widget.attrs.setdefault("min", fran)
    falt.widget.attrs.setdefault("max", till)


def datum_ur_fraga(text: str | None) -> date | None:
    """A date from a query string, or None when it is missing, malformed or out of bounds."""
    try:
        dag = date.fromisoformat(text or "")
    except ValueError:
        return None
    return dag if inom_granserna(dag) else None


def ar_ur_fraga(text: str | None, standard: int) -> int:
    """A year from a query string, ``standard`` when it is missing, malformed or out of bounds."""
    if text is None or not text.strip().isdigit():
        return standard
    ar = int(text)
    return ar if TIDIGAST.year <= ar <= SENAST.year else standard


def tidsgranskontroll(falt: str, modell: str, *, tidpunkt: bool) -> models.CheckConstraint:
    """A CHECK constraint keeping column ``falt`` of ``modell`` (its name, for the constraint's
    name) within the bounds; NULL passes."""
    fran, till = (TIDIGAST_TIDPUNKT, EFTER_SENAST_TIDPUNKT) if tidpunkt else (TIDIGAST, SENAST)
    villkor = (
        models.Q(**{f"{falt}__gte": fran, f"{falt}__lt": till})
        if tidpunkt
        else models.Q(**{f"{falt}__gte": fran, f"{falt}__lte": till})
    )
    return models.CheckConstraint(
        condition=villkor | models.Q(**{f"{falt}__isnull": True}),
        name=f"{modell}_{falt}_inom_tidsgranserna",
    )
