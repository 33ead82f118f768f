"""The one range of dates the app accepts from people and other systems: 2000 to 2100.

Year 1 or 9999 is always a typing slip, and near the ends of Python's calendar date arithmetic
(a week before, a month after) overflows and breaks every page that shows the row. Every date and
time that comes from a form, a query string, an import or the API is checked against these
bounds: form fields through ``karna.formular.Grundformular`` (every form of the project inherits
it, a test sees to that), query strings through the same forms, verbs through
``kontrollera_tidpunkt``, model fields through ``validera_tidpunkt`` and ``validera_ar`` (the
admin's forms), and the database through ``tidsgranskontroll`` CHECK constraints on the columns
people fill in.
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


def validera_ar(ar: int | None) -> None:
    """A form or model validator for a year."""
    if ar is not None and not TIDIGAST.year <= ar <= SENAST.year:
        raise ValidationError(
            _("Ange ett år mellan %(fran)s och %(till)s.")
            % {"fran": TIDIGAST.year, "till": SENAST.year},
            code="utanfor_tidsgranserna",
        )


# The kinds of column the bounds apply to: a date and time, a date, a year.
TIDPUNKT, DATUM, AR = "tidpunkt", "datum", "ar"


def inom_granserna_villkor(falt: str, slag: str) -> models.Q:
    """The condition that column ``falt`` of kind ``slag`` is within the bounds (or NULL)."""
    if slag == TIDPUNKT:
        villkor = models.Q(
            **{f"{falt}__gte": TIDIGAST_TIDPUNKT, f"{falt}__lt": EFTER_SENAST_TIDPUNKT}
        )
    elif slag == DATUM:
        villkor = models.Q(**{f"{falt}__gte": TIDIGAST, f"{falt}__lte": SENAST})
    else:
        villkor = models.Q(**{f"{falt}__gte": TIDIGAST.year, f"{falt}__lte": SENAST.year})
    return villkor | models.Q(**{f"{falt}__isnull": True})


def tidsgranskontroll(falt: str, modell: str, slag: str) -> models.CheckConstraint:
    """A CHECK constraint keeping column ``falt`` of ``modell`` (its name, for the constraint's
    name) within the bounds; NULL passes."""
    return models.CheckConstraint(
        condition=inom_granserna_villkor(falt, slag),
        name=f"{modell}_{falt}_inom_tidsgranserna",
    )


def vagra_rader_utanfor_granserna(app_label: str, modell: str, falt: dict[str, str]):
    """A migration step run before the constraints are added: it stops the migration, naming the
    rows, when a row lies outside the bounds. A date typed as year 1 cannot be guessed right, so
    the rows are left for a person to correct (in the admin or the app) rather than changed."""
    from django.db import migrations

    def vagra(apps, schema_editor):
        Modell = apps.get_model(app_label, modell)
        utanfor = models.Q(pk__in=[])
        for namn, slag in falt.items():
            utanfor |= ~inom_granserna_villkor(namn, slag)
        pks = list(Modell.objects.filter(utanfor).values_list("pk", flat=True)[:20])
        if pks:
            raise RuntimeError(
                f"{app_label}.{modell}: the rows with id {pks} have a {' or '.join(falt)} outside "
                f"{TIDIGAST} to {SENAST}. Correct them, then run the migration again."
            )

    return migrations.RunPython(vagra, migrations.RunPython.noop, elidable=True)
