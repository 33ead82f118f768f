"""The operations on the wheel: the windows' counts in every output, and the outputs built for
one reader (the page's SVG, the calendar feed) naming the operations that reader may see, each
with its lead-time status; the files for everyone (SVG, PDF, ICS of a version) give counts only.
Real PDFs, read back with pdftotext (the PDF's text is what is under test)."""

import subprocess
import tempfile

import pytest

from arshjul import lagring
from arshjul.services.prenumeration import skapa_prenumeration
from tests.arshjul import test_sidor
from tests.arshjul.test_sidor import AR, hamta, kalender

# The pages' world of test_sidor (a wheel with two windows, an operation made from one, another
# in the other's LPO and days), and its published versions.
pytestmark = pytest.mark.django_db
varld = test_sidor.varld
publicerade = test_sidor.publicerade
VY = f"/arshjul/vy/?ar={AR}&hjul=testhjul"
T1 = "T-1 Insats med Skatteverket"
T2 = "T-2 Insats utan Skatteverket"


def pdftext(innehall: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fil:
        fil.write(innehall)
        fil.flush()
        return subprocess.run(
            ["pdftotext", "-layout", fil.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def svg_pa_sidan(text: str) -> str:
    return text.split('<svg xmlns="http://www.w3.org/2000/svg"', 1)[1].split("</svg>", 1)[0]


def test_the_files_for_everyone_count_the_windows_operations_and_name_none(publicerade):
    version = publicerade["hjul"]
    svg = lagring.las(version, "svg").decode()
    ics = lagring.las(version, "ics").decode()
    pdf = " ".join(pdftext(lagring.las(version, "pdf")).split())
    for text in (svg, ics.replace("\r\n ", "").replace("\\,", ","), pdf):
        assert "LPO City, kapacitet 3, planerade 1" in text, "planned from the window"
        assert "LPO Nordost, kapacitet 3, planerade 1" in text, "in its LPO and days"
        assert "Insats med Skatteverket" not in text
        assert "Insats utan Skatteverket" not in text


@pytest.mark.parametrize(
    ("roll", "ser", "ser_inte"),
    [
        ("SAMORDNARE", [T1, T2], []),
        ("HANDLAGGARE", [T1], [T2]),
        ("POLISLEDNING", [], [T1, T2]),
    ],
)
def test_the_pages_svg_names_the_operations_the_reader_may_see_with_lead_time(
    client, varld, roll, ser, ser_inte
):
    _, text = hamta(client, varld[roll], VY)
    svg = svg_pa_sidan(text)
    for namn in ser:
        assert f"{namn} (sen)" in svg, "past its lead times with no staffing requested in time"
    for namn in ser_inte:
        assert namn not in text


def test_a_window_on_the_page_names_the_operations_in_it(client, varld):
    _, text = hamta(client, varld["SAMORDNARE"], VY + "&manad=3")
    assert f"planerade 1. Insatser: {T1} (sen)" in text
    _, handlaggare = hamta(client, varld["HANDLAGGARE"], VY + "&manad=3")
    assert T2 not in handlaggare


def test_the_feed_names_the_operations_its_reader_may_see_and_no_other(client, varld, publicerade):
    _, samordnare = kalender(client, skapa_prenumeration(varld["SAMORDNARE"]))
    titlar = {str(h["summary"]): h for h in samordnare.walk("VEVENT")}
    assert {T1, T2} <= set(titlar)
    assert "(sen)" in str(titlar[T1]["description"])
    _, ledning = kalender(client, skapa_prenumeration(varld["POLISLEDNING"]))
    summor = " ".join(str(h["summary"]) for h in ledning.walk("VEVENT"))
    assert "Fönster City" in summor
    assert "T-1" not in summor
    assert "T-2" not in summor
