"""Every URL pattern and method, for every role and for anonymous visitors.

The entries live per app in ``tests/behorigheter/``. The meta-tests fail when a URL is added
without an entry, and check that every URL except the login page (with its language switch) and
health requires login.
"""

from unittest import mock

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from myndigheter.roles import Roll
from tests.behorigheter import AKTORER, ANONYM, LOGIN, NEKAD, OBEHORIG, ROLLANVANDARE, moduler
from tests.varld import modulvarld, ny_anvandare

MATRIS = {}
URLER = {}
for _modul in moduler():
    assert not set(_modul.MATRIS) & set(MATRIS), f"{_modul.__name__} repeats an entry"
    MATRIS.update(_modul.MATRIS)
    URLER.update(_modul.URLER)

# Reachable without login: the login page and its language switch, the health check, and the
# calendar feeds of the wheel and of the operations, whose secret address is the credential
# (calendar apps cannot log in). Readiness and metrics are for load balancers and scrapers, which
# do not log in; readiness names only its checks, metrics need a token or an allowed address
# (docs/drift.md).
UTAN_INLOGGNING = {
    "login",
    "set_language",
    "health",
    "ready",
    "metrics",
    "arshjul_kalender",
    "kalenderflode",
}
# With OpenID Connect switched on: the login start and the provider's callback, public by nature,
# and the provider logout. tests/config/test_oidc.py exercises them.
OIDC_URLER = {"oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}


def url_namn(urlconf=None) -> set[str]:
    """Every URL name outside the admin site (which is covered as one group)."""
    return {n for ns, n in _monster(get_resolver(urlconf).url_patterns) if ns != "admin"}


def _monster(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _monster(p.url_patterns, p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield namespace, p.name


class _Ettor(dict):
    """Any placeholder is 1: for requests refused before the object is looked up."""

    def __missing__(self, nyckel):
        return 1


def test_every_url_has_an_entry():
    """Admin pages are covered as one group: Django's admin site requires staff for all."""
    namn = url_namn()
    assert namn - set(MATRIS) == set(), "add the new URL to the permission matrix"
    assert {n for n in MATRIS if not n.startswith("admin:")} - namn == set(), "stale entry"
    assert set(URLER) == set(MATRIS)


def test_every_entry_covers_every_actor_with_an_allowed_and_a_refused_case():
    for namn, metoder in MATRIS.items():
        for metod, utfall in metoder.items():
            assert set(utfall) == set(AKTORER), (namn, metod)
        statusar = {s for utfall in metoder.values() for s in utfall.values()}
        assert statusar - NEKAD, f"{namn}: no allowed case"
        assert statusar & NEKAD, f"{namn}: no refused case"


@pytest.fixture(scope="module")
def matrisvarld(django_db_setup, django_db_blocker, modulens_media):
    """The users of every role and the objects the paths name, built once for the module; each
    case runs in a savepoint of its own, so what one request changes no other case sees."""
    with modulvarld(django_db_blocker, modulens_media):
        anvandare = {ANONYM: None}
        for roll, (organisation, lpoer) in ROLLANVANDARE.items():
            anvandare[roll] = ny_anvandare(
                f"matris.{roll.value.lower()}", roll, organisation, lpoer=lpoer
            )
        varden = {}
        for modul in moduler():
            varden.update(modul.platshallare(anvandare))
        yield anvandare, varden


@pytest.fixture
def aktorer(db, matrisvarld):
    return matrisvarld[0]


@pytest.fixture
def platshallare(db, matrisvarld):
    return matrisvarld[1]


FALL = [
    (namn, metod, aktor)
    for namn, metoder in MATRIS.items()
    for metod, utfall in metoder.items()
    for aktor in AKTORER
]


@pytest.mark.django_db
@pytest.mark.parametrize(("namn", "metod", "aktor"), FALL, ids=lambda v: str(v))
def test_matrix(client, aktorer, platshallare, namn, metod, aktor):
    if aktorer[aktor] is not None:
        client.force_login(aktorer[aktor])
    with mock.patch("config.views.halsokontroll.delay") as delay:
        svar = client.generic(metod, URLER[namn].format_map(platshallare))
    forvantat = MATRIS[namn][metod][aktor]
    if forvantat == LOGIN:
        assert svar.status_code == 302
        assert svar["Location"].startswith(("/logga-in/", "/admin/login/"))
    else:
        assert svar.status_code == forvantat
    if forvantat in NEKAD:
        delay.assert_not_called()


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(n for n in MATRIS if n not in UTAN_INLOGGNING))
def test_every_other_url_sends_anonymous_visitors_to_login(client, namn):
    """The API answers 401 instead: a program cannot follow a redirect to a login page."""
    metod = next(iter(MATRIS[namn]))
    svar = client.generic(metod, URLER[namn].format_map(_Ettor()))
    if MATRIS[namn][metod][ANONYM] == OBEHORIG:
        assert svar.status_code == OBEHORIG
        return
    assert svar.status_code == 302
    assert svar["Location"].startswith(("/logga-in/", "/admin/login/"))


OVRIGA_METODER = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("namn", "metod"),
    [
        (n, m)
        for n in MATRIS
        if not n.startswith("admin:")  # Django's admin site: staff-only, its own method handling
        for m in OVRIGA_METODER
        if m not in MATRIS[n]
    ],
    ids=lambda v: str(v),
)
@pytest.mark.parametrize("aktor", [Roll.ADMIN, Roll.MYNDIGHETSKONTAKT, Roll.SAMORDNARE])
def test_methods_outside_the_matrix_are_refused(client, aktorer, platshallare, namn, metod, aktor):
    """Every other method, for the most privileged actors of the matrix: refused, never served."""
    client.force_login(aktorer[aktor])
    svar = client.generic(metod, URLER[namn].format_map(platshallare))
    if svar.status_code == 302:
        assert svar["Location"].startswith(("/logga-in/", "/admin/login/"))
    else:
        assert svar.status_code in {403, 404, 405}, (namn, metod, svar.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("aktor", AKTORER, ids=str)
@pytest.mark.parametrize(
    "fraga",
    ["?model=insatser.Insats", "?model=objekt.Objektuppgift", "?obj=insatser.Insats:{INSATS}"],
)
def test_the_admins_history_of_anything_but_reference_data_is_refused_to_every_actor(
    client, aktorer, platshallare, fraga, aktor
):
    if aktorer[aktor] is not None:
        client.force_login(aktorer[aktor])
    svar = client.get("/admin/pghistory/events/" + fraga.format_map(platshallare))
    if aktor == Roll.ADMIN:
        assert svar.status_code == 404
    else:
        assert svar.status_code == 302
        assert svar["Location"].startswith("/admin/login/")


# Who reads the operations in aggregate on the start page: management, which opens none of them.
SER_SIFFROR = {Roll.POLISLEDNING, Roll.LEDNINGSGRUPP}


@pytest.mark.django_db
@pytest.mark.parametrize("aktor", [a for a in AKTORER if a != ANONYM], ids=str)
def test_the_counts_of_operations_are_for_management_only(client, aktorer, aktor):
    client.force_login(aktorer[aktor])
    text = client.get("/").content.decode()
    assert ('id="i-siffror"' in text) == (aktor in SER_SIFFROR)
