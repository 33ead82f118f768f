"""A planning meeting in the browser, on a phone: AKC-väst's coordinator records the minutes of a
demo planning meeting with an action for Skatteverket's officer, who sees it on the start page
and closes it; axe finds no WCAG 2.1 AA violation on the meeting's pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arshjul.models import Arshjulshandelse, Atgard
from arshjul.workflow import AtgardStatus
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)

TELEFON = {"width": 390, "height": 844}
ATGARD = "Skicka listan över kassaregister"


def test_minutes_with_an_action_closed_by_its_owner_from_the_start_page(
    demodata, live_server, ny_sida, axe_granskning
):
    """Slow (about 15 s): two logins and five pages, each run through axe."""
    mote = Arshjulshandelse.objects.get(titel="AKC-väst: planeringsmöte byggarbetsplatser")
    sida = ny_sida()
    sida.set_viewport_size(TELEFON)
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/arshjul/handelser/{mote.pk}/mote/")
    assert axe_granskning(sida) == []
    sida.get_by_role("link", name="Ändra närvaro och protokoll").click()
    assert axe_granskning(sida) == []
    sida.get_by_role("textbox", name="Protokoll:").fill("Skatteverket skickar kassaregisterlistan.")
    sida.get_by_role("button", name="Spara protokollet").click()
    expect(sida.get_by_text("Protokollet är sparat.")).to_be_visible()
    sida.get_by_role("link", name="Lägg till åtgärd").click()
    assert axe_granskning(sida) == []
    sida.get_by_role("textbox", name="Åtgärd:").fill(ATGARD)
    sida.get_by_label("Ansvarig").select_option(label="Stina Skatt (Skatteverket)")
    sida.get_by_label("Klar senast").fill((timezone.localdate() + timedelta(days=5)).isoformat())
    sida.get_by_role("button", name="Lägg till åtgärden").click()
    expect(sida.get_by_text("Åtgärden är tillagd.")).to_be_visible()
    expect(sida.get_by_text(ATGARD, exact=True)).to_be_visible()

    skv = ny_sida()
    skv.set_viewport_size(TELEFON)
    logga_in(skv, live_server, "handlaggare.skv")
    avsnitt = skv.get_by_role("region", name="Mina åtgärder från möten")
    expect(avsnitt.get_by_text(ATGARD, exact=True)).to_be_visible()
    assert axe_granskning(skv) == []
    avsnitt.get_by_role("button", name=f"Klarmarkera: {ATGARD}").click()
    expect(skv.get_by_text("Åtgärden är klarmarkerad.")).to_be_visible()
    expect(
        skv.get_by_role("region", name="Mina åtgärder från möten").get_by_text(ATGARD)
    ).to_have_count(0)
    assert Atgard.objects.get(text=ATGARD).status == AtgardStatus.KLAR
    skv.goto(f"{live_server.url}/arshjul/handelser/{mote.pk}/mote/")
    expect(skv.get_by_text("Skatteverket skickar kassaregisterlistan.")).to_be_visible()
    assert axe_granskning(skv) == []
