"""A withdrawn release tells those it reached, and nobody else; the entry stays off the
timeline, and the notification names only the organisation that withdrew it."""

import pytest

from insatser import services
from insatser.models import Insatshandelse, Mottagarkrets
from myndigheter.roles import Roll
from notiser.models import Notis
from notiser.services import notifiera
from objekt.models import Objektuppgift
from tests.fabriker import (
    DelningsgrundFabrik,
    ObjektFabrik,
    insats_med,
    org,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def aterkallad(skapa_anvandare):
    objekt = ObjektFabrik()
    insats = insats_med(objekt, ("skatteverket", "av", "migrationsverket"), referens="I-A")
    anvandare = {
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv2": skapa_anvandare("skv2", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "samordnare": skapa_anvandare("samordnare", Roll.SAMORDNARE, "akc-vast"),
    }
    uppgift = Objektuppgift.objects.create(objekt=objekt, organisation=org("skatteverket"))
    frislappning = services.frislapp_objektuppgift(
        anvandare["skv"],
        uppgift,
        insats,
        DelningsgrundFabrik(),
        Mottagarkrets.NAMNGIVNA,
        [org("av")],
    )
    services.aterkalla_frislappning(anvandare["skv"], frislappning, "Utredning pågår")
    handelse = Insatshandelse.objects.get(typ="frislappning_aterkallad")
    notifiera(handelse.pk)
    return anvandare, handelse


def test_only_those_the_release_reached_are_told(aterkallad):
    anvandare, _ = aterkallad
    notiser = Notis.objects.filter(typ="frislappning_aterkallad")
    assert [n.mottagare for n in notiser] == [anvandare["av"]]
    assert notiser.get().text == "Skatteverket"


def test_the_withdrawal_is_not_on_the_timeline(client, aterkallad):
    anvandare, handelse = aterkallad
    client.force_login(anvandare["mig"])
    sida = client.get(f"/insatser/{handelse.insats_id}/").content.decode()
    assert '<h2 id="tidslinje">' in sida
    assert "Frisläppt myndighetsuppgift återkallad" not in sida
