"""Reading an import file: CSV (UTF-8 with or without BOM, or Windows-1252; comma or semicolon
delimited, as Swedish Excel writes it) or Excel .xlsx, into numbered rows keyed by column.

Two steps, so that the upload request never unpacks or parses a sheet:

- ``kontrollera_uppladdning`` runs in the request: size, type by extension and, for .xlsx, the ZIP
  directory only (the declared unpacked sizes, how hard each member is packed, how many members).
- ``las_fil`` runs in the worker: it checks the same again, then streams the rows and stops as
  soon as a limit is passed (rows, rows including empty ones, columns in the heading).

Only the file's form is checked here; the values are checked by the same form and verb as a
proposal in the browser. Each refusal is a ``ValidationError`` on ``fil`` with a Swedish message.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_STORLEK = 5 * 1024 * 1024
MAX_RADER = 5000
# Empty (often only formatted) rows are skipped but counted here, so they cannot keep the worker
# reading: a sheet formatted down to row 1,048,576 is refused instead.
MAX_RADER_TOTALT = 20 * MAX_RADER
# Rows are read this wide; a heading further right is refused rather than silently dropped.
MAX_KOLUMNER = 50
# The .xlsx container, checked from its ZIP directory before anything is unpacked. zipfile never
# unpacks a member beyond the size the directory declares, so these bound what reading may unpack.
MAX_UPPACKAD_STORLEK = 50 * 1024 * 1024
MAX_DELAR = 1000
# A sheet of text packs some 5–20 to 1; repeated rows made to inflate pack near 1,000 to 1.
MAX_PACKNINGSGRAD = 100
PACKNINGSGRAD_FRAN = 1024 * 1024
SOKTERM_RE = re.compile(r"[^\W_]+")

# What openpyxl and zipfile raise on a damaged .xlsx (ParseError: malformed XML).
XLSX_FEL = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    OSError,
    TypeError,
    IndexError,
    ParseError,
)


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
        "latitud",
        gettext_lazy("Latitud"),
        False,
        gettext_lazy("WGS84 i decimala grader, med punkt eller komma. Anges med longituden."),
        "57.7089",
    ),
    Kolumn(
        "longitud",
        gettext_lazy("Longitud"),
        False,
        gettext_lazy("WGS84 i decimala grader, med punkt eller komma. Anges med latituden."),
        "11.9746",
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


def _ej_excel() -> ValidationError:
    return _fel(_("Filen kunde inte läsas som en Excelfil (.xlsx)."))


def kontrollera_storlek(storlek: int) -> None:
    if storlek > MAX_STORLEK:
        raise _fel(_("Filen är för stor. Den får vara högst 5 MB."))


def filtyp(filnamn: str) -> str:
    """The file's extension, lower case, if it is one we read: xlsx, csv or txt."""
    andelse = filnamn.rsplit(".", 1)[-1].lower() if "." in filnamn else ""
    if andelse in {"xlsx", "csv", "txt"}:
        return andelse
    if andelse == "xls":
        raise _fel(_("Det gamla Excelformatet .xls stöds inte. Spara filen som .xlsx eller CSV."))
    raise _fel(_("Filtypen stöds inte. Ladda upp en CSV-fil eller en Excelfil (.xlsx)."))


def kontrollera_uppladdning(fil) -> str:
    """Check an uploaded file without parsing it, in the request; its extension.

    ``fil`` is a Django ``UploadedFile``: its size is checked before anything is read, and it is
    left at its start for storing.
    """
    kontrollera_storlek(fil.size)
    andelse = filtyp(fil.name)
    if not fil.size:
        raise _fel(_("Filen är tom."))
    fil.seek(0)
    if andelse == "xlsx":
        kontrollera_xlsx(fil)
    else:
        kontrollera_text(fil.read(4096))
    fil.seek(0)
    return andelse


def kontrollera_text(borjan: bytes) -> None:
    """Refuse a binary file named .csv, from its first bytes (a NUL, or a ZIP such as .xlsx)."""
    if b"\x00" in borjan or borjan.startswith(b"PK\x03\x04"):
        raise _fel(_("Filen är inte en textfil i CSV-format. Spara den som CSV eller .xlsx."))


def kontrollera_xlsx(fil: IO[bytes]) -> None:
    """Check an .xlsx's ZIP directory; nothing is unpacked."""
    try:
        with zipfile.ZipFile(fil) as arkiv:
            delar = arkiv.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise _ej_excel() from None
    if len(delar) > MAX_DELAR:
        raise _fel(
            _(
                "Excelfilen består av för många delar. "
                "Kopiera raderna till en ny fil och ladda upp den."
            )
        )
    if sum(d.file_size for d in delar) > MAX_UPPACKAD_STORLEK:
        raise _fel(
            _(
                "Excelfilen blir större än 50 MB när den packas upp. "
                "Kopiera raderna till en ny fil och ladda upp den."
            )
        )
    if any(_for_hart_packad(d) for d in delar):
        raise _fel(
            _(
                "Excelfilen är misstänkt hårt packad och läses därför inte in. "
                "Kopiera raderna till en ny fil och ladda upp den."
            )
        )


def _for_hart_packad(delen: zipfile.ZipInfo) -> bool:
    return (
        delen.file_size > PACKNINGSGRAD_FRAN
        and delen.file_size > MAX_PACKNINGSGRAD * delen.compress_size
    )


def las_fil(filnamn: str, data: bytes) -> Inlast:
    """Read and check the file's form, in the worker; ValidationError on field ``fil``."""
    kontrollera_storlek(len(data))
    if filtyp(filnamn) == "xlsx":
        return _las_xlsx(data)
    return _tolka(_csv_rader(data))


def _csv_rader(data: bytes) -> Iterator[list[str]]:
    kontrollera_text(data[:4096])
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
    return _csv_utan_fel(csv.reader(io.StringIO(text, newline=""), delimiter=avgransare))


def _csv_utan_fel(rader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows one at a time (never all in a list); a broken quote is the file's fault."""
    try:
        yield from rader
    except csv.Error:
        raise _fel(_("Filen kunde inte läsas som CSV.")) from None


@contextmanager
def _excelfel():
    """Turn openpyxl's and zipfile's errors on a damaged or hostile file into a message."""
    try:
        yield
    except XLSX_FEL as fel:
        # defusedxml, which openpyxl uses when installed, refuses the entity declarations of an
        # entity expansion ("billion laughs"); openpyxl wraps that in a ValueError of its own.
        if any(isinstance(orsak, DefusedXmlException) for orsak in _orsaker(fel)):
            raise _fel(
                _(
                    "Excelfilen innehåller otillåtna XML-definitioner och läses därför inte in. "
                    "Spara den på nytt i Excel."
                )
            ) from None
        raise _ej_excel() from None


def _orsaker(fel: BaseException | None) -> Iterator[BaseException]:
    while fel is not None:
        yield fel
        fel = fel.__cause__ or fel.__context__


def _las_xlsx(data: bytes) -> Inlast:
    from openpyxl import load_workbook

    kontrollera_xlsx(io.BytesIO(data))
    with _excelfel():
        bok = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with _excelfel():
            blad = bok.worksheets[0]
            _kontrollera_dimension(blad)
            # Read to the sheet's end, not to its declared last row, which some programs write
            # too small; the row limits below stop the reading instead.
            blad.reset_dimensions()
            rubriker = _forsta_raden(blad)
        with closing(_xlsx_rader(blad)) as rader:
            return _tolka(chain(rubriker, rader))
    finally:
        bok.close()


def _kontrollera_dimension(blad) -> None:
    """Refuse from the sheet's declared size, before a row is read. The declared width alone
    refuses nothing: cells right of the headings are ignored, the heading row is checked."""
    if blad.max_row is not None and blad.max_row > MAX_RADER_TOTALT:
        raise _for_manga_rader_totalt()


def _forsta_raden(blad) -> list[list[str]]:
    """The heading row in full width, to find a heading right of the columns read; no row at all
    if the sheet is empty."""
    rader = blad.iter_rows(max_row=1, values_only=True)
    try:
        return [[_cell(v) for v in rad] for rad in islice(rader, 1)]
    finally:
        rader.close()


def _xlsx_rader(blad) -> Iterator[list[str]]:
    with _excelfel():
        for rad in blad.iter_rows(min_row=2, max_col=MAX_KOLUMNER, values_only=True):
            yield [_cell(v) for v in rad]


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


def _for_manga_rader() -> ValidationError:
    return _fel(_("Filen har fler än 5 000 rader. Dela upp den i flera filer."))


def _for_manga_rader_totalt() -> ValidationError:
    return _fel(
        _(
            "Filen har fler än 100 000 rader, tomma rader medräknade. "
            "Ta bort de tomma raderna och ladda upp filen igen."
        )
    )


def _kolumner(rubriker: list[str]) -> list[Kolumn | None]:
    """The column each heading names; refuses headings that are wide, repeated or incomplete."""
    if any(r.strip() for r in rubriker[MAX_KOLUMNER:]):
        raise _fel(_("Filen har fler än 50 kolumner. Ta bort de kolumner som inte ska importeras."))
    kolumner = [_kolumn_for_rubrik(r) for r in rubriker[:MAX_KOLUMNER]]
    falt = [k.falt for k in kolumner if k is not None]
    if len(falt) != len(set(falt)):
        raise _fel(_("En kolumn finns flera gånger i första raden."))
    saknas = [str(k.rubrik) for k in KOLUMNER if k.obligatorisk and k.falt not in falt]
    if saknas:
        raise _fel(
            _("Kolumnerna %(kolumner)s saknas. Första raden ska innehålla kolumnnamnen, se mallen.")
            % {"kolumner": ", ".join(saknas)}
        )
    return kolumner


def _tolka(tabell: Iterable[list[str]]) -> Inlast:
    """Check the heading, then take the rows one by one, stopping at the first limit passed."""
    tabell = iter(tabell)
    rubriker = next(tabell, None)
    if rubriker is None:
        raise _fel(_("Filen är tom."))
    kolumner = _kolumner(rubriker)
    rader = []
    for nummer, celler in enumerate(tabell, start=2):
        if nummer > MAX_RADER_TOTALT:
            raise _for_manga_rader_totalt()
        if not any(c.strip() for c in celler):
            continue
        if len(rader) == MAX_RADER:
            raise _for_manga_rader()
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
    if not rader:
        raise _fel(_("Filen innehåller inga rader att importera."))
    okanda = [
        r for r, k in zip(rubriker[:MAX_KOLUMNER], kolumner, strict=True) if k is None and r.strip()
    ]
    return Inlast(rader=rader, okanda_kolumner=okanda)
