"""The wheel in a browser: WCAG 2.1 AA (axe), keyboard use of the month segments, no CSP
violations, and the month panel by htmx as well as without JavaScript."""

import pytest
from django.utils import timezone

from arshjul.models import Arshjulsar
from arshjul.services import bygge
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)
AR = timezone.localdate().year


@pytest.fixture
def byggda_hjul(demodata):
    """The demo data with every demo wheel built in this process (no broker involved)."""
    for rad in Arshjulsar.objects.all():
        bygge.rendera(bygge.bygg(rad.pk, rad.begaran))


def test_the_wheel_pages_pass_axe(byggda_hjul, live_server, sida, axe_granskning, spara_bild):
    """Slow (about 10 s): every wheel page is loaded, screenshot and run through axe."""
    logga_in(sida, live_server, "samordnare.akc")
    sidor = {
        "arshjul": "/arshjul/",
        "arshjul-hjul": f"/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser&hjul=trygg-i-goteborg",
        "arshjul-tidslinje": f"/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser&vy=tidslinje",
        "arshjul-manad": f"/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser&manad=5",
        "arshjul-ar": f"/arshjul/akc-vast-insatser/{AR}/",
        "arshjul-rapport": f"/arshjul/akc-vast-insatser/{AR}/rapport/",
        "arshjul-regler": "/arshjul/akc-vast-insatser/regler/",
        "arshjul-handelser": f"/arshjul/akc-vast-insatser/{AR}/handelser/",
        "arshjul-begransningar": f"/arshjul/akc-vast-insatser/{AR}/begransningar/",
        "arshjul-prenumeration": "/arshjul/prenumeration/",
    }
    for namn, adress in sidor.items():
        sida.goto(f"{live_server.url}{adress}")
        spara_bild(sida, namn)
        assert axe_granskning(sida) == [], namn


def test_a_month_segment_opens_by_keyboard_through_htmx(byggda_hjul, live_server, sida):
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser")
    mars = sida.locator("a.manad").nth(2)
    mars.focus()
    assert "mars" in mars.get_attribute("aria-label").lower()
    sida.keyboard.press("Enter")
    sida.locator("#manadspanel-rubrik").wait_for()
    assert "mars" in sida.locator("#manadspanel-rubrik").inner_text().lower()
    assert sida.evaluate("document.activeElement.id") == "manadspanel"
    assert "manad=3" in sida.url
    sida.go_back()
    sida.wait_for_url(f"{live_server.url}/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser")


def test_the_month_opens_without_javascript(byggda_hjul, live_server, webblasare):
    kontext = webblasare.new_context(java_script_enabled=False, locale="sv-SE")
    sida = kontext.new_page()
    logga_in(sida, live_server, "samordnare.akc")
    sida.goto(f"{live_server.url}/arshjul/vy/?ar={AR}&hjul=akc-vast-insatser")
    sida.locator("a.manad").nth(4).click()
    assert "manad=5" in sida.url
    assert "maj" in sida.locator("#manadspanel-rubrik").inner_text().lower()
    kontext.close()
