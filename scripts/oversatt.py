"""Fill in English translations: `python -m scripts.oversatt FILE.json` with {swedish: english}.

For a plural entry the English is a list: [singular, plural].

Lists the entries still missing when called without a file. Needs polib (pip install polib).
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> int:
    po = polib.pofile(str(PO))
    oversattningar = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else {}
    saknas = []
    for post in po:
        klar = post.msgstr or (post.msgid_plural and all(post.msgstr_plural.values()))
        if post.obsolete or (klar and "fuzzy" not in post.flags):
            continue
        if post.msgid in oversattningar:
            oversattning = oversattningar[post.msgid]
            if post.msgid_plural:  # a list: [singular, plural]
                post.msgstr_plural = dict(enumerate(oversattning))
            else:
                post.msgstr = oversattning
            if "fuzzy" in post.flags:
                post.flags.remove("fuzzy")
            post.previous_msgid = None
        else:
            saknas.append(post.msgid)
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in saknas:
        print(msgid)
    return 1 if saknas else 0


if __name__ == "__main__":
    sys.exit(main())
