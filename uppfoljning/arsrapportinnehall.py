"""What a yearly report shows one audience: the year's figures, tables and charts as the
audience's follow-up counts them (the page's view of the whole year, no filter), and a text per
area written out from the area tables. Plain data, hashed into the version's fingerprint, so a
rebuild with the same figures adds no version.

The report holds aggregates only: counts, sums and shares per month, category, area, type and
organisation, never an operation, an object or a company; small counts of objects are protected
as on the page (``siffror.skyddat``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from karna import pdf
from uppfoljning import selectors
from uppfoljning.access import Malgrupp
from uppfoljning.diagram import Diagram, uppfoljningens_diagram
from uppfoljning.siffror import DOLD, TABELLER, Antal, Tabell, Urval

# Part of every fingerprint: raise it when the template shows something new.
MALLVERSION = 1
OMRADESTABELLER = ("stadsomraden", "utsatta_omraden")


def _cell(cell):
    """A cell as plain data: counts of operations stay numbers (the charts draw them), a
    protected count is its shown text ("<3", "–" or the rounded count)."""
    if isinstance(cell, Antal):
        return cell.text
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return cell
    if isinstance(cell, Decimal):
        return number_format(cell, decimal_pos=1)
    return str(cell)


def _tabell(tabell: Tabell) -> dict:
    return {
        "nyckel": tabell.nyckel,
        "rubrik": str(tabell.rubrik),
        "kolumner": [str(k) for k in tabell.kolumner],
        "rader": [[_cell(c) for c in rad] for rad in tabell.rader],
        "forklaring": str(tabell.forklaring),
    }


def _objekttext(text: str) -> str:
    if text == DOLD:
        return _("antalet kontrollerade objekt visas inte, för att skydda ett litet antal")
    if text.startswith("<"):
        return _("färre än %(troskel)s kontrollerade objekt") % {"troskel": text[1:]}
    return _("%(antal)s kontrollerade objekt") % {"antal": text}


def _omradestext(tabell: dict) -> dict:
    """The area table written out: one sentence per area with an operation."""
    meningar = [
        ngettext(
            "%(omrade)s: %(insatser)s insats med genomförda kontroller, %(objekt)s.",
            "%(omrade)s: %(insatser)s insatser med genomförda kontroller, %(objekt)s.",
            insatser,
        )
        % {"omrade": omrade, "insatser": insatser, "objekt": _objekttext(objekt)}
        for omrade, insatser, objekt in tabell["rader"]
    ]
    return {
        "rubrik": tabell["rubrik"],
        "meningar": meningar or [_("Inget område hade en insats med en genomförd kontroll.")],
        "sammanfattning": tabell["forklaring"],
    }


def arsrapportinnehall(malgrupp: Malgrupp, ar: int) -> dict:
    """The content of the year's report for the audience, in the language of the site."""
    with translation.override(settings.LANGUAGE_CODE):
        data = selectors.siffror(malgrupp, Urval(ar=ar))
        tabeller = {n: _tabell(t) for n, t in data["tabeller"].items()}
        return {
            "ar": ar,
            "malgrupp": malgrupp.beskrivning(),
            "troskel": settings.UPPFOLJNING_TROSKEL,
            "nyckeltal": tabeller["nyckeltal"],
            "tabeller": [tabeller[n] for n in TABELLER[1:]],
            "omraden": [_omradestext(tabeller[n]) for n in OMRADESTABELLER],
        }


def fingeravtryck(innehall: dict) -> str:
    return pdf.fingeravtryck(innehall, MALLVERSION)


def diagram(innehall: dict) -> list[Diagram]:
    """The report's charts, drawn from its content as the page draws them."""
    with translation.override(settings.LANGUAGE_CODE):
        return uppfoljningens_diagram({t["nyckel"]: Tabell(**t) for t in innehall["tabeller"]})
