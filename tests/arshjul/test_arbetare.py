"""The wheel's tasks: on a real Celery worker (not eager) with the broker the test run has, a
change gives exactly one rebuild, a burst of changes too, and a task whose worker is killed is
done again (the message the dead worker never acknowledged is delivered again). In this process:
a task run twice leaves the same rows and the same files, and the watchdog takes up a build left
in the middle.
"""

from datetime import time

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from arshjul import tasks
from arshjul.models import Arshjul, Arshjulsar, Arshjulshandelse, Arshjulsversion, Handelsetyp
from arshjul.services import bygge, redigering
from arshjul.standardregler import ladda_standardregler
from arshjul.workflow import VersionStatus
from config.embedded_postgres import database_url
from config.tasks import HEARTBEAT_CACHE_KEY, halsokontroll
from myndigheter.roles import Roll
from tests.arshjul.test_redigering import regeldata

pytestmark = pytest.mark.django_db(transaction=True)
I_AR = timezone.localdate().year
SYNLIGHETSTID = 2


@pytest.fixture
def forberett(transactional_db, skapa_anvandare, settings, tillfalliga_filer):
    ladda_standardregler()
    settings.ARSHJUL_FORDROJNING = 2
    return {
        "hjul": Arshjul.objects.get(kod="akc-vast-insatser"),
        "samordnare": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "miljo": {
            "MEDIA_ROOT": str(tillfalliga_filer),
            "CELERY_VISIBILITY_TIMEOUT": str(SYNLIGHETSTID),
        },
        "filer": tillfalliga_filer,
    }


def andra_regel(forberett, antal: int) -> None:
    """A change through the verb, committed: it asks for a rebuild after commit."""
    redigering.spara_regel(
        forberett["samordnare"], forberett["hjul"], regeldata(namn="Avstämning", antal=antal)
    )


def klara(hjul) -> list[Arshjulsversion]:
    return list(Arshjulsversion.objects.filter(arshjulsar__arshjul=hjul, status=VersionStatus.KLAR))


def alla_hanterade(hjul) -> bool:
    rad = Arshjulsar.objects.filter(arshjul=hjul, ar=I_AR).first()
    return rad is not None and rad.begaran == rad.hanterad_begaran


def vanta_pa_ko(arbetare, ko: str) -> None:
    """Wait until the worker has taken everything enqueued on ``ko`` so far (FIFO per queue)."""
    cache.delete(HEARTBEAT_CACHE_KEY)
    halsokontroll.apply_async(queue=ko)
    arbetare.vanta_pa(lambda: cache.get(HEARTBEAT_CACHE_KEY) is not None)


def filer(rot) -> dict[str, bytes]:
    return {str(p.relative_to(rot)): p.read_bytes() for p in rot.rglob("*") if p.is_file()}


def test_a_change_gives_exactly_one_rebuild_and_so_does_a_burst(forberett, celery_arbetare):
    """About 8 s: two debounced builds on a real worker, each with its PDF."""
    hjul = forberett["hjul"]
    arbetare = celery_arbetare(miljo=forberett["miljo"])
    andra_regel(forberett, 1)
    arbetare.vanta_pa(lambda: klara(hjul) and alla_hanterade(hjul), sekunder=120)
    vanta_pa_ko(arbetare, "celery")
    vanta_pa_ko(arbetare, "pdf")
    assert Arshjulsversion.objects.filter(arshjulsar__arshjul=hjul).count() == 1
    regel = hjul.regler.get(namn="Avstämning")
    for antal in (2, 3, 4):
        regel.refresh_from_db()
        redigering.spara_regel(
            forberett["samordnare"],
            hjul,
            regeldata(namn="Avstämning", antal=antal),
            regel,
            regel.version,
        )
    arbetare.vanta_pa(lambda: len(klara(hjul)) == 1 and klara(hjul)[0].nummer == 2, sekunder=120)
    vanta_pa_ko(arbetare, "celery")
    vanta_pa_ko(arbetare, "pdf")
    versioner = list(Arshjulsversion.objects.filter(arshjulsar__arshjul=hjul).order_by("nummer"))
    assert [(v.nummer, v.status, v.begaran) for v in versioner] == [
        (1, VersionStatus.ERSATT, 1),
        (2, VersionStatus.KLAR, 4),
    ]
    avstamningar = Arshjulshandelse.objects.filter(arshjul=hjul, regel=regel)
    assert avstamningar.count() == 4


def test_running_the_tasks_twice_leaves_the_same_rows_and_files(forberett, uppgifter_i_processen):
    hjul = forberett["hjul"]
    andra_regel(forberett, 2)
    assert alla_hanterade(hjul)
    [version] = klara(hjul)
    fore = (
        list(Arshjulshandelse.objects.order_by("pk").values()),
        list(Arshjulsversion.objects.order_by("pk").values()),
        filer(forberett["filer"]),
    )
    rad = version.arshjulsar
    tasks.bygg_arshjul.delay(rad.pk, rad.begaran)
    tasks.rendera_arshjul.delay(version.pk)
    tasks.bygg_arshjul.delay(rad.pk, rad.begaran)
    efter = (
        list(Arshjulshandelse.objects.order_by("pk").values()),
        list(Arshjulsversion.objects.order_by("pk").values()),
        filer(forberett["filer"]),
    )
    assert efter == fore
    assert len(fore[2]) == 3


def vantar_pa_las() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_killed_workers_build_is_done_again(forberett, celery_arbetare, settings):
    """The build's worker is killed mid-flight; the unacknowledged message comes back to a new
    worker after the visibility timeout. About 7 s: two workers, the timeout, one PDF."""
    hjul = forberett["hjul"]
    forsta = celery_arbetare(miljo=forberett["miljo"])
    andra_regel(forberett, 1)
    rad = Arshjulsar.objects.get(arshjul=hjul, ar=I_AR)
    # The build's first step locks the wheel year's row: holding it here keeps the task
    # mid-flight, taken from the queue but not acknowledged, when the worker dies.
    lasare = psycopg.connect(database_url(connection.settings_dict))
    try:
        lasare.execute("SELECT id FROM arshjul_arshjulsar WHERE id = %s FOR UPDATE", [rad.pk])
        forsta.vanta_pa(vantar_pa_las, sekunder=60)
        forsta.doda()
        forsta.vanta_tills_levererbara(SYNLIGHETSTID)
        andra = celery_arbetare(miljo=forberett["miljo"])
    finally:
        lasare.rollback()
        lasare.close()
    andra.vanta_pa(lambda: klara(hjul) and alla_hanterade(hjul), sekunder=120)
    [version] = klara(hjul)
    assert (version.nummer, version.begaran) == (1, rad.begaran)
    assert len(filer(forberett["filer"])) == 3


def test_a_build_left_in_the_middle_is_found_by_the_watchdog(
    forberett, uppgifter_i_processen, settings
):
    hjul = forberett["hjul"]
    rad = Arshjulsar.objects.create(arshjul=hjul, ar=I_AR, begaran=1, begard=timezone.now())
    version_id = bygge.starta(rad.pk, 1)
    bygge._kor_steg(version_id, 0)
    settings.ARSHJUL_VAKT_SEKUNDER = 0
    tasks.vakta_arshjulsbyggen.delay()
    assert klara(hjul)
    assert alla_hanterade(hjul)
    assert Arshjulsversion.objects.get().pk == version_id
    assert Arshjulshandelse.objects.filter(typ=Handelsetyp.INSATSFONSTER).count() == 48
    assert timezone.localtime(
        Arshjulshandelse.objects.filter(typ=Handelsetyp.NATVERKSTRAFF).first().start
    ).time() == time(13)
