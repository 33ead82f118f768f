"""Login, logout, language, health, readiness, metrics, the status page and the admin site."""

from tests.behorigheter import LOGIN, alla

MATRIS = {
    "login": {"GET": alla(200), "POST": alla(200), "DELETE": alla(405)},
    "logout": {"POST": alla(302), "GET": alla(405)},
    "health": {"GET": alla(200), "POST": alla(405)},
    # Readiness names only its checks; no worker or beat answers in the matrix's test.
    "ready": {"GET": alla(503), "POST": alla(405)},
    # Metrics for a scraper with the token or from an allowed address, whoever is logged in: the
    # test client's 127.0.0.1 is allowed by the development default (404 from elsewhere:
    # tests/config/test_overvakning.py).
    "metrics": {"GET": alla(200), "POST": alla(405)},
    "status": {"GET": alla(403, ANONYM=LOGIN, ADMIN=200), "POST": alla(405, ANONYM=LOGIN)},
    "kor_halsokontroll": {
        "POST": alla(403, ANONYM=LOGIN, ADMIN=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "set_language": {"POST": alla(302), "GET": alla(405)},
    "admin:index": {"GET": alla(LOGIN, ADMIN=200)},
    "admin:karna_atkomstlogg_changelist": {"GET": alla(LOGIN, ADMIN=200)},
    "admin:karna_gallringslogg_changelist": {"GET": alla(LOGIN, ADMIN=200)},
    # The history of reference data; that of anything else is refused (test_behorighetsmatris).
    "admin:pghistory_events_changelist": {"GET": alla(LOGIN, ADMIN=200)},
}
URLER = {
    "login": "/logga-in/",
    "logout": "/logga-ut/",
    "health": "/health/",
    "ready": "/ready/",
    "metrics": "/metrics/",
    "status": "/status/",
    "kor_halsokontroll": "/status/halsokontroll/",
    "set_language": "/i18n/setlang/",
    "admin:index": "/admin/",
    "admin:karna_atkomstlogg_changelist": "/admin/karna/atkomstlogg/",
    "admin:karna_gallringslogg_changelist": "/admin/karna/gallringslogg/",
    "admin:pghistory_events_changelist": "/admin/pghistory/events/?model=myndigheter.Myndighet",
}


def platshallare(aktorer) -> dict:
    return {}
