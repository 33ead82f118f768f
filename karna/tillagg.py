"""Extension points: how a higher app contributes to a lower app without the lower app knowing it.

Apps depend in one direction (``docs/architecture.md``). Where a lower app's page or rule needs
what a higher app knows, the lower app declares an extension point here and the higher app fills
it from its ``apps.py``:

- ``Plats``: any number of contributions, e.g. the sections of the start page, each app adding
  its own;
- ``Leverantor``: exactly one implementation of something the lower app needs, e.g. the
  operations the annual wheel shows, which the operations app provides.

``docs/architecture.md`` lists every extension point and who fills it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Avsnitt:
    """A section a contribution adds to a page: its template and what the template reads (as
    ``k`` in the template)."""

    mall: str
    kontext: dict = field(default_factory=dict)


class Plats:
    alla: dict[str, Plats] = {}

    def __init__(self, namn: str, beskrivning: str):
        self.namn = namn
        self.beskrivning = beskrivning
        self._bidrag: list[tuple[int, Callable[..., Any]]] = []
        Plats.alla[namn] = self

    def registrera(self, bidrag: Callable[..., Any], ordning: int = 50) -> None:
        """Add a contribution; ``ordning`` places it among the others (lower first)."""
        if all(befintligt is not bidrag for _, befintligt in self._bidrag):
            self._bidrag.append((ordning, bidrag))
            self._bidrag.sort(key=lambda rad: rad[0])

    @property
    def bidrag(self) -> list[Callable[..., Any]]:
        return [bidrag for _, bidrag in self._bidrag]

    def samla(self, *args, **kwargs) -> list[Any]:
        """Every contribution's answer for these arguments, in order; ``None`` answers left out."""
        svar = (bidrag(*args, **kwargs) for bidrag in self.bidrag)
        return [s for s in svar if s is not None]


class Leverantor:
    alla: dict[str, Leverantor] = {}

    def __init__(self, namn: str, beskrivning: str):
        self.namn = namn
        self.beskrivning = beskrivning
        self._implementation: Any = None
        Leverantor.alla[namn] = self

    def registrera(self, implementation: Any) -> None:
        self._implementation = implementation

    @property
    def registrerad(self) -> bool:
        return self._implementation is not None

    def __call__(self) -> Any:
        if self._implementation is None:
            raise RuntimeError(f"nothing provides {self.namn!r}: is the providing app installed?")
        return self._implementation
