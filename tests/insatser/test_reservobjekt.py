"""Reserve objects: backups in an operation that make a short-notice change cheap."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from insatser import services
from insatser.models import Insats, Installningsorsak, Kontroll
from insatser.workflow import InsatsStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.fabriker import ObjektFabrik
from tests.varld import aktuell_version, status_av

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")


def _objekt(namn):
    return ObjektFabrik(namn=namn)


@pytest.fixture
def insats(sam):
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=sam,
        titel="Med reserv",
        start=start,
        slut=start + timedelta(hours=3),
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    return insats


def test_a_reserve_object_alone_is_not_enough_to_plan(sam, insats):
    services.lagg_till_kontroll(sam, insats, _objekt("Reserven AB"), reserv=True)
    with pytest.raises(ValidationError, match="utöver reservobjekt"):
        services.planera_insats(sam, insats, version=aktuell_version(insats))
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.FORESLAGEN


def test_an_unneeded_reserve_does_not_hold_up_carrying_out(sam, insats):
    huvud = services.lagg_till_kontroll(sam, insats, _objekt("Huvudet AB"))
    reserv = services.lagg_till_kontroll(sam, insats, _objekt("Reserven AB"), reserv=True)
    assert insats.handelser.filter(typ="reservobjekt_tillagt", text__contains="Reserven").exists()
    Insats.objects.filter(pk=insats.pk).update(status=InsatsStatus.BEKRAFTAD)
    with time_machine.travel(insats.start + timedelta(hours=1)):
        services.markera_kontroll(sam, huvud, genomford=True, forvantad_status=status_av(huvud))
        services.genomfor_insats(
            sam,
            Insats.objects.get(pk=insats.pk),
            version=aktuell_version(Insats.objects.get(pk=insats.pk)),
        )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.GENOMFORD
    assert Kontroll.objects.get(pk=reserv.pk).status == Kontroll.Status.PLANERAD


def test_rescheduling_keeps_the_reserve_objects(sam, insats):
    services.lagg_till_kontroll(sam, insats, _objekt("Huvudet AB"))
    services.lagg_till_kontroll(sam, insats, _objekt("Reserven AB"), reserv=True)
    services.planera_insats(sam, insats, version=aktuell_version(insats))
    ny_start = insats.start + timedelta(days=7)
    efterfoljare = services.omplanera_insats(
        sam,
        insats,
        ny_start,
        ny_start + timedelta(hours=3),
        Installningsorsak.objects.get(kod="skjutning"),
        version=aktuell_version(insats),
    )
    assert dict(efterfoljare.kontroller.values_list("objekt__namn", "reserv")) == {
        "Huvudet AB": False,
        "Reserven AB": True,
    }


def test_the_page_adds_a_reserve_object(client, sam, insats):
    objekt = _objekt("Sidreserven AB")
    client.force_login(sam)
    client.post(f"/insatser/{insats.pk}/objekt/", {"objekt": objekt.pk, "reserv": "on"})
    assert insats.kontroller.get().reserv
    assert "(reservobjekt)" in client.get(f"/insatser/{insats.pk}/").content.decode()
