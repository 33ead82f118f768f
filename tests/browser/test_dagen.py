"""The operation's day on a phone: one agency records a shared finding on the day page and
another participant's open page shows it without a reload; axe finds no WCAG 2.1 AA violation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Deltagande
from insatser.workflow import InsatsStatus
from myndigheter.roles import Roll
from tests.browser import logga_in
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, KontrollFabrik, ObjektFabrik, lpo, org

pytestmark = pytest.mark.django_db(transaction=True)

TELEFON = {"width": 390, "height": 844}


@pytest.fixture
def lage(transactional_db, skapa_anvandare):
    """A confirmed operation of AKC-väst under way for half an hour, Skatteverket taking part."""
    start = timezone.now() - timedelta(minutes=30)
    insats = InsatsFabrik(
        referens="INS-D-1",
        samordnande_organisation=org("akc-vast"),
        start=start,
        slut=start + timedelta(hours=3),
        status=InsatsStatus.BEKRAFTAD,
        lpoer=[lpo("city")],
    )
    DeltagandeFabrik(
        insats=insats, organisation=org("skatteverket"), svar=Deltagande.Svar.ACCEPTERAD
    )
    kontroll = KontrollFabrik(insats=insats, objekt=ObjektFabrik(namn="Dagbolaget AB"))
    return {
        "samordnare": skapa_anvandare("akc", Roll.SAMORDNARE, "akc-vast"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "insats": insats,
        "kontroll": kontroll,
    }


def _pa_dagsidan(ny_sida, live_server, anvandare, insats):
    sida = ny_sida()
    sida.set_viewport_size(TELEFON)
    logga_in(sida, live_server, anvandare)
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/dagen/")
    return sida


def test_a_shared_finding_appears_on_another_participants_open_day_page(
    lage, live_server, ny_sida, axe_granskning, spara_bild
):
    """Slow (10-20 s): the other page's list refreshes on its own every 10 seconds, which is
    what is under test, so the test waits for one poll."""
    insats, kontroll = lage["insats"], lage["kontroll"]
    skv = _pa_dagsidan(ny_sida, live_server, lage["skv"], insats)
    akc = _pa_dagsidan(ny_sida, live_server, lage["samordnare"], insats)
    assert axe_granskning(akc) == []
    spara_bild(akc, "dagen-telefon")

    prefix = f"#id_k{kontroll.pk}f"
    akc.locator(f"{prefix}-text").fill("Svartarbete i köket")
    akc.locator(f"{prefix}-delad").check()
    akc.get_by_role("button", name="Registrera fyndet").click()
    expect(akc.locator(f"#fynd-{kontroll.pk}")).to_contain_text("Svartarbete i köket")
    expect(akc.get_by_role("status")).to_contain_text("Fyndet är registrerat.")
    assert akc.url.endswith(f"/insatser/{insats.pk}/dagen/")
    assert axe_granskning(akc) == []

    lista = skv.locator(f"#fynd-{kontroll.pk}")
    expect(lista).to_contain_text("Svartarbete i köket", timeout=25_000)
    expect(lista).to_contain_text("delat med deltagarna")
    assert skv.url.endswith(f"/insatser/{insats.pk}/dagen/")
    assert axe_granskning(skv) == []
    spara_bild(skv, "dagen-telefon-uppdaterad")
