"""A follow-up table as CSV (semicolons, BOM, for Excel in Swedish) or as an Excel workbook: the
cells as the page shows them, protected counts included."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from uppfoljning.siffror import Antal, Tabell


def _cell(cell):
    if isinstance(cell, Antal):
        return cell.text
    if isinstance(cell, int | Decimal):
        return cell
    return str(cell)


def _rader(tabell: Tabell) -> list[list]:
    return [[str(k) for k in tabell.kolumner], *[[_cell(c) for c in r] for r in tabell.rader]]


def som_csv(tabell: Tabell) -> str:
    utdata = io.StringIO()
    utdata.write("\ufeff")
    csv.writer(utdata, delimiter=";").writerows(_rader(tabell))
    return utdata.getvalue()


def som_xlsx(tabell: Tabell, urvalstext: str) -> bytes:
    from openpyxl import Workbook

    bok = Workbook(write_only=True)
    # Sheet titles are at most 31 characters and may not hold some punctuation.
    blad = bok.create_sheet(tabell.nyckel[:31])
    blad.append([tabell.rubrik])
    blad.append([urvalstext])
    for rad in _rader(tabell):
        blad.append(rad)
    if tabell.forklaring:
        blad.append([tabell.forklaring])
    utdata = io.BytesIO()
    bok.save(utdata)
    return utdata.getvalue()
