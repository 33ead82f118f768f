"""Many people at once on PostgreSQL, through the pages, each on a connection of its own: two
coordinators editing one operation in turn, and twenty police coordinators answering one
staffing request at the same moment. (Twenty identical creates at once:
tests/karna/test_engang.py.)"""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from insatser import services
from insatser.models import Bemanningsbegaran, Insats
from insatser.workflow import BemanningStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.fabriker import ObjektFabrik
from tests.varld import aktuell_version, formularet

pytestmark = pytest.mark.django_db(transaction=True)
KONFLIKT = "ändrats av någon annan"


def samtidigt(uppgifter):
    """Run the callables at the same moment, each in a thread with its own database
    connection; their answers in the callables' order."""
    start = threading.Barrier(len(uppgifter))
    svar = [None] * len(uppgifter)

    def kor(i, uppgift):
        start.wait()
        try:
            svar[i] = uppgift()
        finally:
            connection.close()

    tradar = [threading.Thread(target=kor, args=(i, u)) for i, u in enumerate(uppgifter)]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join()
    return svar


@pytest.fixture
def samordnare(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning")


@pytest.fixture
def insats(samordnare):
    start = timezone.now() + timedelta(days=40)
    return services.skapa_insats(
        user=samordnare,
        titel="Restauranger",
        start=start,
        slut=start + timedelta(hours=4),
        samordnande_enhet=samordnare.profil.enhet,
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )


def test_two_coordinators_fifty_conflicting_edits_each_none_lost(samordnare, insats):
    """About 20 s: fifty rounds of two page loads and two simultaneous posts."""
    url = f"/insatser/{insats.pk}/andra/"
    klienter = [Client(), Client()]
    for klient in klienter:
        klient.force_login(samordnare)
    vinnare = []
    for runda in range(50):
        titlar = [f"Runda {runda} av {i}" for i in range(2)]
        formular = [
            {**formularet(k, url), "titel": t} for k, t in zip(klienter, titlar, strict=True)
        ]
        svar = samtidigt(
            [lambda k=k, f=f: k.post(url, f) for k, f in zip(klienter, formular, strict=True)]
        )
        koder = sorted(s.status_code for s in svar)
        assert koder == [200, 302], f"round {runda}: one write wins, the stale one is refused"
        (nekad,) = [s for s in svar if s.status_code == 200]
        assert KONFLIKT in nekad.content.decode()
        vinnare += [t for t, s in zip(titlar, svar, strict=True) if s.status_code == 302]
    insats = Insats.objects.get(pk=insats.pk)
    assert insats.version == 1 + 50
    assert insats.titel == vinnare[-1]
    sparade = list(
        insats.events.filter(pgh_label="update").order_by("pgh_id").values_list("titel", flat=True)
    )
    assert sparade == vinnare


def test_twenty_answers_to_one_staffing_request_one_wins(samordnare, insats, skapa_anvandare):
    services.bjud_in(samordnare, insats, Myndighet.objects.get(kod="skatteverket"))
    services.lagg_till_kontroll(samordnare, insats, ObjektFabrik())
    services.planera_insats(samordnare, insats, version=aktuell_version(insats))
    begaran = services.begar_bemanning(
        samordnare,
        insats,
        Lokalpolisomrade.objects.get(kod="city"),
        4,
        version=aktuell_version(insats),
    )
    url = f"/polis/begaranden/{begaran.pk}/"
    klienter = []
    for i in range(20):
        klient = Client()
        klient.force_login(
            skapa_anvandare(f"opsam{i}", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",))
        )
        klienter.append(klient)
    data = {"bekraftat_antal": 4, "version": begaran.version}
    svar = samtidigt([lambda k=k: k.post(url, data, follow=True) for k in klienter])
    utfall = Counter(KONFLIKT in s.content.decode() for s in svar)
    assert all(s.status_code == 200 for s in svar)
    assert utfall == {True: 19, False: 1}
    begaran = Bemanningsbegaran.objects.get(pk=begaran.pk)
    assert begaran.status == BemanningStatus.BEKRAFTAD
    assert begaran.version == data["version"] + 1
    assert begaran.events.filter(pgh_label="update", status=BemanningStatus.BEKRAFTAD).count() == 1
