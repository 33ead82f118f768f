"""The two maps in a browser, with the demo data: the pool's map and the year's operations by
area, each an image with its title and a list beside it reached by keyboard; axe finds no WCAG 2.1
AA violation on either, and neither breaks the Content-Security-Policy."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pool_and_the_years_operations_on_their_maps(
    demodata, live_server, sida, axe_granskning, spara_bild
):
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/objekt/")
    sida.get_by_role("link", name="Visa objekten på karta, per område").click()
    sida.wait_for_url(f"{live_server.url}/objekt/karta/")
    expect(sida.get_by_role("img", name="Objekt i Göteborg per område")).to_be_visible()
    lista = sida.get_by_role("region", name="Objekt i Göteborg per område")
    expect(lista.get_by_role("heading", name="Stadsområde Centrum", exact=False)).to_be_visible()
    expect(lista.get_by_role("heading", name="Utan position")).to_be_visible()
    assert axe_granskning(sida) == []
    spara_bild(sida, "objektkarta")
    forsta = lista.get_by_role("link").first
    namn = forsta.inner_text()
    forsta.focus()
    sida.keyboard.press("Enter")
    expect(sida.get_by_role("heading", level=1)).to_contain_text(namn)

    ar = timezone.localdate().year
    sida.goto(f"{live_server.url}/insatser/")
    sida.get_by_role("link", name="Årets insatser på karta").click()
    sida.wait_for_url(f"{live_server.url}/insatser/karta/")
    expect(sida.get_by_role("img", name=f"Insatser {ar} i Göteborg per område")).to_be_visible()
    lista = sida.get_by_role("region", name=f"Insatser {ar} i Göteborg per område")
    expect(lista.get_by_role("link", name=f"DEMO-{ar}-IDAG", exact=False)).to_be_visible()
    assert axe_granskning(sida) == []
    spara_bild(sida, "insatskarta")
    with sida.expect_response(lambda svar: f"ar={ar - 1}" in svar.url):
        sida.get_by_label("År").fill(str(ar - 1))
        sida.get_by_role("button", name="Visa").click()
    expect(sida.get_by_role("img", name=f"Insatser {ar - 1} i Göteborg per område")).to_be_visible()
    assert axe_granskning(sida) == []
