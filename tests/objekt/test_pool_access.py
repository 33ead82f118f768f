"""Leak tests: what each role sees of the pool, in lists, counts, search, filters and pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from objekt.access import synliga_objekt
from objekt.selectors import objektpool, relevansoversikt
from tests.objekt.conftest import R, markera, skapa_objekt

pytestmark = pytest.mark.django_db

NAMN = ["Poolbolaget AB", "Nordostlagret", "Avförda Kiosken", "Kontrollerade Krogen"]


@pytest.mark.parametrize(
    ("vem", "ser"),
    [
        ("sam", {"Poolbolaget AB", "Nordostlagret", "Kontrollerade Krogen"}),
        ("sam_miljo", {"Poolbolaget AB", "Nordostlagret"}),
        ("skv", {"Poolbolaget AB", "Nordostlagret", "Kontrollerade Krogen"}),
        ("kontakt_skv", {"Poolbolaget AB", "Nordostlagret", "Kontrollerade Krogen"}),
        ("mig", {"Poolbolaget AB", "Nordostlagret"}),
        ("opsam", {"Kontrollerade Krogen"}),
        ("opsam_no", set()),
        ("polis", set()),
        ("pl", set()),
        ("lg", set()),
        ("api", set()),
    ],
)
def test_each_role_sees_the_pool_and_its_operations_objects_only(client, varld, vem, ser):
    user = varld[vem]
    assert set(synliga_objekt(user).values_list("namn", flat=True)) == ser
    client.force_login(user)
    svar = client.get("/objekt/")
    if not ser and vem in {"pl", "lg", "api"}:
        assert svar.status_code == 403
        return
    text = svar.content.decode()
    for namn in NAMN:
        assert (namn in text) is (namn in ser), namn
    assert f"{len(ser)} objekt" in text
    sidor = {"Poolbolaget AB": varld["pool"], "Nordostlagret": varld["nordost"]}
    for namn, objekt in sidor.items():
        assert client.get(f"/objekt/{objekt.pk}/").status_code == (200 if namn in ser else 404)
    krogen = client.get(f"/objekt/{varld['kontrollerat'].pk}/").status_code
    assert krogen == (200 if "Kontrollerade Krogen" in ser else 404)


def test_removed_object_is_in_no_list_search_count_or_page(client, varld):
    for vem in ("sam", "skv", "av", "mig", "opsam"):
        client.force_login(varld[vem])
        text = client.get("/objekt/?q=Avförda").content.decode()
        assert "0 objekt" in text
        assert "Avförda Kiosken" not in text
        assert client.get(f"/objekt/{varld['avfort'].pk}/").status_code == 404
        assert client.get("/objekt/?status=AVFORT").content.decode().count("Avförda") == 0


def test_the_operation_picker_offers_the_pool_only_to_coordinators(varld):
    assert set(objektpool(varld["sam"]).values_list("namn", flat=True)) == {
        "Poolbolaget AB",
        "Nordostlagret",
    }
    assert not objektpool(varld["skv"]).exists()
    assert not objektpool(varld["opsam"]).exists()


def test_coordinator_sees_every_agencys_mark_reason_and_basis(client, varld):
    client.force_login(varld["sam"])
    text = client.get(f"/objekt/{varld['pool'].pk}/").content.decode()
    for visas in (
        "Skatteverket",
        "Arbetsmiljöverket",
        "Migrationsverket",
        "Skatteskulder misstänks",
        "Arbetsmiljörisker i köket",
        "Inga utländska arbetstagare",
        "Lag X",
    ):
        assert visas in text
    lista = client.get("/objekt/?q=Poolbolaget").content.decode()
    assert "Relevant för:" in lista
    assert "SKV" in lista or "Skatteverket" in lista


@pytest.mark.parametrize("vem", ["skv", "kontakt_skv"])
def test_agency_sees_its_own_mark_and_only_the_count_of_others(client, varld, vem):
    client.force_login(varld[vem])
    for url in (f"/objekt/{varld['pool'].pk}/", "/objekt/?q=Poolbolaget"):
        text = client.get(url).content.decode()
        assert "Er bedömning: Relevant för oss" in text
        assert "Relevant för 1 annan organisation" in text
        for dolt in (
            "Arbetsmiljöverket",
            "Migrationsverket",
            "Arbetsmiljörisker i köket",
            "Inga utländska arbetstagare",
        ):
            assert dolt not in text, dolt
    oversikt = relevansoversikt(varld[vem], [varld["pool"].pk])[varld["pool"].pk]
    assert [m.organisation.kod for m in oversikt.markeringar] == ["skatteverket"]
    assert oversikt.antal_andra_relevanta == 1


def test_a_not_relevant_mark_is_not_counted_and_others_see_two(varld):
    oversikt = relevansoversikt(varld["mig"], [varld["pool"].pk])[varld["pool"].pk]
    assert oversikt.egen.relevans == R.EJ_RELEVANT
    assert oversikt.antal_andra_relevanta == 2
    assert len(oversikt.markeringar) == 1


def test_police_and_readers_get_no_marks(varld):
    for vem in ("opsam", "polis", "pl", "lg", "api"):
        oversikt = relevansoversikt(varld[vem], [varld["pool"].pk])[varld["pool"].pk]
        assert oversikt.markeringar == []
        assert oversikt.antal_andra_relevanta == 0


def test_relevance_filters_for_an_officer(client, varld):
    client.force_login(varld["skv"])

    def namn(fraga):
        return {o.namn for o in client.get(f"/objekt/?{fraga}").context["sida"]}

    assert namn("relevans=relevant") == {"Poolbolaget AB"}
    assert namn("relevans=ej_relevant") == set()
    assert namn("relevans=ej_bedomd") == {"Nordostlagret", "Kontrollerade Krogen"}
    av = varld["av"].profil.organisation.pk
    assert namn(f"relevant_for={av}") == namn(""), "only coordinators filter by another agency"


def test_coordinator_filters_by_another_agencys_relevance(client, varld):
    client.force_login(varld["sam"])
    av = varld["av"].profil.organisation.pk
    mig = varld["mig"].profil.organisation.pk
    assert [o.namn for o in client.get(f"/objekt/?relevant_for={av}").context["sida"]] == [
        "Poolbolaget AB"
    ]
    assert list(client.get(f"/objekt/?relevant_for={mig}").context["sida"]) == []


def test_filters_by_district_lpo_area_class_category_status_and_reserve(client, varld):
    from myndigheter.models import Lokalpolisomrade, Stadsomrade, UtsattOmrade
    from objekt.models import Problemkategori

    kategori = Problemkategori.objects.get(kod="svartjobb")
    varld["nordost"].problemkategorier.add(kategori)
    klass = UtsattOmrade.objects.get(kod="gardsten").klass_for_ar(timezone.localdate().year)
    client.force_login(varld["sam"])

    def namn(fraga):
        return {o.namn for o in client.get(f"/objekt/?{fraga}").context["sida"]}

    assert namn(f"stadsomrade={Stadsomrade.objects.get(kod='centrum').pk}") == {"Poolbolaget AB"}
    assert namn(f"lpo={Lokalpolisomrade.objects.get(kod='nordost').pk}") == {"Nordostlagret"}
    assert namn(f"klass={klass}") == {"Nordostlagret"}
    assert namn(f"kategori={kategori.pk}") == {"Nordostlagret"}
    assert namn("status=AVSLUTAT") == {"Kontrollerade Krogen"}
    assert namn("reserv=ja") == {"Nordostlagret"}
    assert namn("reserv=nej") == {"Poolbolaget AB", "Kontrollerade Krogen"}


def test_bad_filter_input_gets_swedish_messages(client, varld):
    client.force_login(varld["skv"])
    svar = client.get("/objekt/?status=PÅHITTAD&lpo=abc&sida=999")
    assert svar.status_code == 200
    assert "Välj ett giltigt alternativ." in svar.content.decode()


def test_search_is_swedish_full_text_with_prefixes_numbers_and_rank(client, varld):
    skapa_objekt("Kaffebaren", adress="Poolgatan 9")
    client.force_login(varld["sam"])

    def namn(q):
        return [o.namn for o in client.get("/objekt/", {"q": q}).context["sida"]]

    assert namn("poolbol") == ["Poolbolaget AB"]
    assert namn("Pool")[0] == "Poolbolaget AB", "a name match ranks above an address match"
    assert set(namn("Pool")) == {"Poolbolaget AB", "Kaffebaren"}
    assert namn("556016-0680") == ["Poolbolaget AB"]
    assert namn("5560160680") == ["Poolbolaget AB"]
    assert namn(varld["pool"].referens) == ["Poolbolaget AB"]
    assert namn("göteborg poolbolaget") == ["Poolbolaget AB"]
    assert namn("finnsinte") == []
    assert namn("'&|!:*()") == namn("")


def test_search_does_not_find_what_the_user_may_not_see(client, varld):
    client.force_login(varld["mig"])
    assert "0 objekt" in client.get("/objekt/", {"q": "Kontrollerade"}).content.decode()
    client.force_login(varld["opsam"])
    assert "0 objekt" in client.get("/objekt/", {"q": "Poolbolaget"}).content.decode()


def _sida(client):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get("/objekt/?q=bolag")
    return svar, len(fragor)


@pytest.mark.parametrize("vem", ["sam", "skv"])
def test_list_takes_constant_queries(client, varld, vem):
    skapa_objekt("Bolag A", referens="N-A")
    client.force_login(varld[vem])
    _sida(client)
    svar, fore = _sida(client)
    assert len(svar.context["sida"]) == 1
    for nummer in range(60):
        objekt = skapa_objekt(f"Bolag {nummer}", referens=f"N-{nummer}")
        markera(objekt, "av", R.RELEVANT, "Skäl")
        markera(objekt, "skatteverket", R.EJ_RELEVANT, "Skäl")
    svar, efter = _sida(client)
    assert len(svar.context["sida"]) == 50
    assert efter == fore
