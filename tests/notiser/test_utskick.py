"""The fan-out: notifications and e-mails to exactly those concerned, once, no protected data."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError
from django.utils import dateformat, timezone, translation

from insatser import services
from insatser.models import Insatshandelse
from insatser.tidslinje import etikett
from karna.lasning import Konflikt
from notiser import services as notistjanster
from notiser.models import Notis, Utskick
from notiser.notistyper import NOTIFIERANDE, NOTISTYPER, Notiskategori
from notiser.services import epostmeddelande, missade_handelser, notifiera
from notiser.tasks import AKUT_KO, notifiera_handelse, notifiera_missade
from tests.varld import aktuell_version, las, stall_in

pytestmark = pytest.mark.django_db


def _senaste(insats, typ):
    return Insatshandelse.objects.filter(insats=insats, typ=typ).latest("pk")


@pytest.fixture
def installd(personer, bekraftad, orsak):
    insats, _ = bekraftad
    stall_in(personer, insats, orsak, "Skottlossning vid Hjalmar Brantingsplatsen")
    return las(insats)


def _mottagare_av_epost():
    return sorted(adress for meddelande in mail.outbox for adress in meddelande.to)


def test_a_cancellation_notifies_in_the_app_and_by_e_mail_by_default(personer, installd):
    handelse = _senaste(installd, "stall_in")
    skickade = notifiera(handelse.pk)
    notiser = Notis.objects.filter(handelse=handelse)
    assert set(notiser.values_list("mottagare__username", flat=True)) == {
        "kollega",
        "skv",
        "skv.kontakt",
        "opsam",
        "polis",
    }
    assert {n.kategori for n in notiser} == {Notiskategori.INSTALLD}
    assert {n.lank for n in notiser} == {f"/insatser/{installd.pk}/"}
    assert {n.text for n in notiser} == {"Skjutning"}
    assert skickade == 5
    assert _mottagare_av_epost() == sorted(f"{n.mottagare.username}@example.se" for n in notiser)
    assert all(n.epost_skickad is not None for n in notiser)
    assert Utskick.objects.filter(handelse=handelse).exists()


def test_running_the_fan_out_again_creates_and_sends_nothing_twice(personer, installd):
    handelse = _senaste(installd, "stall_in")
    notifiera(handelse.pk)
    fore = list(Notis.objects.order_by("pk").values_list("pk", "epost_skickad"))
    assert notifiera(handelse.pk) == 0
    assert list(Notis.objects.order_by("pk").values_list("pk", "epost_skickad")) == fore
    assert len(mail.outbox) == 5


def test_kinds_without_chosen_e_mail_stay_in_the_app(personer, begard):
    insats, _ = begard
    handelse = _senaste(insats, "inbjudan")
    assert notifiera(handelse.pk) == 0
    assert Notis.objects.filter(handelse=handelse).count() == 2
    assert mail.outbox == []


def test_a_user_who_chose_e_mail_for_invitations_gets_it(personer, begard):
    notistjanster.spara_installningar(personer["skv"], [Notiskategori.INBJUDAN])
    insats, _ = begard
    notifiera(_senaste(insats, "inbjudan").pk)
    assert _mottagare_av_epost() == ["skv@example.se"]


def test_a_user_who_opted_out_of_cancellation_e_mail_still_sees_it_in_the_app(personer, installd):
    notistjanster.spara_installningar(personer["skv"], [])
    handelse = _senaste(installd, "stall_in")
    notifiera(handelse.pk)
    assert "skv@example.se" not in _mottagare_av_epost()
    notis = Notis.objects.get(handelse=handelse, mottagare=personer["skv"])
    assert (notis.skicka_epost, notis.epost_skickad) == (False, None)


def test_a_user_without_an_address_gets_no_e_mail(personer, installd):
    personer["polis"].email = ""
    personer["polis"].save()
    notifiera(_senaste(installd, "stall_in").pk)
    assert "polis@example.se" not in _mottagare_av_epost()
    assert not Notis.objects.get(mottagare=personer["polis"]).skicka_epost


def test_a_crash_between_creating_and_sending_neither_loses_nor_repeats_e_mail(personer, installd):
    handelse = _senaste(installd, "stall_in")
    with (
        mock.patch.object(notistjanster, "skicka_vantande_epost", side_effect=OperationalError),
        pytest.raises(OperationalError),
    ):
        notifiera(handelse.pk)
    assert Notis.objects.filter(handelse=handelse).count() == 5
    assert mail.outbox == []
    notifiera(handelse.pk)
    notifiera(handelse.pk)
    assert len(mail.outbox) == 5
    assert len(set(_mottagare_av_epost())) == 5


def test_a_mail_server_failure_midway_sends_the_rest_on_retry_and_none_twice(personer, installd):
    handelse = _senaste(installd, "stall_in")
    riktig_send = mail.EmailMessage.send
    antal = {"forsok": 0}

    def faller_pa_tredje(self, *args, **kwargs):
        antal["forsok"] += 1
        if antal["forsok"] == 3:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return riktig_send(self, *args, **kwargs)

    with (
        mock.patch.object(mail.EmailMessage, "send", faller_pa_tredje),
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        notifiera(handelse.pk)
    assert len(mail.outbox) == 2
    assert Notis.objects.filter(handelse=handelse, epost_skickad__isnull=False).count() == 2
    assert notifiera(handelse.pk) == 3
    assert len(mail.outbox) == 5
    assert len(set(_mottagare_av_epost())) == 5


def test_a_refused_address_is_not_retried_for_ever(personer, installd):
    handelse = _senaste(installd, "stall_in")
    nekad = smtplib.SMTPRecipientsRefused({"x@example.se": (550, b"no such user")})
    with mock.patch.object(mail.EmailMessage, "send", side_effect=nekad):
        assert notifiera(handelse.pk) == 0
    assert not Notis.objects.filter(handelse=handelse, skicka_epost=True).exists()
    assert missade_handelser() == []


def test_an_entry_of_a_deleted_operation_notifies_nobody(personer, installd):
    assert notifiera(10**9) == 0
    assert not Notis.objects.exists()


# What an e-mail must never carry: the object's name, address and organisation number,
# the meeting point, the title, times, named officers and the police's comment on a cancellation.
def _skyddat(insats, personer):
    lokal = timezone.localtime(insats.start)
    return [
        "Hemliga Pizzerian",
        "Lönngatan",
        "556016-0680",
        "Bakom Centralstationen",
        insats.titel,
        lokal.strftime("%H:%M"),
        lokal.date().isoformat(),
        dateformat.format(lokal, "j F"),
        "Skottlossning",
        "Hjalmar",
        "Petra",
        "Polisson",
        # Not protected, but the in-app text (here these names) stays out of e-mail too, as does
        # the cancellation reason.
        "Skatteverket",
        "City",
        "Skjutning",
    ]


@pytest.mark.parametrize("typ", sorted(NOTIFIERANDE))
def test_no_kind_of_e_mail_carries_protected_data(personer, installd, typ):
    polis = personer["polis"]
    polis.first_name, polis.last_name = "Petra", "Polisson"
    polis.save()
    handelse = Insatshandelse.objects.create(insats=installd, typ=typ)
    notis = Notis.objects.create(
        mottagare=personer["skv"],
        insats=installd,
        handelse=handelse,
        typ=typ,
        kategori=NOTISTYPER[typ].kategori,
        text="Skatteverket, City",
        lank=f"/insatser/{installd.pk}/",
    )
    with translation.override("en"):  # the e-mail is Swedish whatever the sender's language
        meddelande = epostmeddelande(notis)
    text = f"{meddelande.subject}\n{meddelande.body}"
    assert installd.referens in text
    assert str(etikett(typ)) in text
    assert f"/logga-in/?next=%2Finsatser%2F{installd.pk}%2F" in text
    assert "Logga in" in text
    for skyddad in _skyddat(installd, personer):
        assert skyddad not in text, (typ, skyddad)


def test_the_e_mail_links_to_the_configured_site(settings, personer, installd):
    settings.SITE_URL = "https://saminsats.example.se/"
    notifiera(_senaste(installd, "stall_in").pk)
    assert "https://saminsats.example.se/logga-in/?next=" in mail.outbox[0].body
    assert "https://saminsats.example.se/notiser/installningar/" in mail.outbox[0].body


def test_the_sweeper_finds_entries_whose_fan_out_never_ran_and_unsent_e_mail(
    personer, installd, begard
):
    stall_in = _senaste(installd, "stall_in")
    assert missade_handelser() == [], "a fresh entry is left to its own task"
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        hittade = dict(missade_handelser())
        assert hittade[stall_in.pk] == "stall_in"
        assert set(hittade.values()) <= NOTIFIERANDE
        for handelse_pk in hittade:
            notifiera(handelse_pk)
        assert missade_handelser() == []
        Notis.objects.filter(handelse=stall_in).update(epost_skickad=None)
    with time_machine.travel(timezone.now() + timedelta(minutes=12)):
        assert missade_handelser() == [(stall_in.pk, "stall_in")]
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert missade_handelser() == [], "older than the horizon: no longer news"


def test_cancellation_is_queued_after_commit_on_its_own_queue(
    personer, bekraftad, orsak, django_capture_on_commit_callbacks
):
    insats, _ = bekraftad
    with mock.patch.object(notifiera_handelse, "apply_async") as koa:
        with django_capture_on_commit_callbacks(execute=False) as vantande:
            services.stall_in_insats(
                personer["samordnare"], insats, orsak, version=aktuell_version(insats)
            )
        koa.assert_not_called()
        for callback in vantande:
            callback()
    handelse = _senaste(insats, "stall_in")
    koa.assert_called_once_with((handelse.pk,), queue=AKUT_KO)


def test_other_events_are_queued_on_the_ordinary_queue_and_routine_ones_not_at_all(
    personer, begard, objekt, django_capture_on_commit_callbacks
):
    insats, _ = begard
    with (
        mock.patch.object(notifiera_handelse, "apply_async") as koa,
        django_capture_on_commit_callbacks(execute=True),
    ):
        deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
        services.besvara_inbjudan(
            personer["skv"], deltagande, accepterad=True, version=aktuell_version(deltagande)
        )
    handelse = _senaste(insats, "inbjudan_besvarad")
    koa.assert_called_once_with((handelse.pk,))


def test_a_refused_verb_queues_nothing(personer, begard, orsak, django_capture_on_commit_callbacks):
    insats, _ = begard
    with (
        mock.patch.object(notifiera_handelse, "apply_async") as koa,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Konflikt),
    ):
        services.stall_in_insats(personer["samordnare"], insats, orsak, version=insats.version - 1)
    koa.assert_not_called()


def test_the_task_retries_only_errors_that_can_pass():
    assert OperationalError in notifiera_handelse.autoretry_for
    assert smtplib.SMTPException in notifiera_handelse.autoretry_for
    assert ValueError not in notifiera_handelse.autoretry_for
    assert notifiera_handelse.soft_time_limit < notifiera_handelse.time_limit


def test_the_sweeper_task_queues_each_missed_entry_on_its_queue(personer, installd, begard):
    insats, _ = begard
    inbjudan = _senaste(insats, "inbjudan")
    stall_in = _senaste(installd, "stall_in")
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=6)),
        mock.patch.object(notifiera_handelse, "apply_async") as koa,
    ):
        antal = notifiera_missade.apply().get()
    assert antal == len(koa.call_args_list)
    assert mock.call((stall_in.pk,), queue=AKUT_KO) in koa.call_args_list
    assert mock.call((inbjudan.pk,)) in koa.call_args_list
