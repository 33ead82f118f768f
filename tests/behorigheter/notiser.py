"""Notifications: the list, marking read, and each user's e-mail preferences."""

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla
from tests.behorigheter._gemensamt import matrisinsatsen

MATRIS = {
    # Everyone's own list and preferences; what a list holds follows the policy.
    "notiser": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "notisinstallningar": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(302, ANONYM=LOGIN)},
    "markera_alla_notiser": {"POST": alla(302, ANONYM=LOGIN), "GET": alla(405, ANONYM=LOGIN)},
    # A notification to the coordinator: nobody else learns that it exists.
    "markera_notis": {
        "POST": alla(404, ANONYM=LOGIN, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # Following it: the recipient reaches the operation; others get the same 404.
    "oppna_notis": {
        "GET": alla(404, ANONYM=LOGIN, SAMORDNARE=302),
        "POST": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "notiser": "/notiser/",
    "notisinstallningar": "/notiser/installningar/",
    "markera_alla_notiser": "/notiser/lasta/",
    "markera_notis": "/notiser/{NOTIS}/last/",
    "oppna_notis": "/notiser/{NOTIS}/oppna/",
}


def platshallare(aktorer) -> dict:
    from insatser.models import Insatshandelse
    from notiser.models import Notis

    insats = matrisinsatsen()
    handelse = Insatshandelse.objects.create(insats=insats, typ="inbjudan_besvarad")
    notis = Notis.objects.create(
        mottagare=aktorer[Roll.SAMORDNARE],
        insats=insats,
        handelse=handelse,
        typ=handelse.typ,
        kategori="SVAR",
        lank=f"/insatser/{insats.pk}/",
    )
    return {"NOTIS": notis.pk}
