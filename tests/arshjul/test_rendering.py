"""The stored files: a valid, accessible SVG with a text equivalent; an ICS calendar; an A3
landscape PDF. And the interactive drawings of the page."""

import re
import zlib
from datetime import date
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from arshjul import lagring, ritning
from arshjul.innehall import Innehall, Post, Ring
from arshjul.models import Arshjulshandelse, Begransningsperiod, Handelsetyp

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def version(akc, bygg):
    return bygg(akc)


def test_the_stored_svg_is_valid_xml_with_a_title_description_and_twelve_months(version):
    rot = ElementTree.fromstring(lagring.las(version, "svg"))
    assert rot.tag == f"{SVG}svg"
    assert rot.get("role") == "img"
    assert rot.get("aria-labelledby") == "hjul-titel hjul-beskrivning"
    titel = rot.find(f"{SVG}title")
    assert titel.get("id") == "hjul-titel"
    assert "AKC-väst: insatser och nätverk" in titel.text
    beskrivning = rot.find(f"{SVG}desc").text
    assert "medurs från januari" in beskrivning
    assert "1 Insatsfönster" in beskrivning
    manader = rot.findall(f"{SVG}g[@class='manad']")
    assert len(manader) == 12
    assert manader[2].find(f"{SVG}title").text.startswith("mars 2026: Insatsfönster")


def test_every_event_and_period_of_the_year_has_a_text_in_the_svg(version):
    rot = ElementTree.fromstring(lagring.las(version, "svg"))
    texter = " ".join(t.text for t in rot.iter(f"{SVG}title"))
    for handelse in Arshjulshandelse.objects.filter(ar=2026):
        assert handelse.titel in texter
    for period in Begransningsperiod.objects.filter(ar=2026):
        assert period.namn in texter
    assert "Midsommardagen" in texter


def test_the_svg_has_no_script_style_or_event_handler(version):
    text = lagring.las(version, "svg").decode()
    assert "<script" not in text
    assert "style=" not in text
    assert not re.search(r"\son[a-z]+=", text)


def test_the_ics_file_holds_the_events_and_periods_with_stable_uids(version, akc, bygg):
    kalender = Calendar.from_ical(lagring.las(version, "ics"))
    handelser = kalender.walk("VEVENT")
    assert len(handelser) == (
        Arshjulshandelse.objects.filter(ar=2026).count()
        + Begransningsperiod.objects.filter(ar=2026).count()
    )
    mote = Arshjulshandelse.objects.filter(typ=Handelsetyp.NATVERKSTRAFF).first()
    [ics_mote] = [h for h in handelser if h["uid"] == f"arshjulshandelse-{mote.pk}@saminsats"]
    assert ics_mote["summary"] == mote.titel
    assert ics_mote.decoded("dtstart") == mote.start
    fonster = next(h for h in handelser if str(h["summary"]).startswith("Insatsfönster"))
    assert type(fonster.decoded("dtstart")) is date, "windows are whole days"
    assert fonster["transp"] == "TRANSPARENT"
    assert kalender["x-wr-calname"] == "AKC-väst: insatser och nätverk 2026"
    Arshjulshandelse.objects.filter(pk=mote.pk).update(titel="Nytt namn", handredigerad=True)
    andra = Calendar.from_ical(lagring.las(bygg(akc), "ics"))
    [samma] = [h for h in andra.walk("VEVENT") if h["uid"] == ics_mote["uid"]]
    assert samma["summary"] == "Nytt namn", "the calendar app updates the event, not a copy"


def sidstorlekar(pdf: bytes) -> set[str]:
    storlekar = set(re.findall(rb"/MediaBox ?\[([^\]]*)\]", pdf))
    for strom in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            storlekar |= set(
                re.findall(rb"/MediaBox ?\[([^\]]*)\]", zlib.decompress(strom.group(1)))
            )
        except zlib.error:
            continue
    return {s.decode().strip() for s in storlekar}


def test_the_pdf_is_a3_landscape(version):
    pdf = lagring.las(version, "pdf")
    assert pdf.startswith(b"%PDF")
    assert sidstorlekar(pdf) == {"0 0 1190.551181 841.889764"}, "420 × 297 mm in points"


def innehall_med(*poster, hjul=("Ett",)) -> Innehall:
    return Innehall(
        2026, [type("H", (), {"namn": n})() for n in hjul], list(poster), date(2026, 3, 15), True
    )


def lankar(manad):
    return {"href": f"/vy/?manad={manad}#manadspanel", "hx_get": f"/vy/?manad={manad}"}


def test_month_segments_are_links_with_accessible_names_on_the_page():
    post = Post(Ring.MOTEN, 0, date(2026, 3, 4), date(2026, 3, 4), "Ledningsgrupp", "Möte")
    rot = ElementTree.fromstring(ritning.cirkel(innehall_med(post), lankar))
    assert rot.get("role") == "group"
    lankar_i_svg = rot.findall(f"{SVG}a")
    assert len(lankar_i_svg) == 12
    mars = lankar_i_svg[2]
    assert mars.get("href") == "/vy/?manad=3#manadspanel"
    assert mars.get("hx-get") == "/vy/?manad=3"
    assert mars.get("hx-push-url") == mars.get("href")
    assert mars.get("aria-label") == "mars 2026: Möten och organ 1"
    assert lankar_i_svg[0].get("aria-label") == "januari 2026: inget planerat"


def test_todays_date_is_marked_in_its_year_only():
    post = Post(Ring.HELGDAGAR, -1, date(2026, 1, 1), date(2026, 1, 1), "Nyårsdagen", "Helgdag")
    assert "I dag, 15 mars" in ritning.cirkel(innehall_med(post))
    assert "I dag, 15 mars" in ritning.tidslinje(innehall_med(post))
    forra = Innehall(2025, [], [], date(2026, 3, 15))
    assert "I dag" not in ritning.cirkel(forra)


def test_overlaid_wheels_get_a_band_each_and_the_timeline_a_row_each():
    forsta = Post(Ring.MOTEN, 0, date(2026, 5, 5), date(2026, 5, 5), "Första", "Möte")
    andra = Post(Ring.MOTEN, 1, date(2026, 5, 5), date(2026, 5, 5), "Andra", "Möte")
    innehall = innehall_med(forsta, andra, hjul=("A", "B"))
    cirkel = ElementTree.fromstring(ritning.cirkel(innehall))
    stigar = {
        p.find(f"{SVG}title").text: p.get("d")
        for p in cirkel.iter(f"{SVG}path")
        if p.find(f"{SVG}title") is not None
    }
    assert stigar["Första: Möte. 5 maj"] != stigar["Andra: Möte. 5 maj"]
    assert "band per årshjul" in cirkel.find(f"{SVG}desc").text
    tidslinje = ritning.tidslinje(innehall)
    assert "Möten och organ (1)" in tidslinje
    assert "Möten och organ (2)" in tidslinje
    ElementTree.fromstring(tidslinje)


def test_numbers_in_the_drawing_are_never_localised(settings):
    settings.LANGUAGE_CODE = "sv"
    post = Post(Ring.FONSTER, 0, date(2026, 3, 9), date(2026, 3, 13), "Fönster", "Insatsfönster")
    text = ritning.cirkel(innehall_med(post))
    for siffror in re.findall(r'd="([^"]+)"', text):
        assert "," not in siffror
