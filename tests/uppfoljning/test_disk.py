"""The disk for generated files full while a yearly report or an export is written: the build
waits with the reason on its page (never a 500), the task is tried again, and once there is
space the file is written once, with nothing half-written left behind."""

from __future__ import annotations

import pytest

from karna.uppgifter import DiskenFull
from myndigheter.roles import Roll
from tests.uppfoljning import uppfoljningsvarld
from tests.uppfoljning.uppfoljningsvarld import AR
from tests.varld import modulvarld, ny_anvandare
from uppfoljning import services
from uppfoljning.models import Arsrapport, Arsrapportbygge, Exportjobb
from uppfoljning.tasks import bygg_arsrapport, bygg_export

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
FULL = "Disken för genererade filer är full."
FEL = "DiskenFull: [Errno 28] the disk for generated files is full"


@pytest.fixture(scope="module")
def varld(django_db_setup, django_db_blocker, modulens_media):
    with modulvarld(django_db_blocker, modulens_media):
        v = uppfoljningsvarld.bygg()
        v["ledning"] = ny_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        yield v


def _filer(mapp) -> list[str]:
    return sorted(str(f) for f in mapp.rglob("*.*")) if mapp.exists() else []


def test_a_yearly_report_waits_on_a_full_disk_then_is_written_once(
    varld, full_disk, tillfalliga_filer, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=False):
        bygge = services.bestall_arsrapport(varld["ledning"], AR)
    full_disk["antal"] = 1000
    assert isinstance(bygg_arsrapport.apply(args=[bygge.pk, bygge.nummer]).result, DiskenFull)
    bygge.refresh_from_db()
    assert (bygge.status, bygge.fel) == (Arsrapportbygge.Status.BYGGER, FEL)
    assert not Arsrapport.objects.exists()
    assert _filer(tillfalliga_filer / "arsrapporter") == [], "no half-written file is left"
    client.force_login(varld["ledning"])
    sida = client.get("/uppfoljning/", {"ar": AR})
    assert sida.status_code == 200
    assert FULL in sida.content.decode()

    full_disk["antal"] = 1
    bygg_arsrapport.apply(args=[bygge.pk, bygge.nummer])
    bygge.refresh_from_db()
    assert bygge.status == Arsrapportbygge.Status.KLAR
    (rapport,) = Arsrapport.objects.all()
    assert _filer(tillfalliga_filer / "arsrapporter") == [str(tillfalliga_filer / rapport.fil.name)]
    assert FULL not in client.get("/uppfoljning/", {"ar": AR}).content.decode()


def test_an_export_waits_on_a_full_disk_then_is_written_once(
    varld, full_disk, tillfalliga_filer, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=False):
        jobb = services.bestall_export(varld["ledning"], "stadsomraden", "xlsx", f"ar={AR}")
    full_disk["antal"] = 1000
    assert isinstance(bygg_export.apply(args=[jobb.pk]).result, DiskenFull)
    jobb.refresh_from_db()
    assert (jobb.status, jobb.fel) == (Exportjobb.Status.BYGGER, FEL)
    assert not jobb.fil
    assert _filer(tillfalliga_filer / "exporter") == [], "no half-written file is left"
    client.force_login(varld["ledning"])
    sida = client.get(f"/uppfoljning/exporter/{jobb.pk}/")
    assert sida.status_code == 200
    assert FULL in sida.content.decode()

    full_disk["antal"] = 1
    bygg_export.apply(args=[jobb.pk])
    jobb.refresh_from_db()
    assert jobb.status == Exportjobb.Status.KLAR
    assert _filer(tillfalliga_filer / "exporter") == [str(tillfalliga_filer / jobb.fil.name)]
    assert client.get(f"/uppfoljning/exporter/{jobb.pk}/fil/").status_code == 200
