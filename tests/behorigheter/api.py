"""The REST API under /api/v1: anonymous requests get 401, never a login page; the rest follows
the policies, as the pages do. tests/api/test_behorighetsmatris_token.py runs the same table
with bearer tokens of every role."""

from tests.behorigheter import ANONYM, LOGIN, OBEHORIG, alla, for_den_som_ser
from tests.behorigheter._gemensamt import matrisinsatsen, matriskontrollen


def _alla(status, **undantag):
    return alla(status, ANONYM=OBEHORIG, **undantag)


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
    "api_objekt": {"GET": _alla(200)},
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
    "api_objekt": "/api/v1/objekt",
    "api_arshjulshandelser": "/api/v1/arshjul/handelser",
    "api_myndigheter": "/api/v1/myndigheter",
    "api_lokalpolisomraden": "/api/v1/lokalpolisomraden",
    "api_schema": "/api/v1/schema",
    "api_docs": "/api/v1/docs",
    "admin:api_apitoken_changelist": "/admin/api/apitoken/",
}


def platshallare(aktorer) -> dict:
    insats = matrisinsatsen()
    kontroll = matriskontrollen()
    return {
        "API_INSATS": insats.pk,
        "API_BEGARAN": insats.bemanningsbegaranden.get().pk,
        "API_DAGENS_INSATS": kontroll.insats_id,
        "API_KONTROLL": kontroll.pk,
    }
