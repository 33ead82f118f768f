"""The police operational coordinator raises a partial confirmation to full on a phone: htmx
swaps the section in place, axe finds no WCAG 2.1 AA violation before or after."""

import pytest

from insatser.models import Bemanningsbegaran
from insatser.workflow import BemanningStatus
from tests.browser import logga_in
from tests.varld import bekrafta

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def delvis(transactional_db, personer, begard):
    insats, begaran = begard
    bekrafta(personer, insats, begaran, 2)
    return begaran


def test_the_coordinator_raises_a_partial_confirmation_to_full(
    delvis, personer, live_server, sida, axe_granskning, spara_bild
):
    sida.set_viewport_size({"width": 375, "height": 800})
    logga_in(sida, live_server, personer["opsam"])
    sida.goto(f"{live_server.url}/polis/begaranden/{delvis.pk}/")
    assert sida.get_by_text("2 av 3 poliser").is_visible()
    assert axe_granskning(sida) == []
    assert sida.evaluate("document.documentElement.scrollWidth") <= 375
    sida.evaluate("window.sidanLaddades = true")
    sida.get_by_label("Bekräftat antal poliser").fill("3")
    sida.get_by_role("button", name="Spara ändringen").click()
    sida.get_by_text("Bemanningen är ändrad och samordnaren har fått en notis.").wait_for()
    assert sida.get_by_text("3 av 3 poliser").is_visible()
    assert sida.evaluate("window.sidanLaddades") is True, "htmx swapped, no page load"
    spara_bild(sida, "bemanning-hojd-mobil")
    assert axe_granskning(sida) == []
    assert Bemanningsbegaran.objects.get(pk=delvis.pk).status == BemanningStatus.BEKRAFTAD
