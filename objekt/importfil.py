"""Reading an import file: CSV (UTF-8 with or without BOM, or Windows-1252; comma or semicolon
delimited, as Swedish Excel writes it) or Excel .xlsx, into numbered rows keyed by column.

Only the file's form is checked here (type, size, rows, required columns); the values are checked
by the same form and verb as a proposal in the browser.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_STORLEK = 5 * 1024 * 1024
MAX_RADER = 5000
# Wider sheets are cut here: no template column lies beyond it.
MAX_KOLUMNER = 50
SOKTERM_RE = re.compile(r"[^\W_]+")


def endast_siffror(text: str) -> str:
    return re.sub(r"\D", "", text or "")


@dataclass(frozen=True)
class Kolumn:
    falt: str
    rubrik: str
    obligatorisk: bool
    beskrivning: str
    exempel: str


KOLUMNER = [
    Kolumn(
        "namn",
        gettext_lazy("Namn"),
        True,
        gettext_lazy("Verksamhetens eller lokalens namn, aldrig en person."),
        "Exempelkiosken AB",
    ),
    Kolumn(
        "objekttyp",
        gettext_lazy("Objekttyp"),
        True,
        gettext_lazy(
            "Företag eller verksamhet, Lokal, Boende, Festvåning eller klubb, "
            "Växlingskontor eller Annat."
        ),
        "Företag eller verksamhet",
    ),
    Kolumn(
        "organisationsnummer",
        gettext_lazy("Organisationsnummer"),
        False,
        gettext_lazy("Tio siffror med kontrollsiffra, med eller utan bindestreck."),
        "556016-0680",
    ),
    Kolumn(
        "adress",
        gettext_lazy("Adress"),
        True,
        gettext_lazy("Gatuadress med nummer."),
        "Exempelgatan 12",
    ),
    Kolumn(
        "postnummer",
        gettext_lazy("Postnummer"),
        False,
        gettext_lazy("Fem siffror."),
        "411 04",
    ),
    Kolumn(
        "postort",
        gettext_lazy("Postort"),
        False,
        "",
        "Göteborg",
    ),
    Kolumn(
        "kommun",
        gettext_lazy("Kommun"),
        True,
        gettext_lazy("Kommunens namn."),
        "Göteborg",
    ),
    Kolumn(
        "stadsomrade",
        gettext_lazy("Stadsområde"),
        False,
        gettext_lazy("Till exempel Centrum, Hisingen, Sydväst eller Nordost."),
        "Centrum",
    ),
    Kolumn(
        "lpo",
        gettext_lazy("Lokalpolisområde"),
        False,
        gettext_lazy("Lämnas tomt för att härledas från stadsområdet."),
        "",
    ),
    Kolumn(
        "utsatt_omrade",
        gettext_lazy("Utsatt område"),
        False,
        gettext_lazy("Namnet på området i polisens bedömning, om objektet ligger i ett."),
        "",
    ),
    Kolumn(
        "problemkategorier",
        gettext_lazy("Misstänkta problem"),
        False,
        gettext_lazy("En eller flera problemkategorier, åtskilda med kommatecken."),
        "Svartjobb, Skattebrott",
    ),
    Kolumn(
        "reserv",
        gettext_lazy("Reservobjekt"),
        False,
        gettext_lazy("Ja eller nej (tomt är nej)."),
        "nej",
    ),
]
KOLUMN_FOR_FALT = {k.falt: k for k in KOLUMNER}


def _rubriknyckel(text: str) -> str:
    return " ".join(str(text or "").split()).casefold()


def _kolumn_for_rubrik(rubrik: str) -> Kolumn | None:
    nyckel = _rubriknyckel(rubrik)
    for kolumn in KOLUMNER:
        if nyckel in {_rubriknyckel(kolumn.rubrik), kolumn.falt}:
            return kolumn
    return None


@dataclass
class Inlast:
    """A read file: its rows numbered as in the spreadsheet (the heading is row 1)."""

    rader: list[tuple[int, dict[str, str]]]
    okanda_kolumner: list[str]


def _fel(text: str) -> ValidationError:
    return ValidationError({"fil": text})


def kontrollera_storlek(storlek: int) -> None:
    if storlek > MAX_STORLEK:
        raise _fel(_("Filen är för stor. Den får vara högst 5 MB."))


def las_fil(filnamn: str, data: bytes) -> Inlast:
    """Read and check the file's form; ValidationError with a Swedish message on field ``fil``."""
    kontrollera_storlek(len(data))
    andelse = filnamn.rsplit(".", 1)[-1].lower() if "." in filnamn else ""
    if andelse == "xlsx":
        tabell = _las_xlsx(data)
    elif andelse in {"csv", "txt"}:
        tabell = _las_csv(data)
    elif andelse == "xls":
        raise _fel(_("Det gamla Excelformatet .xls stöds inte. Spara filen som .xlsx eller CSV."))
    else:
        raise _fel(_("Filtypen stöds inte. Ladda upp en CSV-fil eller en Excelfil (.xlsx)."))
    return _tolka(tabell)


def _las_csv(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04"):
        raise _fel(_("Filen är inte en textfil i CSV-format. Spara den som CSV eller .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _fel(
                _("Filens teckenkodning känns inte igen. Spara den som CSV (UTF-8).")
            ) from None
    forsta = text.split("\n", 1)[0]
    avgransare = ";" if forsta.count(";") >= forsta.count(",") else ","
    try:
        rader = list(csv.reader(io.StringIO(text, newline=""), delimiter=avgransare))
    except csv.Error:
        raise _fel(_("Filen kunde inte läsas som CSV.")) from None
    return _numrerade(rader)


def _las_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        bok = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _fel(_("Filen kunde inte läsas som en Excelfil (.xlsx).")) from None
    try:
        blad = bok.worksheets[0]
        rader, ifyllda = [], 0
        for rad in blad.iter_rows(max_col=MAX_KOLUMNER, values_only=True):
            rader.append([_cell(v) for v in rad])
            ifyllda += any(rader[-1])
            # Enough read to refuse the file; empty formatted rows must not keep us reading.
            if ifyllda > MAX_RADER + 1 or len(rader) > 20 * MAX_RADER:
                raise _fel(_("Filen har fler än 5 000 rader. Dela upp den i flera filer."))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
        raise _fel(_("Filen kunde inte läsas som en Excelfil (.xlsx).")) from None
    finally:
        bok.close()
    return _numrerade(rader)


def _cell(varde) -> str:
    if varde is None:
        return ""
    if isinstance(varde, bool):
        return _("ja") if varde else _("nej")
    if isinstance(varde, float) and varde.is_integer():
        return str(int(varde))
    if isinstance(varde, datetime | date):
        return varde.strftime("%Y-%m-%d")
    return str(varde)


def _numrerade(rader: list[list[str]]) -> list[tuple[int, list[str]]]:
    return [(nummer, rad) for nummer, rad in enumerate(rader, start=1)]


def _tolka(tabell: list[tuple[int, list[str]]]) -> Inlast:
    if not tabell:
        raise _fel(_("Filen är tom."))
    rubriker = tabell[0][1]
    kolumner: list[Kolumn | None] = [_kolumn_for_rubrik(r) for r in rubriker]
    falt = [k.falt for k in kolumner if k is not None]
    if len(falt) != len(set(falt)):
        raise _fel(_("En kolumn finns flera gånger i första raden."))
    saknas = [str(k.rubrik) for k in KOLUMNER if k.obligatorisk and k.falt not in falt]
    if saknas:
        raise _fel(
            _("Kolumnerna %(kolumner)s saknas. Första raden ska innehålla kolumnnamnen, se mallen.")
            % {"kolumner": ", ".join(saknas)}
        )
    rader = []
    for nummer, celler in tabell[1:]:
        if not any(c.strip() for c in celler):
            continue
        rader.append(
            (
                nummer,
                {
                    k.falt: (celler[i].strip() if i < len(celler) else "")
                    for i, k in enumerate(kolumner)
                    if k is not None
                },
            )
        )
        if len(rader) > MAX_RADER:
            raise _fel(_("Filen har fler än 5 000 rader. Dela upp den i flera filer."))
    if not rader:
        raise _fel(_("Filen innehåller inga rader att importera."))
    okanda = [r for r, k in zip(rubriker, kolumner, strict=True) if k is None and r.strip()]
    return Inlast(rader=rader, okanda_kolumner=okanda)
