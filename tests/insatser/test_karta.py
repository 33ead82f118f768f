"""The year's operations on a map by area: only the operations the reader may see, placed at their
objects only for a reader who may see the objects, with a list beside the map and a query count
that does not grow with the operations."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.workflow import InsatsStatus, Svar
from myndigheter.models import Stadsomrade, UtsattOmrade
from myndigheter.roles import Roll
from tests.fabriker import DeltagandeFabrik, KontrollFabrik, ObjektFabrik, insats_med, lpo, org

pytestmark = pytest.mark.django_db

AR = timezone.localdate().year


def _dag(ar: int = AR, manad: int = 6) -> dict:
    start = timezone.make_aware(datetime(ar, manad, 15, 9))
    return {"start": start, "slut": start.replace(hour=12)}


def _objekt(namn, stadsomrade, latitud, longitud, **extra):
    return ObjektFabrik(
        namn=namn,
        stadsomrade=Stadsomrade.objects.get(kod=stadsomrade),
        latitud=Decimal(latitud),
        longitud=Decimal(longitud),
        **extra,
    )


@pytest.fixture
def varld(folk, skapa_anvandare):
    centrumkrogen = _objekt("Centrumkrogen", "centrum", "57.700", "11.980")
    hisingsverkstan = _objekt("Hisingsverkstan", "hisingen", "57.750", "11.800")
    gardstenslagret = _objekt(
        "Gårdstenslagret",
        "nordost",
        "57.809",
        "12.030",
        utsatt_omrade=UtsattOmrade.objects.get(kod="gardsten"),
    )
    egen = insats_med(
        centrumkrogen,
        ["skatteverket"],
        referens="KARTA-1",
        titel="Krogar i City",
        status=InsatsStatus.BEKRAFTAD,
        lpoer=[lpo("city")],
        **_dag(),
    )
    # Another agency's operation: Skatteverket is not part of it.
    annans = insats_med(
        hisingsverkstan,
        ["av"],
        referens="KARTA-2",
        titel="Verkstäder på Hisingen",
        lpoer=[lpo("hisingen")],
        **_dag(),
    )
    # Skatteverket declined: it sees that the operation exists, not its objects.
    avbojd = insats_med(
        gardstenslagret,
        [],
        referens="KARTA-3",
        titel="Lager i Nordost",
        lpoer=[lpo("nordost")],
        **_dag(manad=9),
    )
    DeltagandeFabrik(insats=avbojd, organisation=org("skatteverket"), svar=Svar.AVBOJD)
    ifjol = insats_med(
        centrumkrogen,
        ["skatteverket"],
        referens="KARTA-0",
        titel="Krogar i fjol",
        status=InsatsStatus.GENOMFORD,
        lpoer=[lpo("city")],
        **_dag(AR - 1),
    )
    return {
        **folk,
        "lg": skapa_anvandare("lg", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "egen": egen,
        "annans": annans,
        "avbojd": avbojd,
        "ifjol": ifjol,
    }


def _sida(client, user, adress=f"/insatser/karta/?ar={AR}") -> str:
    client.force_login(user)
    svar = client.get(adress)
    assert svar.status_code == 200
    return svar.content.decode()


def _svg(text: str) -> str:
    return text[text.index("<svg") : text.index("</svg>")]


def _lista(text: str) -> str:
    return text[text.index('<section class="kartlista"') :]


def test_the_map_counts_the_operations_per_area_and_links_them(client, varld):
    text = _sida(client, varld["skv"])
    svg = _svg(text)
    assert 'role="img"' in svg
    assert f'<title id="karta-titel">Insatser {AR} i Göteborg per område</title>' in svg
    assert "<title>Centrum: 1</title>" in svg
    assert "<title>Nordost: 1</title>" in svg
    assert "<title>Hisingen: 0</title>" in svg
    assert "<title>KARTA-1 Krogar i City: Centrumkrogen</title>" in svg
    lista = _lista(text)
    assert "Stadsområde Centrum (1)" in lista
    assert f'<a href="/insatser/{varld["egen"].pk}/">KARTA-1 Krogar i City</a>' in lista


def test_another_agencys_operation_is_neither_drawn_nor_listed(client, varld):
    text = _sida(client, varld["skv"])
    assert "KARTA-2" not in text
    assert "Hisingsverkstan" not in text
    samordnaren = _sida(client, varld["sam"])
    assert "<title>KARTA-2 Verkstäder på Hisingen: Hisingsverkstan</title>" in samordnaren
    assert "<title>Hisingen: 1</title>" in samordnaren


def test_an_operation_whose_objects_the_reader_may_not_see_is_placed_by_its_lpo_only(client, varld):
    text = _sida(client, varld["skv"])
    assert "Gårdstenslagret" not in text
    assert "<title>Gårdsten: 0</title>" in _svg(text)
    lista = _lista(text)
    nordost = lista[lista.index("Stadsområde Nordost (1)") : lista.index("Stadsområde Sydväst")]
    assert f'<a href="/insatser/{varld["avbojd"].pk}/">KARTA-3 Lager i Nordost</a>' in nordost
    utan_position = lista[lista.index("Utan position") :]
    assert "KARTA-3" in utan_position
    assert "KARTA-1" not in utan_position
    # The coordinator sees its objects: the operation stands at the object, in Gårdsten.
    samordnaren = _sida(client, varld["sam"])
    assert "<title>KARTA-3 Lager i Nordost: Gårdstenslagret</title>" in samordnaren
    assert "<title>Gårdsten: 1</title>" in samordnaren


def test_the_year_chooses_the_operations(client, varld):
    text = _sida(client, varld["skv"], f"/insatser/karta/?ar={AR - 1}")
    assert "KARTA-0 Krogar i fjol" in text
    assert "KARTA-1" not in text
    assert f"Årets insatser på karta {AR - 1}" in text


@pytest.mark.parametrize("ar", ["1999", "tjugo"])
def test_a_bad_year_is_a_message_and_this_years_map(client, varld, ar):
    text = _sida(client, varld["skv"], f"/insatser/karta/?ar={ar}")
    assert 'class="field-error"' in text
    assert "KARTA-1" in text


def test_management_reads_no_single_operation_on_the_map(client, varld):
    text = _sida(client, varld["lg"])
    assert "KARTA-" not in text
    assert "<title>Centrum: 0</title>" in text


def test_the_map_opens_on_this_year_and_says_so_in_its_form(client, varld):
    text = _sida(client, varld["skv"], "/insatser/karta/")
    assert f'name="ar" value="{AR}"' in text
    assert "KARTA-1" in text


def test_the_operation_list_links_to_the_map(client, varld):
    assert 'href="/insatser/karta/"' in _sida(client, varld["skv"], "/insatser/")


def test_the_map_takes_the_same_queries_for_many_operations(
    client, varld, django_assert_max_num_queries
):
    client.force_login(varld["sam"])
    client.get("/insatser/karta/")
    with CaptureQueriesContext(connection) as fa:
        client.get("/insatser/karta/")
    for n in range(12):
        insats = insats_med(
            _objekt(f"Massobjekt {n}", "sydvast", "57.62", f"{11.90 + n / 1000:.3f}"),
            ["skatteverket"],
            referens=f"MASS-{n}",
            lpoer=[lpo("syd")],
            **_dag(),
        )
        KontrollFabrik(insats=insats, objekt=_objekt(f"Extra {n}", "centrum", "57.70", "11.98"))
    with django_assert_max_num_queries(len(fa.captured_queries)):
        text = client.get("/insatser/karta/").content.decode()
    assert "MASS-11" in text
    assert "<title>Sydväst: 12</title>" in text
