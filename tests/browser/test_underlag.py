"""Briefings in the browser: the operation's section and the week's batch pass axe, on a phone
too; a download gives the PDF; a pending build polls and then shows the new version."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from insatser.models import Insats, Underlagsbygge
from insatser.services.underlag import bygg_underlag, markera_inaktuella
from insatser.workflow import AVSLUTADE
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kommande(demodata):
    """Demo data, and one coming operation of AKC-väst with its briefings built."""
    insats = (
        Insats.objects.filter(
            samordnande_organisation__kod="akc-vast",
            start__gte=timezone.now(),
            start__lt=timezone.now() + timedelta(days=7),
        )
        .exclude(status__in=AVSLUTADE)
        .order_by("start")
        .first()
    ) or Insats.objects.filter(samordnande_organisation__kod="akc-vast").first()
    if insats.start < timezone.now() or insats.status in AVSLUTADE:
        insats.start = timezone.now() + timedelta(days=2)
        insats.slut = insats.start + timedelta(hours=3)
        insats.status = "BEKRAFTAD"
        insats.save()
    _bygg(insats)
    return insats


def _bygg(insats):
    with transaction.atomic():
        markera_inaktuella([insats.pk])
    nummer = Underlagsbygge.objects.get(insats=insats).nummer
    assert bygg_underlag(insats.pk, nummer, "webblasartest", 180) == "byggt"


def test_the_briefings_section_and_download(
    kommande, live_server, sida, axe_granskning, spara_bild
):
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/insatser/{kommande.pk}/")
    assert sida.get_by_role("heading", name="Informationsunderlag").is_visible()
    lank = sida.get_by_role("link", name="Ladda ned underlaget för Gemensamt underlag")
    spara_bild(sida, "underlag-insats")
    assert axe_granskning(sida) == []
    with sida.expect_download() as nedladdning:
        lank.click()
    assert nedladdning.value.suggested_filename.endswith("-gemensamt-underlag-v1.pdf")
    with open(nedladdning.value.path(), "rb") as fil:
        assert fil.read(5) == b"%PDF-"


def test_a_pending_build_polls_until_the_new_version_is_there(kommande, live_server, sida):
    logga_in(sida, live_server, "samordnare.akc")
    with transaction.atomic():
        markera_inaktuella([kommande.pk])
    sida.goto(f"{live_server.url}/insatser/{kommande.pk}/")
    assert sida.get_by_text("Underlagen byggs efter en ändring.").is_visible()
    assert sida.get_by_role("link", name="Ladda om sidan för att se om underlagen är klara")
    nummer = Underlagsbygge.objects.get(insats=kommande).nummer
    bygg_underlag(kommande.pk, nummer, "webblasartest-2", 180)
    # htmx polls every 3 s and swaps the section in place.
    sida.get_by_role("link", name="Ladda ned underlaget för Gemensamt underlag").wait_for(
        timeout=10_000
    )
    assert not sida.get_by_text("Underlagen byggs efter en ändring.").is_visible()


def test_the_weeks_batch_on_a_phone(kommande, live_server, sida, axe_granskning, spara_bild):
    sida.set_viewport_size({"width": 375, "height": 800})
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/underlag/nasta-vecka/")
    assert sida.get_by_role("heading", name="Informationsunderlag för nästa vecka").is_visible()
    assert sida.get_by_role("link", name=kommande.referens, exact=False).first.is_visible()
    spara_bild(sida, "underlag-nasta-vecka-mobil")
    assert axe_granskning(sida) == []
    bredd = sida.evaluate("document.documentElement.scrollWidth")
    assert bredd <= 375, "the page itself does not scroll sideways; wide tables scroll inside"
