"""The yearly report: a PDF of the year's figures, charts and area texts for an audience (the
reader's follow-up scope), ordered on the page and built by Celery, built again by beat on
15 January and when late changes alter the figures (a new version only then), downloaded by
its own audience with an access-log row.

One test reads a real PDF back with pdftotext; the others stand in for the layout
(``snabb_pdf``: the template is rendered, the PDF depends on the HTML).
"""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import pytest

from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from tests.fabriker import org
from tests.uppfoljning import uppfoljningsvarld
from tests.uppfoljning.uppfoljningsvarld import AR
from tests.varld import modulvarld, ny_anvandare
from uppfoljning import services
from uppfoljning.access import malgrupp
from uppfoljning.models import Arsrapport, Arsrapportbygge, Omradesavgransning
from utvardering.models import Resultattyp, Utfall

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def varld(django_db_setup, django_db_blocker, modulens_media):
    with modulvarld(django_db_blocker, modulens_media):
        v = uppfoljningsvarld.bygg()
        v["ledning"] = ny_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        v["ledning2"] = ny_anvandare("ledning2", Roll.LEDNINGSGRUPP, "polisen")
        v["nordost"] = ny_anvandare("ledning.nordost", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        Omradesavgransning.objects.create(anvandare=v["nordost"], stadsomrade=v["s2"])
        v["polisledning"] = ny_anvandare(
            "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        )
        v["handlaggare"] = ny_anvandare("handlaggare", Roll.HANDLAGGARE, "skatteverket")
        yield v


def _bygg(user, fanga, ar=AR) -> Arsrapportbygge:
    with fanga(execute=True):
        return services.bestall_arsrapport(user, ar)


def _versioner(user, ar=AR) -> list[Arsrapport]:
    return list(Arsrapport.objects.filter(ar=ar, malgrupp=malgrupp(user).nyckel()))


def _text(rapport: Arsrapport) -> str:
    with rapport.fil.open("rb") as fil:
        innehall = fil.read()
    resultat = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=innehall,
        capture_output=True,
        check=True,
    )
    return " ".join(resultat.stdout.decode().split())


def test_the_report_holds_the_hand_counted_figures_and_no_single_operation_or_object(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    """Slow (a few seconds): one real PDF, read back with pdftotext."""
    bygge = _bygg(varld["ledning"], django_capture_on_commit_callbacks)
    bygge.refresh_from_db()
    assert bygge.status == Arsrapportbygge.Status.KLAR, bygge.fel
    [rapport] = _versioner(varld["ledning"])
    assert rapport.version == 1
    assert rapport.fil.read()[:5] == b"%PDF-"
    text = _text(rapport)
    assert f"Samverkansinsatserna {AR}" in text
    # The headline figures (tests/uppfoljning/test_siffror.py counts them by hand): 4 planned,
    # 2 carried out, 1 cancelled; 5 controls shown as 3, the objects hidden.
    assert "Planerade insatser 4" in text
    assert "Genomförda insatser 2" in text
    assert "Inställda insatser 1" in text
    assert "Genomförda kontroller 3" in text
    assert "Kontrollerade objekt –" in text
    assert "Skjutning 1" in text
    assert "Arbetslivskriminalitet 2 <3" in text
    assert "Osund konkurrens 2 –" in text
    # The text per area, written out, with the protected counts as words.
    assert "Centrum: 2 insatser med genomförda kontroller, färre än 3 kontrollerade objekt." in text
    assert "Nordost: 1 insats med genomförda kontroller, färre än 3 kontrollerade objekt." in text
    assert "Testområdet: 2 insatser med genomförda kontroller" in text
    assert "2 av 4 områden hade minst en insats" in text
    # The charts are in the file, titled.
    assert "Insatser per månad: Genomförda" in text
    # Aggregates only: no operation, object or company is named.
    for insats in varld["insatser"]:
        assert insats.referens not in text
        assert insats.titel not in text
    for namn in ("Testbolaget", "Testgatan", "O-0"):
        assert namn not in text


snabb = pytest.mark.usefixtures("snabb_pdf")


@snabb
def test_a_rebuild_with_unchanged_figures_adds_no_version(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    _bygg(varld["ledning"], django_capture_on_commit_callbacks)
    bygge = _bygg(varld["ledning"], django_capture_on_commit_callbacks)
    bygge.refresh_from_db()
    assert (bygge.status, bygge.nummer) == (Arsrapportbygge.Status.KLAR, 2)
    assert [r.version for r in _versioner(varld["ledning"])] == [1]
    # A member of the management group from another organisation reads the same report.
    assert _versioner(varld["ledning2"]) == _versioner(varld["ledning"])
    # A redelivered task for a request already built does nothing.
    assert services.bygg_arsrapport(bygge.pk, 2) == "redan klart"
    assert services.bygg_arsrapport(bygge.pk, 1) == "ersatt"


@snabb
def test_a_late_outcome_makes_a_new_version_at_night(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    _bygg(varld["ledning"], django_capture_on_commit_callbacks)
    idag = date(AR + 1, 3, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.bestall_andrade_rapporter(idag) == 0
    insats = varld["insatser"][1]
    Utfall.objects.create(
        insats=insats,
        organisation=org("av"),
        typ=Resultattyp.objects.get(kod="beslag"),
        belopp=Decimal(5000),
        beslutsdatum=idag,
        synlighet=Utfall.Synlighet.AGGREGAT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.bestall_andrade_rapporter(idag) == 1
    versioner = _versioner(varld["ledning"])
    assert [r.version for r in versioner] == [2, 1]
    assert versioner[0].dataversion != versioner[1].dataversion
    with django_capture_on_commit_callbacks(execute=True):
        assert services.bestall_andrade_rapporter(idag) == 0
    # Reports of years long past are not looked at.
    assert services.bestall_andrade_rapporter(date(AR + 10, 1, 1)) == 0


@snabb
def test_on_15_january_last_years_reports_are_ordered(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    _bygg(varld["nordost"], django_capture_on_commit_callbacks, ar=AR - 1)
    with django_capture_on_commit_callbacks(execute=True):
        # The management group's, and the area's that had a report before.
        assert services.bestall_forra_arets_rapporter(date(AR + 1, 1, 15)) == 2
    assert len(_versioner(varld["ledning"])) == 1
    assert len(_versioner(varld["nordost"])) == 1


@snabb
def test_an_audience_limited_to_an_area_gets_its_own_report(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks, client
):
    _bygg(varld["ledning"], django_capture_on_commit_callbacks)
    _bygg(varld["nordost"], django_capture_on_commit_callbacks)
    [hela] = _versioner(varld["ledning"])
    [nordost] = _versioner(varld["nordost"])
    assert hela.dataversion != nordost.dataversion
    assert "Nordost" in nordost.malgruppstext
    # Each audience downloads its own report only; another's is missing to it.
    client.force_login(varld["nordost"])
    assert client.get(f"/uppfoljning/arsrapporter/{hela.pk}/pdf/").status_code == 404
    svar = client.get(f"/uppfoljning/arsrapporter/{nordost.pk}/pdf/")
    assert svar.status_code == 200
    client.force_login(varld["polisledning"])
    assert client.get(f"/uppfoljning/arsrapporter/{hela.pk}/pdf/").status_code == 404


@snabb
def test_ordered_on_the_page_and_downloaded_with_a_log_row(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks, client
):
    client.force_login(varld["ledning"])
    sida = client.get("/uppfoljning/", {"ar": AR}).content.decode()
    assert "Ingen årsrapport har skapats för året än." in sida
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post("/uppfoljning/arsrapport/", {"ar": AR})
    assert svar.status_code == 302
    assert svar["Location"] == f"/uppfoljning/?ar={AR}#arsrapport"
    [rapport] = _versioner(varld["ledning"])
    sida = client.get("/uppfoljning/", {"ar": AR}).content.decode()
    assert f"/uppfoljning/arsrapporter/{rapport.pk}/pdf/" in sida
    svar = client.get(f"/uppfoljning/arsrapporter/{rapport.pk}/pdf/")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert f"Arsrapport-{AR}-v1.pdf" in svar["Content-Disposition"]
    b"".join(svar.streaming_content)
    logg = Atkomstlogg.objects.get(objekttyp="uppfoljning.arsrapport", objekt_id=str(rapport.pk))
    assert (logg.anvandarnamn, logg.handling) == ("ledning", Atkomstlogg.Handling.LADDA_NED)


@pytest.mark.parametrize("ar", ["", "abc", "1999", str(date.today().year + 1)])
def test_a_bad_year_is_refused_with_a_message_and_nothing_is_ordered(varld, client, ar):
    client.force_login(varld["ledning"])
    svar = client.post("/uppfoljning/arsrapport/", {"ar": ar}, follow=True)
    assert svar.status_code == 200
    assert list(svar.context["messages"])
    assert not Arsrapportbygge.objects.exists()


def test_those_who_do_not_follow_up_cannot_order(varld, client):
    client.force_login(varld["handlaggare"])
    assert client.post("/uppfoljning/arsrapport/", {"ar": AR}).status_code == 403
    assert not Arsrapportbygge.objects.exists()
