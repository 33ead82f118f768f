"""Calendar, notifications, my tasks and the day of the operation in a browser: axe finds no
WCAG 2.1 AA violation, htmx swaps keep the back button, and nothing breaks the CSP."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Deltagande, Insats, Insatshandelse, Kontroll
from insatser.workflow import InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis
from objekt.models import Objekt, Objekttyp
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lage(transactional_db, skapa_anvandare):
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    start = timezone.now() - timedelta(minutes=30)
    insats = Insats.objects.create(
        referens="INS-B-1",
        titel="Restauranger i City",
        samordnande_organisation=Myndighet.objects.get(kod="akc-vast"),
        start=start,
        slut=start + timedelta(hours=3),
        status=InsatsStatus.BEKRAFTAD,
    )
    insats.lpoer.set([Lokalpolisomrade.objects.get(kod="city")])
    Deltagande.objects.create(
        insats=insats,
        organisation=Myndighet.objects.get(kod="skatteverket"),
        svar=Deltagande.Svar.ACCEPTERAD,
    )
    objekt = Objekt.objects.create(
        referens="B-1",
        namn="Webbläsarbolaget AB",
        objekttyp=Objekttyp.FORETAG,
        adress="Testgatan 1",
        kommun=Kommun.objects.get(kod="goteborg"),
        foreslaget_av_organisation=Myndighet.objects.get(kod="skatteverket"),
    )
    kontroll = Kontroll.objects.create(insats=insats, objekt=objekt)
    for typ in ("bekrafta", "inbjudan"):
        handelse = Insatshandelse.objects.create(insats=insats, typ=typ)
        Notis.objects.create(
            mottagare=skv,
            insats=insats,
            handelse=handelse,
            typ=typ,
            kategori="BEKRAFTAD" if typ == "bekrafta" else "INBJUDAN",
            lank=f"/insatser/{insats.pk}/",
        )
    return {"skv": skv, "insats": insats, "kontroll": kontroll}


@pytest.mark.parametrize(
    "sokvag",
    [
        "/kalender/",
        "/kalender/?vy=vecka",
        "/kalender/?vy=lista",
        "/notiser/",
        "/notiser/installningar/",
        "/mina-uppgifter/",
        "/",
    ],
)
def test_pages_pass_axe(lage, live_server, sida, axe_granskning, spara_bild, sokvag):
    logga_in(sida, live_server, lage["skv"])
    sida.goto(f"{live_server.url}{sokvag}")
    spara_bild(sida, "notiser" + sokvag.replace("/", "-").replace("?", "-"))
    assert axe_granskning(sida) == []


def test_the_operation_page_on_the_day_passes_axe(
    lage, live_server, sida, axe_granskning, spara_bild
):
    logga_in(sida, live_server, lage["skv"])
    sida.goto(f"{live_server.url}/insatser/{lage['insats'].pk}/")
    assert sida.get_by_role("button", name="Registrera fyndet").is_visible()
    spara_bild(sida, "notiser-insats-pa-dagen")
    assert axe_granskning(sida) == []


def test_recording_a_finding_swaps_only_the_control(lage, live_server, sida):
    logga_in(sida, live_server, lage["skv"])
    sida.goto(f"{live_server.url}/insatser/{lage['insats'].pk}/")
    sida.evaluate("window.sidanLaddades = true")
    kontroll = sida.locator(f"#kontroll-{lage['kontroll'].pk}")
    kontroll.get_by_label("Beskrivning av fyndet").fill("Svartarbete i köket")
    kontroll.get_by_label("Dela fyndet med de andra deltagarna").check()
    kontroll.get_by_role("button", name="Registrera fyndet").click()
    sida.get_by_text("Fyndet är registrerat.").wait_for()
    assert "Svartarbete i köket" in kontroll.inner_text()
    assert sida.evaluate("window.sidanLaddades") is True, "htmx swapped, no page load"


def test_calendar_navigation_pushes_the_url_and_back_works(lage, live_server, sida):
    logga_in(sida, live_server, lage["skv"])
    sida.goto(f"{live_server.url}/kalender/")
    denna = sida.locator("#kalender-period").inner_text()
    sida.evaluate("window.sidanLaddades = true")
    sida.get_by_role("link", name="Nästa månad").click()
    sida.wait_for_url("**/kalender/?*datum=*")
    assert sida.locator("#kalender-period").inner_text() != denna
    assert sida.evaluate("window.sidanLaddades") is True, "htmx swapped, no page load"
    sida.go_back()
    expect(sida.locator("#kalender-period")).to_have_text(denna)


def test_marking_a_notification_read_updates_the_header(lage, live_server, sida):
    logga_in(sida, live_server, lage["skv"])
    sida.goto(f"{live_server.url}/notiser/")
    assert sida.locator("#notisraknare .raknare").inner_text() == "2"
    sida.get_by_role("button", name="Markera som läst").first.click()
    expect(sida.locator("#notisraknare .raknare")).to_have_text("1")
    assert Notis.objects.filter(last__isnull=True).count() == 1


def test_the_calendar_works_without_javascript(lage, live_server, webblasare):
    context = webblasare.new_context(locale="sv-SE", java_script_enabled=False)
    sida = context.new_page()
    try:
        logga_in(sida, live_server, lage["skv"])
        sida.goto(f"{live_server.url}/kalender/")
        sida.get_by_role("link", name="Lista").click()
        sida.wait_for_url("**/kalender/?vy=lista*")
        assert "INS-B-1" in sida.content()
    finally:
        context.close()
