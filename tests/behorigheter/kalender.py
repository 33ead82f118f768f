"""Calendar feeds: the page to keep them, and the feed calendar apps fetch."""

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla

MATRIS = {
    # Everyone's page (management reads why it has no feed); a post without a choice is sent back.
    "kalenderprenumeration": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(302, ANONYM=LOGIN)},
    # Calendar apps cannot log in: the secret address is the credential, whoever fetches it.
    "kalenderflode": {"GET": alla(200), "POST": alla(405)},
}
URLER = {
    "kalenderprenumeration": "/kalender/prenumeration/",
    "kalenderflode": "/kalender/flode/{KALENDERTOKEN}.ics",
}


def platshallare(aktorer) -> dict:
    from kalender.services import skapa_kalenderflode

    return {"KALENDERTOKEN": skapa_kalenderflode(aktorer[Roll.SAMORDNARE])}
