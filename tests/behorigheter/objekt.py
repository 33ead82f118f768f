"""The object pool: list, object page, proposals, relevance marks, coordinators' steps, imports.

The matrix object lies in the pool, was proposed by Skatteverket (the officer's and focal point's
organisation) and is a control of the matrix operation, so City's police coordinator sees it too.
The matrix import is Skatteverket's.
"""

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla
from tests.behorigheter._gemensamt import matrisinsatsen

POOL = ("SAMORDNARE", "HANDLAGGARE", "MYNDIGHETSKONTAKT")
SER_OBJEKTET = (*POOL, "OPERATIV_SAMORDNARE")


def for_roller(roller, status, **undantag):
    """``status`` for the named roles, 403 for the other logged-in actors, login for anonymous."""
    return alla(403, ANONYM=LOGIN, **{**dict.fromkeys(roller, status), **undantag})


def objektsvar(**utfall):
    """For the matrix object: 404 for those who do not see it, 403 for those who only see it."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_OBJEKTET, 403), **utfall})


SKATTEVERKETS_IMPORT = alla(404, ANONYM=LOGIN, HANDLAGGARE=200, MYNDIGHETSKONTAKT=200)

MATRIS = {
    "objektpool": {
        "GET": for_roller((*SER_OBJEKTET, "INSATSPOLIS"), 200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    # The pool's map: the same readers as the pool's list.
    "objektkarta": {
        "GET": for_roller((*SER_OBJEKTET, "INSATSPOLIS"), 200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "nytt_objekt": {"GET": for_roller(POOL, 200), "POST": for_roller(POOL, 200)},
    "objekt": {
        "GET": alla(404, ANONYM=LOGIN, **dict.fromkeys(SER_OBJEKTET, 200)),
        "POST": alla(405, ANONYM=LOGIN),
    },
    # Skatteverket proposed it: its officer and focal point may edit, as may coordinators.
    "andra_objekt": {
        "GET": objektsvar(**dict.fromkeys(POOL, 200)),
        "POST": objektsvar(**dict.fromkeys(POOL, 200)),
    },
    # An empty form is refused with its errors on the object page.
    "markera_relevans": {
        "POST": objektsvar(**dict.fromkeys(POOL, 200)),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "andra_objektstatus": {
        "POST": objektsvar(SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "andra_reserv": {"POST": objektsvar(SAMORDNARE=302), "GET": alla(405, ANONYM=LOGIN)},
    "objektimport": {"GET": for_roller(POOL, 200), "POST": for_roller(POOL, 200)},
    "objektimport_mall": {"GET": for_roller(POOL, 200), "POST": alla(405, ANONYM=LOGIN)},
    "objektimport_status": {"GET": SKATTEVERKETS_IMPORT, "POST": alla(405, ANONYM=LOGIN)},
    "objektimport_rapport": {"GET": SKATTEVERKETS_IMPORT, "POST": alla(405, ANONYM=LOGIN)},
}
URLER = {
    "objektpool": "/objekt/",
    "objektkarta": "/objekt/karta/",
    "nytt_objekt": "/objekt/nytt/",
    "objekt": "/objekt/{OBJEKT}/",
    "andra_objekt": "/objekt/{OBJEKT}/andra/",
    "markera_relevans": "/objekt/{OBJEKT}/relevans/",
    "andra_objektstatus": "/objekt/{OBJEKT}/status/",
    "andra_reserv": "/objekt/{OBJEKT}/reserv/",
    "objektimport": "/objekt/import/",
    "objektimport_mall": "/objekt/import/mall.xlsx",
    "objektimport_status": "/objekt/import/{IMPORT}/",
    "objektimport_rapport": "/objekt/import/{IMPORT}/rapport.csv",
}


def platshallare(aktorer) -> dict:
    from django.core.files.base import ContentFile

    from objekt.models import Objekt, Objektimport
    from tests.fabriker import KontrollFabrik, ObjektFabrik, org

    skatteverket = org("skatteverket")
    objekt = ObjektFabrik(
        referens="MATRIS-OBJ",
        namn="Matrisbolaget AB",
        adress="Matrisgatan 1",
        foreslaget_av_organisation=skatteverket,
        status=Objekt.Status.UNDER_BEREDNING,
    )
    KontrollFabrik(insats=matrisinsatsen(), objekt=objekt)
    objektimport = Objektimport(
        organisation=skatteverket,
        uppladdad_av=aktorer[Roll.HANDLAGGARE],
        filnamn="matris.csv",
        importera_dubbletter=False,
        status=Objektimport.Status.KLAR,
    )
    objektimport.fil.save("matris.csv", ContentFile(b"Namn\n"), save=True)
    return {"OBJEKT": objekt.pk, "IMPORT": objektimport.pk}
