"""Evaluations through the API: the joint evaluations each role sees, the agency's evaluation
read and filed as on its form (If-Match, field errors, nothing half saved), and outcomes read
and recorded as on the outcomes page (Idempotency-Key)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from api.models import ApiToken
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from karna.models import Atkomstlogg
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
from utvardering import services
from utvardering.models import Myndighetsutvardering, Resultattyp, Utfall
from utvardering.services_utfall import registrera_utfall

pytestmark = pytest.mark.django_db

KOMPLETT = {
    **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, "S"),
    "timmar_fore": "4",
    "timmar_under": "10.5",
    "timmar_efter": "2",
    "fritext": "Bra samarbete.",
}


@pytest.fixture
def genomford(personer):
    """A carried-out operation of AKC-väst: Skatteverket accepted, Arbetsmiljöverket declined,
    LPO City staffed it; its joint evaluation is open."""
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"),
        dagar=-3,
        status=InsatsStatus.GENOMFORD,
        lpoer=[lpo("city")],
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar=Svar.ACCEPTERAD)
    DeltagandeFabrik(insats=insats, organisation=org("av"), svar=Svar.AVBOJD)
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    return insats, services.oppna_utvardering(insats)


def _skv(utvardering) -> Myndighetsutvardering:
    return utvardering.myndighetsutvarderingar.get(organisation=org("skatteverket"))


def _ids(api, adress, **fraga) -> list[int]:
    svar = api.get(adress, fraga)
    assert svar.status_code == 200, svar.content
    return [rad["id"] for rad in svar.json()["items"]]


def test_each_role_lists_the_joint_evaluations_it_sees(api, token, personer, genomford):
    insats, utvardering = genomford
    for namn in ["samordnare", "skv", "skv_kontakt", "opsam"]:
        api.hemlighet = token(personer[namn])
        assert _ids(api, "/api/v1/utvarderingar") == [utvardering.pk], namn
    for namn in ["av", "api", "ledningsgrupp", "polisledning", "samordnare_miljo"]:
        api.hemlighet = token(personer[namn])
        assert _ids(api, "/api/v1/utvarderingar") == [], namn
    api.hemlighet = token(personer["samordnare"])
    rad = api.get("/api/v1/utvarderingar").json()["items"][0]
    assert (rad["insats"], rad["status"], rad["inlamnade"]) == (insats.pk, "OPPEN", 0)
    assert rad["myndigheter"] == utvardering.myndighetsutvarderingar.count() == 2
    assert _ids(api, "/api/v1/utvarderingar", insats=insats.pk + 1000) == []
    assert _ids(api, "/api/v1/utvarderingar", status="AVSLUTAD") == []


def test_the_detail_shows_each_agencys_state_and_only_the_contents_the_reader_may_read(
    api, token, personer, genomford
):
    _, utvardering = genomford
    adress = f"/api/v1/utvarderingar/{utvardering.pk}"
    api.hemlighet = token(personer["skv"])
    rader = {r["organisation"]: r for r in api.get(adress).json()["myndighetsutvarderingar"]}
    egen, polisens = rader[org("skatteverket").pk], rader[org("polisen").pk]
    assert egen["kan_fylla_i"] is True
    assert egen["innehall"]["betyg_objektval"] == ""
    assert (polisens["innehall"], polisens["kan_fylla_i"], polisens["lpo"]) == (
        None,
        False,
        lpo("city").pk,
    )
    assert (egen["paborjad"], polisens["paborjad"]) == (False, False)
    skv = _skv(utvardering)
    services.spara_myndighetsutvardering(personer["skv"], skv, {}, version=skv.version)
    # The coordinator sees that a draft was begun, never its contents or when it was saved,
    # until it is submitted.
    api.hemlighet = token(personer["samordnare"])
    forsta = api.get(adress)
    rader = {r["id"]: r for r in forsta.json()["myndighetsutvarderingar"]}
    assert (rader[skv.pk]["paborjad"], rader[skv.pk]["andrad"]) == (True, None)
    assert {r["innehall"] is None for r in rader.values()} == {True}
    assert api.get(adress, **{"If-None-Match": forsta["ETag"]}).status_code == 304
    skv.refresh_from_db()
    services.spara_myndighetsutvardering(
        personer["skv"], skv, KOMPLETT, version=skv.version, lamna_in=True
    )
    andra = api.get(adress, **{"If-None-Match": forsta["ETag"]})
    assert andra.status_code == 200
    rader = {r["id"]: r for r in andra.json()["myndighetsutvarderingar"]}
    assert rader[skv.pk]["status"] == "INLAMNAD"
    assert rader[skv.pk]["innehall"]["timmar_under"] == "10.5"
    assert rader[skv.pk]["kan_fylla_i"] is False
    assert andra.json()["inlamnade"] == 1
    # Ratings and hours of the operation, no agency information: reading it logs nothing, as
    # the page does.
    assert not Atkomstlogg.objects.exists()


def test_an_evaluation_out_of_scope_answers_exactly_as_a_missing_one(
    api, token, personer, genomford
):
    _, utvardering = genomford
    api.hemlighet = token(personer["av"])
    ute = api.get(f"/api/v1/utvarderingar/{utvardering.pk}")
    borta = api.get(f"/api/v1/utvarderingar/{utvardering.pk + 1000}")
    assert ute.status_code == borta.status_code == 404
    assert ute.json() | {"instance": ""} == borta.json() | {"instance": ""}
    assert api.get(f"/api/v1/myndighetsutvarderingar/{_skv(utvardering).pk}").status_code == 404


def test_updated_since_lists_the_evaluations_changed_as_the_reader_sees_them(
    api, token, personer, genomford
):
    """A draft saved is a change to its agency; to the coordinator, who may not read it, only
    its submission is."""
    _, utvardering = genomford
    samordnaren, skatteverket = token(personer["samordnare"]), token(personer["skv"])
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sedan = timezone.now().isoformat()
        skv = _skv(utvardering)
        services.spara_myndighetsutvardering(personer["skv"], skv, {}, version=skv.version)
        api.hemlighet = skatteverket
        assert _ids(api, "/api/v1/utvarderingar", updated_since=sedan) == [utvardering.pk]
        api.hemlighet = samordnaren
        assert _ids(api, "/api/v1/utvarderingar", updated_since=sedan) == []
        skv.refresh_from_db()
        services.spara_myndighetsutvardering(
            personer["skv"], skv, KOMPLETT, version=skv.version, lamna_in=True
        )
        assert _ids(api, "/api/v1/utvarderingar", updated_since=sedan) == [utvardering.pk]


def test_the_agency_saves_a_draft_and_submits_it_with_the_etag_it_read(
    api, token, personer, genomford
):
    _, utvardering = genomford
    skv = _skv(utvardering)
    adress = f"/api/v1/myndighetsutvarderingar/{skv.pk}"
    api.hemlighet = token(personer["skv"], "read-write")
    last = api.get(adress)
    assert (last.status_code, last.json()["status"]) == (200, "UTKAST")
    tagg = last["ETag"]
    assert api.get(adress, **{"If-None-Match": tagg}).status_code == 304
    assert api.put(adress, KOMPLETT).status_code == 428
    assert api.put(adress, KOMPLETT, **{"If-Match": '"99"'}).status_code == 412

    utkast = api.put(adress, {"betyg_objektval": "P", "timmar_fore": "1.5"}, **{"If-Match": tagg})
    assert utkast.status_code == 200, utkast.content
    assert utkast.json()["status"] == "UTKAST"
    assert utkast.json()["innehall"]["timmar_fore"] == "1.5"
    assert utkast["ETag"] != tagg
    assert api.put(adress, KOMPLETT, **{"If-Match": tagg}).status_code == 412

    inlamnad = api.put(adress, {**KOMPLETT, "lamna_in": True}, **{"If-Match": utkast["ETag"]})
    assert inlamnad.status_code == 200, inlamnad.content
    skv.refresh_from_db()
    assert (skv.status, skv.betyg_samordning, skv.andrad_av) == (
        "INLAMNAD",
        "S",
        personer["skv"],
    )
    assert inlamnad.json()["inlamnad"] is not None


def test_submitting_an_incomplete_evaluation_names_each_missing_field_and_saves_nothing(
    api, token, personer, genomford
):
    _, utvardering = genomford
    skv = _skv(utvardering)
    api.hemlighet = token(personer["skv"], "read-write")
    svar = api.put(
        f"/api/v1/myndighetsutvarderingar/{skv.pk}",
        {"betyg_objektval": "P", "fritext": "Halvfärdig", "lamna_in": True},
        **{"If-Match": f'"{skv.version}"'},
    )
    assert svar.status_code == 400
    assert svar["Content-Type"] == "application/problem+json"
    namn = {f["name"] for f in svar.json()["errors"]}
    assert namn == {
        *Myndighetsutvardering.BETYGSFALT,
        "timmar_fore",
        "timmar_under",
        "timmar_efter",
    } - {"betyg_objektval"}
    skv.refresh_from_db()
    assert (skv.status, skv.fritext, skv.version) == ("UTKAST", "", 1)


@pytest.mark.parametrize(
    ("kropp", "namn"),
    [
        ({"betyg_objektval": "X"}, "betyg_objektval"),
        ({"timmar_fore": "-1"}, "timmar_fore"),
        ({"informationshinder": ["OKANT"]}, "informationshinder.0"),
        ({"informationshinder": ["ANNAT"]}, "informationshinder_annat"),
    ],
)
def test_a_bad_evaluation_is_itemised(api, token, personer, genomford, kropp, namn):
    _, utvardering = genomford
    skv = _skv(utvardering)
    api.hemlighet = token(personer["skv"], "read-write")
    svar = api.put(
        f"/api/v1/myndighetsutvarderingar/{skv.pk}", kropp, **{"If-Match": f'"{skv.version}"'}
    )
    assert svar.status_code == 400
    assert [f["name"] for f in svar.json()["errors"]] == [namn]
    assert Myndighetsutvardering.objects.get(pk=skv.pk).version == 1


def test_only_the_agency_files_its_evaluation(api, token, personer, genomford):
    _, utvardering = genomford
    skv = _skv(utvardering)
    services.spara_myndighetsutvardering(
        personer["skv"], skv, KOMPLETT, version=skv.version, lamna_in=True
    )
    adress = f"/api/v1/myndighetsutvarderingar/{skv.pk}"
    # The coordinator reads the submitted evaluation but may not change it.
    api.hemlighet = token(personer["samordnare"], "read-write")
    assert api.get(adress).status_code == 200
    for namn in ["samordnare", "opsam", "av", "api"]:
        api.hemlighet = token(personer[namn], "read-write")
        assert api.put(adress, KOMPLETT, **{"If-Match": '"2"'}).status_code == 404, namn


def _utfall(kod="skattetillagg", **falt) -> dict:
    return {
        "typ": Resultattyp.objects.get(kod=kod).pk,
        "belopp": "12000.00",
        "beslutsdatum": timezone.localdate().isoformat(),
        **falt,
    }


def test_an_officer_records_an_outcome_once_per_idempotency_key(api, token, personer, genomford):
    insats, _ = genomford
    adress = f"/api/v1/insatser/{insats.pk}/utfall"
    api.hemlighet = token(personer["skv"], "read-write")
    rubriker = {"Idempotency-Key": "utfall-1"}
    forsta = api.post(adress, _utfall(synlighet="DELTAGARE"), **rubriker)
    assert forsta.status_code == 201, forsta.content
    andra = api.post(adress, _utfall(synlighet="DELTAGARE"), **rubriker)
    assert (andra.status_code, andra.json()) == (201, forsta.json())
    assert andra["Idempotent-Replayed"] == "true"
    assert api.post(adress, _utfall(belopp="1.00"), **rubriker).status_code == 422
    utfall = Utfall.objects.get()
    assert (utfall.organisation, utfall.registrerad_av, str(utfall.belopp)) == (
        org("skatteverket"),
        personer["skv"],
        "12000.00",
    )
    assert forsta.json()["belopp"] == "12000.00"
    assert forsta.json()["organisation"] == org("skatteverket").pk


@pytest.mark.parametrize(
    ("kropp", "namn"),
    [
        ({}, {"typ", "beslutsdatum"}),
        ({"typ": 999999}, {"typ"}),
        # Both an amount and a quantity, and no unit for the quantity of a type counted in SEK.
        ({"antal": "3"}, {"antal", "enhet"}),
        ({"belopp": None}, {"belopp"}),
        ({"kontroll": 999999}, {"kontroll"}),
        ({"beslutsdatum": "2001-01-01"}, {"beslutsdatum"}),
    ],
)
def test_a_bad_outcome_is_itemised_and_nothing_is_saved(
    api, token, personer, genomford, kropp, namn
):
    insats, _ = genomford
    api.hemlighet = token(personer["skv"], "read-write")
    svar = api.post(f"/api/v1/insatser/{insats.pk}/utfall", _utfall(**kropp) if kropp else {})
    assert svar.status_code == 400, svar.content
    assert {f["name"] for f in svar.json()["errors"]} == namn
    assert not Utfall.objects.exists()


def test_those_who_do_not_record_for_their_agency_get_404(api, token, personer, genomford):
    insats, _ = genomford
    for namn in ["samordnare", "av", "api", "ledningsgrupp", "polis"]:
        api.hemlighet = token(personer[namn], "read-write")
        svar = api.post(f"/api/v1/insatser/{insats.pk}/utfall", _utfall())
        assert svar.status_code == 404, namn
    planerad = InsatsFabrik(samordnande_organisation=org("akc-vast"), dagar=5)
    DeltagandeFabrik(insats=planerad, organisation=org("skatteverket"), svar=Svar.ACCEPTERAD)
    api.hemlighet = token(personer["skv"], "read-write")
    assert api.post(f"/api/v1/insatser/{planerad.pk}/utfall", _utfall()).status_code == 404


def test_outcomes_are_read_as_on_the_outcomes_page(api, token, personer, genomford):
    insats, _ = genomford
    egen, delad, summor = (
        _registrera(personer["skv"], insats, synlighet)
        for synlighet in (
            Utfall.Synlighet.EGEN,
            Utfall.Synlighet.DELTAGARE,
            Utfall.Synlighet.AGGREGAT,
        )
    )
    polisens = _registrera(personer["opsam"], insats, Utfall.Synlighet.EGEN)
    api.hemlighet = token(personer["skv_kontakt"])
    assert _ids(api, "/api/v1/utfall") == [egen.pk, delad.pk, summor.pk]
    # Each outcome handed out is logged, as the report's download logs those it discloses.
    prefix = ApiToken.objects.filter(anvandare=personer["skv_kontakt"]).get().prefix
    loggat = Atkomstlogg.objects.order_by("objekt_id")
    assert [(r.objekttyp, r.objekt_id, r.handling) for r in loggat] == [
        ("utvardering.utfall", str(u.pk), Atkomstlogg.Handling.LASA)
        for u in sorted((egen, delad, summor), key=lambda u: str(u.pk))
    ]
    assert {r.anvandarnamn for r in loggat} == {"skv.kontakt"}
    assert all(prefix in r.syfte for r in loggat)
    assert _ids(api, "/api/v1/utfall", organisation=org("polisen").pk) == []
    api.hemlighet = token(personer["samordnare"])
    assert _ids(api, "/api/v1/utfall") == [delad.pk]
    api.hemlighet = token(personer["opsam"])
    assert _ids(api, "/api/v1/utfall", insats=insats.pk) == [delad.pk, polisens.pk]
    for namn in ["av", "api", "ledningsgrupp"]:
        api.hemlighet = token(personer[namn])
        assert _ids(api, "/api/v1/utfall") == [], namn
    assert not Atkomstlogg.objects.filter(anvandarnamn__in=["av", "api.skv", "ledning"]).exists()


def _registrera(user, insats, synlighet):
    return registrera_utfall(
        user,
        insats,
        typ=Resultattyp.objects.get(kod="skattetillagg"),
        belopp=1000,
        beslutsdatum=timezone.localdate(),
        synlighet=synlighet,
    )
