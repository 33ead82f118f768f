"""The access log is append-only in the database, and carries the request id."""

import pytest
from django.db import DatabaseError, transaction

from karna.models import Atkomstlogg
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


@pytest.fixture
def rad():
    return Atkomstlogg.objects.create(
        anvandarnamn="skv",
        organisation="skatteverket",
        roller="HANDLAGGARE",
        objekttyp="objekt.objektuppgift",
        objekt_id="1",
        handling=Atkomstlogg.Handling.LASA,
        syfte="Förberedelse",
    )


def test_update_is_refused_by_the_database(rad):
    with pytest.raises(DatabaseError), transaction.atomic():
        Atkomstlogg.objects.filter(pk=rad.pk).update(syfte="ändrat")
    rad.refresh_from_db()
    assert rad.syfte == "Förberedelse"


def test_save_of_an_existing_row_is_refused(rad):
    rad.syfte = "ändrat"
    with pytest.raises(DatabaseError), transaction.atomic():
        rad.save()


def test_delete_is_refused_by_the_database(rad):
    with pytest.raises(DatabaseError), transaction.atomic():
        Atkomstlogg.objects.all().delete()
    assert Atkomstlogg.objects.count() == 1


def test_admin_can_read_but_not_change_the_log(admin_client, rad):
    assert admin_client.get("/admin/karna/atkomstlogg/").status_code == 200
    assert admin_client.get(f"/admin/karna/atkomstlogg/{rad.pk}/change/").status_code == 200
    svar = admin_client.post(f"/admin/karna/atkomstlogg/{rad.pk}/delete/", {"post": "yes"})
    assert svar.status_code == 403
    assert Atkomstlogg.objects.count() == 1


@pytest.mark.parametrize(
    ("query", "traffar"),
    [
        ("organisation=skatteverket", 1),
        ("organisation=av", 0),
        ("q=skv", 1),
        ("q=okand", 0),
        ("objekttyp=objekt.objektuppgift", 1),
        ("handling=FRISLAPPA", 0),
    ],
)
def test_admin_filters_by_person_organisation_and_object(admin_client, rad, query, traffar):
    svar = admin_client.get(f"/admin/karna/atkomstlogg/?{query}")
    assert svar.status_code == 200
    assert svar.context["cl"].result_count == traffar


def test_request_id_is_echoed_and_logged(client, skapa_anvandare):
    from karna.atkomstlogg import logga

    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    svar = client.get("/health/", HTTP_X_REQUEST_ID="abc-123")
    assert svar["X-Request-ID"] == "abc-123"
    assert client.get("/health/", HTTP_X_REQUEST_ID="ogiltig id!")["X-Request-ID"] != "ogiltig id!"
    (rad,) = logga(user, Atkomstlogg.Handling.LASA, [user.profil], "test")
    assert rad.request_id == ""
