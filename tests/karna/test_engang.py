"""A create form sent twice creates once: the one-time key of ``karna.engang``."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from insatser.models import Insats
from karna import engang
from karna.models import Engangsnyckel
from myndigheter.models import Lokalpolisomrade
from myndigheter.roles import Roll


def _data(nyckel, titel="Dubbelklickad insats"):
    start = timezone.localtime() + timedelta(days=30)
    return {
        "engangsnyckel": str(nyckel),
        "titel": titel,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "slut": (start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
        "lpoer": [Lokalpolisomrade.objects.get(kod="city").pk],
    }


@pytest.mark.django_db
def test_the_form_carries_a_new_key_each_time_it_is_shown(client, skapa_anvandare):
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    forsta = client.get("/insatser/ny/").context["form"]["engangsnyckel"].value()
    andra = client.get("/insatser/ny/").context["form"]["engangsnyckel"].value()
    assert uuid.UUID(str(forsta)) != uuid.UUID(str(andra))


@pytest.mark.django_db
def test_the_same_form_sent_twice_creates_one_operation_and_leads_to_it(client, skapa_anvandare):
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    nyckel = uuid.uuid4()
    forsta = client.post("/insatser/ny/", _data(nyckel))
    andra = client.post("/insatser/ny/", _data(nyckel), follow=True)
    insats = Insats.objects.get()
    assert forsta["Location"] == f"/insatser/{insats.pk}/"
    assert andra.redirect_chain == [(f"/insatser/{insats.pk}/", 302)]
    assert "Formuläret var redan skickat" in andra.content.decode()
    client.post("/insatser/ny/", _data(uuid.uuid4(), titel="En annan"))
    assert Insats.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_first_post_leaves_the_key_free_for_the_corrected_form(client, skapa_anvandare):
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    nyckel = uuid.uuid4()
    fel = {**_data(nyckel), "slut": _data(nyckel)["start"]}
    assert client.post("/insatser/ny/", fel).status_code == 200
    assert not Insats.objects.exists()
    assert not Engangsnyckel.objects.exists()
    assert client.post("/insatser/ny/", _data(nyckel)).status_code == 302
    assert Insats.objects.count() == 1


@pytest.mark.django_db
def test_another_users_key_creates_nothing(client, skapa_anvandare):
    nyckel = uuid.uuid4()
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    client.post("/insatser/ny/", _data(nyckel))
    client.force_login(skapa_anvandare("sam2", Roll.SAMORDNARE, "akc-vast"))
    svar = client.post("/insatser/ny/", _data(nyckel))
    assert svar.status_code == 200
    assert "Formuläret är redan skickat" in svar.content.decode()
    assert Insats.objects.count() == 1


@pytest.mark.django_db
def test_keys_older_than_a_day_are_removed(skapa_anvandare):
    user = skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")
    gammal = Engangsnyckel.objects.create(
        nyckel=uuid.uuid4(), anvandare=user, adress="/", skapad=timezone.now() - timedelta(days=2)
    )
    ny = Engangsnyckel.objects.create(nyckel=uuid.uuid4(), anvandare=user, adress="/")
    assert engang.rensa() == 1
    assert list(Engangsnyckel.objects.values_list("pk", flat=True)) == [ny.pk]
    assert not Engangsnyckel.objects.filter(pk=gammal.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_posts_at_once_create_one_operation(skapa_anvandare):
    user = skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")
    data = _data(uuid.uuid4())
    start = threading.Barrier(20)
    svar = []

    def skicka():
        klient = Client()
        klient.force_login(user)
        start.wait()
        try:
            svar.append(klient.post("/insatser/ny/", data))
        finally:
            connection.close()

    tradar = [threading.Thread(target=skicka) for _ in range(20)]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join()
    insats = Insats.objects.get()
    assert [s.status_code for s in svar] == [302] * 20
    assert {s["Location"] for s in svar} == {f"/insatser/{insats.pk}/"}
