"""Improvement areas of a carried-out operation coordinated by AKC-väst, Skatteverket invited,
staffed by LPO City: its details are seen by the coordinator, Skatteverket and City's police
coordinator. To Skatteverket's API account, which sees the operation only, and to everyone else
the evaluation does not exist (404)."""

from tests.behorigheter import LOGIN, alla

SER_DETALJER = ("SAMORDNARE", "HANDLAGGARE", "MYNDIGHETSKONTAKT", "OPERATIV_SAMORDNARE")


def pa_insatsen(**utfall):
    """404 without the operation's details, 403 for those who see them but may not do this."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_DETALJER, 403), **utfall})


MATRIS = {
    "forbattringsomraden": {
        "GET": pa_insatsen(**dict.fromkeys(SER_DETALJER, 200)),
        "POST": pa_insatsen(SAMORDNARE=200),
    },
    "atgarda_forbattringsomrade": {
        "POST": alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_DETALJER, 403), "SAMORDNARE": 302}),
        "GET": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "forbattringsomraden": "/utvardering/insatser/{GENOMFORD_INSATS}/forbattringsomraden/",
    "atgarda_forbattringsomrade": "/utvardering/forbattringsomraden/{FORBATTRINGSOMRADE}/atgarda/",
}


def platshallare(aktorer) -> dict:
    from insatser.workflow import BemanningStatus, InsatsStatus
    from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
    from utvardering.models import Forbattringsomrade

    insats = InsatsFabrik(
        referens="M-3",
        titel="Genomförd matris",
        samordnande_organisation=org("akc-vast"),
        dagar=-3,
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    omrade = Forbattringsomrade.objects.create(insats=insats, text="Tolk behövdes")
    return {"GENOMFORD_INSATS": insats.pk, "FORBATTRINGSOMRADE": omrade.pk}
