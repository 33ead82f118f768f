"""A burst of work through the web, run by a real worker on the broker of the settings (Redis,
embedded or not): every task is done and the worker lives on. The file broker of the first
version read half-written messages under such a burst and its worker died, taking the app down."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from insatser import services
from insatser.models import Insatshandelse
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis, Utskick

pytestmark = pytest.mark.django_db(transaction=True)
ANTAL = 20


def test_twenty_invitations_sent_at_once_are_all_notified_by_the_worker(
    celery_arbetare, skapa_anvandare
):
    samordnare = skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")
    skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    start = timezone.now() + timedelta(days=30)
    insatser = [
        services.skapa_insats(
            user=samordnare,
            titel=f"Skur {nummer}",
            start=start,
            slut=start + timedelta(hours=3),
            lpoer=[Lokalpolisomrade.objects.get(kod="city")],
        )
        for nummer in range(ANTAL)
    ]
    arbetare = celery_arbetare()
    skatteverket = Myndighet.objects.get(kod="skatteverket").pk
    samtidigt = threading.Barrier(ANTAL)
    svar = []

    def bjud_in(insats):
        klient = Client()
        klient.force_login(samordnare)
        samtidigt.wait()
        try:
            adress = f"/insatser/{insats.pk}/bjud-in/"
            svar.append(klient.post(adress, {"organisation": skatteverket}).status_code)
        finally:
            connection.close()

    tradar = [threading.Thread(target=bjud_in, args=(insats,)) for insats in insatser]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join()
    assert svar == [302] * ANTAL
    inbjudningar = Insatshandelse.objects.filter(typ="inbjudan")
    assert inbjudningar.count() == ANTAL

    arbetare.vanta_pa(
        lambda: Utskick.objects.filter(handelse__in=inbjudningar).count() == ANTAL, sekunder=120
    )
    assert Notis.objects.filter(typ="inbjudan", mottagare__username="skv").count() == ANTAL
    assert arbetare.process.poll() is None, "the worker is still running"
