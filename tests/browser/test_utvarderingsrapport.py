"""The whole evaluation in the browser, on the demo data: officers of Skatteverket and
Arbetsmiljöverket file their agencies' evaluations and record an outcome each, Arbetsmiljöverket's
officer gives anonymous feedback, the coordinator records an improvement item for the inspected
object and closes the joint evaluation; the operation shows Utvärderad, the coordinator downloads
the organisation's evaluation report, and the improvement item shows among the add-object
picker's reasons when the coordinator plans the next operation. axe finds no WCAG 2.1 AA
violation on any page."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from insatser import services as insatstjanster
from insatser.models import Insats
from insatser.workflow import BemanningStatus, InsatsStatus, KontrollStatus
from myndigheter.models import Kommun
from objekt.models import Objekt
from tests.browser import logga_in
from tests.browser.test_utvardering import _fyll_i_och_lamna_in
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from utvardering import services
from utvardering.models import Forbattringsomrade, Utvarderingsrapport

pytestmark = pytest.mark.django_db(transaction=True)

OBJEKT = "Förbättringsbilens tvätt AB"
FORBATTRING = "Tolk ska bokas i förväg till biltvättar."


@pytest.fixture
def genomford(demodata):
    """AKC-väst's operation yesterday at one car wash, with Skatteverket and Arbetsmiljöverket,
    staffed by LPO City: carried out, its joint evaluation open."""
    objekt = ObjektFabrik(namn=OBJEKT, foreslaget_av_organisation=org("akc-vast"))
    insats = InsatsFabrik(
        titel="Kontroll av biltvättar",
        samordnande_organisation=org("akc-vast"),
        dagar=-1,
        status=InsatsStatus.GENOMFORD,
        lpoer=[lpo("city")],
    )
    KontrollFabrik(insats=insats, objekt=objekt, status=KontrollStatus.GENOMFORD)
    for kod in ("skatteverket", "av"):
        DeltagandeFabrik(insats=insats, organisation=org(kod), svar="ACCEPTERAD")
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    services.oppna_utvardering(insats)
    return insats


def _nasta_insats():
    """The coordinator's next operation in LPO City, proposed, with the same agencies invited."""
    samordnare = User.objects.get(username="samordnare.akc")
    start = timezone.now() + timedelta(days=30)
    insats = insatstjanster.skapa_insats(
        user=samordnare,
        titel="Ny kontroll av biltvättar",
        start=start,
        slut=start + timedelta(hours=4),
        lpoer=[lpo("city")],
        kommuner=Kommun.objects.filter(kod="goteborg"),
    )
    for kod in ("skatteverket", "av"):
        insatstjanster.bjud_in(samordnare, insats, org(kod))
    return insats


def _registrera_utfall(sida, live_server, insats, axe_granskning, typ, belopp, synlighet):
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/utfall/")
    formular = sida.get_by_role("region", name="Registrera ett utfall för din organisation")
    formular.get_by_label("Typ av utfall").select_option(label=typ)
    formular.get_by_label("Belopp i kronor").fill(belopp)
    formular.get_by_label("Beslutsdatum").fill(timezone.localdate().isoformat())
    formular.get_by_label(synlighet).check()
    formular.get_by_role("button", name="Registrera utfallet").click()
    expect(sida.get_by_text("Utfallet är registrerat.")).to_be_visible()
    assert axe_granskning(sida) == []


def test_agencies_evaluate_the_coordinator_closes_and_plans_again_with_the_report(
    genomford, live_server, ny_sida, axe_granskning, uppgifter_i_processen, spara_bild
):
    """Slow (about 40 s): four logins, some fifteen pages through axe, and the reports of four
    organisations rendered by WeasyPrint when the evaluation closes."""
    insats = genomford
    for vem, timmar, typ, synlighet in (
        ("handlaggare.skv", "4", "Skattetillägg", "Insatsens deltagare"),
        ("handlaggare.av", "2.5", "Sanktionsavgift", "Den egna organisationen"),
    ):
        sida = ny_sida()
        logga_in(sida, live_server, vem)
        _fyll_i_och_lamna_in(sida, live_server, insats, axe_granskning, timmar)
        _registrera_utfall(sida, live_server, insats, axe_granskning, typ, "25000", synlighet)
    sida.get_by_label("2", exact=True).check()
    sida.get_by_label("Kommentar").fill("Tolken kom sent.")
    sida.get_by_label("Lämna återkopplingen anonymt").check()
    sida.get_by_role("button", name="Skicka återkopplingen").click()
    expect(sida.get_by_text("Tack för din återkoppling.")).to_be_visible()
    assert axe_granskning(sida) == []

    sam = ny_sida()
    logga_in(sam, live_server, "samordnare.akc")
    sam.goto(f"{live_server.url}/insatser/{insats.pk}/utfall/")
    expect(sam.get_by_role("row").filter(has_text="Tolken kom sent.")).to_contain_text("Anonym")
    expect(sam.get_by_text("Sanktionsavgift")).to_have_count(0)
    assert axe_granskning(sam) == []
    sam.goto(f"{live_server.url}/utvardering/insatser/{insats.pk}/forbattringsomraden/")
    ny = sam.get_by_role("region", name="Registrera ett förbättringsområde")
    ny.get_by_label("Förbättringsområde").fill(FORBATTRING)
    ny.get_by_label("Ansvarig organisation").select_option(label="Skatteverket")
    ny.get_by_label("Gäller objekt").select_option(label=str(Objekt.objects.get(namn=OBJEKT)))
    ny.get_by_role("button", name="Registrera", exact=True).click()
    expect(sam.get_by_role("cell", name=FORBATTRING, exact=True)).to_be_visible()
    assert axe_granskning(sam) == []

    sam.goto(f"{live_server.url}/insatser/{insats.pk}/utvardering/")
    sam.get_by_label("Sammanfattning").fill("Insatsen genomfördes enligt plan.")
    sam.get_by_label("Styrkor").fill("Tydlig genomgång.")
    sam.get_by_label("Skäl för saknade utvärderingar").fill("Polisen hann inte.")
    sam.get_by_role("button", name="Avsluta utvärderingen").click()
    expect(sam.get_by_text("Utvärderingen är avslutad och insatsen är utvärderad.")).to_be_visible()
    # Closing built the reports (in process here; the worker with make run).
    rapport = sam.get_by_role("region", name="Utvärderingsrapport")
    expect(rapport).to_contain_text("Klar")
    lank = rapport.get_by_role("link", name=re.compile("Ladda ned utvärderingsrapporten"))
    assert axe_granskning(sam) == []
    spara_bild(sam, "utvardering-rapport")
    with sam.expect_download() as nedladdning:
        lank.click()
    with open(nedladdning.value.path(), "rb") as fil:
        assert fil.read(5) == b"%PDF-"
    assert (
        Utvarderingsrapport.objects.filter(
            utvardering__insats=insats, status=Utvarderingsrapport.Status.AKTUELL
        ).count()
        == 4
    )

    sam.get_by_role("link", name=f"Tillbaka till insatsen {insats.referens}").click()
    expect(sam.get_by_text("Utvärderad", exact=True).first).to_be_visible()
    assert axe_granskning(sam) == []
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.UTVARDERAD

    nasta = _nasta_insats()
    sam.goto(f"{live_server.url}/insatser/{nasta.pk}/objekt/valj/?q={OBJEKT}")
    rad = sam.locator("ol.rangordning > li").filter(has_text=OBJEKT)
    expect(rad.locator(".skal")).to_contain_text("1 öppet förbättringsområde")
    assert axe_granskning(sam) == []
    rad.get_by_role("button", name=f"Lägg till {OBJEKT}", exact=True).click()
    sam.get_by_text("Objektet är tillagt.").wait_for()
    sam.goto(f"{live_server.url}/insatser/{nasta.pk}/")
    avsnitt = sam.get_by_role("region", name="Öppna förbättringsområden från tidigare insatser")
    expect(avsnitt).to_contain_text(FORBATTRING)
    assert axe_granskning(sam) == []
    assert Forbattringsomrade.objects.get(text=FORBATTRING).status == "OPPEN"
