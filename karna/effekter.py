"""Side effects in sight: a verb declares the effects it causes; apps subscribe to them.

An ``Effekt`` is a named event that a business verb triggers (``utlos``) and that the apps which
care subscribe to in their ``apps.py`` (``prenumerera``): a lower app can so cause work in a higher
one (the pool's change of an object marks the briefings of its operations stale) without knowing
it. Subscribers run at once, inside the verb's transaction; one that starts background work
defers it with ``transaction.on_commit``. A verb that triggers an effect it did not declare
(``karna.verb.verb``) raises ``OdeklareradEffekt``; ``tests/test_effekter.py`` lists each verb's
effects and what their subscribers do, so adding one is a visible change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from karna import verb as verbmodul


class Effekt:
    alla: dict[str, Effekt] = {}

    def __init__(self, namn: str, beskrivning: str):
        if namn in Effekt.alla:
            raise ValueError(f"effect {namn!r} is declared twice")
        self.namn = namn
        self.beskrivning = beskrivning
        self.prenumeranter: list[Callable[..., None]] = []
        Effekt.alla[namn] = self

    def __repr__(self) -> str:
        return f"Effekt({self.namn!r})"

    def prenumerera(self, mottagare: Callable[..., None]) -> None:
        """Register ``mottagare`` (called with the effect's keyword data); once per function."""
        if mottagare not in self.prenumeranter:
            self.prenumeranter.append(mottagare)

    def utlos(self, **data) -> None:
        """Trigger the effect: every subscriber runs now, in the caller's transaction."""
        verbmodul.kontrollera_deklarerad(self)
        for iakttagare in _iakttagare:
            iakttagare.append(self.namn)
        if self in _tystade:
            return
        with verbmodul.utanfor_verb():
            for mottagare in self.prenumeranter:
                mottagare(**data)


_iakttagare: list[list[str]] = []
_tystade: set[Effekt] = set()


@contextlib.contextmanager
def utan_prenumeranter(*effekter: Effekt) -> Iterator[None]:
    """Inside the block the effects are still declared and checked, but their subscribers do
    not run: for replaying history through the verbs (the demo data), whose consequences
    (notifications, rebuilt files) belong to the time it describes, not to now."""
    tidigare = set(_tystade)
    _tystade.update(effekter)
    try:
        yield
    finally:
        _tystade.clear()
        _tystade.update(tidigare)


@contextlib.contextmanager
def iakttag() -> Iterator[list[str]]:
    """The names of the effects triggered inside the block, in order (for tests)."""
    utlosta: list[str] = []
    _iakttagare.append(utlosta)
    try:
        yield utlosta
    finally:
        _iakttagare.remove(utlosta)
