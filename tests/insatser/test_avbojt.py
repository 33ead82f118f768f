"""Declined means out: an organisation that declined an invitation sees that it was invited and
what it answered, no details and no released information."""

import pytest

from insatser import services
from insatser.access import INSATS_POLICY, Handling
from tests.varld import aktuell_version, las

pytestmark = pytest.mark.django_db


def _svara(user, insats, accepterad: bool):
    deltagande = insats.deltaganden.get(organisation=user.profil.organisation)
    return services.besvara_inbjudan(
        user, deltagande, accepterad=accepterad, version=aktuell_version(deltagande)
    )


@pytest.fixture
def avbojd(personer, begard):
    """The planned operation after Skatteverket declined it."""
    insats, _ = begard
    _svara(personer["skv"], insats, accepterad=False)
    return las(insats)


@pytest.mark.parametrize("vem", ["skv", "skv_kontakt"])
def test_a_declining_agency_sees_the_operation_and_its_answer_but_no_details(
    client, personer, avbojd, vem
):
    client.force_login(personer[vem])
    svar = client.get(f"/insatser/{avbojd.pk}/")
    text = svar.content.decode()
    assert svar.status_code == 200
    assert avbojd.referens in text
    assert "Nuvarande svar: Avböjd" in text
    for detalj in ("Bakom Centralstationen", "Hemliga Pizzerian AB", "Lönngatan 7"):
        assert detalj not in text
    assert INSATS_POLICY.tillater(personer[vem], Handling.BESVARA_INBJUDAN, avbojd)
    for handling in (Handling.SE_DETALJER, Handling.SE_FRISLAPPT):
        assert not INSATS_POLICY.tillater(personer[vem], handling, avbojd)


def test_an_agency_that_has_not_declined_sees_the_details(client, personer, begard):
    insats, _ = begard
    client.force_login(personer["skv"])
    text = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Bakom Centralstationen" in text
    assert "Hemliga Pizzerian AB" in text


def test_accepting_again_before_the_start_brings_the_details_back(client, personer, avbojd):
    _svara(personer["skv"], avbojd, accepterad=True)
    client.force_login(personer["skv"])
    text = client.get(f"/insatser/{avbojd.pk}/").content.decode()
    assert "Bakom Centralstationen" in text
    assert INSATS_POLICY.tillater(personer["skv"], Handling.SE_FRISLAPPT, avbojd)
