"""Follow-up: the page of figures and its exports, for management, coordinators and focal
points; officers, the police's operational roles, the API client and the administrator are
refused (they follow operations through the operations' own pages)."""

from django.utils import timezone

from tests.behorigheter import LOGIN, alla


def folja_upp(status):
    return alla(
        403,
        ANONYM=LOGIN,
        LEDNINGSGRUPP=status,
        POLISLEDNING=status,
        SAMORDNARE=status,
        MYNDIGHETSKONTAKT=status,
    )


MATRIS = {
    "uppfoljning": {"GET": folja_upp(200), "POST": alla(405, ANONYM=LOGIN)},
    "uppfoljning_export": {"GET": folja_upp(200), "POST": alla(405, ANONYM=LOGIN)},
}
URLER = {
    "uppfoljning": "/uppfoljning/",
    "uppfoljning_export": f"/uppfoljning/export/kategorier.xlsx?ar={timezone.localdate().year}",
}


def platshallare(aktorer) -> dict:
    return {}
