"""Skatteverket's officer adds what Skatteverket knows about an object of a coming operation and
releases it to Arbetsmiljöverket by name; the coordinator has the briefings built; Arbetsmiljö-
verket's briefing holds it and Miljöförvaltningen's does not. axe finds no WCAG 2.1 AA violation
on the agencies' information page or on a profile page."""

import subprocess

import pytest
from django.db.models import Count, Q
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Deltagande, Informationsunderlag, Insats, Underlagsbygge
from insatser.services.underlag import bygg_underlag
from insatser.workflow import AKTIVA_FORE_GENOMFORANDE
from objekt.models import Objekttyp
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)

NOTERING = "Kassaapparaten står under disken i köket"
TRE = ("skatteverket", "av", "miljoforvaltningen")


@pytest.fixture
def kommande(demodata):
    """A coming operation of AKC-väst that Skatteverket, Arbetsmiljöverket and Miljö-
    förvaltningen take part in, with a company among its objects."""
    deltar = Q(
        deltaganden__organisation__kod__in=TRE,
        deltaganden__svar__in=[Deltagande.Svar.INBJUDEN, Deltagande.Svar.ACCEPTERAD],
    )
    insats = (
        Insats.objects.filter(
            samordnande_organisation__kod="akc-vast",
            start__gt=timezone.now(),
            status__in=AKTIVA_FORE_GENOMFORANDE,
            kontroller__objekt__objekttyp=Objekttyp.FORETAG,
        )
        .annotate(antal=Count("deltaganden", filter=deltar, distinct=True))
        .filter(antal=len(TRE))
        .order_by("start")
        .first()
    )
    assert insats is not None, "the demo data has such an operation"
    return insats


def _briefing_text(insats, organisation_kod) -> str:
    underlag = Informationsunderlag.objects.get(
        insats=insats,
        organisation__kod=organisation_kod,
        status=Informationsunderlag.Status.AKTUELL,
    )
    with underlag.fil.open("rb") as fil:
        resultat = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
            input=fil.read(),
            capture_output=True,
            check=True,
        )
    return " ".join(resultat.stdout.decode().split())


def test_a_release_reaches_the_named_agencys_briefing_only(
    kommande, live_server, ny_sida, axe_granskning, spara_bild
):
    url = live_server.url
    kontroll = kommande.kontroller.filter(objekt__objekttyp=Objekttyp.FORETAG).first()

    skv = ny_sida()
    logga_in(skv, live_server, "handlaggare.skv")
    skv.goto(f"{url}/insatser/{kommande.pk}/")
    skv.get_by_role(
        "link", name="Lägg till, frisläpp och återkalla er organisations uppgifter"
    ).click()
    expect(skv.get_by_role("heading", name="Myndigheternas uppgifter", exact=True)).to_be_visible()
    assert axe_granskning(skv) == []
    avsnitt = skv.locator(f"section[aria-labelledby='kontroll-{kontroll.pk}']")
    avsnitt.get_by_text("Lägg till er organisations uppgifter om objektet").click()
    avsnitt.get_by_label("Godkänd för F-skatt").select_option(label="Ja")
    avsnitt.get_by_label("Noteringar inför kontrollen").fill(NOTERING)
    avsnitt.get_by_role("button", name="Spara som utkast").click()
    expect(skv.get_by_text("Uppgiften är sparad som utkast.")).to_be_visible()

    utkast = skv.locator("article.uppgift", has_text=NOTERING)
    expect(utkast.get_by_text("Utkast, bara er organisation ser den")).to_be_visible()
    utkast.get_by_label("Delningsgrund").select_option(
        label="10 kap. 28 § OSL (uppgiftsskyldighet)"
    )
    utkast.get_by_label("Namngivna organisationer", exact=True).check()
    utkast.get_by_label("Arbetsmiljöverket").check()
    utkast.get_by_role("button", name="Frisläpp", exact=True).click()
    expect(skv.get_by_text("Uppgiften är frisläppt. Underlagen byggs om.")).to_be_visible()
    spara_bild(skv, "myndighetsuppgifter-frislappt")
    assert axe_granskning(skv) == []

    samordnare = ny_sida()
    logga_in(samordnare, live_server, "samordnare.akc")
    samordnare.goto(f"{url}/insatser/{kommande.pk}/")
    samordnare.get_by_role("button", name="Bygg underlagen på nytt").click()
    # The worker's part, run here: the build the coordinator asked for.
    nummer = Underlagsbygge.objects.get(insats=kommande).nummer
    assert bygg_underlag(kommande.pk, nummer, "webblasartest", 180) == "byggt"

    av = ny_sida()
    logga_in(av, live_server, "handlaggare.av")
    av.goto(f"{url}/insatser/{kommande.pk}/myndighetsuppgifter/")
    expect(av.get_by_text(NOTERING)).to_be_visible()
    assert NOTERING in _briefing_text(kommande, "av")

    miljo = ny_sida()
    logga_in(miljo, live_server, "samordnare.miljo")
    miljo.goto(f"{url}/insatser/{kommande.pk}/myndighetsuppgifter/")
    expect(miljo.get_by_text(NOTERING)).to_have_count(0)
    assert NOTERING not in _briefing_text(kommande, "miljoforvaltningen")


def test_the_profile_pages_pass_axe_on_a_phone(demodata, live_server, sida, axe_granskning):
    """Skatteverket's focal point reads the list and its profile, and changes the profile."""
    sida.set_viewport_size({"width": 375, "height": 800})
    logga_in(sida, live_server, "kontakt.skv")
    sida.goto(f"{live_server.url}/organisationer/")
    assert axe_granskning(sida) == []
    sida.get_by_role("link", name="Skatteverket", exact=True).click()
    expect(sida.get_by_text("10 kap. 28 § OSL (uppgiftsskyldighet)").first).to_be_visible()
    assert axe_granskning(sida) == []
    assert sida.evaluate("document.documentElement.scrollWidth") <= 375
    sida.get_by_role("link", name="Ändra profilen").click()
    assert axe_granskning(sida) == []
    sida.get_by_label("Kontaktvägar").fill("Kontrollfunktionen Väst, 010-574 00 00")
    sida.get_by_role("button", name="Spara").click()
    expect(sida.get_by_text("Profilen är sparad.")).to_be_visible()
    expect(sida.get_by_text("Kontrollfunktionen Väst, 010-574 00 00")).to_be_visible()
