"""The shipped area boundaries and the drawing code both maps use."""

import pytest
from django.core.exceptions import ValidationError

from myndigheter.karta import Karta, Kartomrade, Kartpunkt, innehaller, validera_grans
from myndigheter.models import Kommun, Stadsomrade, UtsattOmrade

KVADRAT = [[11.0, 57.0], [12.0, 57.0], [12.0, 58.0], [11.0, 58.0], [11.0, 57.0]]
HAL = [[11.4, 57.4], [11.6, 57.4], [11.6, 57.6], [11.4, 57.6], [11.4, 57.4]]


def _grans(*ringar, **egenskaper):
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": list(ringar)},
        "properties": {"kalla": "Test", "ej_i_kallorna": True, **egenskaper},
    }


@pytest.mark.django_db
def test_every_shipped_boundary_is_valid_and_flagged_as_a_simplification():
    rader = [*Stadsomrade.objects.all(), *UtsattOmrade.objects.exclude(grans=None)]
    assert {r.kod for r in rader} >= {"centrum", "hisingen", "nordost", "sydvast", "gardsten"}
    for rad in rader:
        validera_grans(rad.grans)
        assert rad.grans["properties"]["ej_i_kallorna"] is True
        assert "ej i källorna" in rad.grans["properties"]["kalla"]
    assert Kommun.for_kartan().kod == "goteborg"


@pytest.mark.django_db
def test_each_vulnerable_area_lies_inside_its_district():
    distrikt = list(Stadsomrade.objects.all())
    for omrade in UtsattOmrade.objects.exclude(grans=None):
        hornen = omrade.grans["geometry"]["coordinates"][0]
        innanfor = [d.kod for d in distrikt if all(innehaller(d.grans, y, x) for x, y in hornen)]
        assert innanfor == [omrade.lpo.stadsomraden.get().kod], omrade.kod


@pytest.mark.parametrize(
    "grans",
    [
        {"type": "Polygon", "coordinates": [KVADRAT]},
        _grans(KVADRAT, kalla=""),
        _grans(KVADRAT, ej_i_kallorna="ja"),
        _grans([[57.0, 11.0], [58.0, 11.0], [58.0, 12.0], [57.0, 11.0]]),
        _grans(KVADRAT[:3]),
        {**_grans(KVADRAT), "geometry": {"type": "Point", "coordinates": [11.5, 57.5]}},
    ],
)
def test_a_boundary_without_source_outside_sweden_or_not_a_polygon_is_refused(grans):
    with pytest.raises(ValidationError, match="GeoJSON-Feature"):
        validera_grans(grans)


def test_a_point_is_inside_a_ring_and_not_in_its_hole():
    grans = _grans(KVADRAT, HAL)
    assert innehaller(grans, 57.2, 11.2)
    assert not innehaller(grans, 57.5, 11.5)
    assert not innehaller(grans, 58.5, 11.5)


def test_the_projection_keeps_the_north_up_and_shortens_longitude_by_the_cosine():
    omrade = Kartomrade("k", "Kvadrat", _grans(KVADRAT), "stadsomrade")
    punkt = Kartpunkt(58.0, 12.0, "Nordost hörn", "objekt")
    karta = Karta([omrade], [punkt])
    # One degree of latitude is drawn about 1/cos(57.5°) = 1.86 times as long as one of longitude.
    assert karta.hojd == pytest.approx((karta.bredd - 32) / 0.537 + 32, rel=0.01)
    assert (punkt.x, punkt.y) == (karta.bredd - 16, 16)
    assert omrade.d.startswith("M16.0 ")
