"""Fill in English translations: `python -m scripts.oversatt FILE.json` with {swedish: english}.

For a plural entry the English is a list: [singular, plural].

An entry filled in loses its fuzzy flag and the previous msgid (#| lines) msgmerge left on it.
A translation whose kind (string or list), placeholders or surrounding whitespace do not
match the msgid is not applied and is reported instead.

Lists the entries still missing when called without a file. Needs polib (pip install polib).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"

# %(name)s, %s, %d and %% as Python formats them (Django's blocktranslate turns {{ var }} into
# %(var)s), and HTML tags.
PLATSHALLARE = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|%%|<[^>]+>")


def platshallare(text: str) -> Counter:
    return Counter(PLATSHALLARE.findall(text))


def kant(text: str) -> tuple[str, str]:
    """The leading and trailing whitespace of a text."""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def fel_i(post: polib.POEntry, oversattning) -> str | None:
    """Why a translation does not fit its entry, or None."""
    if post.msgid_plural:
        if not (isinstance(oversattning, list) and len(oversattning) == 2):
            return "a plural entry needs [singular, plural]"
        par = [(post.msgid, oversattning[0]), (post.msgid_plural, oversattning[1])]
    else:
        if not isinstance(oversattning, str):
            return "a singular entry needs a string"
        par = [(post.msgid, oversattning)]
    for original, text in par:
        if not text.strip():
            return "empty translation"
        if platshallare(original) != platshallare(text):
            return f"placeholders differ: {sorted(platshallare(original).elements())}"
        if kant(original) != kant(text):
            return "leading or trailing whitespace differs"
    return None


def main() -> int:
    po = polib.pofile(str(PO))
    oversattningar = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else {}
    saknas, felaktiga = [], []
    for post in po:
        klar = post.msgstr or (post.msgid_plural and all(post.msgstr_plural.values()))
        if post.obsolete or (klar and "fuzzy" not in post.flags):
            continue
        oversattning = oversattningar.get(post.msgid)
        if oversattning is None:
            saknas.append(post.msgid)
            continue
        fel = fel_i(post, oversattning)
        if fel:
            felaktiga.append(f"{post.msgid!r}: {fel}")
            continue
        if post.msgid_plural:  # a list: [singular, plural]
            post.msgstr_plural = dict(enumerate(oversattning))
        else:
            post.msgstr = oversattning
        while "fuzzy" in post.flags:
            post.flags.remove("fuzzy")
        post.previous_msgctxt = None
        post.previous_msgid = None
        post.previous_msgid_plural = None
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in saknas:
        print(msgid)
    for rad in felaktiga:
        print("NOT APPLIED", rad, file=sys.stderr)
    return 1 if saknas or felaktiga else 0


if __name__ == "__main__":
    sys.exit(main())
