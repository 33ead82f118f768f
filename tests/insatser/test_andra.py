"""Changing an operation's details, and stale forms: a conflict message, never an overwrite."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser import services
from insatser.models import Insats
from insatser.workflow import InsatsStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.fabriker import ObjektFabrik
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db
KONFLIKT = "Insatsen har ändrats av någon annan sedan du öppnade den."


@pytest.fixture
def sam(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning")


@pytest.fixture
def insats(sam):
    start = timezone.localtime(timezone.now() + timedelta(days=40)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    insats = services.skapa_insats(
        user=sam,
        titel="Ändras",
        start=start,
        slut=start + timedelta(hours=3),
        samlingsplats="Vid stationen",
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    return Insats.objects.get(pk=insats.pk)


def _formular(insats, **andringar):
    return {
        "titel": insats.titel,
        "start": timezone.localtime(insats.start).strftime("%Y-%m-%dT%H:%M"),
        "slut": timezone.localtime(insats.slut).strftime("%Y-%m-%dT%H:%M"),
        "syfte": insats.syfte,
        "samlingsplats": insats.samlingsplats,
        "lpoer": [lpo.pk for lpo in insats.lpoer.all()],
        "kommuner": [],
        "version": insats.version,
        **andringar,
    }


def test_the_coordinator_changes_the_meeting_point(client, sam, insats):
    client.force_login(sam)
    svar = client.post(f"/insatser/{insats.pk}/andra/", _formular(insats, samlingsplats="Torget"))
    assert svar["Location"] == f"/insatser/{insats.pk}/"
    andrad = Insats.objects.get(pk=insats.pk)
    assert (andrad.samlingsplats, andrad.version) == ("Torget", insats.version + 1)
    assert andrad.handelser.get(typ="uppgifter_andrade").text == "samlingsplats"


def test_a_stale_form_is_a_conflict_and_overwrites_nothing(client, sam, insats):
    gammal = _formular(insats, samlingsplats="Gamla planen")
    services.andra_insats(sam, insats, version=insats.version, samlingsplats="Kollegans plan")
    client.force_login(sam)
    svar = client.post(f"/insatser/{insats.pk}/andra/", gammal)
    assert svar.status_code == 200
    assert KONFLIKT in svar.content.decode()
    assert Insats.objects.get(pk=insats.pk).samlingsplats == "Kollegans plan"


def test_a_stale_planning_click_is_a_conflict(client, sam, insats):
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    objekt = ObjektFabrik()
    services.lagg_till_kontroll(sam, insats, objekt)
    sedd_version = Insats.objects.get(pk=insats.pk).version
    services.andra_insats(sam, insats, version=sedd_version, titel="Ny titel av kollegan")
    client.force_login(sam)
    svar = client.post(f"/insatser/{insats.pk}/planera/", {"version": sedd_version}, follow=True)
    assert KONFLIKT in svar.content.decode()
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.FORESLAGEN


def test_the_time_cannot_change_once_police_were_asked(client, sam, insats):
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    insats.status = InsatsStatus.BEMANNING_BEGARD
    insats.save()
    senare = timezone.localtime(insats.start + timedelta(days=1))
    client.force_login(sam)
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(
            insats,
            start=senare.strftime("%Y-%m-%dT%H:%M"),
            slut=(senare + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert "planera om insatsen till den nya tiden" in svar.content.decode()
    assert Insats.objects.get(pk=insats.pk).start == insats.start


def test_an_lpo_with_an_active_request_cannot_be_removed(client, sam, insats):
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    insats.status = InsatsStatus.PLANERAD
    insats.save()
    services.begar_bemanning(
        sam, insats, Lokalpolisomrade.objects.get(kod="city"), 2, version=aktuell_version(insats)
    )
    insats.refresh_from_db()
    client.force_login(sam)
    nordost = Lokalpolisomrade.objects.get(kod="nordost")
    svar = client.post(f"/insatser/{insats.pk}/andra/", _formular(insats, lpoer=[nordost.pk]))
    assert "kan inte tas bort" in svar.content.decode()
    assert list(Insats.objects.get(pk=insats.pk).lpoer.values_list("kod", flat=True)) == ["city"]


def test_bad_input_gets_swedish_messages_and_changes_nothing(client, sam, insats):
    client.force_login(sam)
    svar = client.post(
        f"/insatser/{insats.pk}/andra/", _formular(insats, titel="", start="i morgon")
    )
    text = svar.content.decode()
    assert "Det här fältet är obligatoriskt." in text
    assert "Fyll i ett giltigt datum/tid." in text
    assert Insats.objects.get(pk=insats.pk).titel == "Ändras"


def test_an_ended_operation_cannot_be_changed(sam, insats):
    insats.status = InsatsStatus.AVSLAGEN
    insats.save()
    with pytest.raises(Exception, match="kan inte längre ändras"):
        services.andra_insats(sam, insats, version=insats.version, titel="Sent")
    assert Insats.objects.get(pk=insats.pk).titel == "Ändras"
