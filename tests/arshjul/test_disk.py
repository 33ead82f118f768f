"""The disk for generated files full while a wheel is rendered: the version waits with the
reason on its status page, the task is tried again, and once there is space each file is
written once, with nothing half-written left behind."""

import pytest
from django.core.files.storage import default_storage

from arshjul.models import Arshjulsversion
from arshjul.services import bygge
from arshjul.services.ombyggnad import begar_ombyggnad
from arshjul.tasks import rendera_arshjul
from arshjul.workflow import VersionStatus
from karna.uppgifter import DiskenFull
from myndigheter.roles import Roll
from tests.arshjul.conftest import AR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
FULL = "Disken för genererade filer är full."


def _filer(mapp) -> list:
    return (
        sorted(str(f) for f in (mapp / "arshjul").rglob("*.*"))
        if (mapp / "arshjul").exists()
        else []
    )


def test_a_full_disk_leaves_the_version_waiting_then_it_is_written_once(
    akc, full_disk, tillfalliga_filer, client, skapa_anvandare
):
    rad = begar_ombyggnad(akc.pk, AR)
    version_id = bygge.bygg(rad.pk, rad.begaran)
    full_disk["antal"] = 1000
    resultat = rendera_arshjul.apply(args=[version_id])
    assert isinstance(resultat.result, DiskenFull)
    version = Arshjulsversion.objects.get(pk=version_id)
    assert version.status == VersionStatus.BYGGS
    assert version.felmeddelande == "DiskenFull: [Errno 28] the disk for generated files is full"
    assert _filer(tillfalliga_filer) == [], "no half-written file is left"
    client.force_login(skapa_anvandare("samordnare", Roll.SAMORDNARE, akc.agare.kod))
    svar = client.get(f"/arshjul/{akc.kod}/{AR}/framsteg/")
    assert svar.status_code == 200
    assert FULL in svar.content.decode()

    full_disk["antal"] = 2
    rendera_arshjul.apply(args=[version_id])
    version.refresh_from_db()
    assert (version.status, version.felmeddelande) == (VersionStatus.KLAR, "")
    namn = sorted(default_storage.path(getattr(version, f).name) for f in ("svg", "pdf", "ics"))
    assert _filer(tillfalliga_filer) == namn
    assert FULL not in client.get(f"/arshjul/{akc.kod}/{AR}/framsteg/").content.decode()
