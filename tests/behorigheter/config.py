"""Login, logout, language, health, the status page and the admin site."""

from tests.behorigheter import LOGIN, alla

MATRIS = {
    "login": {"GET": alla(200), "POST": alla(200), "DELETE": alla(405)},
    "logout": {"POST": alla(302), "GET": alla(405)},
    "health": {"GET": alla(200), "POST": alla(405)},
    "status": {"GET": alla(LOGIN, ADMIN=200), "POST": alla(LOGIN, ADMIN=405)},
    "kor_halsokontroll": {"POST": alla(LOGIN, ADMIN=302), "GET": alla(LOGIN, ADMIN=405)},
    "set_language": {"POST": alla(302), "GET": alla(405)},
    "admin:index": {"GET": alla(LOGIN, ADMIN=200)},
    "admin:karna_atkomstlogg_changelist": {"GET": alla(LOGIN, ADMIN=200)},
}
URLER = {
    "login": "/logga-in/",
    "logout": "/logga-ut/",
    "health": "/health/",
    "status": "/status/",
    "kor_halsokontroll": "/status/halsokontroll/",
    "set_language": "/i18n/setlang/",
    "admin:index": "/admin/",
    "admin:karna_atkomstlogg_changelist": "/admin/karna/atkomstlogg/",
}


def platshallare(aktorer) -> dict:
    return {}
