"""A person logs in with a demo login and sees their start page; both pages pass axe."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db(transaction=True)


def din_roll(sida):
    """The start page's "Din roll" section; other sections carry fact lists of their own."""
    return sida.get_by_role("region", name="Din roll")


def test_login_page_passes_axe(live_server, sida, axe_granskning, spara_bild):
    sida.goto(f"{live_server.url}/logga-in/")
    assert sida.locator("html").get_attribute("lang") == "sv"
    spara_bild(sida, "inloggning")
    assert axe_granskning(sida) == []


@pytest.mark.parametrize(
    ("anvandare", "organisation", "roll"),
    [
        ("samordnare.akc", "AKC-väst", "Samordnare"),
        ("opsam.city", "Polismyndigheten", "Operativ samordnare (polis)"),
    ],
)
def test_demo_login_reaches_start_page(
    demodata, live_server, sida, axe_granskning, spara_bild, anvandare, organisation, roll
):
    sida.goto(f"{live_server.url}/logga-in/")
    sida.get_by_label("Användarnamn").fill(anvandare)
    sida.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    sida.get_by_role("button", name="Logga in").click()
    sida.wait_for_url(f"{live_server.url}/")
    roll_text = din_roll(sida).inner_text()
    assert organisation in roll_text
    assert roll in roll_text
    spara_bild(sida, f"start-{anvandare}")
    assert axe_granskning(sida) == []


def test_keyboard_only_login(demodata, live_server, sida):
    sida.goto(f"{live_server.url}/logga-in/")
    forsta_fokuserbara = "document.querySelector('a[href], button, input:not([type=hidden])')"
    assert sida.evaluate(f"{forsta_fokuserbara}.className") == "skip-link"
    assert sida.evaluate("document.activeElement.name") == "username"
    sida.keyboard.type("handlaggare.skv")
    sida.keyboard.press("Tab")
    sida.keyboard.type(settings.DEMO_PASSWORD)
    sida.keyboard.press("Enter")
    sida.wait_for_url(f"{live_server.url}/")
    assert "Skatteverket" in din_roll(sida).inner_text()


def test_operation_list_and_page_pass_axe(demodata, live_server, sida, axe_granskning, spara_bild):
    sida.goto(f"{live_server.url}/logga-in/")
    sida.get_by_label("Användarnamn").fill("handlaggare.skv")
    sida.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    sida.get_by_role("button", name="Logga in").click()
    sida.wait_for_url(f"{live_server.url}/")
    sida.get_by_role("link", name="Insatser", exact=True).click()
    sida.wait_for_url(f"{live_server.url}/insatser/")
    spara_bild(sida, "insatser-lista")
    assert axe_granskning(sida) == []
    sida.locator("tbody a").first.click()
    sida.wait_for_url(f"{live_server.url}/insatser/*/")
    assert sida.get_by_role("heading", name="Översikt").is_visible()
    spara_bild(sida, "insats-sida")
    assert axe_granskning(sida) == []


def test_coordinator_planning_pages_pass_axe(
    demodata, live_server, sida, axe_granskning, spara_bild
):
    from insatser.models import Insats
    from insatser.workflow import InsatsStatus

    foreslagen = (
        Insats.objects.filter(
            status=InsatsStatus.FORESLAGEN, samordnande_organisation__kod="akc-vast"
        ).first()
        or Insats.objects.filter(status=InsatsStatus.PLANERAD).first()
    )
    sida.goto(f"{live_server.url}/logga-in/")
    sida.get_by_label("Användarnamn").fill(foreslagen.skapad_av.username)
    sida.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    sida.get_by_role("button", name="Logga in").click()
    sida.wait_for_url(f"{live_server.url}/")
    sida.goto(f"{live_server.url}/insatser/ny/")
    spara_bild(sida, "ny-insats")
    assert axe_granskning(sida) == []
    sida.goto(f"{live_server.url}/insatser/{foreslagen.pk}/")
    assert sida.get_by_role("heading", name="Planering").is_visible()
    spara_bild(sida, "insats-planering")
    assert axe_granskning(sida) == []
