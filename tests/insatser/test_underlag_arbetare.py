"""Briefing builds: on a real Celery worker (not eager), one rebuild per change and a killed
worker's task done again; in this process, a task run twice changes nothing."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from config.tasks import HEARTBEAT_CACHE_KEY, halsokontroll
from insatser import services
from insatser.models import Informationsunderlag, Underlagsbygge
from insatser.services.underlag import markera_inaktuella
from insatser.tasks import bygg_informationsunderlag
from tests.insatser.underlagsvarld import aktuella, pdftext
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db(transaction=True)
KLAR = Underlagsbygge.Status.KLAR
SYNLIGHET = 3  # the broker's visibility timeout in these tests, seconds


def _bygge(insats) -> Underlagsbygge | None:
    return Underlagsbygge.objects.filter(insats=insats).first()


def _klart(insats, nummer: int) -> bool:
    bygge = _bygge(insats)
    return bygge is not None and bygge.nummer == nummer and bygge.status == KLAR


def _versioner(insats) -> list:
    return sorted(
        Informationsunderlag.objects.filter(insats=insats).values_list(
            "malgrupp", "organisation_id", "lpo_id", "version", "status", "kontrollsumma"
        )
    )


def _filer(settings, insats) -> list:
    return sorted((settings.MEDIA_ROOT / "underlag" / str(insats.pk)).glob("*.pdf"))


def test_a_change_triggers_exactly_one_rebuild(underlagsvarld, celery_arbetare, settings):
    """About 10 s: a real worker builds seven PDFs twice, after the debounce of the broker."""
    v = underlagsvarld
    samordnare = v.anvandare["samordnare"]
    settings.UNDERLAG_FORDROJNING_SEKUNDER = 1
    arbetare = celery_arbetare()
    services.andra_sakerhetsanteckning(
        samordnare, v.egen, "Forsta anteckningen", version=aktuell_version(v.egen)
    )
    arbetare.vanta_pa(lambda: _klart(v.egen, 1))
    assert len(aktuella(v.egen)) == 7
    assert Informationsunderlag.objects.filter(insats=v.egen).count() == 7

    # Two changes in one debounce window: one rebuild, showing the last.
    services.andra_sakerhetsanteckning(
        samordnare, v.egen, "Andra anteckningen", version=aktuell_version(v.egen)
    )
    services.andra_sakerhetsanteckning(
        samordnare, v.egen, "Tredje anteckningen", version=aktuell_version(v.egen)
    )
    arbetare.vanta_pa(lambda: _klart(v.egen, 3))
    # A sentinel due after both debounced builds: when it has run, no other build is on its way.
    cache.delete(HEARTBEAT_CACHE_KEY)
    halsokontroll.apply_async(queue="pdf", countdown=settings.UNDERLAG_FORDROJNING_SEKUNDER)
    arbetare.vanta_pa(lambda: cache.get(HEARTBEAT_CACHE_KEY) is not None)
    underlagen = aktuella(v.egen)
    versioner = sorted(u.version for u in underlagen.values())
    # Five audiences show the safety note; the joint briefing and the invited agency's do not.
    assert versioner == [1, 1, 2, 2, 2, 2, 2]
    assert Informationsunderlag.objects.filter(insats=v.egen).count() == 12
    assert len(_filer(settings, v.egen)) == 12
    av = next(u for u in underlagen.values() if u.organisation and u.organisation.kod == "av")
    text = pdftext(av)
    assert "Tredje anteckningen" in text
    assert "Andra anteckningen" not in text


def test_running_a_task_twice_leaves_the_same_state_and_files(
    underlagsvarld, uppgifter_i_processen, snabb_pdf, settings
):
    v = underlagsvarld
    settings.UNDERLAG_FORDROJNING_SEKUNDER = 0
    with transaction.atomic():
        markera_inaktuella([v.egen.pk])
    nummer = _bygge(v.egen).nummer
    assert _klart(v.egen, nummer)
    fore, filer = _versioner(v.egen), _filer(settings, v.egen)
    bygg_informationsunderlag.apply_async(args=[v.egen.pk, nummer])
    bygg_informationsunderlag.apply_async(args=[v.egen.pk, nummer])
    assert _versioner(v.egen) == fore
    assert _filer(settings, v.egen) == filer
    assert len(filer) == 7


def _vantar_pa_las() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_a_killed_workers_task_is_done_again(underlagsvarld, celery_arbetare, settings):
    """The task is killed while it waits for the build record (a row lock this test holds); the
    message the dead worker never acknowledged comes back after the visibility timeout. About
    10 s: two worker processes, the timeout, and seven PDFs."""
    v = underlagsvarld
    settings.UNDERLAG_FORDROJNING_SEKUNDER = 2
    kort_synlighet = {"CELERY_VISIBILITY_TIMEOUT": str(SYNLIGHET)}
    forsta = celery_arbetare(miljo=kort_synlighet)
    with transaction.atomic():
        markera_inaktuella([v.egen.pk])
    nummer = _bygge(v.egen).nummer
    with transaction.atomic():
        Underlagsbygge.objects.select_for_update().get(insats=v.egen)
        forsta.vanta_pa(_vantar_pa_las)
        forsta.doda()
    assert not Informationsunderlag.objects.filter(insats=v.egen).exists()
    assert _bygge(v.egen).status == Underlagsbygge.Status.VANTAR
    forsta.vanta_tills_levererbara(SYNLIGHET)
    andra = celery_arbetare(miljo=kort_synlighet)
    andra.vanta_pa(lambda: _klart(v.egen, nummer), sekunder=90)
    assert len(aktuella(v.egen)) == 7
    assert Informationsunderlag.objects.filter(insats=v.egen).count() == 7
