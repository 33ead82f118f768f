"""Sessions: new id at login, idle timeout, absolute lifetime, ending on deactivation, lockout."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from myndigheter.models import Myndighet
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db
LOSEN = "test-losen-123"


@pytest.fixture
def user(skapa_anvandare):
    return skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")


def logga_in(client, username="skv", password=LOSEN):
    return client.post("/logga-in/", {"username": username, "password": password})


def test_login_gives_a_new_session_id(client, user):
    client.get("/logga-in/")
    client.cookies["sessionid"] = "forutsagd-nyckel"
    logga_in(client)
    assert client.cookies["sessionid"].value not in ("", "forutsagd-nyckel")
    assert client.get("/").status_code == 200


def test_idle_timeout_logs_out(client, user, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        logga_in(client)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=28), tick=False):
        assert client.get("/").status_code == 200, "activity at minute 14 renewed the session"
    with time_machine.travel(start + timedelta(minutes=44), tick=False):
        svar = client.get("/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/logga-in/")
    assert client.get("/").status_code == 302


def test_idle_timeout_is_configurable(client, user, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        logga_in(client)
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        assert client.get("/").status_code == 302


def test_absolute_lifetime_ends_even_an_active_session(client, user):
    """Slow (about 5 s): seventy requests, one every ten minutes of a twelve-hour day."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        logga_in(client)
    for minuter in range(10, 12 * 60, 10):
        with time_machine.travel(start + timedelta(minutes=minuter), tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        svar = client.get("/")
    assert svar.status_code == 302


def test_deactivating_the_account_ends_all_its_sessions(client, user):
    from django.test import Client

    andra = Client()
    logga_in(client)
    logga_in(andra)
    assert Session.objects.count() == 2
    user.is_active = False
    user.save()
    assert Session.objects.count() == 0
    assert client.get("/").status_code == 302
    assert andra.get("/").status_code == 302


def test_deactivating_the_organisation_ends_its_members_sessions(client, user, skapa_anvandare):
    from django.test import Client

    annan = Client()
    skapa_anvandare("av", Roll.HANDLAGGARE, "av")
    logga_in(client)
    logga_in(annan, "av")
    skatteverket = Myndighet.objects.get(kod="skatteverket")
    skatteverket.aktiv = False
    skatteverket.save()
    assert client.get("/").status_code == 302
    assert annan.get("/").status_code == 200


def test_moving_a_user_to_another_organisation_ends_their_sessions(client, user):
    logga_in(client)
    user.profil.organisation = Myndighet.objects.get(kod="av")
    user.profil.save()
    assert client.get("/").status_code == 302


def test_repeated_failures_lock_the_login(client, user):
    for _ in range(4):
        assert logga_in(client, password="fel").status_code == 200
    assert logga_in(client, password="fel").status_code == 429, "the fifth failure locks"
    svar = logga_in(client)
    assert svar.status_code == 429
    text = svar.content.decode()
    assert "För många misslyckade inloggningsförsök. Försök igen om 15 minuter." in text
    assert "PT15M" not in text
    assert client.get("/").status_code == 302


def test_the_lockout_names_its_length_in_minutes_in_either_language(client, user, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=61)
    for _ in range(5):
        logga_in(client, password="fel")
    assert "Försök igen om 2 minuter." in logga_in(client).content.decode()
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    client.cookies["django_language"] = "en"
    assert "Try again in 1 minute." in logga_in(client).content.decode()


def test_lockout_lifts_after_the_cooloff(client, user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            logga_in(client, password="fel")
        assert logga_in(client).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert logga_in(client).status_code == 302
