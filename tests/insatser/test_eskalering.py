"""Escalation of unanswered staffing requests and of operations without confirmed police."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from config.celery import app
from insatser import services
from insatser.models import Bemanningsbegaran, Insatshandelse
from insatser.services.eskalering import eskalera
from insatser.tasks import eskalera_bemanning
from insatser.workflow import BemanningStatus
from tests.varld import aktuell_version, las, lpo

pytestmark = pytest.mark.django_db


def _klockan(dag, timme=9):
    return datetime.combine(dag, time(timme), tzinfo=timezone.get_current_timezone())


def _paminnelser(typ="bemanning_paminnelse"):
    return list(Insatshandelse.objects.filter(typ=typ).values_list("insats_id", "begaran_id"))


@pytest.fixture
def med_frist(begard):
    """The request must be answered by a date ten days ahead."""
    insats, begaran = begard
    frist = timezone.localdate() + timedelta(days=10)
    Bemanningsbegaran.objects.filter(pk=begaran.pk).update(svarsfrist=frist)
    return insats, Bemanningsbegaran.objects.get(pk=begaran.pk), frist


def test_a_request_is_escalated_once_when_its_answer_by_date_is_near(med_frist):
    insats, begaran, frist = med_frist
    with time_machine.travel(_klockan(frist - timedelta(days=3))):
        assert eskalera() == 0
    with time_machine.travel(_klockan(frist - timedelta(days=1))):
        assert eskalera() == 1
        assert eskalera() == 0, "once per request"
    with time_machine.travel(_klockan(frist + timedelta(days=1))):
        assert eskalera() == 0
    assert _paminnelser() == [(insats.pk, begaran.pk)]
    begaran.refresh_from_db()
    assert begaran.paminnelse_skickad is not None
    assert begaran.version == 2, "a reminder leaves the police's answer form valid"


def test_the_warning_time_is_a_setting(settings, med_frist):
    _, _, frist = med_frist
    settings.BEMANNING_ESKALERING_TIMMAR = 24 * 5
    with time_machine.travel(_klockan(frist - timedelta(days=4))):
        assert eskalera() == 1


def test_without_an_answer_by_date_the_request_is_due_days_before_the_operation(settings, begard):
    insats, begaran = begard
    assert begaran.svarsfrist is None
    dagen = timezone.localdate(insats.start)
    due = dagen - timedelta(days=settings.BEMANNING_SVARSFRIST_DAGAR)
    with time_machine.travel(_klockan(due - timedelta(days=3))):
        assert eskalera() == 0
    with time_machine.travel(_klockan(due - timedelta(days=1))):
        assert eskalera() == 1


def test_a_request_found_late_is_still_escalated(med_frist):
    _, _, frist = med_frist
    with time_machine.travel(_klockan(frist + timedelta(days=2))):
        assert eskalera() == 1


def test_an_answered_request_is_not_escalated(personer, med_frist):
    _, begaran, frist = med_frist
    services.besvara_bemanning(personer["opsam"], begaran, 3, version=aktuell_version(begaran))
    with time_machine.travel(_klockan(frist)):
        assert eskalera() == 0
    assert _paminnelser() == []


def test_a_cancelled_operations_requests_are_not_escalated(personer, med_frist, orsak):
    insats, begaran, frist = med_frist
    services.stall_in_insats(
        personer["samordnare"], las(insats), orsak, version=aktuell_version(las(insats))
    )
    assert Bemanningsbegaran.objects.get(pk=begaran.pk).status == BemanningStatus.MAKULERAD
    with time_machine.travel(_klockan(frist)):
        assert eskalera() == 0


def test_an_operation_close_without_confirmed_police_is_flagged_once(settings, personer, begard):
    insats, _ = begard
    dagen = timezone.localdate(insats.start)
    settings.INSATS_OBEKRAFTAD_DAGAR = 5
    with time_machine.travel(_klockan(dagen - timedelta(days=6), timme=12)):
        assert _paminnelser("obekraftad_paminnelse") == []
        eskalera()
        assert _paminnelser("obekraftad_paminnelse") == []
    with time_machine.travel(_klockan(dagen - timedelta(days=4), timme=12)):
        eskalera()
        eskalera()
    assert _paminnelser("obekraftad_paminnelse") == [(insats.pk, None)]


def test_a_confirmed_operation_is_not_flagged(settings, personer, bekraftad):
    insats, _ = bekraftad
    with time_machine.travel(insats.start - timedelta(days=1)):
        eskalera()
    assert _paminnelser("obekraftad_paminnelse") == []


def test_a_planned_operation_without_any_request_is_flagged_too(personer, begard):
    insats, begaran = begard
    services.besvara_bemanning(personer["opsam"], begaran, 0, version=aktuell_version(begaran))
    assert las(insats).status == "PLANERAD"
    with time_machine.travel(insats.start - timedelta(days=1)):
        assert eskalera() == 1
    assert _paminnelser("obekraftad_paminnelse") == [(insats.pk, None)]


def test_a_second_lpo_gets_its_own_reminder(personer, med_frist):
    insats, _, frist = med_frist
    andra = services.begar_bemanning(
        personer["samordnare"],
        las(insats),
        lpo("nordost"),
        1,
        svarsfrist=frist,
        version=aktuell_version(las(insats)),
    )
    with time_machine.travel(_klockan(frist)):
        assert eskalera() == 2
    assert {b for _, b in _paminnelser()} == {med_frist[1].pk, andra.pk}


def test_beat_runs_the_escalation_task():
    schema = app.conf.beat_schedule
    assert schema["eskalera_bemanning"]["task"] == eskalera_bemanning.name
    assert schema["notifiera_missade"]["task"] == "notiser.tasks.notifiera_missade"


def test_the_task_runs_the_escalation(med_frist):
    _, _, frist = med_frist
    with time_machine.travel(_klockan(frist)):
        assert eskalera_bemanning.apply().get() == 1
