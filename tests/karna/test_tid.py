"""One range of dates, 2000 to 2100, in forms, query strings, model validation and the database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from insatser.models import Insats
from karna.formular import Formular
from karna.tid import (
    TIDPUNKT,
    vagra_rader_utanfor_granserna,
    validera_ar,
    validera_tidpunkt,
)
from myndigheter.models import Myndighet
from tests.fabriker import InsatsFabrik

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    "varde",
    [
        date(1999, 12, 31),
        date(2101, 1, 1),
        date(1, 1, 1),
        date(9999, 12, 31),
        datetime(1999, 12, 31, 23, 59, tzinfo=STHLM),
        datetime(2101, 1, 1, 0, 0, tzinfo=STHLM),
    ],
)
def test_a_date_outside_the_bounds_is_refused_in_swedish(varde):
    with pytest.raises(ValidationError) as fel:
        validera_tidpunkt(varde)
    assert fel.value.messages == ["Ange ett datum mellan 1 januari 2000 och 31 december 2100."]


@pytest.mark.parametrize(
    "varde",
    [
        date(2000, 1, 1),
        date(2100, 12, 31),
        datetime(2000, 1, 1, 0, 0, tzinfo=STHLM),
        datetime(2100, 12, 31, 23, 59, tzinfo=STHLM),
        None,
    ],
)
def test_the_bounds_themselves_are_accepted(varde):
    validera_tidpunkt(varde)


def test_a_year_outside_the_bounds_is_refused():
    validera_ar(2000)
    validera_ar(2100)
    for ar in (1, 1999, 2101, 9999):
        with pytest.raises(ValidationError):
            validera_ar(ar)


class _Datumformular(Formular):
    dag = forms.DateField()
    tid = forms.DateTimeField(required=False)


@pytest.mark.parametrize("dag", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_every_form_refuses_a_date_outside_the_bounds_on_its_field(dag):
    form = _Datumformular({"dag": dag, "tid": f"{dag} 10:00"})
    assert not form.is_valid()
    assert set(form.errors) == {"dag", "tid"}
    assert "Ange ett datum mellan" in form.errors["dag"][0]


def test_the_date_picker_offers_only_dates_within_the_bounds():
    form = _Datumformular()
    assert form.fields["dag"].widget.attrs["min"] == "2000-01-01"
    assert form.fields["dag"].widget.attrs["max"] == "2100-12-31"
    assert form.fields["tid"].widget.attrs["max"] == "2100-12-31T23:59"


@pytest.mark.django_db
@pytest.mark.parametrize("ar", [1, 9999])
def test_the_database_refuses_an_operation_outside_the_bounds(ar):
    start = datetime(ar, 6, 1, 10, 0, tzinfo=STHLM)
    with pytest.raises(IntegrityError), transaction.atomic():
        Insats.objects.create(
            referens="X-1",
            titel="Utanför",
            samordnande_organisation=Myndighet.objects.get(kod="akc-vast"),
            start=start,
            slut=start + timedelta(hours=2),
        )


def test_the_model_fields_people_fill_in_carry_the_validator():
    """The admin's forms validate through the model fields."""
    for etikett, falt in [
        ("insatser.Insats", "start"),
        ("insatser.Insats", "slut"),
        ("insatser.Insatsgrupp", "fonster_start"),
        ("insatser.Bemanningsbegaran", "svarsfrist"),
        ("arshjul.Arshjulshandelse", "start"),
        ("arshjul.Begransningsperiod", "till"),
    ]:
        assert validera_tidpunkt in apps.get_model(etikett)._meta.get_field(falt).validators
    for etikett in ("arshjul.Arshjulsar", "myndigheter.Omradesbedomning"):
        assert validera_ar in apps.get_model(etikett)._meta.get_field("ar").validators


@pytest.mark.django_db
def test_the_migration_stops_on_a_row_outside_the_bounds_and_names_it():
    """Rows written before the constraint existed: the migration step refuses to go on and says
    which rows to correct, rather than guessing what year 1 meant."""
    insats = InsatsFabrik(start=datetime(2026, 6, 1, 10, 0, tzinfo=STHLM))
    steg = vagra_rader_utanfor_granserna("insatser", "insats", {"start": TIDPUNKT})
    steg.code(apps, None)  # within the bounds: passes
    with connection.cursor() as cursor:
        # The history triggers are deferred; settle them before changing the table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "ALTER TABLE insatser_insats DROP CONSTRAINT insats_start_inom_tidsgranserna"
        )
        cursor.execute(
            "UPDATE insatser_insats SET start = '0001-06-01 10:00+00' WHERE id = %s", [insats.pk]
        )
    with pytest.raises(RuntimeError, match=rf"insatser\.insats: the rows with id \[{insats.pk}\]"):
        steg.code(apps, None)
