"""The build of a wheel's year in the database: versions, files, idempotence, what it writes."""

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone

from arshjul import lagring, tasks
from arshjul.generering import lokal
from arshjul.models import (
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsversion,
    Aterkommanderegel,
    Begransningsperiod,
    Handelsetyp,
)
from arshjul.selectors import arsgranser
from arshjul.services import bygge
from arshjul.services.ombyggnad import begar_ombyggnad, fingeravtryck
from arshjul.workflow import VersionStatus
from insatser.models import Insats, Installningsorsak, Polisbemanning
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Enhet, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.arshjul.conftest import AR
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, org
from tests.fabriker import lpo as _lpo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]


def filer(rot: Path) -> list[str]:
    return sorted(str(p.relative_to(rot)) for p in rot.rglob("*") if p.is_file())


def insats(referens, dag: date, lpo="city", status=InsatsStatus.PLANERAD, **extra) -> Insats:
    return InsatsFabrik(
        referens=referens,
        samordnande_organisation=org("akc-vast"),
        start=lokal(dag, time(18)),
        timmar=4,
        status=status,
        lpoer=[_lpo(lpo)],
        **extra,
    )


def handgjord(arshjul, dag: date, **falt) -> Arshjulshandelse:
    varden = {
        "typ": Handelsetyp.MOTE,
        "titel": "Handlagt möte",
        "start": lokal(dag, time(17)),
        "slut": lokal(dag, time(20)),
        "handredigerad": True,
    }
    varden.update(falt)
    return Arshjulshandelse.objects.create(arshjul=arshjul, ar=AR, **varden)


def test_a_build_expands_places_renders_and_stores_the_files(akc, bygg, tillfalliga_filer):
    version = bygg(akc)
    assert (version.status, version.steg, version.framsteg, version.nummer) == (
        VersionStatus.KLAR,
        "KLART",
        100,
        1,
    )
    handelser = Arshjulshandelse.objects.filter(arshjul=akc, ar=AR)
    assert handelser.filter(typ=Handelsetyp.INSATSFONSTER).count() == 48
    assert handelser.filter(typ=Handelsetyp.NATVERKSTRAFF).count() == 2
    assert Begransningsperiod.objects.filter(arshjul=akc, ar=AR).count() == 4
    for format in lagring.FORMAT:
        innehall = lagring.las(version, format)
        assert innehall
        assert getattr(version, f"{format}_kontrollsumma") == hashlib.sha256(innehall).hexdigest()
    assert len(filer(tillfalliga_filer)) == 3
    assert version.arshjulsar.hanterad_begaran == version.begaran


def test_an_unchanged_wheel_builds_nothing_and_stores_nothing(akc, bygg, tillfalliga_filer):
    forsta = bygg(akc)
    fore = filer(tillfalliga_filer)
    assert bygg(akc).pk == forsta.pk
    assert Arshjulsversion.objects.count() == 1
    assert filer(tillfalliga_filer) == fore
    rad = Arshjulsar.objects.get()
    assert rad.hanterad_begaran == rad.begaran == 2


def test_running_the_same_request_twice_changes_nothing(akc, tillfalliga_filer):
    rad = begar_ombyggnad(akc.pk, AR)
    version_id = bygge.bygg(rad.pk, rad.begaran)
    bygge.rendera(version_id)
    handelser = list(Arshjulshandelse.objects.order_by("pk").values())
    versioner = list(Arshjulsversion.objects.values())
    fore = filer(tillfalliga_filer)
    assert bygge.bygg(rad.pk, rad.begaran) is None
    assert bygge.rendera(version_id) is False
    assert list(Arshjulshandelse.objects.order_by("pk").values()) == handelser
    assert list(Arshjulsversion.objects.values()) == versioner
    assert filer(tillfalliga_filer) == fore


def test_a_build_asked_for_an_older_request_stops(akc):
    forsta = begar_ombyggnad(akc.pk, AR)
    andra = begar_ombyggnad(akc.pk, AR)
    assert bygge.bygg(forsta.pk, forsta.begaran) is None
    assert not Arshjulsversion.objects.exists()
    assert bygge.bygg(andra.pk, andra.begaran) is not None


def test_a_newer_request_replaces_a_build_in_progress(
    akc, tillfalliga_filer, django_capture_on_commit_callbacks
):
    forsta = begar_ombyggnad(akc.pk, AR)
    gammal_id = bygge.bygg(forsta.pk, forsta.begaran)
    bygge._kor_steg(gammal_id, bygge.FORSTA_RENDERSTEG)
    assert Arshjulsversion.objects.get(pk=gammal_id).svg
    Aterkommanderegel.objects.filter(kod="c17-akc-natverkstraffar").update(antal=3)
    andra = begar_ombyggnad(akc.pk, AR)
    with django_capture_on_commit_callbacks(execute=True):
        ny_id = bygge.bygg(andra.pk, andra.begaran)
    gammal = Arshjulsversion.objects.get(pk=gammal_id)
    assert gammal.status == VersionStatus.AVBRUTEN
    assert not gammal.svg
    assert bygge.rendera(gammal_id) is False
    assert bygge.rendera(ny_id) is True
    assert filer(tillfalliga_filer) == sorted(
        f"arshjul/akc-vast-insatser/{AR}/akc-vast-insatser-{AR}-v2.{f}" for f in lagring.FORMAT
    )


def test_a_build_left_midway_is_done_again_by_the_same_request(akc):
    rad = begar_ombyggnad(akc.pk, AR)
    version_id = bygge.starta(rad.pk, rad.begaran)
    bygge._kor_steg(version_id, 0)
    assert bygge.bygg(rad.pk, rad.begaran) == version_id
    assert bygge.rendera(version_id)
    assert Arshjulsversion.objects.get().status == VersionStatus.KLAR


def test_a_new_version_replaces_the_last_unpublished_one_and_its_files(
    akc, bygg, tillfalliga_filer
):
    forsta = bygg(akc)
    Aterkommanderegel.objects.filter(kod="c17-akc-natverkstraffar").update(antal=3)
    andra = bygg(akc)
    forsta.refresh_from_db()
    assert (forsta.status, andra.status, andra.nummer) == (
        VersionStatus.ERSATT,
        VersionStatus.KLAR,
        2,
    )
    assert not forsta.pdf
    assert not forsta.pdf_kontrollsumma
    assert len(filer(tillfalliga_filer)) == 3


def test_a_published_version_keeps_its_files(akc, bygg, tillfalliga_filer):
    forsta = bygg(akc)
    Arshjulsversion.objects.filter(pk=forsta.pk).update(
        status=VersionStatus.PUBLICERAD, publicerad=timezone.now()
    )
    Aterkommanderegel.objects.filter(kod="c17-akc-natverkstraffar").update(antal=3)
    bygg(akc)
    forsta.refresh_from_db()
    assert forsta.status == VersionStatus.PUBLICERAD
    assert default_storage.exists(forsta.pdf.name)
    assert len(filer(tillfalliga_filer)) == 6


def test_a_hand_edited_event_is_never_changed_by_a_build(akc, bygg):
    bygg(akc)
    mote = Arshjulshandelse.objects.filter(arshjul=akc, typ=Handelsetyp.NATVERKSTRAFF).first()
    flyttad = mote.start + timedelta(days=3)
    Arshjulshandelse.objects.filter(pk=mote.pk).update(
        start=flyttad, slut=flyttad + timedelta(hours=1), handredigerad=True, titel="Egen titel"
    )
    Aterkommanderegel.objects.filter(kod="c17-akc-natverkstraffar").update(
        starttid=time(8), langd_minuter=60
    )
    bygg(akc)
    mote.refresh_from_db()
    assert (mote.start, mote.titel, mote.handredigerad) == (flyttad, "Egen titel", True)
    andra = Arshjulshandelse.objects.get(arshjul=akc, typ=Handelsetyp.NATVERKSTRAFF, forekomst=2)
    assert timezone.localtime(andra.start).time() == time(8)


def test_fewer_occurrences_remove_the_extra_generated_events(akc, bygg):
    bygg(akc)
    Aterkommanderegel.objects.filter(kod="fonster-city").update(antal=6)
    bygg(akc)
    assert Arshjulshandelse.objects.filter(arshjul=akc, lpo__kod="city").count() == 6


def test_a_window_with_planned_operations_is_kept_with_a_note(akc, bygg):
    bygg(akc)
    december = Arshjulshandelse.objects.get(regel__kod="fonster-city", forekomst=12)
    planerad = insats("P-1", timezone.localtime(december.start).date(), insatsfonster=december)
    Aterkommanderegel.objects.filter(kod="fonster-city").update(antal=6)
    bygg(akc)
    december.refresh_from_db()
    assert "Regeln ger inte längre" in december.planeringsnotis
    planerad.refresh_from_db()
    assert planerad.insatsfonster_id == december.pk


def test_an_inactive_rule_leaves_nothing_behind(akc, bygg):
    bygg(akc)
    Aterkommanderegel.objects.filter(kod__in=["c19-sommar", "c17-akc-natverkstraffar"]).update(
        aktiv=False
    )
    bygg(akc)
    assert not Begransningsperiod.objects.filter(regel__kod="c19-sommar").exists()
    assert not Arshjulshandelse.objects.filter(typ=Handelsetyp.NATVERKSTRAFF).exists()
    juli = Arshjulshandelse.objects.filter(lpo__kod="city", start__month=7).get()
    assert juli.kapacitet == 2, "no summer warning any more"


def test_chair_and_note_taker_alternate_and_a_hand_edited_meeting_takes_its_turn(trygg, bygg):
    bygg(trygg)
    moten = list(
        Arshjulshandelse.objects.filter(organ__kod="ledningsgrupp-trygg-i-goteborg", typ="MOTE")
    )
    assert [m.ordforande_org.kod for m in moten] == ["goteborgs-stad", "polisen"] * 2
    assert [m.antecknare_funktion for m in moten] == [
        "planeringsledare (SLK)",
        "brottsförebyggande samordnare",
    ] * 2
    Arshjulshandelse.objects.filter(pk=moten[1].pk).update(
        handredigerad=True, ordforande_org=Myndighet.objects.get(kod="slk")
    )
    Aterkommanderegel.objects.filter(kod="c01-ledningsgrupp-trygg-i-goteborg").update(antal=5)
    bygg(trygg)
    moten = list(
        Arshjulshandelse.objects.filter(organ__kod="ledningsgrupp-trygg-i-goteborg", typ="MOTE")
    )
    assert [m.ordforande_org.kod for m in moten] == [
        "goteborgs-stad",
        "slk",
        "goteborgs-stad",
        "polisen",
        "goteborgs-stad",
    ]


def test_a_meeting_cancelled_by_hand_fails_the_minimum(trygg, bygg):
    bygg(trygg)
    Arshjulshandelse.objects.filter(
        regel__kod="c01-ledningsgrupp-trygg-i-goteborg", forekomst=2
    ).update(installd=True, handredigerad=True)
    version = bygg(trygg)
    rad = next(
        r
        for r in version.rapport["minimikrav"]
        if r["regel"].startswith("Ledningsgrupp Trygg i Göteborg")
    )
    assert (rad["krav"], rad["antal"], rad["uppfyllt"]) == (4, 3, False)


def test_the_situation_picture_cycle_follows_its_anchor_year(trygg, bygg):
    bygg(trygg, 2026)
    bygg(trygg, 2027)
    assert Arshjulshandelse.objects.filter(typ=Handelsetyp.LAGESBILD, ar=2026).count() == 1
    assert not Arshjulshandelse.objects.filter(typ=Handelsetyp.LAGESBILD, ar=2027).exists()
    Aterkommanderegel.objects.filter(kod="c05-gemensam-lagesbild").update(ankarar=2025)
    Aterkommanderegel.objects.filter(kod="c07-prioriterade-problemomraden").update(ankarar=2025)
    bygg(trygg, 2027)
    [lagesbild] = Arshjulshandelse.objects.filter(typ=Handelsetyp.LAGESBILD, ar=2027)
    [prioriteringar] = Arshjulshandelse.objects.filter(typ=Handelsetyp.DEADLINE, ar=2027)
    assert prioriteringar.beroende_av == lagesbild
    assert prioriteringar.start >= lagesbild.slut + timedelta(days=14)


def test_collisions_with_real_operations_are_reported(akc, bygg, skapa_anvandare):
    enhet = Enhet.objects.get(kod="akc-vast-samordning")
    mote = handgjord(akc, date(2026, 3, 4))
    mote.deltagande_enheter.add(enhet)
    samma_tid = insats("K-1", date(2026, 3, 4))
    DeltagandeFabrik(insats=samma_tid, organisation=enhet.organisation, enhet=enhet)
    polis = skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen")
    mote.deltagare.add(polis)
    begaran = BemanningsbegaranFabrik(
        insats=samma_tid, lpo=_lpo("city"), status=BemanningStatus.BEKRAFTAD
    )
    Polisbemanning.objects.create(begaran=begaran, anvandare=polis)
    version = bygg(akc)
    funna = {(k["typ"], k["polis"]) for k in version.rapport["kollisioner"]["lista"]}
    assert funna == {("ENHET", False), ("PERSON", True)}


def test_an_operation_outside_its_window_is_reported(akc, bygg):
    bygg(akc)
    mars = Arshjulshandelse.objects.get(regel__kod="fonster-city", forekomst=3)
    utanfor = insats("U-1", date(2026, 3, 30), insatsfonster=mars)
    insats("I-1", timezone.localtime(mars.start).date(), insatsfonster=mars)
    version = bygg(akc)
    assert version.rapport["utanfor_fonster"] == [{"insats_id": utanfor.pk, "handelse_id": mars.pk}]


def test_the_fingerprint_follows_what_the_build_reads_and_nothing_else(akc):
    rad = begar_ombyggnad(akc.pk, AR)
    fore = fingeravtryck(rad)
    orsak = Installningsorsak.objects.first()
    insats("X-1", date(2026, 4, 2), status=InsatsStatus.INSTALLD, installd_orsak=orsak)
    insats("X-2", date(2025, 4, 2))
    insats("X-3", date(2026, 4, 2), lpo="boras")
    assert fingeravtryck(rad) == fore, "cancelled, another year, another LPO"
    aktiv = insats("X-4", date(2026, 4, 2))
    efter = fingeravtryck(rad)
    assert efter != fore
    Insats.objects.filter(pk=aktiv.pk).update(status=InsatsStatus.BEKRAFTAD, titel="Ny titel")
    assert fingeravtryck(rad) == efter, "status and title are not on the files"
    handgjord(akc, date(2026, 5, 5))
    assert fingeravtryck(rad) != efter


def test_a_failure_marks_the_version_and_is_not_retried(akc):
    def trasig(version):
        raise ValueError("trasig regel")

    rad = begar_ombyggnad(akc.pk, AR)
    steg = [(namn, procent, trasig if namn == "PLACERA" else f) for namn, procent, f in bygge.STEG]
    with mock.patch.object(bygge, "STEG", steg):
        resultat = tasks.bygg_arshjul.apply(args=(rad.pk, rad.begaran))
    assert resultat.failed()
    version = Arshjulsversion.objects.get()
    assert version.status == VersionStatus.FEL
    assert "trasig regel" in version.felmeddelande
    rad.refresh_from_db()
    assert rad.hanterad_begaran == rad.begaran
    assert bygge.bygg(rad.pk, rad.begaran) is None


def test_a_database_error_is_retried_and_nothing_is_marked_failed(akc):
    rad = begar_ombyggnad(akc.pk, AR)
    fel = OperationalError("förbindelsen bröts")
    with (
        mock.patch.object(bygge, "bygg", side_effect=fel) as bygg,
        mock.patch.object(bygge, "misslyckat") as misslyckat,
    ):
        tasks.bygg_arshjul.apply(args=(rad.pk, rad.begaran))
    assert bygg.call_count == 1 + tasks.bygg_arshjul.max_retries
    misslyckat.assert_not_called()


def test_the_watchdog_finds_builds_that_stopped_moving(akc, trygg, settings):
    settings.ARSHJUL_VAKT_SEKUNDER = 300
    bygger = begar_ombyggnad(akc.pk, AR)
    version_id = bygge.bygg(bygger.pk, bygger.begaran)
    renderar = Arshjulsversion.objects.get(pk=version_id)
    vantar = begar_ombyggnad(trygg.pk, AR)
    nu = timezone.now()
    assert bygge.fastnade(nu) == ([], [])
    senare = nu + timedelta(seconds=301)
    assert bygge.fastnade(senare) == ([(vantar.pk, vantar.begaran)], [renderar.pk])
    Arshjulsversion.objects.filter(pk=version_id).update(steg="PLACERA")
    assert bygge.fastnade(senare) == (
        [(bygger.pk, bygger.begaran), (vantar.pk, vantar.begaran)],
        [],
    )
    with (
        mock.patch.object(tasks.bygg_arshjul, "delay") as bygg,
        mock.patch.object(tasks.rendera_arshjul, "delay") as rendera,
        mock.patch.object(bygge.timezone, "now", return_value=senare),
    ):
        assert tasks.vakta_arshjulsbyggen() == 2
    assert bygg.call_count == 2
    assert rendera.call_count == 0


def test_a_missing_wheel_year_is_nothing_to_build(db):
    assert bygge.bygg(999999, 1) is None
    assert bygge.rendera(999999) is False


def test_the_year_bounds_are_swedish_time():
    assert arsgranser(2026) == (
        datetime(2025, 12, 31, 23, tzinfo=UTC),
        datetime(2026, 12, 31, 23, tzinfo=UTC),
    )


def test_renamed_reference_data_on_the_wheel_is_rebuilt(akc, trygg, bygg):
    rad = begar_ombyggnad(akc.pk, AR)
    fore = fingeravtryck(rad)
    Lokalpolisomrade.objects.filter(kod="city").update(namn="Centrum")
    assert fingeravtryck(rad) != fore
    bygg(akc)
    assert Arshjulshandelse.objects.filter(titel="Insatsfönster Centrum").count() == 12
    trygg_rad = begar_ombyggnad(trygg.pk, AR)
    trygg_fore = fingeravtryck(trygg_rad)
    Myndighet.objects.filter(kod="slk").update(namn="Stadsledningen")
    assert fingeravtryck(trygg_rad) != trygg_fore, "the note-taker's organisation is on the wheel"


def test_a_window_of_a_rule_switched_off_is_kept_while_operations_are_planned_in_it(akc, bygg):
    bygg(akc)
    mars = Arshjulshandelse.objects.get(regel__kod="fonster-city", forekomst=3)
    planerad = insats("P-2", timezone.localtime(mars.start).date(), insatsfonster=mars)
    Aterkommanderegel.objects.filter(kod="fonster-city").update(aktiv=False)
    bygg(akc)
    assert list(Arshjulshandelse.objects.filter(regel__kod="fonster-city")) == [mars]
    planerad.refresh_from_db()
    assert planerad.insatsfonster_id == mars.pk


def test_the_watchdog_renders_the_pdf_a_ready_version_still_lacks(akc, settings):
    settings.ARSHJUL_VAKT_SEKUNDER = 300
    rad = begar_ombyggnad(akc.pk, AR)
    version_id = bygge.bygg(rad.pk, rad.begaran)
    assert bygge.rendera(version_id)
    version = Arshjulsversion.objects.get(pk=version_id)
    # As a changed operation leaves it (``inkrementell``) when its PDF task is lost.
    Arshjulsversion.objects.filter(pk=version_id).update(pdf="", pdf_kontrollsumma="")
    senare = timezone.now() + timedelta(seconds=301)
    assert bygge.fastnade(senare) == ([], [version_id])
    assert bygge.rendera(version_id)
    version.refresh_from_db()
    assert version.pdf
    assert version.status == VersionStatus.KLAR
    assert bygge.fastnade(senare) == ([], [])
