"""Versions, staleness, idempotence and the watchdog of the briefing builds (in this process)."""

import hashlib
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from insatser import access, services
from insatser import services as insatstjanster
from insatser.models import (
    Deltagande,
    Informationsunderlag,
    Installningsorsak,
    Underlagsbygge,
)
from insatser.services import underlag as tjanster
from insatser.services.underlag import bygg_underlag, markera_inaktuella, vakta_underlag
from insatser.underlagsinnehall import fingeravtryck, underlagsinnehall
from insatser.workflow import InsatsStatus
from karna.lasning import Konflikt
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from objekt import services as objekttjanster
from objekt.models import Objektuppgift
from tests.fabriker import DelningsgrundFabrik
from tests.insatser.underlagsvarld import aktuella, bygg, malgrupper, org
from tests.varld import aktuell_version
from utvardering import services as utvardering_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
Status = Informationsunderlag.Status


def _filer(settings) -> list:
    mapp = settings.MEDIA_ROOT / "underlag"
    return sorted(p for p in mapp.rglob("*.pdf")) if mapp.exists() else []


def _versioner(insats) -> dict:
    return {
        (u.malgrupp, u.organisation_id, u.lpo_id, u.version): u.status
        for u in Informationsunderlag.objects.filter(insats=insats)
    }


def test_each_version_carries_its_checksum_data_version_and_page_count(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    malgrupper_ = access.underlagets_malgrupper(v.egen)
    for malgrupp, underlag in aktuella(v.egen).items():
        with underlag.fil.open("rb") as fil:
            innehall = fil.read()
        assert innehall.startswith(b"%PDF-1.7")
        assert underlag.kontrollsumma == hashlib.sha256(innehall).hexdigest()
        data = underlagsinnehall(v.egen, malgrupp, malgrupper_[malgrupp])
        assert underlag.dataversion == fingeravtryck(data)
        assert underlag.version == 1
        assert underlag.sidantal >= 1
        assert set(underlag.objektuppgifter.values_list("pk", flat=True)) == set(
            data["objektuppgifter"]
        )
    assert v.egen.underlagsbygge.status == Underlagsbygge.Status.KLAR


def test_a_rebuild_of_unchanged_data_keeps_the_versions_and_files(underlagsvarld, settings):
    v = underlagsvarld
    bygg(v.egen)
    fore, filer = _versioner(v.egen), _filer(settings)
    assert bygg(v.egen) == "byggt"
    assert _versioner(v.egen) == fore
    assert set(fore.values()) == {Status.AKTUELL}
    assert _filer(settings) == filer


def test_running_the_same_build_twice_changes_nothing(underlagsvarld, settings):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    nummer = Underlagsbygge.objects.get(insats=v.egen).nummer
    assert bygg_underlag(v.egen.pk, nummer, "uppgift-1", 180) == "byggt"
    fore, filer = _versioner(v.egen), _filer(settings)
    assert bygg_underlag(v.egen.pk, nummer, "uppgift-1", 180) == "redan klart"
    assert bygg_underlag(v.egen.pk, nummer, "uppgift-2", 180) == "redan klart"
    assert _versioner(v.egen) == fore
    assert _filer(settings) == filer


def test_a_change_supersedes_exactly_the_audiences_that_show_it(underlagsvarld):
    """The safety note is shown to those taking part: the joint briefing and Migrationsverket's
    (only invited) do not show it, so they keep their version."""
    v = underlagsvarld
    bygg(v.egen)
    forsta = {m: u.pk for m, u in aktuella(v.egen).items()}
    services.andra_sakerhetsanteckning(
        v.anvandare["samordnare"], v.egen, "Ny riskbedömning", version=v.egen.version
    )
    assert not aktuella(v.egen)
    bygg(v.egen)
    nu = aktuella(v.egen)
    malgrupper_ = malgrupper(v)
    oforandrade = {malgrupper_["gemensam"], malgrupper_["mig"]}
    for malgrupp, underlag in nu.items():
        if malgrupp in oforandrade:
            assert (underlag.pk, underlag.version) == (forsta[malgrupp], 1)
        else:
            assert underlag.version == 2
            assert Informationsunderlag.objects.get(pk=forsta[malgrupp]).status == Status.OGILTIG
    assert Informationsunderlag.objects.filter(status=Status.OGILTIG).count() == 5


def _verb(namn, v):
    u = v.anvandare
    orsak = Installningsorsak.objects.order_by("kod").first()
    begaran = v.egen.bemanningsbegaranden.get(lpo__kod="city")
    inbjudan = Deltagande.objects.get(insats=v.egen, organisation__kod="migrationsverket")
    return {
        "bjud_in": lambda: services.bjud_in(u["samordnare"], v.egen, org("kustbevakningen")),
        "svar": lambda: services.besvara_inbjudan(
            u["mig"], inbjudan, True, 2, version=aktuell_version(inbjudan)
        ),
        "sakerhet": lambda: services.andra_sakerhetsanteckning(
            u["samordnare"], v.egen, "Ny", version=aktuell_version(v.egen)
        ),
        "aterkalla_bemanning": lambda: services.aterkalla_bemanning(
            u["opsam_city"], begaran, orsak, version=aktuell_version(begaran)
        ),
        "stall_in": lambda: services.stall_in_insats(
            u["samordnare"], v.egen, orsak, version=aktuell_version(v.egen)
        ),
        "frislapp": lambda: insatstjanster.frislapp_objektuppgift(
            u["av"],
            Objektuppgift.objects.get(organisation__kod="av", objekt=v.alfa),
            v.egen,
            DelningsgrundFabrik(organisation=org("av")),
        ),
        "nya_underlag": lambda: services.begar_nya_underlag(u["samordnare"], v.egen),
        "andra_objekt": lambda: objekttjanster.andra_objekt(
            u["samordnare"],
            v.alfa,
            version=v.alfa.version,
            kommun=v.alfa.kommun,
            lpo=v.alfa.lpo,
            postort="Mölndal",
        ),
        "forbattringsomrade": lambda: utvardering_services.registrera_forbattringsomrade(
            u["samordnare"], v.tidigare, "Tolk behövs", objekt=v.alfa
        ),
    }[namn]


@pytest.mark.parametrize(
    "verb",
    [
        "bjud_in",
        "svar",
        "sakerhet",
        "aterkalla_bemanning",
        "stall_in",
        "frislapp",
        "nya_underlag",
        "andra_objekt",
        "forbattringsomrade",
    ],
)
def test_every_kind_of_change_marks_the_briefings_stale_and_enqueues_one_rebuild(
    underlagsvarld, verb, django_capture_on_commit_callbacks, settings
):
    v = underlagsvarld
    settings.UNDERLAG_FORDROJNING_SEKUNDER = 7
    bygg(v.egen)
    nummer = v.egen.underlagsbygge.nummer
    with (
        mock.patch("insatser.tasks.bygg_informationsunderlag.apply_async") as koa,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _verb(verb, v)()
    bygge = Underlagsbygge.objects.get(insats=v.egen)
    assert bygge.status == Underlagsbygge.Status.VANTAR
    assert bygge.nummer > nummer
    assert not Informationsunderlag.objects.filter(insats=v.egen, status=Status.AKTUELL).exists()
    koade = {c.kwargs["args"][0]: c.kwargs for c in koa.call_args_list}
    assert koade[v.egen.pk] == {"args": [v.egen.pk, bygge.nummer], "countdown": 7}


def test_a_withdrawn_release_marks_stale(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    uppgift = Objektuppgift.objects.get(organisation__kod="skatteverket")
    insatstjanster.aterkalla_frislappning(
        v.anvandare["skv"], uppgift.frislappningar.get(), "Utredning"
    )
    assert not aktuella(v.egen)


def test_a_change_reaches_coming_operations_that_inspect_the_same_objects(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    bygg(v.annan)
    services.markera_utvarderad(
        v.anvandare["samordnare"], v.tidigare, version=aktuell_version(v.tidigare)
    )
    assert not aktuella(v.egen), "EGEN lists TIDIGARE among Alfapizzerian's earlier controls"
    assert aktuella(v.annan), "ANNAN does not inspect Alfapizzerian"
    services.andra_sakerhetsanteckning(
        v.anvandare["samordnare"], v.egen, "Ny", version=aktuell_version(v.egen)
    )
    assert not aktuella(v.annan), "ANNAN and EGEN both inspect Betabilvården"


def test_a_refused_verb_marks_nothing(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    nummer = v.egen.underlagsbygge.nummer
    with pytest.raises(Konflikt):
        services.andra_sakerhetsanteckning(v.anvandare["samordnare"], v.egen, "X", version=99)
    assert Underlagsbygge.objects.get(insats=v.egen).nummer == nummer
    assert len(aktuella(v.egen)) == 7


def test_an_ended_operation_has_no_downloadable_briefings(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    orsak = Installningsorsak.objects.order_by("kod").first()
    services.stall_in_insats(
        v.anvandare["samordnare"], v.egen, orsak, version=aktuell_version(v.egen)
    )
    assert bygg(v.egen) == "byggt"
    assert set(Informationsunderlag.objects.values_list("status", flat=True)) == {Status.OGILTIG}


def test_an_audience_that_goes_away_is_invalidated(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    inbjudan = Deltagande.objects.get(insats=v.egen, organisation__kod="migrationsverket")
    services.besvara_inbjudan(
        v.anvandare["mig"], inbjudan, False, version=aktuell_version(inbjudan)
    )
    bygg(v.egen)
    mig = Informationsunderlag.objects.get(organisation=org("migrationsverket"))
    assert mig.status == Status.OGILTIG
    assert malgrupper(v)["mig"] not in aktuella(v.egen)


def test_a_failing_render_fails_the_build_and_leaves_nothing_downloadable(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    services.andra_sakerhetsanteckning(
        v.anvandare["samordnare"], v.egen, "Ny", version=aktuell_version(v.egen)
    )
    with mock.patch("karna.pdf.rendera", side_effect=RuntimeError("Pango föll")):
        assert bygg(v.egen) == "misslyckat"
    bygge = Underlagsbygge.objects.get(insats=v.egen)
    assert bygge.status == Underlagsbygge.Status.MISSLYCKAD
    assert bygge.fel == "RuntimeError: Pango föll"
    assert not aktuella(v.egen)
    assert bygg_underlag(v.egen.pk, bygge.nummer, "igen", 180) == "redan klart"


def test_a_database_error_is_left_to_the_task_to_retry(underlagsvarld):
    """The retry runs under the same task id and takes its own build over at once."""
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    nummer = Underlagsbygge.objects.get(insats=v.egen).nummer
    with (
        mock.patch.object(tjanster, "_forbered", side_effect=OperationalError("borta")),
        pytest.raises(OperationalError),
    ):
        bygg_underlag(v.egen.pk, nummer, "uppgift", 180)
    assert Underlagsbygge.objects.get(insats=v.egen).status == Underlagsbygge.Status.BYGGER
    assert bygg_underlag(v.egen.pk, nummer, "en-annan", 180) == "byggs av en annan uppgift"
    assert bygg_underlag(v.egen.pk, nummer, "uppgift", 180) == "byggt"
    assert len(aktuella(v.egen)) == 7


def test_a_build_abandoned_past_the_hard_time_limit_is_taken_over(underlagsvarld):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    nummer = Underlagsbygge.objects.get(insats=v.egen).nummer
    Underlagsbygge.objects.filter(insats=v.egen).update(
        status=Underlagsbygge.Status.BYGGER,
        byggs_av="dog",
        paborjad=timezone.now() - timedelta(seconds=181),
    )
    assert bygg_underlag(v.egen.pk, nummer, "ny", 180) == "byggt"


def test_a_newer_request_during_rendering_wins(underlagsvarld, settings):
    """A change committed while the PDFs render: this build's result is dropped, no file left."""
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    nummer = Underlagsbygge.objects.get(insats=v.egen).nummer
    verklig = tjanster.pdf.rendera

    def andras_under_tiden(*args, **kwargs):
        markera_inaktuella([v.egen.pk])
        return verklig(*args, **kwargs)

    with mock.patch("karna.pdf.rendera", side_effect=andras_under_tiden):
        assert bygg_underlag(v.egen.pk, nummer, "gammal", 180) == "ersatt av en senare begäran"
    assert not Informationsunderlag.objects.exists()
    assert _filer(settings) == []
    assert bygg_underlag(v.egen.pk, nummer, "gammal", 180) == "ersatt av en senare begäran"
    assert bygg(v.egen) == "byggt"


def test_a_superseded_request_does_nothing(underlagsvarld):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    markera_inaktuella([v.egen.pk])
    nummer = Underlagsbygge.objects.get(insats=v.egen).nummer
    assert bygg_underlag(v.egen.pk, nummer - 1, "t", 180) == "ersatt av en senare begäran"
    assert not Informationsunderlag.objects.exists()
    assert bygg_underlag(v.egen.pk + 10_000, 1, "t", 180) == "insatsen finns inte"


def test_a_broker_that_is_down_leaves_the_build_to_the_watchdog(
    underlagsvarld, django_capture_on_commit_callbacks
):
    v = underlagsvarld
    with (
        mock.patch(
            "insatser.tasks.bygg_informationsunderlag.apply_async",
            side_effect=KombuOperationalError("Redis svarar inte"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.andra_sakerhetsanteckning(
            v.anvandare["samordnare"], v.egen, "Sparas ändå", version=aktuell_version(v.egen)
        )
    v.egen.refresh_from_db()
    assert v.egen.sakerhetsanteckning == "Sparas ändå"
    assert v.egen.underlagsbygge.status == Underlagsbygge.Status.VANTAR


def test_the_watchdog_enqueues_lost_builds_and_starts_missing_ones(
    underlagsvarld, django_capture_on_commit_callbacks, settings
):
    v = underlagsvarld
    settings.UNDERLAG_FORDROJNING_SEKUNDER = 10
    markera_inaktuella([v.egen.pk])
    nummer = v.egen.underlagsbygge.nummer
    Underlagsbygge.objects.exclude(insats=v.egen).delete()
    with mock.patch("insatser.tasks.bygg_informationsunderlag.apply_async") as koa:
        with django_capture_on_commit_callbacks(execute=True):
            assert vakta_underlag(180) == [], "not lost yet"
        with (
            time_machine.travel(timezone.now() + timedelta(seconds=200)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            igen = dict(vakta_underlag(180))
    assert igen[v.egen.pk] == Underlagsbygge.objects.get(insats=v.egen).nummer > nummer
    startade = {c.kwargs["args"][0] for c in koa.call_args_list}
    # ANNAN is coming and had no build; TIDIGARE and HEMLIG are over.
    assert startade == {v.egen.pk, v.annan.pk}
    assert not Underlagsbygge.objects.filter(insats__in=[v.tidigare, v.hemlig]).exists()


def test_the_watchdog_gives_up_a_build_that_keeps_timing_out(underlagsvarld):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    Underlagsbygge.objects.filter(insats=v.egen).update(
        status=Underlagsbygge.Status.BYGGER,
        paborjad=timezone.now() - timedelta(hours=1),
        forsok=tjanster.MAX_FORSOK,
    )
    with mock.patch("insatser.tasks.bygg_informationsunderlag.apply_async"):
        assert vakta_underlag(180) == []
    assert Underlagsbygge.objects.get(insats=v.egen).status == Underlagsbygge.Status.MISSLYCKAD


def test_ended_and_past_operations_get_no_new_builds(underlagsvarld):
    v = underlagsvarld
    v.annan.status = InsatsStatus.INSTALLD
    v.annan.installd_orsak = Installningsorsak.objects.order_by("kod").first()
    v.annan.save()
    with mock.patch("insatser.tasks.bygg_informationsunderlag.apply_async"):
        vakta_underlag(180)
    assert set(Underlagsbygge.objects.values_list("insats__referens", flat=True)) == {"EGEN"}


def test_the_coordinators_organisation_without_an_invitation_row_still_gets_its_briefing(
    underlagsvarld,
):
    v = underlagsvarld
    Deltagande.objects.filter(insats=v.egen, organisation__kod="akc-vast").delete()
    akc = Myndighet.objects.get(kod="akc-vast")
    malgrupper_ = access.underlagets_malgrupper(v.egen)
    lasare = malgrupper_[malgrupper(v)["akc"]]
    assert [(a.organisation_id, set(a.roller)) for a in lasare] == [(akc.pk, {Roll.SAMORDNARE})]
