"""Upload files for the object import, built in memory: CSV and Excel from rows of cells."""

from __future__ import annotations

import io


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
