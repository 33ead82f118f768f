"""One changed operation taken into the wheel at once (``arshjul.services.inkrementell``): the
result is what a build from nothing gives, for an operation moved, cancelled and added, and the
update reads the same number of queries however many operations the year holds."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul import lagring
from arshjul.models import (
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsinsats,
    Arshjulsversion,
    Aterkommanderegel,
    Handelsetyp,
)
from arshjul.services import bygge, inkrementell
from arshjul.services.ombyggnad import begar_ombyggnad
from arshjul.workflow import FARDIGA, VersionStatus
from insatser import services
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Installningsorsak,
    Polisbemanning,
)
from insatser.workflow import BEMANNING_WORKFLOW, SVAR_WORKFLOW
from myndigheter.models import Enhet
from myndigheter.roles import Roll
from tests.fabriker import InsatsFabrik
from tests.varld import aktuell_version, las

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf", "tillfalliga_filer")]
# A year to come, so the verbs accept its dates.
AR = timezone.localdate().year + 1


def _insatser(akc, antal: int, polis) -> list[Insats]:
    """``antal`` operations over the year in the wheel's LPOs, two at a time an hour apart;
    every other pair with the coordinating unit and every third with a named officer, so that
    they collide."""
    lpoer = list(akc.lpoer.order_by("pk"))
    enhet = Enhet.objects.get(kod="akc-vast-samordning")
    borjan = datetime(AR, 2, 3, 9, tzinfo=timezone.get_default_timezone())
    insatser = []
    for n in range(antal):
        start = borjan + timedelta(days=(n // 2) * 300 // antal, hours=n % 2)
        insats = InsatsFabrik(
            status="PLANERAD",
            start=start,
            slut=start + timedelta(hours=3),
            samordnande_organisation=akc.agare,
            lpoer=[lpoer[n % len(lpoer)]],
        )
        if n // 2 % 2 == 0:
            Deltagande.objects.create(
                insats=insats,
                organisation=akc.agare,
                enhet=enhet,
                svar=SVAR_WORKFLOW.nadd("ACCEPTERAD"),
            )
        if n // 2 % 3 == 0:
            begaran = Bemanningsbegaran.objects.create(
                insats=insats,
                lpo=lpoer[0],
                begart_antal=1,
                bekraftat_antal=1,
                status=BEMANNING_WORKFLOW.nadd("BEKRAFTAD"),
            )
            Polisbemanning.objects.create(begaran=begaran, anvandare=polis)
        insatser.append(insats)
    return insatser


@pytest.fixture
def hjulet(akc, skapa_anvandare, django_capture_on_commit_callbacks):
    """The wheel's year built with its operations, and the coordinator who changes them."""

    def bygg_med(antal: int) -> dict:
        polis = skapa_anvandare(f"polis{antal}", Roll.INSATSPOLIS, "polisen", insatspolis=True)
        insatser = _insatser(akc, antal, polis)
        _bygg_fran_borjan(akc, django_capture_on_commit_callbacks)
        fonster = Arshjulshandelse.objects.filter(
            arshjul=akc, ar=AR, typ=Handelsetyp.INSATSFONSTER
        ).earliest("start")
        i_fonster = InsatsFabrik(
            status="PLANERAD",
            start=fonster.start + timedelta(hours=2),
            slut=fonster.start + timedelta(hours=4),
            samordnande_organisation=akc.agare,
            lpoer=[fonster.lpo],
        )
        _bygg_fran_borjan(akc, django_capture_on_commit_callbacks)
        return {
            "i_fonster": i_fonster,
            "insatser": insatser,
            "samordnare": skapa_anvandare(f"sam{antal}", Roll.SAMORDNARE, akc.agare.kod),
            "rad": Arshjulsar.objects.get(arshjul=akc, ar=AR),
        }

    return bygg_med


def _bygg_fran_borjan(akc, fanga) -> Arshjulsversion:
    """A build from nothing: no version and no operations kept from an earlier one."""
    Arshjulsversion.objects.filter(arshjulsar__arshjul=akc, arshjulsar__ar=AR).delete()
    Arshjulsinsats.objects.filter(arshjulsar__arshjul=akc, arshjulsar__ar=AR).delete()
    rad = begar_ombyggnad(akc.pk, AR)
    with fanga(execute=True):
        version_id = bygge.bygg(rad.pk, rad.begaran)
        assert bygge.rendera(version_id)
    return Arshjulsversion.objects.get(pk=version_id)


def _ta_in(rad, fanga) -> Arshjulsversion:
    """Run the update the change asked for, as its task does (rendering included)."""
    rad.refresh_from_db()
    assert rad.vantande_insatser
    with fanga(execute=True):
        version_id = inkrementell.uppdatera(rad.pk, rad.begaran)
        if version_id is not None:
            assert bygge.rendera(version_id)
    rad.refresh_from_db()
    assert rad.hanterad_begaran == rad.begaran, "taken in, not left to the build"
    assert rad.vantande_insatser == []
    return rad.versioner.filter(status__in=FARDIGA).order_by("-nummer").first()


def _resultat(version: Arshjulsversion) -> dict:
    ics = lagring.las(version, "ics").decode().replace("\r\n ", "").splitlines()
    return {
        "fingeravtryck": version.fingeravtryck,
        "rapport": version.rapport,
        "svg": lagring.las(version, "svg"),
        # The build time is the only line of the calendar that differs between two builds.
        "ics": [rad for rad in ics if not rad.startswith("DTSTAMP")],
        "insatser": sorted(
            Arshjulsinsats.objects.filter(arshjulsar=version.arshjulsar).values_list(
                "insats_id", "start", "slut", "fonster_id", "enhet_ids", "polis_ids", "avtryck"
            )
        ),
    }


def _flytta(v, insats, timmar: int) -> None:
    insats = las(insats)
    services.andra_insats(
        v["samordnare"],
        insats,
        version=aktuell_version(insats),
        start=insats.start + timedelta(hours=timmar),
        slut=insats.slut + timedelta(hours=timmar),
    )


def _stall_in(v, insats) -> None:
    services.stall_in_insats(
        v["samordnare"],
        insats,
        Installningsorsak.objects.order_by("kod").first(),
        version=aktuell_version(insats),
    )


def _lagg_till(v, insats) -> None:
    services.skapa_insats(
        user=v["samordnare"],
        titel="Tillagd",
        start=insats.start + timedelta(hours=1),
        slut=insats.start + timedelta(hours=2),
        lpoer=list(insats.lpoer.all()),
    )


@pytest.mark.parametrize(
    "andring",
    [
        pytest.param(lambda v: _flytta(v, v["insatser"][0], 1), id="moved-within-its-window"),
        pytest.param(lambda v: _flytta(v, v["insatser"][2], 24 * 40), id="moved-to-another-month"),
        pytest.param(lambda v: _stall_in(v, v["insatser"][4]), id="cancelled"),
        pytest.param(lambda v: _stall_in(v, v["i_fonster"]), id="cancelled-in-a-window"),
        pytest.param(lambda v: _lagg_till(v, v["insatser"][6]), id="added"),
    ],
)
def test_the_update_gives_what_a_build_from_nothing_gives(
    akc, hjulet, andring, django_capture_on_commit_callbacks
):
    v = hjulet(12)
    fore = v["rad"].versioner.get()
    assert fore.rapport["kollisioner"]["antal"] > 0, "the world has collisions to keep up"
    with django_capture_on_commit_callbacks(execute=False):
        andring(v)
    uppdaterad = _ta_in(v["rad"], django_capture_on_commit_callbacks)
    assert uppdaterad.fingeravtryck != fore.fingeravtryck
    resultat = _resultat(uppdaterad)
    fran_borjan = _resultat(_bygg_fran_borjan(akc, django_capture_on_commit_callbacks))
    for nyckel in ("fingeravtryck", "svg", "ics", "insatser"):
        assert resultat[nyckel] == fran_borjan[nyckel], nyckel
    for nyckel, varde in fran_borjan["rapport"].items():
        assert resultat["rapport"][nyckel] == varde, nyckel
    assert resultat["rapport"].keys() == fran_borjan["rapport"].keys()


def test_a_change_that_moves_no_window_count_keeps_the_files_and_version(
    hjulet, django_capture_on_commit_callbacks
):
    v = hjulet(12)
    fore = v["rad"].versioner.get()
    with django_capture_on_commit_callbacks(execute=False):
        _flytta(v, v["insatser"][0], 1)
    efter = _ta_in(v["rad"], django_capture_on_commit_callbacks)
    assert efter.pk == fore.pk
    assert (efter.svg.name, efter.svg_kontrollsumma) == (fore.svg.name, fore.svg_kontrollsumma)
    assert efter.fingeravtryck != fore.fingeravtryck
    assert efter.rapport["planerade"] == fore.rapport["planerade"]


def test_a_cancelled_operation_renders_a_new_version_from_the_same_data(
    hjulet, django_capture_on_commit_callbacks
):
    v = hjulet(12)
    fore = v["rad"].versioner.get()
    with django_capture_on_commit_callbacks(execute=False):
        _stall_in(v, v["i_fonster"])
    efter = _ta_in(v["rad"], django_capture_on_commit_callbacks)
    assert efter.nummer == fore.nummer + 1
    assert efter.rapport["planerade"] != fore.rapport["planerade"]
    fore.refresh_from_db()
    assert fore.status == "ERSATT"


def test_a_changed_count_is_ready_at_once_and_its_pdf_follows(
    hjulet, django_capture_on_commit_callbacks
):
    v = hjulet(12)
    fore = v["rad"].versioner.get()
    with django_capture_on_commit_callbacks(execute=False):
        _stall_in(v, v["i_fonster"])
    rad = v["rad"]
    rad.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        version_id = inkrementell.uppdatera(rad.pk, rad.begaran)
    ny = Arshjulsversion.objects.get(pk=version_id)
    assert ny.status == VersionStatus.KLAR
    assert lagring.finns(ny, "svg")
    assert lagring.finns(ny, "ics")
    assert not ny.pdf, "the PDF is rendered afterwards, on the pdf queue"
    fore.refresh_from_db()
    assert fore.status == VersionStatus.ERSATT
    assert bygge.rendera(version_id)
    ny.refresh_from_db()
    assert lagring.las(ny, "pdf").startswith(b"%PDF")
    assert ny.status == VersionStatus.KLAR
    assert not bygge.rendera(version_id), "a second run finds the PDF there"


def test_the_debounced_build_after_an_update_builds_nothing(
    hjulet, django_capture_on_commit_callbacks
):
    v = hjulet(12)
    with django_capture_on_commit_callbacks(execute=False):
        _flytta(v, v["insatser"][0], 1)
    _ta_in(v["rad"], django_capture_on_commit_callbacks)
    assert bygge.bygg(v["rad"].pk, v["rad"].begaran) is None
    assert v["rad"].versioner.count() == 1


def test_what_it_cannot_take_in_is_left_to_the_build(
    akc, hjulet, django_capture_on_commit_callbacks
):
    v = hjulet(6)
    rad = v["rad"]
    with django_capture_on_commit_callbacks(execute=False):
        _flytta(v, v["insatser"][0], 1)
    Aterkommanderegel.objects.filter(pk=akc.regler.order_by("pk").first().pk).update(
        anmarkning="Ändrad utan att hjulet byggts om"
    )
    rad.refresh_from_db()
    assert inkrementell.uppdatera(rad.pk, rad.begaran) is None
    rad.refresh_from_db()
    assert rad.vantar, "the rules changed: the debounced build takes it"
    assert rad.versioner.count() == 1


def test_the_update_takes_the_same_queries_however_many_operations(
    akc, hjulet, skapa_anvandare, django_capture_on_commit_callbacks
):
    def fragor(v) -> int:
        with django_capture_on_commit_callbacks(execute=False):
            _flytta(v, v["insatser"][0], 1)
        rad = v["rad"]
        rad.refresh_from_db()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as fangade:
            inkrementell.uppdatera(rad.pk, rad.begaran)
        rad.refresh_from_db()
        assert rad.hanterad_begaran == rad.begaran
        return len(fangade)

    v = hjulet(6)
    fa = fragor(v)
    polis = skapa_anvandare("polis.fler", Roll.INSATSPOLIS, "polisen", insatspolis=True)
    _insatser(akc, 30, polis)
    _bygg_fran_borjan(akc, django_capture_on_commit_callbacks)
    assert Arshjulsinsats.objects.filter(arshjulsar=v["rad"]).count() == 37
    assert fragor(v) == fa
