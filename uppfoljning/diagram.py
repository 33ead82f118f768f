"""Bar charts drawn on the server as SVG: a title and a description the chart is labelled by,
and the same figures in a table beside it (``Tabell``), so no script and no reader of the
picture is needed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from uppfoljning.siffror import Tabell

RADHOJD = 28
ETIKETTBREDD = 220
STAPELBREDD = 360


@dataclass
class Stapel:
    etikett: str
    varde: int
    y: int
    bredd: int


@dataclass
class Diagram:
    id: str
    titel: str
    beskrivning: str
    staplar: list[Stapel]
    tabell: Tabell

    @property
    def hojd(self) -> int:
        return max(len(self.staplar), 1) * RADHOJD + 8

    @property
    def bredd(self) -> int:
        return ETIKETTBREDD + STAPELBREDD + 60

    etikettbredd = ETIKETTBREDD


def stapeldiagram(tabell: Tabell, kolumn: int, beskrivning: str) -> Diagram:
    """A horizontal bar per row of ``tabell``, the length of the figure in ``kolumn``."""
    varden = [(str(rad[0]), int(rad[kolumn])) for rad in tabell.rader]
    storst = max((v for _, v in varden), default=0) or 1
    return Diagram(
        id=f"diagram-{tabell.nyckel}",
        titel=f"{tabell.rubrik}: {tabell.kolumner[kolumn]}",
        beskrivning=beskrivning,
        staplar=[
            Stapel(etikett, varde, 4 + i * RADHOJD, round(STAPELBREDD * varde / storst))
            for i, (etikett, varde) in enumerate(varden)
        ],
        tabell=tabell,
    )


def uppfoljningens_diagram(tabeller: dict[str, Tabell]) -> list[Diagram]:
    """The charts of the follow-up, on the page and in the yearly report alike."""
    return [
        stapeldiagram(
            tabeller["manader"],
            2,
            _("Antal genomförda insatser per månad under året, inom de valda filtren."),
        ),
        stapeldiagram(
            tabeller["myndigheter"],
            1,
            _("Antal insatser som varje organisation samordnade eller deltog i."),
        ),
    ]
