"""Agency information read through the API is logged as on the operation's page, naming the
token."""

import pytest

from api.models import ApiToken
from karna.models import Atkomstlogg
from objekt.models import Objektuppgift
from tests.fabriker import org

pytestmark = pytest.mark.django_db


def test_reading_an_operation_logs_the_agency_information_it_shows_with_the_token(
    api, token, personer, begard
):
    insats, _ = begard
    uppgift = Objektuppgift.objects.create(
        objekt=insats.kontroller.get().objekt,
        organisation=org("akc-vast"),
        innehall={"anteckning": "Känd sedan tidigare"},
    )
    api.hemlighet = token(personer["samordnare"])
    prefix = ApiToken.objects.get().prefix
    svar = api.get(f"/api/v1/insatser/{insats.pk}")
    assert [u["id"] for u in svar.json()["objektuppgifter"]] == [uppgift.pk]
    assert svar.json()["objektuppgifter"][0]["innehall"] == {"anteckning": "Känd sedan tidigare"}
    rad = Atkomstlogg.objects.get()
    assert (rad.handling, rad.objekt_id, rad.anvandarnamn) == (
        Atkomstlogg.Handling.LASA,
        str(uppgift.pk),
        "samordnare",
    )
    assert insats.referens in rad.syfte
    assert prefix in rad.syfte
    # A fresh copy (304) shows nothing, so nothing more is logged.
    api.get(f"/api/v1/insatser/{insats.pk}", **{"If-None-Match": svar["ETag"]})
    assert Atkomstlogg.objects.count() == 1


def test_a_reader_without_the_details_reads_no_agency_information(api, token, personer, begard):
    insats, _ = begard
    Objektuppgift.objects.create(
        objekt=insats.kontroller.get().objekt, organisation=org("akc-vast")
    )
    api.hemlighet = token(personer["api"])
    assert api.get(f"/api/v1/insatser/{insats.pk}").json()["objektuppgifter"] == []
    assert not Atkomstlogg.objects.exists()
