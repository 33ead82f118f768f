"""The follow-up in a browser, with the demo data: the management group goes from its start page
to the follow-up, filters by an LPO and a quarter, downloads a table as Excel, orders the yearly
report (built in the request: tasks run eagerly here; the worker's own test is elsewhere) and
downloads it; axe finds no WCAG 2.1 AA violation on the page, and the charts are images with
their titles."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser import logga_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_management_group_filters_the_follow_up_and_downloads_excel_and_the_report(
    demodata, live_server, sida, axe_granskning, spara_bild, uppgifter_i_processen
):
    """Slow (about 10 s): the demo data, a browser and one real PDF rendered in the request."""
    ar = timezone.localdate().year
    logga_in(sida, live_server, "ledningsgrupp")
    sida.get_by_role("link", name="Till uppföljningen med filter, diagram och exporter").click()
    expect(sida.get_by_role("heading", level=1)).to_have_text(f"Uppföljning {ar}")
    expect(
        sida.get_by_role("img", name="Insatser per månad: Genomförda", exact=False)
    ).to_be_visible()
    assert axe_granskning(sida) == []

    sida.get_by_label("Lokalpolisområde").select_option(label="City")
    sida.get_by_label("Period").select_option(label="Kvartal 1")
    sida.get_by_role("button", name="Visa").click()
    sida.wait_for_url("**period=K1**")
    expect(sida.get_by_label("Period")).to_have_value("K1")
    assert axe_granskning(sida) == []
    spara_bild(sida, "uppfoljning")

    with sida.expect_download() as nedladdning:
        sida.get_by_role(
            "link", name="Ladda ned Organisationernas andel av insatserna som Excel"
        ).click()
    fil = nedladdning.value
    assert fil.suggested_filename == f"uppfoljning-{ar}-myndigheter.xlsx"
    blad = load_workbook(io.BytesIO(fil.path().read_bytes())).active
    rader = [[c.value for c in rad] for rad in blad.iter_rows()]
    assert rader[0][0] == "Organisationernas andel av insatserna"
    assert rader[2] == ["Organisation", "Insatser", "Andel"]

    sida.get_by_role("button", name=f"Skapa årsrapporten {ar}").click()
    expect(sida.get_by_text("Årsrapporten skapas; det tar en liten stund.")).to_be_visible()
    assert axe_granskning(sida) == []
    with sida.expect_download() as nedladdning:
        sida.get_by_role("link", name="Ladda ned version 1 (PDF)").click()
    fil = nedladdning.value
    assert fil.suggested_filename == f"Arsrapport-{ar}-v1.pdf"
    assert fil.path().read_bytes()[:5] == b"%PDF-"
