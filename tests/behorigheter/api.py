"""The REST API under /api/v1: anonymous requests get 401, never a login page; the rest follows
the policies, as the pages do. tests/api/test_behorighetsmatris_token.py runs the same table
with bearer tokens of every role.

The evaluation resources use a carried-out operation of AKC-väst in which Skatteverket accepted
and LPO City staffed: its joint evaluation is seen by those who see its details; Skatteverket's
draft is read and filed by Skatteverket only (the coordinator reads it once submitted); the
officers, the focal point and City's police coordinator record outcomes (an empty body is a
400). The follow-up's figures are for management, coordinators and focal points, 403 for the
others, as on the page."""

from tests.behorigheter import ANONYM, LOGIN, OBEHORIG, alla, for_den_som_ser
from tests.behorigheter._gemensamt import matrisinsatsen, matriskontrollen


def _alla(status, **undantag):
    return alla(status, ANONYM=OBEHORIG, **undantag)


# The matrix object and operation are seen (with the details) by these roles; the API client
# role sees the schedule but no details and no objects.
_SER_DETALJERNA = dict.fromkeys(
    ["SAMORDNARE", "MYNDIGHETSKONTAKT", "HANDLAGGARE", "OPERATIV_SAMORDNARE"], 200
)

MATRIS = {
    "api_index": {"GET": _alla(200), "POST": _alla(405)},
    "api_insatser": {"GET": _alla(200), "POST": _alla(405)},
    "api_insats": {"GET": {**for_den_som_ser(200), ANONYM: OBEHORIG}, "DELETE": _alla(405)},
    # Only the invited organisation answers; without If-Match the answer is 428.
    "api_inbjudan": {
        "GET": _alla(404, MYNDIGHETSKONTAKT=200, HANDLAGGARE=200),
        "POST": _alla(404, MYNDIGHETSKONTAKT=428, HANDLAGGARE=428),
    },
    # The coordinating organisation records findings on the day; an empty body is a 400.
    "api_fynd": {"POST": _alla(404, SAMORDNARE=400), "GET": _alla(405)},
    "api_bemanningsbegaranden": {"GET": _alla(200)},
    "api_bemanningsbegaran": {"GET": _alla(404, SAMORDNARE=200, OPERATIV_SAMORDNARE=200)},
    "api_bemanningssvar": {
        "POST": _alla(404, OPERATIV_SAMORDNARE=428),
        "GET": _alla(405),
    },
    "api_mina_insatser": {"GET": _alla(200), "POST": _alla(405)},
    "api_utvarderingar": {"GET": _alla(200), "POST": _alla(405)},
    "api_utvardering": {
        "GET": _alla(
            404, SAMORDNARE=200, HANDLAGGARE=200, MYNDIGHETSKONTAKT=200, OPERATIV_SAMORDNARE=200
        ),
        "PUT": _alla(405),
    },
    # Without If-Match the save is 428.
    "api_myndighetsutvardering": {
        "GET": _alla(404, HANDLAGGARE=200, MYNDIGHETSKONTAKT=200),
        "PUT": _alla(404, HANDLAGGARE=428, MYNDIGHETSKONTAKT=428),
    },
    "api_utfall": {"GET": _alla(200), "POST": _alla(405)},
    "api_insatsens_utfall": {
        "POST": _alla(404, HANDLAGGARE=400, MYNDIGHETSKONTAKT=400, OPERATIV_SAMORDNARE=400),
        "GET": _alla(405),
    },
    "api_uppfoljning": {
        "GET": _alla(
            403, LEDNINGSGRUPP=200, POLISLEDNING=200, SAMORDNARE=200, MYNDIGHETSKONTAKT=200
        ),
        "POST": _alla(405),
    },
    "api_objekt": {"GET": _alla(200)},
    # Agency information: the templates are reference data; Skatteverket's information on the
    # matrix object is read by Skatteverket and by those a block of it was released to (another
    # module releases one in M-2), and written only by Skatteverket's officers and focal points
    # (a block is there, so a write without If-Match is 428); releases in the operation whose
    # details the reader sees, made by the officers and focal points (an empty body is a 400).
    "api_informationsmallar": {"GET": _alla(200), "POST": _alla(405)},
    "api_informationsmall": {"GET": _alla(200), "PUT": _alla(405)},
    "api_objektinformation": {"GET": _alla(404, **_SER_DETALJERNA), "POST": _alla(405)},
    "api_organisationens_information": {
        "GET": _alla(404, **_SER_DETALJERNA),
        "PUT": _alla(404, MYNDIGHETSKONTAKT=428, HANDLAGGARE=428),
    },
    # Requests for information in M-1 (AKC-väst asks Skatteverket): the list for those who see
    # the details, one request for those who may see it, answered by the asked organisation's
    # officers and focal points (without If-Match a 428).
    "api_uppgiftsbegaranden": {"GET": _alla(404, **_SER_DETALJERNA), "POST": _alla(405)},
    "api_uppgiftssvar": {
        "GET": _alla(404, SAMORDNARE=200, MYNDIGHETSKONTAKT=200, HANDLAGGARE=200),
        "POST": _alla(404, MYNDIGHETSKONTAKT=428, HANDLAGGARE=428),
    },
    "api_frislappningar": {
        "GET": _alla(404, **_SER_DETALJERNA),
        "POST": _alla(404, MYNDIGHETSKONTAKT=400, HANDLAGGARE=400),
    },
    # Skatteverket's release of its block in the matrix operation is taken back by its officers
    # and focal points (an empty body is a 400); nobody else learns of it.
    "api_frislappning_aterkallelse": {
        "POST": _alla(404, MYNDIGHETSKONTAKT=400, HANDLAGGARE=400),
        "GET": _alla(405),
    },
    "api_arshjulshandelser": {"GET": _alla(200), "POST": _alla(405)},
    "api_myndigheter": {"GET": _alla(200)},
    "api_lokalpolisomraden": {"GET": _alla(200)},
    "api_schema": {"GET": _alla(200)},
    "api_docs": {"GET": _alla(200)},
    "admin:api_apitoken_changelist": {"GET": alla(LOGIN, ADMIN=200)},
}
URLER = {
    "api_index": "/api/v1/",
    "api_insatser": "/api/v1/insatser",
    "api_insats": "/api/v1/insatser/{API_INSATS}",
    "api_inbjudan": "/api/v1/insatser/{API_INSATS}/svar",
    "api_fynd": "/api/v1/insatser/{API_DAGENS_INSATS}/kontroller/{API_KONTROLL}/fynd",
    "api_bemanningsbegaranden": "/api/v1/bemanningsbegaran",
    "api_bemanningsbegaran": "/api/v1/bemanningsbegaran/{API_BEGARAN}",
    "api_bemanningssvar": "/api/v1/bemanningsbegaran/{API_BEGARAN}/svar",
    "api_mina_insatser": "/api/v1/mina-insatser",
    "api_utvarderingar": "/api/v1/utvarderingar",
    "api_utvardering": "/api/v1/utvarderingar/{API_UTVARDERING}",
    "api_myndighetsutvardering": "/api/v1/myndighetsutvarderingar/{API_SKV_UTKAST}",
    "api_utfall": "/api/v1/utfall",
    "api_insatsens_utfall": "/api/v1/insatser/{API_GENOMFORD_INSATS}/utfall",
    "api_uppfoljning": "/api/v1/uppfoljning",
    "api_objekt": "/api/v1/objekt",
    "api_informationsmallar": "/api/v1/informationsmallar",
    "api_informationsmall": "/api/v1/informationsmallar/{API_MALL}",
    "api_objektinformation": "/api/v1/objekt/{API_OBJEKT}/information",
    "api_organisationens_information": "/api/v1/objekt/{API_OBJEKT}/information/{API_SKV}",
    "api_frislappningar": "/api/v1/insatser/{API_INSATS}/frislappningar",
    "api_frislappning_aterkallelse": "/api/v1/frislappningar/{API_FRISLAPPNING}/aterkallelse",
    "api_uppgiftsbegaranden": "/api/v1/insatser/{API_INSATS}/uppgiftsbegaranden",
    "api_uppgiftssvar": "/api/v1/insatser/{API_INSATS}/uppgiftsbegaranden/{API_BEGARAN_OM}/svar",
    "api_arshjulshandelser": "/api/v1/arshjul/handelser",
    "api_myndigheter": "/api/v1/myndigheter",
    "api_lokalpolisomraden": "/api/v1/lokalpolisomraden",
    "api_schema": "/api/v1/schema",
    "api_docs": "/api/v1/docs",
    "admin:api_apitoken_changelist": "/admin/api/apitoken/",
}


def platshallare(aktorer) -> dict:
    from insatser.models import Frislappning, Uppgiftsbegaran
    from myndigheter.roles import Roll
    from objekt.models import Informationsmall, Objektuppgift
    from tests.fabriker import org

    insats = matrisinsatsen()
    kontroll = matriskontrollen()
    mall, _ = Informationsmall.objects.get_or_create(
        organisation=org("skatteverket"),
        objekttyp=kontroll.objekt.objekttyp,
        defaults={"faltdefinition": [{"namn": "not", "etikett": "Not", "typ": "text"}]},
    )
    uppgift, _ = Objektuppgift.objects.get_or_create(
        objekt=kontroll.objekt, organisation=org("skatteverket"), mall=mall
    )
    frislappning, _ = Frislappning.objects.get_or_create(
        objektuppgift=uppgift,
        insats=kontroll.insats,
        defaults={"frislappt_av": aktorer[Roll.HANDLAGGARE], "grund": "API-matrisgrund"},
    )
    begaran, _ = Uppgiftsbegaran.objects.get_or_create(
        insats=insats,
        fragande_organisation=insats.samordnande_organisation,
        fragad_av=aktorer[Roll.SAMORDNARE],
        tillfragad_organisation=org("skatteverket"),
        fraga="API-matrisfråga",
    )
    return {
        "API_INSATS": insats.pk,
        "API_BEGARAN_OM": begaran.pk,
        "API_FRISLAPPNING": frislappning.pk,
        "API_BEGARAN": insats.bemanningsbegaranden.get().pk,
        "API_DAGENS_INSATS": kontroll.insats_id,
        "API_KONTROLL": kontroll.pk,
        "API_MALL": mall.pk,
        "API_OBJEKT": kontroll.objekt_id,
        "API_SKV": org("skatteverket").pk,
        **_utvarderingen(),
    }


def _utvarderingen() -> dict:
    from insatser.workflow import BemanningStatus, InsatsStatus, Svar
    from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
    from utvardering import services

    insats = InsatsFabrik(
        referens="M-API-U",
        titel="Utvärderas i API-matrisen",
        samordnande_organisation=org("akc-vast"),
        dagar=-3,
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar=Svar.ACCEPTERAD)
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    utvardering = services.oppna_utvardering(insats)
    return {
        "API_GENOMFORD_INSATS": insats.pk,
        "API_UTVARDERING": utvardering.pk,
        "API_SKV_UTKAST": utvardering.myndighetsutvarderingar.get(
            organisation=org("skatteverket")
        ).pk,
    }
