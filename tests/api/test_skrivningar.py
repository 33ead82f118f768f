"""Writes through the same verbs as the pages: If-Match required, Idempotency-Key repeats."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from api.services import skapa_api_token
from insatser.models import Deltagande, Insatshandelse
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbjudan(api, token, personer, begard):
    """Skatteverket's invitation and a read-write token of its case officer."""
    insats, _ = begard
    api.hemlighet = token(personer["skv"], "read-write")
    return insats, insats.deltaganden.get(organisation__kod="skatteverket")


def test_an_answer_needs_the_etag_it_read(api, inbjudan):
    insats, deltagande = inbjudan
    adress = f"/api/v1/insatser/{insats.pk}/svar"
    last = api.get(adress)
    assert last.status_code == 200
    assert last.json()["svar"] == "INBJUDEN"
    tagg = last["ETag"]
    assert api.get(adress, **{"If-None-Match": tagg}).status_code == 304
    assert api.post(adress, {"accepterad": True}).status_code == 428
    assert api.post(adress, {"accepterad": True}, **{"If-Match": '"99"'}).status_code == 412
    svar = api.post(adress, {"accepterad": True, "planerat_antal": 2}, **{"If-Match": tagg})
    assert svar.status_code == 200, svar.content
    assert svar.json()["svar"] == "ACCEPTERAD"
    assert svar["ETag"] != tagg
    deltagande.refresh_from_db()
    assert (deltagande.svar, deltagande.planerat_antal) == ("ACCEPTERAD", 2)
    assert api.post(adress, {"accepterad": False}, **{"If-Match": tagg}).status_code == 412


def test_a_bad_body_is_itemised_and_nothing_is_saved(api, inbjudan):
    insats, deltagande = inbjudan
    tagg = f'"{deltagande.version}"'
    svar = api.post(
        f"/api/v1/insatser/{insats.pk}/svar",
        {"accepterad": "kanske", "planerat_antal": -1},
        **{"If-Match": tagg},
    )
    assert svar.status_code == 400
    assert svar["Content-Type"] == "application/problem+json"
    assert {(f["in"], f["name"]) for f in svar.json()["errors"]} == {
        ("body", "accepterad"),
        ("body", "planerat_antal"),
    }
    assert Deltagande.objects.get(pk=deltagande.pk).svar == "INBJUDEN"


def test_those_who_may_not_answer_get_404(api, token, personer, inbjudan):
    insats, _ = inbjudan
    for namn in ["api", "opsam", "samordnare_miljo"]:
        api.hemlighet = token(personer[namn], "read-write")
        svar = api.post(f"/api/v1/insatser/{insats.pk}/svar", {"accepterad": True})
        assert svar.status_code == 404, namn


def test_a_repeat_with_the_same_key_gets_the_first_answer_and_another_body_is_refused(
    api, inbjudan
):
    insats, deltagande = inbjudan
    adress = f"/api/v1/insatser/{insats.pk}/svar"
    rubriker = {"If-Match": f'"{deltagande.version}"', "Idempotency-Key": "svar-1"}
    forsta = api.post(adress, {"accepterad": True, "planerat_antal": 3}, **rubriker)
    andra = api.post(adress, {"accepterad": True, "planerat_antal": 3}, **rubriker)
    assert forsta.status_code == andra.status_code == 200
    assert andra.json() == forsta.json()
    assert andra["Idempotent-Replayed"] == "true"
    annan = api.post(adress, {"accepterad": False}, **rubriker)
    assert annan.status_code == 422
    assert annan["Content-Type"] == "application/problem+json"
    assert Insatshandelse.objects.filter(insats=insats, typ="inbjudan_besvarad").count() == 1


def test_a_key_is_remembered_for_a_day(api, inbjudan):
    """A day later the same key is new again: the stored answer is gone, and the stale ETag
    now refuses the repeat (412) instead of replaying it."""
    from api.models import Idempotensnyckel

    insats, deltagande = inbjudan
    adress = f"/api/v1/insatser/{insats.pk}/svar"
    rubriker = {"If-Match": f'"{deltagande.version}"', "Idempotency-Key": "dag"}
    assert api.post(adress, {"accepterad": True}, **rubriker).status_code == 200
    assert api.post(adress, {"accepterad": True}, **rubriker).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert api.post(adress, {"accepterad": True}, **rubriker).status_code == 412
    assert not Idempotensnyckel.objects.exists()


def test_a_refused_create_does_not_keep_its_key(api, inbjudan):
    insats, deltagande = inbjudan
    adress = f"/api/v1/insatser/{insats.pk}/svar"
    assert api.post(adress, {"accepterad": True}, **{"Idempotency-Key": "k"}).status_code == 428
    svar = api.post(
        adress,
        {"accepterad": True},
        **{"Idempotency-Key": "k", "If-Match": f'"{deltagande.version}"'},
    )
    assert svar.status_code == 200


def test_the_police_confirm_a_staffing_request(api, token, personer, begard):
    _, begaran = begard
    api.hemlighet = token(personer["opsam"], "read-write")
    adress = f"/api/v1/bemanningsbegaran/{begaran.pk}/svar"
    tagg = api.get(f"/api/v1/bemanningsbegaran/{begaran.pk}")["ETag"]
    for fel, namn in [
        ({"bekraftat_antal": 9}, "bekraftat_antal"),
        ({"bekraftat_antal": 1, "poliser": [999999]}, "poliser"),
        ({"bekraftat_antal": 0, "poliser": [personer["polis"].pk]}, "poliser"),
    ]:
        svar = api.post(adress, fel, **{"If-Match": tagg})
        assert svar.status_code == 400, svar.content
        assert [f["name"] for f in svar.json()["errors"]] == [namn]
    svar = api.post(
        adress, {"bekraftat_antal": 3, "poliser": [personer["polis"].pk]}, **{"If-Match": tagg}
    )
    assert svar.status_code == 200, svar.content
    assert (svar.json()["status"], svar.json()["bekraftat_antal"]) == ("BEKRAFTAD", 3)
    assert svar["ETag"] == f'"{aktuell_version(begaran)}"'


def test_only_the_lpos_police_coordinator_answers_a_staffing_request(api, token, personer, begard):
    _, begaran = begard
    for namn in ["samordnare", "opsam_nordost", "polis", "api"]:
        api.hemlighet = token(personer[namn], "read-write")
        svar = api.post(f"/api/v1/bemanningsbegaran/{begaran.pk}/svar", {"bekraftat_antal": 1})
        assert svar.status_code == 404, namn


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_repeats_answer_once(personer, begard):
    insats, _ = begard
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    _, hemlighet = skapa_api_token(personer["skv"], "test", "read-write", 1)
    start = threading.Barrier(20)
    statusar = []

    def skicka():
        start.wait()
        svar = Client().post(
            f"/api/v1/insatser/{insats.pk}/svar",
            {"accepterad": True, "planerat_antal": 1},
            content_type="application/json",
            headers={
                "Authorization": f"Bearer {hemlighet}",
                "If-Match": f'"{deltagande.version}"',
                "Idempotency-Key": "samma",
            },
        )
        statusar.append(svar.status_code)

    tradar = [threading.Thread(target=skicka) for _ in range(20)]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join()
    from django.db import connections

    connections.close_all()
    assert statusar == [200] * 20
    assert Insatshandelse.objects.filter(insats=insats, typ="inbjudan_besvarad").count() == 1


@pytest.fixture
def fyndadress(api, token, personer, kontroll):
    """On the operation's day, a read-write token of Skatteverket's case officer, who accepted."""
    api.hemlighet = token(personer["skv"], "read-write")
    return f"/api/v1/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd"


def test_a_finding_is_recorded_once_per_idempotency_key(api, fyndadress, kontroll):
    from insatser.models import Fynd

    rubriker = {"Idempotency-Key": "fynd-1"}
    forsta = api.post(fyndadress, {"text": "Svartarbete", "delad": True}, **rubriker)
    assert forsta.status_code == 201, forsta.content
    andra = api.post(fyndadress, {"text": "Svartarbete", "delad": True}, **rubriker)
    assert andra.status_code == 201
    assert andra.json() == forsta.json()
    assert api.post(fyndadress, {"text": "Annat"}, **rubriker).status_code == 422
    fynd = Fynd.objects.get()
    assert (fynd.kontroll_id, fynd.text, fynd.delad, fynd.organisation.kod) == (
        kontroll.pk,
        "Svartarbete",
        True,
        "skatteverket",
    )
    assert api.post(fyndadress, {"text": "Nytt fynd"}).status_code == 201
    assert Fynd.objects.count() == 2


@pytest.mark.parametrize(
    ("kropp", "namn"),
    [({"text": "  "}, "text"), ({}, "text"), ({"text": "x", "kategori": 999999}, "kategori")],
)
def test_a_bad_finding_is_itemised_and_nothing_is_saved(api, fyndadress, kropp, namn):
    from insatser.models import Fynd

    svar = api.post(fyndadress, kropp)
    assert svar.status_code == 400
    assert [f["name"] for f in svar.json()["errors"]] == [namn]
    assert not Fynd.objects.exists()


def test_those_who_do_not_take_part_record_no_findings(api, token, personer, kontroll):
    adress = f"/api/v1/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd"
    for namn in ["api", "opsam", "av"]:
        api.hemlighet = token(personer[namn], "read-write")
        assert api.post(adress, {"text": "x"}).status_code == 404, namn
