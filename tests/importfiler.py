"""Upload files for the object import, built in memory: CSV and Excel from rows of cells, and
.xlsx files made to attack the reader (a ZIP bomb, an entity expansion, a false dimension)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

BLAD = "xl/worksheets/sheet1.xml"


def csv_fil(rader, avgransare=";", kodning="utf-8-sig") -> bytes:
    """Rows as CSV; a cell holding the separator is quoted."""

    def cell(c):
        return f'"{c}"' if avgransare in c else c

    text = "\r\n".join(avgransare.join(cell(c) for c in rad) for rad in rader)
    return text.encode(kodning)


def xlsx_fil(rader) -> bytes:
    from openpyxl import Workbook

    bok = Workbook()
    for rad in rader:
        bok.active.append(rad)
    utdata = io.BytesIO()
    bok.save(utdata)
    return utdata.getvalue()


def byt_del(xlsx: bytes, namn: str, innehall: Iterable[bytes]) -> bytes:
    """The .xlsx with its member ``namn`` replaced; written piece by piece, so that a member of
    hundreds of megabytes never sits in memory unpacked."""
    utdata = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as kalla,
        zipfile.ZipFile(utdata, "w", zipfile.ZIP_DEFLATED) as mal,
    ):
        for delen in kalla.infolist():
            if delen.filename != namn:
                mal.writestr(delen, kalla.read(delen))
        with mal.open(namn, "w", force_zip64=True) as ny:
            for bit in innehall:
                ny.write(bit)
    return utdata.getvalue()


def _bladet(xlsx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as arkiv:
        return arkiv.read(BLAD)


def xlsx_zipbomb(rubriker, uppackad: int) -> bytes:
    """A valid .xlsx whose sheet, after the heading, repeats one row until it unpacks to about
    ``uppackad`` bytes; deflate packs such a run some thousand to one."""
    xlsx = xlsx_fil([rubriker])
    fore, efter = _bladet(xlsx).split(b"</sheetData>")
    rader = b'<row><c t="inlineStr"><is><t>Bomb</t></is></c></row>' * 20_000

    def innehall():
        yield fore
        for _ in range(uppackad // len(rader) + 1):
            yield rader
        yield b"</sheetData>" + efter

    return byt_del(xlsx, BLAD, innehall())


def xlsx_med_dimension(rader, ref: str) -> bytes:
    """An .xlsx whose sheet declares the dimension ``ref`` (say ``A1:L200000``), true or not."""
    xlsx = xlsx_fil(rader)
    blad = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), _bladet(xlsx))
    return byt_del(xlsx, BLAD, [blad])


def xlsx_med_entiteter(rader) -> bytes:
    """An .xlsx whose sheet declares nested XML entities ("billion laughs": ten to the ninth
    copies of "lol" once expanded) and uses the outermost in cell A2."""
    xlsx = xlsx_fil(rader)
    entiteter = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    doctype = f'<?xml version="1.0"?><!DOCTYPE worksheet [{"".join(entiteter)}]>'.encode()
    blad = re.sub(
        rb'(<c r="A2" t="inlineStr"><is><t>)[^<]*(</t>)', rb"\1&lol9;\2", _bladet(xlsx), count=1
    )
    return byt_del(xlsx, BLAD, [doctype, blad])
