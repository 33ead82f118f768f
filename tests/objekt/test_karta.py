"""Objects' positions (form, import, database) and the pool's map: the shipped area boundaries, the
objects the reader may see as points and in the list beside the map, and its query count."""

from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from myndigheter.models import Stadsomrade, UtsattOmrade
from objekt import services
from objekt.models import Importrad, Objekt
from tests.importfiler import csv_fil
from tests.objekt.conftest import skapa_objekt

pytestmark = pytest.mark.django_db

# Inside the simplified boundaries shipped in fixtures/geografi.json.
I_CENTRUM = {"latitud": Decimal("57.700000"), "longitud": Decimal("11.980000")}
I_HISINGEN = {"latitud": Decimal("57.750000"), "longitud": Decimal("11.800000")}
I_GARDSTEN = {"latitud": Decimal("57.809000"), "longitud": Decimal("12.030000")}


def _forslag(**extra):
    return {
        "objekttyp": "FORETAG",
        "namn": "Positionsbolaget AB",
        "organisationsnummer": "",
        "adress": "Kartvägen 3",
        "postnummer": "411 05",
        "postort": "Göteborg",
        "kommun": "goteborg",
        "stadsomrade": "centrum",
        **extra,
    }


def test_a_position_is_entered_with_a_decimal_comma_and_rounded_to_the_column(client, varld):
    client.force_login(varld["skv"])
    svar = client.post(
        "/objekt/nytt/?objekttyp=FORETAG",
        _forslag(latitud="57,70891234", longitud=" 11.9746 "),
    )
    objekt = Objekt.objects.get(namn="Positionsbolaget AB")
    assert svar["Location"] == f"/objekt/{objekt.pk}/"
    assert (objekt.latitud, objekt.longitud) == (Decimal("57.708912"), Decimal("11.974600"))


@pytest.mark.parametrize(
    ("position", "falt", "meddelande"),
    [
        ({"latitud": "57.7"}, "longitud", "Ange både latitud och longitud, eller ingen av dem."),
        ({"longitud": "11.9"}, "latitud", "Ange både latitud och longitud, eller ingen av dem."),
        ({"latitud": "11.97", "longitud": "57.70"}, "latitud", "Latituden ska ligga i Sverige"),
        ({"latitud": "57.70", "longitud": "57.70"}, "longitud", "Longituden ska ligga i Sverige"),
        ({"latitud": "norr", "longitud": "11.9"}, "latitud", "Ange ett tal i decimala grader"),
        ({"latitud": "1e400", "longitud": "11.9"}, "latitud", "Latituden ska ligga i Sverige"),
    ],
)
def test_a_half_or_foreign_position_is_refused_in_swedish_and_nothing_saved(
    client, varld, position, falt, meddelande
):
    client.force_login(varld["skv"])
    svar = client.post("/objekt/nytt/?objekttyp=FORETAG", _forslag(**position))
    assert svar.status_code == 200
    assert any(meddelande in fel for fel in svar.context["form"].errors[falt])
    assert not Objekt.objects.filter(namn="Positionsbolaget AB").exists()


def test_an_edit_sets_and_clears_the_position(client, varld):
    objekt = varld["pool"]
    client.force_login(varld["skv"])
    data = {
        **_forslag(namn=objekt.namn, adress=objekt.adress, organisationsnummer="556016-0680"),
        "version": objekt.version,
        **{k: str(v) for k, v in I_CENTRUM.items()},
    }
    assert client.post(f"/objekt/{objekt.pk}/andra/", data).status_code == 302
    objekt.refresh_from_db()
    assert (objekt.latitud, objekt.longitud) == (I_CENTRUM["latitud"], I_CENTRUM["longitud"])
    data.update(version=objekt.version, latitud="", longitud="")
    assert client.post(f"/objekt/{objekt.pk}/andra/", data).status_code == 302
    objekt.refresh_from_db()
    assert (objekt.latitud, objekt.longitud) == (None, None)


@pytest.mark.parametrize(
    "position",
    [
        {"latitud": Decimal("57.7"), "longitud": None},
        {"latitud": None, "longitud": Decimal("11.9")},
        {"latitud": Decimal("48.85"), "longitud": Decimal("2.35")},
    ],
)
def test_the_database_refuses_a_half_or_foreign_position(varld, position):
    with pytest.raises(IntegrityError), transaction.atomic():
        Objekt.objects.filter(pk=varld["pool"].pk).update(**position)


RUBRIK = ["Namn", "Objekttyp", "Adress", "Kommun", "Stadsområde", "Latitud", "Longitud"]


def test_the_import_reads_positions_and_reports_bad_ones_per_column(varld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rader = [
        RUBRIK,
        ["Kartkiosken AB", "Lokal", "Kartgatan 1", "Göteborg", "Centrum", "57,7089", "11,9746"],
        ["Utan Position AB", "Lokal", "Kartgatan 2", "Göteborg", "Centrum", "", ""],
        ["Halva AB", "Lokal", "Kartgatan 3", "Göteborg", "Centrum", "57.7", ""],
        ["Paris AB", "Lokal", "Kartgatan 4", "Göteborg", "Centrum", "48.85", "2.35"],
        ["Ordet AB", "Lokal", "Kartgatan 5", "Göteborg", "Centrum", "norr", "öster"],
    ]
    with mock.patch("objekt.tasks.importera_objekt.delay"):
        objektimport = services.skapa_import(
            varld["skv"], SimpleUploadedFile("karta.csv", csv_fil(rader)), False
        )
    services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert (objektimport.behandlade, objektimport.skapade) == (5, 2)
    kiosken = Objekt.objects.get(namn="Kartkiosken AB")
    assert (kiosken.latitud, kiosken.longitud) == (Decimal("57.708900"), Decimal("11.974600"))
    assert Objekt.objects.get(namn="Utan Position AB").latitud is None
    fel = {
        r.radnummer: [(f["kolumn"], f["meddelande"]) for f in r.fel]
        for r in objektimport.rader.filter(utfall=Importrad.Utfall.FEL)
    }
    assert fel[4] == [("Longitud", "Ange både latitud och longitud, eller ingen av dem.")]
    assert [kolumn for kolumn, _ in fel[5]] == ["Latitud", "Longitud"]
    assert "ska ligga i Sverige" in fel[5][0][1]
    assert "48.85" in fel[5][0][1]
    assert [kolumn for kolumn, _ in fel[6]] == ["Latitud", "Longitud"]
    assert "Ange ett tal i decimala grader" in fel[6][0][1]


def test_the_import_template_offers_the_position_columns(client, varld):
    client.force_login(varld["skv"])
    mall = client.get("/objekt/import/mall.csv").content.decode("utf-8-sig")
    rubriker = mall.splitlines()[0].split(";")
    assert {"Latitud", "Longitud"} <= set(rubriker)


def _karta(client, user, adress="/objekt/karta/"):
    client.force_login(user)
    svar = client.get(adress)
    assert svar.status_code == 200
    return svar.content.decode()


def _svg(text: str) -> str:
    return text[text.index("<svg") : text.index("</svg>")]


def test_the_map_draws_the_shipped_areas_as_an_accessible_image(client, varld):
    text = _karta(client, varld["skv"])
    svg = _svg(text)
    assert 'role="img"' in svg
    assert 'aria-labelledby="karta-titel karta-beskrivning"' in svg
    assert '<title id="karta-titel">Objekt i Göteborg per område</title>' in svg
    assert '<desc id="karta-beskrivning">' in svg
    for kod in ("centrum", "hisingen", "nordost", "sydvast", "gardsten", "rannebergen"):
        assert f'data-kod="{kod}"' in svg
    assert svg.count("<path ") == 7
    assert "Stadsområde (antal)" in svg
    assert "handritade förenklingar" in text


def test_the_map_shows_the_objects_the_reader_sees_and_lists_them_by_area(client, varld):
    Objekt.objects.filter(pk=varld["pool"].pk).update(**I_CENTRUM)
    # In Gårdsten by its position only: the boundary places it in Nordost and Gårdsten.
    Objekt.objects.filter(pk=varld["nordost"].pk).update(utsatt_omrade=None, **I_GARDSTEN)
    # Out of the pool: no reader of the pool sees it, on the map or in the list.
    Objekt.objects.filter(pk=varld["avfort"].pk).update(**I_HISINGEN)
    utan = skapa_objekt("Positionslösa Puben", stadsomrade=Stadsomrade.objects.get(kod="hisingen"))
    text = _karta(client, varld["skv"])
    svg = _svg(text)
    assert "<title>Poolbolaget AB</title>" in svg
    assert "<title>Nordostlagret</title>" in svg
    assert "Avförda Kiosken" not in text
    assert svg.count('r="5"><title>') == 2
    assert "<title>Centrum: 1</title>" in svg
    assert "<title>Nordost: 1</title>" in svg
    assert "<title>Gårdsten: 1</title>" in svg
    assert "<title>Hisingen: 1</title>" in svg
    lista = text[text.index('<section class="kartlista"') :]
    assert "Stadsområde Centrum (1)" in lista
    assert f'<a href="/objekt/{varld["pool"].pk}/">Poolbolaget AB</a>' in lista
    assert "Utsatt område Gårdsten (1)" in lista
    utan_position = lista[lista.index("Utan position") :]
    assert f'<a href="/objekt/{utan.pk}/">Positionslösa Puben</a>' in utan_position
    assert "Poolbolaget AB" not in utan_position


def test_the_pools_filters_narrow_the_map(client, varld):
    Objekt.objects.filter(pk=varld["pool"].pk).update(**I_CENTRUM)
    Objekt.objects.filter(pk=varld["nordost"].pk).update(**I_GARDSTEN)
    nordost = Stadsomrade.objects.get(kod="nordost")
    Objekt.objects.filter(pk=varld["nordost"].pk).update(stadsomrade=nordost)
    text = _karta(client, varld["skv"], f"/objekt/karta/?stadsomrade={nordost.pk}")
    assert "Nordostlagret" in text
    assert "Poolbolaget AB" not in text
    annan = _karta(client, varld["skv"], "/objekt/karta/?kommun=stockholm")
    assert "Poolbolaget AB" not in annan
    assert "Objekt i Stockholm per område" in annan


def test_a_bad_filter_value_is_shown_not_a_server_error(client, varld):
    text = _karta(client, varld["skv"], "/objekt/karta/?kommun=atlantis&status=PAHITT")
    assert "Välj ett giltigt alternativ" in text
    assert "Objekt i Göteborg per område" in text


def test_htmx_swaps_only_the_map_and_its_list(client, varld):
    client.force_login(varld["skv"])
    svar = client.get("/objekt/karta/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kartyta")
    text = svar.content.decode()
    assert text.startswith('<div id="kartyta"')
    assert "<html" not in text


def test_the_map_takes_the_same_queries_for_many_objects(
    client, varld, django_assert_max_num_queries
):
    client.force_login(varld["skv"])
    client.get("/objekt/karta/")
    with CaptureQueriesContext(connection) as fa:
        client.get("/objekt/karta/")
    centrum = Stadsomrade.objects.get(kod="centrum")
    for n in range(15):
        skapa_objekt(
            f"Massbolag {n}",
            stadsomrade=centrum,
            utsatt_omrade=UtsattOmrade.objects.get(kod="gardsten") if n % 2 else None,
            latitud=Decimal("57.70") + Decimal(n) / 1000,
            longitud=Decimal("11.98"),
        )
    with django_assert_max_num_queries(len(fa.captured_queries)):
        text = client.get("/objekt/karta/").content.decode()
    assert "Massbolag 14" in text
