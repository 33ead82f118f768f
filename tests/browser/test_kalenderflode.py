"""The calendar subscription page in a browser: WCAG 2.1 AA (axe) before and after an address is
made, for a keeper of the agency feed and for management; every demo user can open it; and the
address it shows gives a feed, with nothing but form posts (no JavaScript)."""

import pytest
from django.contrib.auth import get_user_model
from icalendar import Calendar

from insatser.demoanvandare import DEMO_ANVANDARE
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_demo_user_can_open_the_page(demodata, client):
    for demo in DEMO_ANVANDARE:
        client.force_login(get_user_model().objects.get(username=demo.username))
        assert client.get("/kalender/prenumeration/").status_code == 200, demo.username


@pytest.mark.parametrize("anvandare", ["kontakt.skv", "polisledning"])
def test_the_page_passes_axe(demodata, live_server, sida, axe_granskning, spara_bild, anvandare):
    logga_in(sida, live_server, anvandare)
    sida.goto(f"{live_server.url}/kalender/")
    sida.get_by_role("link", name="Prenumerera på insatserna i din kalenderapp").click()
    sida.get_by_role(
        "heading", level=1, name="Prenumerera på insatser i din kalenderapp"
    ).wait_for()
    spara_bild(sida, f"kalenderflode-{anvandare}")
    assert axe_granskning(sida) == []


def test_an_address_made_without_javascript_gives_the_feed(demodata, live_server, webblasare):
    kontext = webblasare.new_context(java_script_enabled=False, locale="sv-SE")
    sida = kontext.new_page()
    try:
        logga_in(sida, live_server, "kontakt.skv")
        sida.goto(f"{live_server.url}/kalender/prenumeration/")
        flode = sida.get_by_role("region", name="Flödet för Skatteverket")
        flode.get_by_role("button", name="Skapa en adress").click()
        adress = sida.get_by_label("Kalenderadress").input_value()
        svar = sida.request.get(adress)
        assert svar.status == 200
        assert Calendar.from_ical(svar.body()).walk("VEVENT")
    finally:
        kontext.close()


def test_the_page_with_a_new_address_passes_axe(
    demodata, live_server, sida, axe_granskning, spara_bild
):
    logga_in(sida, live_server, "handlaggare.skv")
    sida.goto(f"{live_server.url}/kalender/prenumeration/")
    flode = sida.get_by_role("region", name="Ditt eget flöde")
    flode.get_by_role("button", name="Skapa en adress").click()
    assert sida.get_by_label("Kalenderadress").input_value().endswith(".ics")
    spara_bild(sida, "kalenderflode-ny-adress")
    assert axe_granskning(sida) == []
