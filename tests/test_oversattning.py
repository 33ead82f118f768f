"""The English catalogue is complete, keeps every placeholder and is compiled.

Reads locale/en/LC_MESSAGES/django.po and django.mo directly; no database needed. After
`manage.py makemessages -l en ...`, translate what these tests list and run
`manage.py compilemessages`.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

KATALOG = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"
PO = KATALOG / "django.po"
MO = KATALOG / "django.mo"

# %(name)s, %s, %d and %% as Python formats them ({% blocktranslate %} turns {{ var }} into
# %(var)s), and HTML tags.
PLATSHALLARE = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|%%|<[^>]+>")


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO))


def _former(post: polib.POEntry) -> list[tuple[str, str]]:
    if post.msgid_plural:
        return [
            (post.msgid, post.msgstr_plural.get(0, "")),
            (post.msgid_plural, post.msgstr_plural.get(1, "")),
        ]
    return [(post.msgid, post.msgstr)]


def _lista(poster) -> str:
    return "\n".join(repr(p.msgid) for p in poster)


def test_inget_saknas(po):
    saknade = [p for p in po if not p.obsolete and not all(text for _, text in _former(p))]
    assert not saknade, f"untranslated:\n{_lista(saknade)}"


def test_inget_osakert_eller_foraldrat(po):
    fuzzy = [p for p in po if "fuzzy" in p.flags]
    assert not fuzzy, f"fuzzy:\n{_lista(fuzzy)}"
    foraldrade = po.obsolete_entries()
    assert not foraldrade, f"obsolete (#~):\n{_lista(foraldrade)}"


def test_platshallare_och_kanter_behalls(po):
    fel = []
    for post in po:
        for svenska, engelska in _former(post):
            if not engelska:
                continue  # reported by test_inget_saknas
            if Counter(PLATSHALLARE.findall(svenska)) != Counter(PLATSHALLARE.findall(engelska)):
                fel.append(f"placeholders or tags differ: {svenska!r} -> {engelska!r}")
            if svenska[:1].isspace() != engelska[:1].isspace() or (
                svenska[-1:].isspace() != engelska[-1:].isspace()
            ):
                fel.append(f"leading or trailing whitespace differs: {svenska!r} -> {engelska!r}")
    assert not fel, "\n".join(fel)


def _innehall(poster) -> dict:
    """{(msgid, msgid_plural): translation} of entries that are not the header."""
    return {
        (p.msgid, p.msgid_plural): (
            tuple(sorted(p.msgstr_plural.items())) if p.msgid_plural else p.msgstr
        )
        for p in poster
        if p.msgid
    }


def test_mo_ar_kompilerad_fran_po(po):
    """django.mo holds exactly the .po's translated entries (run compilemessages after editing)."""
    assert MO.exists(), "run manage.py compilemessages"
    i_po = _innehall(po.translated_entries())
    i_mo = _innehall(polib.mofile(str(MO)))
    atgard = "django.mo is out of date; run manage.py compilemessages."
    saknas = sorted(k[0] for k in i_po.keys() - i_mo.keys())
    assert not saknas, f"{atgard} Missing from the .mo: {saknas}"
    overblivna = sorted(k[0] for k in i_mo.keys() - i_po.keys())
    assert not overblivna, f"{atgard} Only in the .mo: {overblivna}"
    andrade = sorted(k[0] for k in i_po.keys() & i_mo.keys() if i_po[k] != i_mo[k])
    assert not andrade, f"{atgard} Translated differently in the .mo: {andrade}"
