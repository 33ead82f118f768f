"""The evaluation of a carried-out operation coordinated by AKC-väst, Skatteverket taking part,
staffed by LPO City: its details, its joint evaluation and its improvement areas are seen by the
coordinator, Skatteverket and City's police coordinator. To Skatteverket's API account, which sees
the operation only, and to everyone else the evaluation does not exist (404). Skatteverket's
evaluation, submitted, is read by Skatteverket and the coordinator; only Skatteverket changes it.
The improvement plan overview is every logged-in user's own organisation's."""

from tests.behorigheter import LOGIN, alla

SER_DETALJER = ("SAMORDNARE", "HANDLAGGARE", "MYNDIGHETSKONTAKT", "OPERATIV_SAMORDNARE")


def pa_insatsen(**utfall):
    """404 without the operation's details, 403 for those who see them but may not do this."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_DETALJER, 403), **utfall})


MATRIS = {
    "insats_utvardering": {
        "GET": pa_insatsen(**dict.fromkeys(SER_DETALJER, 200)),
        "POST": pa_insatsen(SAMORDNARE=200),
    },
    "myndighetsutvardering": {
        "GET": alla(404, ANONYM=LOGIN, SAMORDNARE=200, HANDLAGGARE=200, MYNDIGHETSKONTAKT=200),
        "POST": alla(404, ANONYM=LOGIN, SAMORDNARE=403, HANDLAGGARE=200, MYNDIGHETSKONTAKT=200),
    },
    "forbattringar": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "paborja_forbattringsomrade": {
        "POST": alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_DETALJER, 403), "SAMORDNARE": 302}),
        "GET": alla(405, ANONYM=LOGIN),
    },
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
    "insats_utvardering": "/insatser/{GENOMFORD_INSATS}/utvardering/",
    "myndighetsutvardering": "/utvardering/myndighetsutvarderingar/{SKV_UTVARDERING}/",
    "forbattringar": "/utvardering/forbattringar/",
    "paborja_forbattringsomrade": "/utvardering/forbattringsomraden/{FORBATTRINGSOMRADE}/paborja/",
    "forbattringsomraden": "/utvardering/insatser/{GENOMFORD_INSATS}/forbattringsomraden/",
    "atgarda_forbattringsomrade": "/utvardering/forbattringsomraden/{FORBATTRINGSOMRADE}/atgarda/",
}


def platshallare(aktorer) -> dict:
    from insatser.workflow import BemanningStatus, InsatsStatus
    from myndigheter.roles import Roll
    from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
    from utvardering import services
    from utvardering.models import Betyg, Forbattringsomrade, Myndighetsutvardering

    insats = InsatsFabrik(
        referens="M-3",
        titel="Genomförd matris",
        samordnande_organisation=org("akc-vast"),
        dagar=-3,
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar="ACCEPTERAD")
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    omrade = Forbattringsomrade.objects.create(insats=insats, text="Tolk behövdes")
    utvardering = services.oppna_utvardering(insats)
    skv = utvardering.myndighetsutvarderingar.get(organisation=org("skatteverket"))
    services.spara_myndighetsutvardering(
        aktorer[Roll.HANDLAGGARE],
        skv,
        {
            **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, Betyg.P),
            "timmar_fore": 1,
            "timmar_under": 2,
            "timmar_efter": 1,
        },
        version=skv.version,
        lamna_in=True,
    )
    return {
        "GENOMFORD_INSATS": insats.pk,
        "FORBATTRINGSOMRADE": omrade.pk,
        "SKV_UTVARDERING": skv.pk,
    }
