"""The start page and the focal point's member management."""

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla

MATRIS = {
    "start": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "medlemmar": {
        "GET": alla(403, ANONYM=LOGIN, MYNDIGHETSKONTAKT=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "andra_medlem": {
        "POST": alla(404, ANONYM=LOGIN, MYNDIGHETSKONTAKT=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "start": "/",
    "medlemmar": "/organisation/medlemmar/",
    # A member of Skatteverket, the focal point's organisation: {HANDLAGGARE} is its pk.
    "andra_medlem": "/organisation/medlemmar/{HANDLAGGARE}/",
}


def platshallare(aktorer) -> dict:
    return {"HANDLAGGARE": aktorer[Roll.HANDLAGGARE].pk}
