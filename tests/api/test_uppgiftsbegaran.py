"""Requests for information through the API: read as the policy allows, answered with the
release that answers or declined through the page's verbs, with If-Match."""

import pytest

from insatser.models import Frislappning, Uppgiftsbegaran
from insatser.workflow import UppgiftsbegaranStatus
from myndigheter.roles import Roll
from objekt.models import Objektuppgift
from tests.fabriker import DelningsgrundFabrik, ObjektFabrik, insats_med, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik()
    insats = insats_med(objekt, ["skatteverket", "av"])
    av = skapa_anvandare("av", Roll.HANDLAGGARE, "av")
    return {
        "insats": insats,
        "objekt": objekt,
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": av,
        "begaran": Uppgiftsbegaran.objects.create(
            insats=insats,
            objekt=objekt,
            fragande_organisation=org("av"),
            fragad_av=av,
            tillfragad_organisation=org("skatteverket"),
            fraga="Har bolaget skulder?",
        ),
    }


def _adress(varld) -> str:
    return f"/api/v1/insatser/{varld['insats'].pk}/uppgiftsbegaranden/{varld['begaran'].pk}/svar"


def test_the_asked_organisation_answers_with_the_release_that_answers(api, token, varld):
    uppgift = Objektuppgift.objects.create(
        objekt=varld["objekt"], organisation=org("skatteverket"), innehall={"skulder": "ja"}
    )
    frislappning = Frislappning.objects.create(
        objektuppgift=uppgift,
        insats=varld["insats"],
        frislappt_av=varld["skv"],
        delningsgrund=DelningsgrundFabrik(),
        grund="Samtycke",
    )
    api.hemlighet = token(varld["skv"], "read-write")
    lista = api.get(f"/api/v1/insatser/{varld['insats'].pk}/uppgiftsbegaranden").json()
    assert [r["fraga"] for r in lista["items"]] == ["Har bolaget skulder?"]
    last = api.get(_adress(varld))
    kropp = {"svar": "Se uppgiften.", "frislappning": frislappning.pk}
    assert api.post(_adress(varld), kropp).status_code == 428
    svar = api.post(_adress(varld), kropp, **{"If-Match": last["ETag"]})
    assert svar.status_code == 200, svar.content
    assert (svar.json()["status"], svar.json()["frislappning"]) == (
        UppgiftsbegaranStatus.BESVARAD,
        frislappning.pk,
    )
    assert api.post(_adress(varld), kropp, **{"If-Match": last["ETag"]}).status_code == 412
    api.hemlighet = token(varld["av"])
    assert api.get(_adress(varld)).json()["svar"] == "Se uppgiften."


def test_a_decline_gives_the_reason_and_the_asker_may_not_answer(api, token, varld):
    api.hemlighet = token(varld["av"], "read-write")
    tagg = api.get(_adress(varld))["ETag"]
    assert api.post(_adress(varld), {"svar": "x"}, **{"If-Match": tagg}).status_code == 404
    api.hemlighet = token(varld["skv"], "read-write")
    svar = api.post(_adress(varld), {"avboj": True, "svar": "Sekretess"}, **{"If-Match": tagg})
    assert svar.json()["status"] == UppgiftsbegaranStatus.AVBOJD
    assert Uppgiftsbegaran.objects.get().svarstext == "Sekretess"


@pytest.mark.parametrize(
    ("kropp", "namn"),
    [({"svar": ""}, "svar"), ({"svar": "x", "frislappning": 10**6}, "frislappning")],
)
def test_a_bad_answer_is_itemised_and_nothing_is_saved(api, token, varld, kropp, namn):
    api.hemlighet = token(varld["skv"], "read-write")
    tagg = api.get(_adress(varld))["ETag"]
    svar = api.post(_adress(varld), kropp, **{"If-Match": tagg})
    assert svar.status_code == 400
    assert [f["name"] for f in svar.json()["errors"]] == [namn]
    assert Uppgiftsbegaran.objects.get().status == UppgiftsbegaranStatus.OPPEN
