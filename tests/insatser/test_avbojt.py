"""Declined means out: an organisation that declined an invitation sees that it was invited and
what it answered, no details and no released information; once the operation's day has passed
no invitation is answered."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from insatser import services
from insatser.access import INSATS_POLICY, Handling
from insatser.models import Deltagande
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


def _flytta(insats, start):
    insats.start, insats.slut = start, start + timedelta(hours=3)
    insats.save(update_fields=["start", "slut"])
    return las(insats)


def test_no_answer_once_the_operations_day_has_passed(client, personer, begard):
    insats = _flytta(begard[0], timezone.now() - timedelta(days=1))
    deltagande = insats.deltaganden.get(organisation=personer["skv"].profil.organisation)
    with pytest.raises(ValidationError) as fel:
        _svara(personer["skv"], insats, accepterad=True)
    assert fel.value.message_dict["svar"] == [
        "Insatsens dag har passerat; inbjudan kan inte längre besvaras."
    ]
    assert aktuell_version(deltagande) == deltagande.version
    client.force_login(personer["skv"])
    sida = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Insatsens dag har passerat; inbjudan kan inte längre besvaras." in sida
    assert f'action="/insatser/{insats.pk}/svar/"' not in sida


def test_an_invitation_is_still_answered_on_the_day_itself(personer, begard):
    borjan_av_dagen = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    insats = _flytta(begard[0], borjan_av_dagen)
    assert _svara(personer["skv"], insats, accepterad=True).svar == Deltagande.Svar.ACCEPTERAD
