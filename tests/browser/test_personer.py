"""Named persons in the browser: Skatteverket's officer opens the demo operation whose planning
meeting collides with it, sees his own double booking and the free times, and the load view;
AKC-väst's coordinator sees the collision on the meeting page. axe finds no WCAG 2.1 AA
violation on the persons page, the load view, the meeting page or the demo window's resource
page."""

import pytest
from playwright.sync_api import expect

from arshjul.demodata import resursfonster
from arshjul.models import Arshjulshandelse
from insatser.demodata_personer import KROCKANDE_MOTE
from insatser.models import Insats
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_booking_is_seen_by_the_person_s_organisation_and_at_the_meeting(
    demodata, live_server, ny_sida, axe_granskning
):
    """Slow (about 12 s): two logins and five pages, each run through axe."""
    mote = Arshjulshandelse.objects.get(titel=KROCKANDE_MOTE)
    sida = ny_sida()
    logga_in(sida, live_server, "handlaggare.skv")
    insats = Insats.objects.get(start=mote.start, referens__endswith="-034")
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/")
    sida.get_by_role("link", name="Personer som skickas, dubbelbokningar och lediga tider").click()
    tabell = sida.get_by_role("table", name="Personer som Skatteverket skickar")
    expect(tabell.get_by_role("rowheader", name="Stina Skatt")).to_be_visible()
    expect(tabell.get_by_text(f"Bokad på mötet {KROCKANDE_MOTE}")).to_be_visible()
    expect(sida.get_by_role("heading", name="Tider då alla namngivna är lediga")).to_be_visible()
    assert axe_granskning(sida) == []
    sida.get_by_role("link", name="Belastning per person och enhet").click()
    expect(sida.get_by_role("heading", name="Belastning per person och enhet")).to_be_visible()
    expect(sida.get_by_role("row", name="Stina Skatt")).to_be_visible()
    assert axe_granskning(sida) == []

    sam = ny_sida()
    logga_in(sam, live_server, "samordnare.akc")
    sam.goto(f"{live_server.url}/arshjul/handelser/{mote.pk}/mote/")
    expect(
        sam.get_by_role("heading", name="Kallade som är bokade på annat samtidigt")
    ).to_be_visible()
    expect(sam.get_by_text(f"Bokad på insatsen {insats.referens}").first).to_be_visible()
    assert axe_granskning(sam) == []
    # The demo window's resource page: pledges against the need, and the coordinator's form.
    sam.goto(f"{live_server.url}/arshjul/handelser/{resursfonster().pk}/resurser/")
    tabell = sam.get_by_role("table", name="Löften och behov per organisation")
    expect(tabell.get_by_role("row", name="Skatteverket")).to_be_visible()
    assert axe_granskning(sam) == []
