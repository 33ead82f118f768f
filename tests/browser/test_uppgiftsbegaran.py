"""A request for information between two agencies, in the browser on a phone: Skatteverket's
officer asks Arbetsmiljöverket about an object, Arbetsmiljöverket's officer sees the request and
answers it, and Skatteverket reads the answer; axe finds no WCAG 2.1 AA violation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Deltagande, Insats, Kontroll, Uppgiftsbegaran
from insatser.workflow import InsatsStatus, UppgiftsbegaranStatus
from myndigheter.models import Kommun, Myndighet
from myndigheter.roles import Roll
from objekt.models import Objekt, Objekttyp

pytestmark = pytest.mark.django_db(transaction=True)

LOSENORD = "test-losen-123"
TELEFON = {"width": 390, "height": 844}
FRAGA = "Har ni haft hot mot inspektörer på restaurangen?"


@pytest.fixture
def lage(transactional_db, skapa_anvandare):
    start = timezone.now() + timedelta(days=7)
    insats = Insats.objects.create(
        referens="INS-B-1",
        titel="Restauranger i Nordost",
        samordnande_organisation=Myndighet.objects.get(kod="akc-vast"),
        start=start,
        slut=start + timedelta(hours=3),
        status=InsatsStatus.PLANERAD,
    )
    for kod in ("skatteverket", "av"):
        Deltagande.objects.create(
            insats=insats,
            organisation=Myndighet.objects.get(kod=kod),
            svar=Deltagande.Svar.ACCEPTERAD,
        )
    objekt = Objekt.objects.create(
        referens="B-1",
        namn="Frågebolaget AB",
        objekttyp=Objekttyp.FORETAG,
        adress="Frågegatan 1",
        kommun=Kommun.objects.get(kod="goteborg"),
        foreslaget_av_organisation=Myndighet.objects.get(kod="skatteverket"),
    )
    Kontroll.objects.create(insats=insats, objekt=objekt)
    return {
        "insats": insats,
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
    }


def _pa_sidan(ny_sida, live_server, anvandare, insats):
    sida = ny_sida()
    sida.set_viewport_size(TELEFON)
    sida.goto(f"{live_server.url}/logga-in/")
    sida.get_by_label("Användarnamn").fill(anvandare.username)
    sida.get_by_label("Lösenord").fill(LOSENORD)
    sida.get_by_role("button", name="Logga in").click()
    sida.wait_for_url(f"{live_server.url}/")
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/myndighetsuppgifter/")
    return sida


def test_skatteverket_asks_arbetsmiljoverket_which_answers(
    lage, live_server, ny_sida, axe_granskning, spara_bild
):
    """Slow (5-10 s): two people log in and go through the journey in a real browser, with axe
    run three times."""
    insats = lage["insats"]
    skv = _pa_sidan(ny_sida, live_server, lage["skv"], insats)
    assert axe_granskning(skv) == []
    skv.get_by_label("Vilken organisation frågar ni?").select_option(label="Arbetsmiljöverket")
    skv.get_by_label("Om vilket objekt?").select_option(label="Frågebolaget AB (B-1)")
    skv.get_by_label("Vad vill ni veta?").fill(FRAGA)
    skv.get_by_role("button", name="Skicka begäran").click()
    expect(skv.get_by_text("Begäran är skickad")).to_be_visible()
    begaran = Uppgiftsbegaran.objects.get()

    av = _pa_sidan(ny_sida, live_server, lage["av"], insats)
    artikel = av.locator(f"#begaran-{begaran.pk}")
    expect(artikel).to_contain_text(FRAGA)
    artikel.get_by_text("Besvara begäran").click()
    assert axe_granskning(av) == []
    spara_bild(av, "uppgiftsbegaran-telefon")
    artikel.get_by_label("Svar", exact=True).fill("Ja, 2024. Gå in två och två.")
    artikel.get_by_role("button", name="Skicka svaret").click()
    expect(av.get_by_text("Begäran är besvarad")).to_be_visible()
    assert Uppgiftsbegaran.objects.get().status == UppgiftsbegaranStatus.BESVARAD

    skv.reload()
    expect(skv.locator(f"#begaran-{begaran.pk}")).to_contain_text("Gå in två och två.")
    assert axe_granskning(skv) == []
