"""Area boundaries and the map drawn from them: server-side SVG, no tiles, no map library.

A boundary (``grans`` on ``Stadsomrade`` and ``UtsattOmrade``) is a GeoJSON Feature in WGS84 with
a Polygon or MultiPolygon geometry (positions are ``[longitude, latitude]``, as GeoJSON has them)
and properties saying where it comes from, as every reference row does: ``kalla`` and
``ej_i_kallorna``. The boundaries shipped in ``fixtures/geografi.json`` are hand-simplified
approximations, flagged so.

The map is an equirectangular projection with the longitude scaled by the cosine of the middle
latitude, which keeps a city's shapes true to within a fraction of a percent; ``Karta`` places the
areas and points in a fixed-width view box that the template draws as accessible SVG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Sweden's bounding box, with a margin: a position outside it is a typing slip (swapped
# latitude and longitude, a missing decimal point).
LATITUD_MIN, LATITUD_MAX = Decimal("55"), Decimal("69.1")
LONGITUD_MIN, LONGITUD_MAX = Decimal("10.9"), Decimal("24.2")

BREDD = 640
MARGINAL = 16
# A map of one point (or of points on one line) still needs an extent: about a kilometre.
MINSTA_UTSTRACKNING = 0.01

Ring = list[tuple[float, float]]  # (longitude, latitude)


def inom_sverige(latitud, longitud) -> bool:
    return (
        LATITUD_MIN <= Decimal(str(latitud)) <= LATITUD_MAX
        and LONGITUD_MIN <= Decimal(str(longitud)) <= LONGITUD_MAX
    )


def _ar_position(varde) -> bool:
    return (
        isinstance(varde, list | tuple)
        and len(varde) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in varde)
        and inom_sverige(varde[1], varde[0])
    )


def _ar_ring(ring) -> bool:
    return isinstance(ring, list) and len(ring) >= 4 and all(_ar_position(p) for p in ring)


def validera_grans(grans) -> None:
    """A model validator: a GeoJSON Feature with a (Multi)Polygon inside Sweden and its source."""
    if grans is None:
        return
    fel = ValidationError(
        _(
            "Gränsen ska vara en GeoJSON-Feature med en Polygon eller MultiPolygon i WGS84 "
            "inom Sverige och egenskaperna kalla och ej_i_kallorna."
        ),
        code="ogiltig_grans",
    )
    if not isinstance(grans, dict) or grans.get("type") != "Feature":
        raise fel
    egenskaper = grans.get("properties")
    if (
        not isinstance(egenskaper, dict)
        or not str(egenskaper.get("kalla", "")).strip()
        or not isinstance(egenskaper.get("ej_i_kallorna"), bool)
    ):
        raise fel
    if not polygoner(grans) or not all(
        _ar_ring(ring) for polygon in polygoner(grans) for ring in polygon
    ):
        raise fel


def polygoner(grans: dict | None) -> list[list[Ring]]:
    """The boundary's polygons, each a list of rings (the outer ring first, then holes)."""
    if not isinstance(grans, dict):
        return []
    geometri = grans.get("geometry") or {}
    koordinater = geometri.get("coordinates")
    if not isinstance(koordinater, list):
        return []
    if geometri.get("type") == "Polygon":
        return [koordinater]
    if geometri.get("type") == "MultiPolygon":
        return koordinater
    return []


def _i_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting: a ray to the east crosses the ring's edges an odd number of times."""
    inne = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inne = not inne
    return inne


def innehaller(grans: dict | None, latitud, longitud) -> bool:
    """Whether the position lies inside the boundary (inside an outer ring and no hole of it)."""
    lon, lat = float(longitud), float(latitud)
    return any(
        polygon
        and _i_ring(lon, lat, polygon[0])
        and not any(_i_ring(lon, lat, h) for h in polygon[1:])
        for polygon in polygoner(grans)
    )


def omrade_for(omraden: Iterable, latitud, longitud):
    """The first of ``omraden`` (rows with ``grans``) whose boundary holds the position."""
    return next((o for o in omraden if innehaller(o.grans, latitud, longitud)), None)


@dataclass
class Kartomrade:
    """An area to draw: its name, a count to write on it, and its CSS class (the legend's key)."""

    kod: str
    namn: str
    grans: dict | None
    slag: str
    antal: int | None = None
    d: str = ""
    etikett_x: float = 0
    etikett_y: float = 0


@dataclass
class Kartpunkt:
    """A point to draw: an object, or an operation at one of its objects."""

    latitud: float
    longitud: float
    namn: str
    slag: str
    x: float = 0
    y: float = 0


@dataclass
class Karta:
    """Areas and points projected into a view box ``bredd`` wide; draw it with
    ``templates/myndigheter/_karta.html``."""

    omraden: list[Kartomrade]
    punkter: list[Kartpunkt]
    bredd: int = BREDD
    hojd: int = 0
    forklaring: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        ringar = [ring for o in self.omraden for polygon in polygoner(o.grans) for ring in polygon]
        lons = [p[0] for ring in ringar for p in ring] + [p.longitud for p in self.punkter]
        lats = [p[1] for ring in ringar for p in ring] + [p.latitud for p in self.punkter]
        if not lons:
            self.hojd = 0
            return
        vast, ost = _med_utstrackning(min(lons), max(lons))
        syd, nord = _med_utstrackning(min(lats), max(lats))
        skala_lon = math.cos(math.radians((syd + nord) / 2))
        skala = (self.bredd - 2 * MARGINAL) / ((ost - vast) * skala_lon)
        self.hojd = round((nord - syd) * skala + 2 * MARGINAL)

        def projicera(lon: float, lat: float) -> tuple[float, float]:
            return (
                round(MARGINAL + (lon - vast) * skala_lon * skala, 1),
                round(MARGINAL + (nord - lat) * skala, 1),
            )

        for omrade in self.omraden:
            delar = []
            punkter = []
            for polygon in polygoner(omrade.grans):
                for ring in polygon:
                    xy = [projicera(lon, lat) for lon, lat in ring]
                    punkter.extend(xy if ring is polygon[0] else [])
                    delar.append("M" + " L".join(f"{x} {y}" for x, y in xy) + " Z")
            omrade.d = " ".join(delar)
            if punkter:
                # The label at the middle of the outer rings' corners: near enough the centre for
                # the simplified shapes, and cheap.
                omrade.etikett_x = round(sum(x for x, _ in punkter) / len(punkter), 1)
                omrade.etikett_y = round(sum(y for _, y in punkter) / len(punkter), 1)
        for punkt in self.punkter:
            punkt.x, punkt.y = projicera(punkt.longitud, punkt.latitud)

    @property
    def ritade_omraden(self) -> list[Kartomrade]:
        return [o for o in self.omraden if o.d]


def _med_utstrackning(lagst: float, hogst: float) -> tuple[float, float]:
    if hogst - lagst >= MINSTA_UTSTRACKNING:
        return lagst, hogst
    mitt = (lagst + hogst) / 2
    return mitt - MINSTA_UTSTRACKNING / 2, mitt + MINSTA_UTSTRACKNING / 2


@dataclass
class Placering:
    """Where one thing on a map lies: an object, or an operation at one of its objects (an
    operation has one placement per object, or per district of its LPOs when the reader may not
    see its objects). ``post`` is what the list beside the map shows and links to."""

    post: object
    stadsomrade_id: int | None = None
    utsatt_omrade_id: int | None = None
    latitud: Decimal | None = None
    longitud: Decimal | None = None
    punktnamn: str = ""

    @property
    def har_position(self) -> bool:
        return self.latitud is not None and self.longitud is not None


@dataclass
class Omradesgrupp:
    """One area's row in the list beside the map: the area and what lies in it."""

    omrade: Kartomrade | None
    poster: list = field(default_factory=list)


@dataclass
class Omradeskarta:
    """A municipality's map with its list: per district, per vulnerable area, and the rest."""

    karta: Karta
    stadsomraden: list[Omradesgrupp]
    utsatta_omraden: list[Omradesgrupp]
    utan_omrade: list
    utan_position: list
    antal: int
    punktslag: str


def _unika(poster: Iterable) -> list:
    sedda, unika = set(), []
    for post in poster:
        if id(post) not in sedda:
            sedda.add(id(post))
            unika.append(post)
    return unika


def omradeskarta(
    stadsomraden: Iterable,
    utsatta_omraden: Iterable,
    placeringar: Iterable[Placering],
    punktslag: str,
) -> Omradeskarta:
    """Group the placements by area and draw them.

    ``stadsomraden`` and ``utsatta_omraden`` are the municipality's areas (rows with ``kod``,
    ``namn`` and ``grans``). A placement without an area but with a position is put in the area
    whose boundary holds it. Each area is drawn with the number of distinct posts in it.
    """
    stadsomraden, utsatta_omraden = list(stadsomraden), list(utsatta_omraden)
    placeringar = list(placeringar)
    per_stadsomrade: dict[int, list] = {o.pk: [] for o in stadsomraden}
    per_utsatt: dict[int, list] = {o.pk: [] for o in utsatta_omraden}
    utan_omrade = []
    for placering in placeringar:
        stadsomrade_id = placering.stadsomrade_id
        utsatt_id = placering.utsatt_omrade_id
        if placering.har_position:
            lat, lon = placering.latitud, placering.longitud
            if stadsomrade_id not in per_stadsomrade:
                stadsomrade_id = getattr(omrade_for(stadsomraden, lat, lon), "pk", None)
            if utsatt_id not in per_utsatt:
                utsatt_id = getattr(omrade_for(utsatta_omraden, lat, lon), "pk", None)
        if stadsomrade_id in per_stadsomrade:
            per_stadsomrade[stadsomrade_id].append(placering.post)
        else:
            utan_omrade.append(placering.post)
        if utsatt_id in per_utsatt:
            per_utsatt[utsatt_id].append(placering.post)

    def grupper(omraden, per_omrade, slag) -> list[Omradesgrupp]:
        return [
            Omradesgrupp(
                Kartomrade(o.kod, o.namn, o.grans, slag, antal=len(_unika(per_omrade[o.pk]))),
                _unika(per_omrade[o.pk]),
            )
            for o in omraden
        ]

    stadsomradesgrupper = grupper(stadsomraden, per_stadsomrade, "stadsomrade")
    utsatta_grupper = grupper(utsatta_omraden, per_utsatt, "utsatt")
    punkter = [
        Kartpunkt(float(p.latitud), float(p.longitud), p.punktnamn, punktslag)
        for p in placeringar
        if p.har_position
    ]
    med_position = {id(p.post) for p in placeringar if p.har_position}
    alla = _unika(p.post for p in placeringar)
    karta = Karta(
        [g.omrade for g in stadsomradesgrupper] + [g.omrade for g in utsatta_grupper], punkter
    )
    return Omradeskarta(
        karta=karta,
        stadsomraden=stadsomradesgrupper,
        utsatta_omraden=utsatta_grupper,
        utan_omrade=_unika(utan_omrade),
        utan_position=[p for p in alla if id(p) not in med_position],
        antal=len(alla),
        punktslag=punktslag,
    )
