"""The object pool in a browser: filtering with htmx, marking relevance inline, proposing with the
template swapped in; every page passes axe (WCAG 2.1 AA) and breaks no Content-Security-Policy."""

import pytest

from objekt.models import Myndighetsintresse, Objekt
from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_filters_and_marks_relevance_inline(
    demodata, live_server, sida, axe_granskning, spara_bild
):
    logga_in(sida, live_server, "handlaggare.skv")
    sida.get_by_role("link", name="Objekt", exact=True).click()
    sida.wait_for_url(f"{live_server.url}/objekt/")
    assert axe_granskning(sida) == []
    sida.get_by_label("Reservobjekt").select_option("ja")
    sida.wait_for_url("**/objekt/?*reserv=ja*")
    reserv = Objekt.objects.filter(reserv=True).exclude(status__in=["AVFORT", "AVSLUTAT"])
    sida.get_by_text(f"{reserv.count()} objekt", exact=True).wait_for()
    forsta = sida.locator("table.objektlista tbody tr").first
    namn = forsta.locator("th a").inner_text()
    forsta.locator("summary").click()
    forsta.get_by_label("Relevant för oss", exact=True).check()
    forsta.get_by_label("Motivering").fill("Misstänkt svartarbete i köket")
    with sida.expect_response(lambda svar: "/relevans/" in svar.url) as svar:
        forsta.get_by_role("button", name="Spara bedömningen").click()
    assert svar.value.status == 200
    sida.locator("table.objektlista tbody tr").first.get_by_text(
        "Er bedömning: Relevant för oss"
    ).wait_for()
    assert "reserv=ja" in sida.url, "the filtered list stays"
    markering = Myndighetsintresse.objects.get(objekt__namn=namn, organisation__kod="skatteverket")
    assert markering.grund == "Misstänkt svartarbete i köket"
    sida.go_back()
    sida.wait_for_url(f"{live_server.url}/objekt/")
    assert axe_granskning(sida) == []
    # Last: a screenshot leaves empty style attributes on inputs that a later swap would copy.
    spara_bild(sida, "objektpool-handlaggare")


def test_coordinator_sees_the_object_page_and_proposes_with_the_template(
    demodata, live_server, sida, axe_granskning, spara_bild
):
    """Slow (5 to 10 s): three pages, each run through axe, and two htmx swaps of the form."""
    logga_in(sida, live_server, "samordnare.akc")
    objekt = Objekt.objects.filter(kontroller__isnull=False).first()
    sida.goto(f"{live_server.url}/objekt/{objekt.pk}/")
    spara_bild(sida, "objekt-samordnare")
    assert axe_granskning(sida) == []
    sida.goto(f"{live_server.url}/objekt/nytt/")
    assert axe_granskning(sida) == []
    sida.get_by_label("Objekttyp").select_option("FORETAG")
    sida.get_by_role("button", name="Fortsätt").click()
    sida.get_by_label("Hur objektet kom fram").wait_for()
    with sida.expect_response(lambda svar: "objekttyp=BOENDE" in svar.url):
        sida.get_by_label("Objekttyp (obligatoriskt)").select_option("BOENDE")
    # Both types have the same template fields: filled before the swap, they would be replaced.
    sida.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    sida.get_by_label("Namn (obligatoriskt)").fill("Webbläsarboendet")
    sida.get_by_label("Gatuadress (obligatoriskt)").fill("Webbgatan 5")
    sida.get_by_label("Kommun (obligatoriskt)").select_option("goteborg")
    sida.get_by_label("Stadsområde").select_option("nordost")
    sida.get_by_label("Hur objektet kom fram (obligatoriskt)").select_option("Egen kartläggning")
    sida.get_by_label("Varför en gemensam kontroll (obligatoriskt)").fill("Trångboddhet")
    spara_bild(sida, "nytt-objekt")
    assert axe_granskning(sida) == []
    sida.get_by_role("button", name="Föreslå objektet").click()
    sida.get_by_text("är föreslaget").wait_for()
    objekt = Objekt.objects.get(namn="Webbläsarboendet")
    assert (objekt.objekttyp, objekt.lpo.kod) == ("BOENDE", "nordost")
    assert axe_granskning(sida) == []


def test_import_page_passes_axe(demodata, live_server, sida, axe_granskning, spara_bild):
    logga_in(sida, live_server, "kontakt.skv")
    sida.goto(f"{live_server.url}/objekt/import/")
    spara_bild(sida, "objektimport")
    assert axe_granskning(sida) == []
