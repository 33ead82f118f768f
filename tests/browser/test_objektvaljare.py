"""The add-object picker in a browser: the coordinator of a proposed operation sees the pool
ranked with its reasons and adds the top object; the page passes axe and fits a phone."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from insatser import services
from insatser.models import Kontroll
from insatser.workflow import InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def _foreslagen_insats():
    """The demo data's proposed operations are Miljöförvaltningen's: AKC-väst's coordinator
    proposes one in LPO City with Skatteverket and Arbetsmiljöverket invited."""
    samordnare = User.objects.get(username="samordnare.akc")
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=samordnare,
        titel="Kontroll av restauranger i centrum",
        start=start,
        slut=start + timedelta(hours=4),
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
        kommuner=Kommun.objects.filter(kod="goteborg"),
    )
    for kod in ("skatteverket", "av"):
        services.bjud_in(samordnare, insats, Myndighet.objects.get(kod=kod))
    assert insats.status == InsatsStatus.FORESLAGEN
    return insats


def test_coordinator_adds_the_top_ranked_object(demodata, live_server, sida, axe_granskning):
    """Slow (5 to 10 s): two pages through axe, a login and a post with its redirect."""
    insats = _foreslagen_insats()
    logga_in(sida, live_server, "samordnare.akc")
    sida.set_viewport_size({"width": 390, "height": 844})
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/")
    sida.get_by_role("link", name="Välj bland objekten rangordnade för insatsen").click()
    sida.wait_for_url(f"{live_server.url}/insatser/{insats.pk}/objekt/valj/")
    assert axe_granskning(sida) == []
    assert sida.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    forsta = sida.locator("ol.rangordning > li").first
    skal = forsta.locator(".skal").inner_text()
    assert "inbjudna myndigheter markerade relevant" in skal
    assert "kontrollerat" in skal
    namn = forsta.locator("h2 a").inner_text()
    forsta.get_by_role("button", name=f"Lägg till {namn}", exact=True).click()
    sida.get_by_text("Objektet är tillagt.").wait_for()
    assert sida.url.startswith(f"{live_server.url}/insatser/{insats.pk}/objekt/valj/")
    kontroll = Kontroll.objects.get(insats=insats, objekt__namn=namn)
    assert kontroll.reserv is False
    assert sida.locator("ol.rangordning > li h2 a", has_text=namn).count() == 0
    assert axe_granskning(sida) == []
