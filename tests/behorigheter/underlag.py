"""Briefings: the section, the download, the rebuild, the week's batch; the safety note."""

from tests.behorigheter import LOGIN, alla, for_den_som_ser
from tests.behorigheter._gemensamt import matrisinsatsen

# The matrix operation's details: its coordinator, Skatteverket (invited) and LPO City's police;
# to Skatteverket's REST client, which sees the operation only, its briefings do not exist.
SER_DETALJER = for_den_som_ser(200, API_KLIENT=404)

MATRIS = {
    "andra_sakerhet": {
        "POST": for_den_som_ser(403, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "underlag": {"GET": SER_DETALJER, "POST": alla(405, ANONYM=LOGIN)},
    "begar_underlag": {
        "POST": for_den_som_ser(403, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # The joint briefing: everyone who sees the operation's details; to others it does not exist.
    "ladda_ned_underlag": {
        "GET": for_den_som_ser(200, POLISLEDNING=404, API_KLIENT=404),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "underlag_nasta_vecka": {
        "GET": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "underlag_nasta_vecka_zip": {
        "GET": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "andra_sakerhet": "/insatser/{INSATS}/sakerhet/",
    "underlag": "/insatser/{INSATS}/underlag/",
    "begar_underlag": "/insatser/{INSATS}/underlag/bygg/",
    "ladda_ned_underlag": "/underlag/{UNDERLAG}/pdf/",
    "underlag_nasta_vecka": "/underlag/nasta-vecka/",
    "underlag_nasta_vecka_zip": "/underlag/nasta-vecka/zip/",
}


def platshallare(aktorer) -> dict:
    from insatser.models import Informationsunderlag, Malgrupp, Malgruppstyp
    from tests.insatser.underlagsvarld import ny_version

    insats = matrisinsatsen()
    underlag = Informationsunderlag.objects.filter(insats=insats).first() or ny_version(
        insats, Malgrupp(Malgruppstyp.GEMENSAM)
    )
    return {"UNDERLAG": underlag.pk}
