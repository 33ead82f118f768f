"""The disk for generated files full while briefings are built: a clear error in the log and on
the build, the build tried again, and once there is space each briefing written exactly once."""

import logging

import pytest
from django.core.files.storage import default_storage

from insatser.models import Informationsunderlag, Underlagsbygge
from insatser.services.underlag import markera_inaktuella
from insatser.tasks import bygg_informationsunderlag
from karna.uppgifter import DiskenFull

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]


def _bestall(insats) -> int:
    markera_inaktuella([insats.pk])
    return Underlagsbygge.objects.get(insats=insats).nummer


def _filer(settings) -> list:
    return sorted((settings.MEDIA_ROOT / "underlag").rglob("*.pdf"))


def test_a_full_disk_is_tried_again_and_each_briefing_is_written_once(
    underlagsvarld, full_disk, settings, caplog
):
    """About 5 s: the briefing world and three build attempts, each preparing every audience."""
    insats = underlagsvarld.egen
    full_disk["antal"] = 2
    nummer = _bestall(insats)
    with caplog.at_level(logging.ERROR, logger="karna.uppgifter"):
        bygg_informationsunderlag.apply(args=[insats.pk, nummer])
    assert "The disk for generated files" in caplog.text
    bygge = Underlagsbygge.objects.get(insats=insats)
    assert (bygge.status, bygge.fel, bygge.forsok) == (Underlagsbygge.Status.KLAR, "", 3)
    underlag = Informationsunderlag.objects.filter(insats=insats)
    assert underlag.count() == len(_filer(settings)) > 0
    assert sorted(default_storage.path(u.fil.name) for u in underlag) == [
        str(f) for f in _filer(settings)
    ]
    assert all(u.version == 1 for u in underlag)


def test_a_disk_that_stays_full_leaves_the_build_waiting_with_a_clear_error(
    underlagsvarld, full_disk, settings
):
    """About 8 s: the briefing world and six build attempts (the first and five retries)."""
    insats = underlagsvarld.egen
    full_disk["antal"] = 1000
    nummer = _bestall(insats)
    resultat = bygg_informationsunderlag.apply(args=[insats.pk, nummer])
    assert isinstance(resultat.result, DiskenFull)
    bygge = Underlagsbygge.objects.get(insats=insats)
    assert bygge.status == Underlagsbygge.Status.BYGGER
    assert bygge.fel == "DiskenFull: [Errno 28] the disk for generated files is full"
    assert not Informationsunderlag.objects.filter(insats=insats).exists()
    assert not (settings.MEDIA_ROOT / "underlag").exists() or not _filer(settings)
