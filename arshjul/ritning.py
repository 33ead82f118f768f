"""Drawing a wheel: the circular SVG and the linear timeline, on the page and in the files.

The geometry is computed here and the markup written by templates. Every number reaches the
template as a formatted string, because a template would localise a float ("12,5" in Swedish).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from arshjul.innehall import Innehall, Post, Ring

FARG = {
    Ring.INSATSER: "#1a202c",
    Ring.FONSTER: "#2b6cb0",
    Ring.MOTEN: "#276749",
    Ring.TIDSFRISTER: "#975a16",
    Ring.BEGRANSNINGAR: "#c53030",
    Ring.HELGDAGAR: "#6b46c1",
}
RINGBAKGRUND = ("#f4f4f4", "#e9e9e9")
# Later wheels of an overlay are drawn lighter; their band (inner to outer) tells them apart too.
OPACITET = ("1", "0.7", "0.5", "0.35")

# The circle: centre, the core holding the year, the outer edge of the rings, the month names.
STORLEK = 860
# The stand-alone file has the legend to the right of the circle.
FIL_BREDD = 1240
MITT = 430
R_KARNA = 112.0
R_YTTRE = 372.0
R_MANADSNAMN = 398.0
FORKLARING_RAD = 24
MINSTA_ANDEL = 1.4 / 365

# The timeline: a label column, then the year from left to right.
TL_BREDD = 1240
TL_X0 = 240.0
TL_X1 = 1225.0
TL_RUBRIK = 40
TL_RAD = 28
TL_FALT = 22

Lankar = Callable[[int], dict]


def _tal(varde: float) -> str:
    return f"{varde:.1f}"


def _andel(ar: int, dag: date) -> float:
    dagar = 366 if calendar.isleap(ar) else 365
    return min(max((dag - date(ar, 1, 1)).days / dagar, 0.0), 1.0)


def _spann(ar: int, post: Post) -> tuple[float, float]:
    """The part of the year a post covers, widened so that a single day can be seen."""
    a1, a2 = _andel(ar, post.fran), _andel(ar, post.till + timedelta(days=1))
    if a2 - a1 < MINSTA_ANDEL:
        mitt = (a1 + a2) / 2
        a1, a2 = max(mitt - MINSTA_ANDEL / 2, 0.0), min(mitt + MINSTA_ANDEL / 2, 1.0)
    return a1, min(a2, a1 + 0.9999)


def _punkt(radie: float, andel: float) -> tuple[float, float]:
    vinkel = 2 * math.pi * andel - math.pi / 2
    return MITT + radie * math.cos(vinkel), MITT + radie * math.sin(vinkel)


def sektor(r1: float, r2: float, a1: float, a2: float) -> str:
    """The path of a ring sector between radii r1 < r2, from year share a1 to a2 clockwise."""
    stor = 1 if a2 - a1 > 0.5 else 0
    x1, y1 = _punkt(r2, a1)
    x2, y2 = _punkt(r2, a2)
    x3, y3 = _punkt(r1, a2)
    x4, y4 = _punkt(r1, a1)
    return (
        f"M{_tal(x1)} {_tal(y1)} A{_tal(r2)} {_tal(r2)} 0 {stor} 1 {_tal(x2)} {_tal(y2)} "
        f"L{_tal(x3)} {_tal(y3)} A{_tal(r1)} {_tal(r1)} 0 {stor} 0 {_tal(x4)} {_tal(y4)} Z"
    )


@dataclass
class Figur:
    """One drawn post: a sector/bar (``d`` or x, y, w, h) or a marker (cx, cy, r)."""

    titel: str
    fyllning: str
    kant: str = "none"
    streck: str = ""
    opacitet: str = "1"
    d: str = ""
    x: str = ""
    y: str = ""
    w: str = ""
    h: str = ""
    cx: str = ""
    cy: str = ""
    r: str = ""


@dataclass
class Grupp:
    """A month: its hit area (a link in the browser), name and the posts starting in it."""

    nummer: int
    namn: str
    etikett: str
    lank: dict
    yta: str = ""
    x: str = ""
    w: str = ""
    text_x: str = ""
    text_y: str = ""
    figurer: list[Figur] = field(default_factory=list)


def _monster_id(ring: str, monster: str) -> str:
    return f"m-{ring.lower()}-{monster}"


def _figurstil(post: Post, hjul_antal: int) -> dict:
    farg = FARG[post.ring]
    opacitet = OPACITET[min(max(post.hjul, 0), len(OPACITET) - 1)] if hjul_antal > 1 else "1"
    if post.ring == Ring.INSATSER:
        redo = post.monster == "redo"
        return {"fyllning": farg if redo else "#ffffff", "kant": farg, "opacitet": opacitet}
    if post.monster == "installd":
        return {"fyllning": "#ffffff", "kant": farg, "streck": "3 2", "opacitet": opacitet}
    if post.monster in MONSTER:
        return {"fyllning": f"url(#{_monster_id(post.ring, post.monster)})", "opacitet": opacitet}
    return {"fyllning": farg, "opacitet": opacitet}


MONSTER = ("blockera", "varna", "aggregat")


def _monster(innehall: Innehall, forklaring: bool = False) -> list[dict]:
    anvanda = sorted({(p.ring, p.monster) for p in innehall.poster if p.monster in MONSTER})
    monster = [
        {"id": _monster_id(ring, slag), "farg": FARG[ring], "slag": slag} for ring, slag in anvanda
    ]
    if forklaring:
        monster += [
            {"id": f"forklaring-{slag}", "farg": "#555555", "slag": slag} for slag in MONSTER
        ]
    return monster


def _band(innehall: Innehall, ring: str, hjul: int, inre: float, yttre: float):
    """The radial band (or row part) of one wheel within a ring; holidays take the whole ring."""
    antal = len(innehall.hjul)
    if hjul < 0 or antal <= 1:
        return inre, yttre
    steg = (yttre - inre) / antal
    return inre + hjul * steg, inre + (hjul + 1) * steg


def _manadsnamn(ar: int, nummer: int) -> str:
    return formats.date_format(date(ar, nummer, 1), "M")


def _startmanad(innehall: Innehall, post: Post) -> int:
    return post.fran.month if post.fran.year == innehall.ar else 1


def _idag(innehall: Innehall) -> date | None:
    if innehall.idag is not None and innehall.idag.year == innehall.ar:
        return innehall.idag
    return None


def _grupper(innehall: Innehall, lankar: Lankar | None) -> list[Grupp]:
    return [
        Grupp(
            nummer=manad.nummer,
            namn=_manadsnamn(innehall.ar, manad.nummer),
            etikett=manad.sammanfattning,
            lank=lankar(manad.nummer) if lankar else {},
        )
        for manad in innehall.manader()
    ]


def _manadsandelar(ar: int, nummer: int) -> tuple[float, float]:
    fran = _andel(ar, date(ar, nummer, 1))
    return fran, 1.0 if nummer == 12 else _andel(ar, date(ar, nummer + 1, 1))


def _linje(r1: float, r2: float, andel: float) -> dict:
    x1, y1 = _punkt(r1, andel)
    x2, y2 = _punkt(r2, andel)
    return {"x1": _tal(x1), "y1": _tal(y1), "x2": _tal(x2), "y2": _tal(y2)}


def _ringar(innehall: Innehall) -> dict[str, tuple[float, float]]:
    """Inner and outer radius of each ring, outermost first."""
    bredd = (R_YTTRE - R_KARNA) / len(innehall.ringar)
    return {
        ring: (R_YTTRE - (index + 1) * bredd, R_YTTRE - index * bredd)
        for index, ring in enumerate(innehall.ringar)
    }


def _cirkelfigur(innehall: Innehall, post: Post, inre: float, yttre: float) -> Figur:
    a1, a2 = _spann(innehall.ar, post)
    stil = _figurstil(post, len(innehall.hjul))
    if post.ring == Ring.INSATSER:
        x, y = _punkt((inre + yttre) / 2, (a1 + a2) / 2)
        storlek = min(2.5 + len(post.insatser) * 0.8, (yttre - inre) / 2 - 1)
        return Figur(post.etikett, cx=_tal(x), cy=_tal(y), r=_tal(storlek), **stil)
    return Figur(post.etikett, d=sektor(inre + 1.5, yttre - 1.5, a1, a2), **stil)


def _forklaring(innehall: Innehall, antal_ringar: int) -> dict:
    """Where the legend's blocks go below the list of rings."""
    monster_y = FORKLARING_RAD * (antal_ringar + 3)
    hjul = innehall.hjul if len(innehall.hjul) > 1 else []
    return {
        "monster_y": str(monster_y),
        "hjul_y": str(monster_y + 200),
        "hjul": [
            {"nummer": index + 1, "namn": h.namn, "y": str(FORKLARING_RAD * (index + 1))}
            for index, h in enumerate(hjul)
        ],
    }


def cirkel(innehall: Innehall, lankar: Lankar | None = None, forklaring: bool = False) -> str:
    """The circular wheel; month segments are links when ``lankar`` gives their addresses.

    With ``forklaring`` the legend is drawn beside it, for the stand-alone file; on a page the
    legend is HTML.
    """
    ringgranser = _ringar(innehall)
    grupper = _grupper(innehall, lankar)
    for grupp in grupper:
        fran, till = _manadsandelar(innehall.ar, grupp.nummer)
        grupp.yta = sektor(R_KARNA, R_YTTRE, fran, till)
        x, y = _punkt(R_MANADSNAMN, (fran + till) / 2)
        grupp.text_x, grupp.text_y = _tal(x), _tal(y)
    for post in innehall.poster:
        inre, yttre = _band(innehall, post.ring, post.hjul, *ringgranser[post.ring])
        figur = _cirkelfigur(innehall, post, inre, yttre)
        grupper[_startmanad(innehall, post) - 1].figurer.append(figur)
    idag = _idag(innehall)
    visare = None
    if idag is not None:
        visare = _linje(R_KARNA - 6, R_YTTRE + 10, _andel(innehall.ar, idag) + 0.5 / 365)
        visare["text"] = _("I dag, %(datum)s") % {"datum": formats.date_format(idag, "j F")}
    ringar = []
    for index, (ring, (inre, yttre)) in enumerate(ringgranser.items()):
        nummer_x, nummer_y = _punkt((inre + yttre) / 2, 0.992)
        ringar.append(
            {
                "namn": Ring(ring).label,
                "nummer": index + 1,
                "d": sektor(inre, yttre, 0.0, 0.9999),
                "bakgrund": RINGBAKGRUND[index % 2],
                "farg": FARG[ring],
                "nummer_x": _tal(nummer_x),
                "nummer_y": _tal(nummer_y),
                "ruta_y": str(FORKLARING_RAD * (index + 2) - 4),
                "text_y": str(FORKLARING_RAD * (index + 2) + 8),
            }
        )
    return render_to_string(
        "arshjul/svg/cirkel.html",
        {
            "innehall": innehall,
            "bredd": FIL_BREDD if forklaring else STORLEK,
            "hojd": STORLEK,
            "mitt": MITT,
            "ringar": ringar,
            "granser": [
                _linje(R_KARNA, R_YTTRE + 4, _manadsandelar(innehall.ar, m)[0])
                for m in range(1, 13)
            ],
            "grupper": grupper,
            "monster": _monster(innehall, forklaring),
            "visare": visare,
            "interaktiv": lankar is not None,
            "forklaring": _forklaring(innehall, len(ringar)) if forklaring else None,
            "r_karna": _tal(R_KARNA - 2),
        },
    )


def tidslinje(innehall: Innehall, lankar: Lankar | None = None) -> str:
    """The same content as a linear timeline: one row per ring and wheel."""
    bredd = TL_X1 - TL_X0
    rader = []
    for ring in innehall.ringar:
        for hjul in range(len(innehall.hjul)) if ring != Ring.HELGDAGAR else [-1]:
            etikett = str(Ring(ring).label)
            if hjul >= 0 and len(innehall.hjul) > 1:
                etikett = f"{etikett} ({hjul + 1})"
            rader.append((ring, hjul, etikett))
    radnummer = {(ring, hjul): index for index, (ring, hjul, _e) in enumerate(rader)}
    grupper = _grupper(innehall, lankar)
    for grupp in grupper:
        fran, till = _manadsandelar(innehall.ar, grupp.nummer)
        grupp.x, grupp.w = _tal(TL_X0 + fran * bredd), _tal((till - fran) * bredd)
        grupp.text_x, grupp.text_y = _tal(TL_X0 + (fran + till) / 2 * bredd), _tal(TL_RUBRIK - 14)
    for post in innehall.poster:
        rad = radnummer[(post.ring, post.hjul if post.ring != Ring.HELGDAGAR else -1)]
        y = TL_RUBRIK + rad * TL_RAD + (TL_RAD - TL_FALT) / 2
        a1, a2 = _spann(innehall.ar, post)
        stil = _figurstil(post, len(innehall.hjul))
        if post.ring == Ring.INSATSER:
            figur = Figur(
                post.etikett,
                cx=_tal(TL_X0 + (a1 + a2) / 2 * bredd),
                cy=_tal(y + TL_FALT / 2),
                r=_tal(min(2.5 + len(post.insatser) * 0.8, TL_FALT / 2 - 1)),
                **stil,
            )
        else:
            figur = Figur(
                post.etikett,
                x=_tal(TL_X0 + a1 * bredd),
                y=_tal(y),
                w=_tal(max((a2 - a1) * bredd, 2.5)),
                h=_tal(TL_FALT),
                **stil,
            )
        grupper[_startmanad(innehall, post) - 1].figurer.append(figur)
    hojd = TL_RUBRIK + len(rader) * TL_RAD + 8
    idag = _idag(innehall)
    return render_to_string(
        "arshjul/svg/tidslinje.html",
        {
            "innehall": innehall,
            "bredd": TL_BREDD,
            "hojd": hojd,
            "rader": [
                {
                    "etikett": etikett,
                    "y": _tal(TL_RUBRIK + index * TL_RAD),
                    "text_y": _tal(TL_RUBRIK + index * TL_RAD + TL_RAD / 2 + 4),
                    "bakgrund": RINGBAKGRUND[index % 2],
                }
                for index, (_ring, _hjul, etikett) in enumerate(rader)
            ],
            "x0": _tal(TL_X0),
            "plotbredd": _tal(bredd),
            "rubrik": TL_RUBRIK,
            "nederkant": hojd - 8,
            "grupper": grupper,
            "monster": _monster(innehall),
            "interaktiv": lankar is not None,
            "idag_x": _tal(TL_X0 + (_andel(innehall.ar, idag) + 0.5 / 365) * bredd) if idag else "",
            "idag_text": _("I dag, %(datum)s") % {"datum": formats.date_format(idag, "j F")}
            if idag
            else "",
        },
    )
