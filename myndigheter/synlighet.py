"""The kept log of account changes that may narrow what a user sees (``Synlighetsandring``):
the scope the user had is written just before the change, whichever way the change is made
(the admin site, the login's claims, a focal point's member page), by the receivers in
``signals.py``. The API reads it for its tombstones; retention removes it (``gallring.py``)."""

from __future__ import annotations

from myndigheter.aktorer import Aktorer
from myndigheter.models import Synlighetsandring


def spara_tidigare_omfang(user, roller=None, lpoer=None) -> None:
    """Keep ``user``'s scope as it is now, before a change; only if the change takes away what
    the user has (a role in ``roller``, an LPO in ``lpoer``; any organisation change when
    neither is given). A user who sees nothing now loses nothing."""
    aktor = Aktorer().aktor(user)
    if aktor.organisation_id is None or not aktor.roller:
        return
    if roller is not None and not {r.value for r in aktor.roller} & set(roller):
        return
    if lpoer is not None and not set(aktor.lpo_ids) & set(lpoer):
        return
    Synlighetsandring.objects.create(
        anvandare=user,
        organisation_id=aktor.organisation_id,
        roller=sorted(r.value for r in aktor.roller),
        lpoer=sorted(aktor.lpo_ids),
    )
