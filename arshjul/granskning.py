"""The review of a built year: minimum counts, rule order and collisions of a body, unit or
person.

Pure functions on plain data; the build report stores what they return.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from arshjul.generering import forekommer
from arshjul.models.val import BEGRANSNING, Regeltyp

# The report keeps this many collisions and counts the rest.
STORSTA_ANTAL_KOLLISIONER = 500


@dataclass(frozen=True)
class Planerad:
    """An event of the year as the checks see it."""

    pk: int
    regel_id: int | None
    forekomst: int | None
    organ_id: int | None
    typ: str
    heldag: bool
    start: datetime
    slut: datetime


def minimikrav(regler: Iterable, handelser: list[Planerad], ar: int) -> list[dict]:
    """For each counting rule: how many events it asks for and how many the year has.

    Hand-made events of the rule's body and type count too, so a meeting added by hand in place
    of a generated one still meets the minimum.
    """
    resultat = []
    for regel in regler:
        if regel.typ == BEGRANSNING or regel.regeltyp == Regeltyp.FAST_FONSTER:
            continue
        if not forekommer(regel, ar):
            continue
        egna = [
            h
            for h in handelser
            if h.regel_id == regel.pk
            or (
                h.regel_id is None
                and regel.organ_id is not None
                and h.organ_id == regel.organ_id
                and h.typ == regel.typ
            )
        ]
        heldagar = sum(1 for h in egna if h.heldag)
        resultat.append(
            {
                "regel": regel.namn,
                "regel_id": regel.pk,
                "krav": regel.antal,
                "antal": len(egna),
                "heldag_krav": regel.heldag_antal,
                "heldag_antal": heldagar,
                "uppfyllt": len(egna) >= regel.antal and heldagar >= regel.heldag_antal,
            }
        )
    return resultat


def ordningsfel(regler: Iterable, handelser: list[Planerad]) -> list[dict]:
    """Occurrences that come before the occurrence of the rule they must follow."""
    per_regel: dict[int, list[Planerad]] = defaultdict(list)
    for handelse in handelser:
        if handelse.regel_id is not None:
            per_regel[handelse.regel_id].append(handelse)
    namn = {r.pk: r.namn for r in regler}
    fel = []
    for regel in regler:
        fore = sorted(per_regel.get(regel.beroende_av_id, []), key=lambda h: h.forekomst or 0)
        if regel.beroende_av_id is None or not fore:
            continue
        for index, handelse in enumerate(sorted(per_regel[regel.pk], key=lambda h: h.forekomst)):
            tidigare = fore[min(index, len(fore) - 1)]
            if handelse.start < tidigare.slut:
                fel.append(
                    {
                        "regel": regel.namn,
                        "fore": namn.get(regel.beroende_av_id, ""),
                        "handelse_id": handelse.pk,
                        "datum": handelse.start.date().isoformat(),
                    }
                )
    return fel


@dataclass(frozen=True)
class Bokad:
    """A meeting or an operation with the body, units and persons it takes."""

    slag: str  # "handelse" or "insats"
    pk: int
    start: datetime
    slut: datetime
    organ_id: int | None = None
    enheter: frozenset[int] = frozenset()
    personer: frozenset[int] = frozenset()
    # Persons named through police staffing: police-internal, shown only to whom may see it.
    polispersoner: frozenset[int] = field(default=frozenset())


def _overlappande(poster: list[Bokad]) -> Iterable[tuple[Bokad, Bokad]]:
    aktiva: list[Bokad] = []
    for post in sorted(poster, key=lambda p: (p.start, p.slut, p.slag, p.pk)):
        aktiva = [a for a in aktiva if a.slut > post.start]
        for annan in aktiva:
            yield annan, post
        aktiva.append(post)


def resurser(poster: Iterable[Bokad]) -> dict[tuple[str, int], list[Bokad]]:
    """The bookings of each body, unit and person."""
    per_resurs: dict[tuple[str, int], list[Bokad]] = defaultdict(list)
    for post in poster:
        for nyckel in resursnycklar(post):
            per_resurs[nyckel].append(post)
    return per_resurs


def resursnycklar(post: Bokad) -> list[tuple[str, int]]:
    nycklar = [("ORGAN", post.organ_id)] if post.organ_id is not None else []
    nycklar += [("ENHET", enhet) for enhet in post.enheter]
    return nycklar + [("PERSON", person) for person in post.personer | post.polispersoner]


def resursens_kollisioner(typ: str, resurs: int, bokningar: list[Bokad]) -> Iterator[dict]:
    """The overlapping bookings of one resource, in the order the report lists them."""
    for forsta, andra in _overlappande(bokningar):
        if (forsta.slag, forsta.pk) == (andra.slag, andra.pk):
            continue
        yield {
            "typ": typ,
            "resurs": resurs,
            "polis": typ == "PERSON"
            and (resurs in forsta.polispersoner or resurs in andra.polispersoner),
            "poster": [[forsta.slag, forsta.pk], [andra.slag, andra.pk]],
            "start": max(forsta.start, andra.start).isoformat(),
        }


def resursnyckel(text: str) -> tuple[str, int]:
    """A resource's key as ``per_resurs`` keeps it (JSON keys are text: "ENHET:12")."""
    typ, resurs = text.split(":")
    return typ, int(resurs)


def kollisioner(poster: Iterable[Bokad]) -> dict:
    """Overlapping bookings of the same body, unit or person: how many in all and per resource,
    and the first ``STORSTA_ANTAL_KOLLISIONER`` by resource."""
    antal, lista, per_resurs = 0, [], {}
    for (typ, resurs), bokningar in sorted(resurser(poster).items()):
        resursens = 0
        for kollision in resursens_kollisioner(typ, resurs, bokningar):
            resursens += 1
            if len(lista) < STORSTA_ANTAL_KOLLISIONER:
                lista.append(kollision)
        if resursens:
            per_resurs[f"{typ}:{resurs}"] = resursens
        antal += resursens
    return {"antal": antal, "lista": lista, "per_resurs": per_resurs}
