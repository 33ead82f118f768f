"""The evaluation of a carried-out operation coordinated by AKC-väst, Skatteverket taking part,
staffed by LPO City: its details, its joint evaluation and its improvement areas are seen by the
coordinator, Skatteverket and City's police coordinator. To Skatteverket's API account, which sees
the operation only, and to everyone else the evaluation does not exist (404). Skatteverket's
evaluation, submitted, is read by Skatteverket and the coordinator; only Skatteverket changes it.
The improvement plan overview is every logged-in user's own organisation's.

Outcomes and feedback of a second such operation, in which Skatteverket accepted and the matrix
officer was named: the participants read the page and give feedback; Skatteverket's officer and
focal point and City's police coordinator record their agency's outcomes. Skatteverket's outcome
kept within the agency does not exist for anyone else, not even the coordinator. The page shows
every reader an anonymous feedback of Skatteverket's officer; that its author's name reaches
nobody else is asserted per role in tests/utvardering/test_aterkoppling.py.

The evaluation reports of the first operation are built: whoever sees its joint evaluation may
have them built again; Skatteverket's report is downloaded by Skatteverket's people only, the
coordinator and the police getting 404 as for something that does not exist."""

from tests.behorigheter import LOGIN, alla

SER_DETALJER = ("SAMORDNARE", "HANDLAGGARE", "MYNDIGHETSKONTAKT", "OPERATIV_SAMORDNARE")


def pa_insatsen(**utfall):
    """404 without the operation's details, 403 for those who see them but may not do this."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_DETALJER, 403), **utfall})


DELTAGARE = (*SER_DETALJER, "INSATSPOLIS")
# Those who record outcomes for their agency; the coordinator and the officer do not.
REGISTRERAR = ("HANDLAGGARE", "MYNDIGHETSKONTAKT", "OPERATIV_SAMORDNARE")
SKATTEVERKET = ("HANDLAGGARE", "MYNDIGHETSKONTAKT")


def deltagarna(status, **utfall):
    """``status`` for the participants, 404 for the rest, login for anonymous visitors."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(DELTAGARE, status), **utfall})


def skatteverkets(status):
    """Skatteverket's own outcome: ``status`` for its people, 404 for everyone else."""
    return alla(404, ANONYM=LOGIN, **dict.fromkeys(SKATTEVERKET, status))


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
    "utfall": {
        "GET": deltagarna(200),
        # An empty form comes back with its errors to those who record; others are refused.
        "POST": deltagarna(403, **dict.fromkeys(REGISTRERAR, 200)),
    },
    "ge_aterkoppling": {"POST": deltagarna(200), "GET": alla(405, ANONYM=LOGIN)},
    "andra_utfall": {"GET": skatteverkets(200), "POST": skatteverkets(200)},
    # Without the version seen the removal is refused, back on the page with a message.
    "ta_bort_utfall": {"POST": skatteverkets(302), "GET": alla(405, ANONYM=LOGIN)},
    "bestall_utvarderingsrapport": {
        "POST": alla(404, ANONYM=LOGIN, **dict.fromkeys(SER_DETALJER, 302)),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "ladda_ned_utvarderingsrapport": {
        "GET": skatteverkets(200),
        "POST": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "insats_utvardering": "/insatser/{GENOMFORD_INSATS}/utvardering/",
    "myndighetsutvardering": "/utvardering/myndighetsutvarderingar/{SKV_UTVARDERING}/",
    "forbattringar": "/utvardering/forbattringar/",
    "paborja_forbattringsomrade": "/utvardering/forbattringsomraden/{FORBATTRINGSOMRADE}/paborja/",
    "forbattringsomraden": "/utvardering/insatser/{GENOMFORD_INSATS}/forbattringsomraden/",
    "atgarda_forbattringsomrade": "/utvardering/forbattringsomraden/{FORBATTRINGSOMRADE}/atgarda/",
    "utfall": "/insatser/{UTFALLSINSATS}/utfall/",
    "ge_aterkoppling": "/insatser/{UTFALLSINSATS}/utfall/aterkoppling/",
    "andra_utfall": "/utvardering/utfall/{EGET_UTFALL}/andra/",
    "ta_bort_utfall": "/utvardering/utfall/{EGET_UTFALL}/ta-bort/",
    "bestall_utvarderingsrapport": "/insatser/{GENOMFORD_INSATS}/utvardering/rapport/",
    "ladda_ned_utvarderingsrapport": "/utvardering/rapporter/{SKV_RAPPORT}/pdf/",
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
        "SKV_RAPPORT": _rapport(utvardering, org("skatteverket")),
        **_utfallsinsats(aktorer),
    }


def _rapport(utvardering, organisation) -> int:
    """Build the evaluation's reports (the template rendered, the layout stood in for)."""
    from unittest import mock

    from tests.conftest import _SnabbPdf
    from utvardering.models import Rapportbygge
    from utvardering.services import rapport

    bygge = Rapportbygge.objects.create(utvardering=utvardering, nummer=1)
    with mock.patch("weasyprint.HTML", _SnabbPdf):
        assert rapport.bygg_utvarderingsrapport(utvardering.pk, bygge.nummer) == "byggt"
    return utvardering.rapporter.get(organisation=organisation).pk


def _utfallsinsats(aktorer) -> dict:
    from django.utils import timezone

    from insatser.models import Polisbemanning
    from insatser.workflow import BemanningStatus, InsatsStatus, Svar
    from myndigheter.roles import Roll
    from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
    from utvardering import services_utfall
    from utvardering.models import Resultattyp, Utfall

    insats = InsatsFabrik(
        referens="M-U",
        titel="Utfall i matrisen",
        samordnande_organisation=org("akc-vast"),
        dagar=-10,
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar=Svar.ACCEPTERAD)
    begaran = BemanningsbegaranFabrik(
        insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD
    )
    Polisbemanning.objects.create(begaran=begaran, anvandare=aktorer[Roll.INSATSPOLIS])
    eget = services_utfall.registrera_utfall(
        aktorer[Roll.HANDLAGGARE],
        insats,
        typ=Resultattyp.objects.get(kod="skattetillagg"),
        belopp=100000,
        beslutsdatum=timezone.localdate(),
        synlighet=Utfall.Synlighet.EGEN,
    )
    services_utfall.ge_aterkoppling(
        aktorer[Roll.HANDLAGGARE], insats, betyg=2, kommentar="Rörigt", anonym=True, version=0
    )
    return {"UTFALLSINSATS": insats.pk, "EGET_UTFALL": eget.pk}
