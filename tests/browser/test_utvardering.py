"""The evaluation in the browser: officers of Skatteverket and Arbetsmiljöverket file their
agencies' evaluations of a carried-out operation, the coordinator closes the joint evaluation
with a reason for the police's missing one, and the operation shows Utvärderad; axe finds no
WCAG 2.1 AA violation on the pages."""

import pytest
from playwright.sync_api import expect

from insatser import services as insatstjanster
from insatser.models import Insats
from insatser.workflow import BemanningStatus, InsatsStatus
from tests.browser import logga_in
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
from tests.varld import aktuell_version
from utvardering.models import Gemensamutvardering

pytestmark = pytest.mark.django_db(transaction=True)

BETYG = {
    "Urval av objekt": "P – genomfört utan utmaningar",
    "Information före insatsen": "S – genomfört med vissa utmaningar",
    "Genomgång före insatsen": "P – genomfört utan utmaningar",
    "Polisbemanning": "P – genomfört utan utmaningar",
    "Samordning under dagen": "M – genomfört med stora utmaningar",
    "Informationsdelning": "S – genomfört med vissa utmaningar",
}


@pytest.fixture
def genomford(transactional_db, personer):
    """An operation of AKC-väst yesterday with Skatteverket and Arbetsmiljöverket, staffed by
    LPO City, carried out by its coordinator: its joint evaluation is open."""
    insats = InsatsFabrik(
        titel="Kontroll av biltvättar",
        dagar=-1,
        status=InsatsStatus.BEKRAFTAD,
        lpoer=[lpo("city")],
    )
    for kod in ("skatteverket", "av"):
        DeltagandeFabrik(insats=insats, organisation=org(kod), svar="ACCEPTERAD")
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    insatstjanster.genomfor_insats(personer["samordnare"], insats, version=aktuell_version(insats))
    return insats


def _fyll_i_och_lamna_in(sida, live_server, insats, axe_granskning, timmar: str) -> None:
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/utvardering/")
    assert axe_granskning(sida) == []
    sida.get_by_role("link", name="Fyll i er utvärdering").click()
    assert axe_granskning(sida) == []
    for fraga, svar in BETYG.items():
        sida.get_by_role("group", name=fraga).get_by_label(svar).check()
    sida.get_by_label("Timmar före insatsen").fill(timmar)
    sida.get_by_label("Timmar under insatsen").fill("8")
    sida.get_by_label("Timmar efter insatsen").fill("1.5")
    sida.get_by_role("group", name="Informationshinder ni mötte").get_by_label("Sekretess").check()
    sida.get_by_label("Övriga synpunkter").fill("Tolk saknades vid ett objekt.")
    sida.get_by_role("button", name="Lämna in").click()
    expect(sida.get_by_text("Utvärderingen är inlämnad.", exact=True)).to_be_visible()
    expect(sida.get_by_text("Inga ändringar efter inlämning.")).to_be_visible()
    assert axe_granskning(sida) == []


def test_two_agencies_file_and_the_coordinator_closes(
    genomford, personer, live_server, ny_sida, axe_granskning, spara_bild
):
    """Slow (about 20 s): three logins and seven pages, each run through axe."""
    for vem, timmar in (("skv", "4"), ("av", "2.5")):
        sida = ny_sida()
        logga_in(sida, live_server, personer[vem])
        _fyll_i_och_lamna_in(sida, live_server, genomford, axe_granskning, timmar)

    sam = ny_sida()
    logga_in(sam, live_server, personer["samordnare"])
    sam.goto(f"{live_server.url}/insatser/{genomford.pk}/")
    sam.get_by_role("link", name="Insatsens utvärdering").click()
    tabell = sam.get_by_role("table", name="Myndigheternas utvärderingar")
    expect(tabell.get_by_role("row", name="Skatteverket")).to_contain_text("Inlämnad")
    expect(tabell.get_by_role("row", name="Polismyndigheten")).to_contain_text("Ej påbörjad")
    assert axe_granskning(sam) == []
    spara_bild(sam, "utvardering-avsluta")
    sam.get_by_label("Sammanfattning").fill("Insatsen genomfördes enligt plan.")
    sam.get_by_label("Styrkor").fill("Tydlig genomgång.")
    sam.get_by_role("button", name="Avsluta utvärderingen").click()
    expect(sam.get_by_text("Ange skälet för att avsluta ändå.")).to_be_visible()
    assert axe_granskning(sam) == []
    sam.get_by_label("Skäl för saknade utvärderingar").fill("Polisen hann inte.")
    sam.get_by_role("button", name="Avsluta utvärderingen").click()
    expect(sam.get_by_text("Utvärderingen är avslutad och insatsen är utvärderad.")).to_be_visible()
    assert axe_granskning(sam) == []
    sam.get_by_role("link", name=f"Tillbaka till insatsen {genomford.referens}").click()
    expect(sam.get_by_text("Utvärderad", exact=True).first).to_be_visible()
    assert axe_granskning(sam) == []
    assert Insats.objects.get(pk=genomford.pk).status == InsatsStatus.UTVARDERAD
    assert Gemensamutvardering.objects.get(insats=genomford).status == "AVSLUTAD"
