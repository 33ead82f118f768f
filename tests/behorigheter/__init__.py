"""The permission matrix, one module per app: every URL pattern and method, for every actor.

Each module in this package defines ``MATRIS`` (url name -> method -> actor -> expected status or
``LOGIN``), ``URLER`` (url name -> path, with ``{PLACEHOLDERS}``) and ``platshallare(aktorer)``,
which creates the objects its paths need and returns the placeholder values.
``tests/test_behorighetsmatris.py`` collects every module, so a new app adds a module here.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from myndigheter.roles import Roll

ANONYM = "ANONYM"
AKTORER = [ANONYM, *Roll]

# Organisation and LPO scope per role for the matrix users.
ROLLANVANDARE = {
    Roll.ADMIN: ("akc-vast", ()),
    Roll.SAMORDNARE: ("akc-vast", ()),
    Roll.MYNDIGHETSKONTAKT: ("skatteverket", ()),
    Roll.HANDLAGGARE: ("skatteverket", ()),
    Roll.OPERATIV_SAMORDNARE: ("polisen", ("city",)),
    Roll.INSATSPOLIS: ("polisen", ()),
    Roll.POLISLEDNING: ("polisen", ("city", "nordost")),
    Roll.LEDNINGSGRUPP: ("goteborgs-stad", ()),
    Roll.API_KLIENT: ("skatteverket", ()),
}

# A redirect to a login page: the request was refused for want of (the right) login.
LOGIN = "login"
# The API never redirects: a request without valid credentials gets 401.
OBEHORIG = 401
NEKAD = {OBEHORIG, 403, 404, 405, 429, LOGIN}

# The roles that see the matrix operation; the others (and anonymous visitors) never learn of it.
# Police management counts operations but opens none.
SER_MATRISINSATSEN = [
    "SAMORDNARE",
    "MYNDIGHETSKONTAKT",
    "HANDLAGGARE",
    "OPERATIV_SAMORDNARE",
    "API_KLIENT",
]


def alla(status, **undantag):
    """The same status for every actor, except those named (by role value or ANONYM)."""
    return {aktor: undantag.get(str(aktor), status) for aktor in AKTORER}


def for_den_som_ser(status, **undantag):
    """``status`` for the roles that see the operation, 404 for the rest, login for anonymous."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_MATRISINSATSEN, status), **undantag})


def moduler() -> list[ModuleType]:
    """Every matrix module of this package, in name order."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
