"""Exports of the follow-up: each one has a row the access log names; a view that reads many
operations is exported by Celery, with its progress on a page of its own that only its orderer
sees."""

from __future__ import annotations

import pytest

from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from tests.uppfoljning import uppfoljningsvarld
from tests.uppfoljning.uppfoljningsvarld import AR
from tests.varld import modulvarld, ny_anvandare
from uppfoljning import services
from uppfoljning.models import Exportjobb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def varld(django_db_setup, django_db_blocker, modulens_media):
    with modulvarld(django_db_blocker, modulens_media):
        v = uppfoljningsvarld.bygg()
        v["ledning"] = ny_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        v["ledning2"] = ny_anvandare("ledning2", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        yield v


def _logg(jobb: Exportjobb) -> Atkomstlogg:
    return Atkomstlogg.objects.get(objekttyp="uppfoljning.exportjobb", objekt_id=str(jobb.pk))


def test_a_small_export_is_built_in_the_request_and_logged(varld, client):
    client.force_login(varld["ledning"])
    svar = client.get("/uppfoljning/export/kategorier.csv", {"ar": AR})
    assert svar.status_code == 200
    jobb = Exportjobb.objects.get()
    assert (jobb.tabell, jobb.format, jobb.status) == ("kategorier", "csv", "KLAR")
    assert jobb.fraga == f"ar={AR}"
    logg = _logg(jobb)
    assert (logg.anvandarnamn, logg.handling) == ("ledning", Atkomstlogg.Handling.EXPORTERA)


def test_a_large_export_runs_in_celery_and_its_page_shows_the_progress(
    varld, client, monkeypatch, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "EXPORTJOBB_FRAN", 3)
    client.force_login(varld["ledning"])
    with django_capture_on_commit_callbacks(execute=False) as koade:
        svar = client.get("/uppfoljning/export/stadsomraden.xlsx", {"ar": AR})
    jobb = Exportjobb.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == f"/uppfoljning/exporter/{jobb.pk}/"
    assert _logg(jobb).handling == Atkomstlogg.Handling.EXPORTERA
    sida = client.get(svar["Location"]).content.decode()
    assert "0 % klart" in sida
    assert "/fil/" not in sida
    assert client.get(f"/uppfoljning/exporter/{jobb.pk}/fil/").status_code == 404

    for callback in koade:
        callback()
    jobb.refresh_from_db()
    assert (jobb.status, jobb.framsteg) == ("KLAR", 100)
    sida = client.get(f"/uppfoljning/exporter/{jobb.pk}/").content.decode()
    assert "100 % klart" in sida
    fil = client.get(f"/uppfoljning/exporter/{jobb.pk}/fil/")
    assert fil.status_code == 200
    assert 'filename="uppfoljning-stadsomraden.xlsx"' in fil["Content-Disposition"]
    assert b"".join(fil.streaming_content)[:2] == b"PK"
    # A repeated task does nothing; another member of the group does not see the job.
    assert services.bygg_export(jobb.pk) == "redan klart"
    client.force_login(varld["ledning2"])
    assert client.get(f"/uppfoljning/exporter/{jobb.pk}/").status_code == 404


def test_an_unknown_table_or_format_is_missing_and_nothing_is_logged(varld, client):
    client.force_login(varld["ledning"])
    assert client.get("/uppfoljning/export/okand.csv").status_code == 404
    assert client.get("/uppfoljning/export/kategorier.pdf").status_code == 404
    assert not Exportjobb.objects.exists()
