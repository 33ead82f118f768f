"""Business verbs: one function per thing a user does, each in one transaction.

``@verb(EFFEKT, ...)`` marks a service function as a verb, runs it in a transaction and declares
the side effects (``karna.effekter.Effekt``) it may cause; an undeclared one is refused while the
verb runs. The verbs of every app are listed in ``ALLA_VERB``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction


class OdeklareradEffekt(RuntimeError):  # noqa: N818 - a programming error, named for what it is
    """A verb caused a side effect its declaration does not name."""


@dataclass(frozen=True)
class Verbinfo:
    namn: str
    effekter: frozenset


ALLA_VERB: dict[str, Verbinfo] = {}
_pagaende: contextvars.ContextVar[tuple[Verbinfo, ...]] = contextvars.ContextVar(
    "pagaende_verb", default=()
)


def verb(*effekter):
    """Declare a business verb and the effects it causes; it runs in a transaction."""

    def dekorera(funktion):
        info = Verbinfo(
            f"{funktion.__module__.split('.')[0]}.{funktion.__name__}", frozenset(effekter)
        )
        if info.namn in ALLA_VERB:
            raise ValueError(f"verb {info.namn} is declared twice")
        ALLA_VERB[info.namn] = info

        @functools.wraps(funktion)
        def kor(*args, **kwargs):
            token = _pagaende.set((*_pagaende.get(), info))
            try:
                with transaction.atomic():
                    return funktion(*args, **kwargs)
            finally:
                _pagaende.reset(token)

        kor.verb = info
        return kor

    return dekorera


def kontrollera_deklarerad(effekt) -> None:
    """Refuse an effect that a running verb (or a verb that called it) did not declare."""
    for info in _pagaende.get():
        if effekt not in info.effekter:
            raise OdeklareradEffekt(f"{info.namn} causes {effekt.namn} without declaring it")


@contextlib.contextmanager
def utanfor_verb() -> Iterator[None]:
    """Subscribers run outside the verb that triggered them: their own effects are theirs."""
    token = _pagaende.set(())
    try:
        yield
    finally:
        _pagaende.reset(token)
