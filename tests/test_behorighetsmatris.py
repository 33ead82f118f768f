"""Every URL pattern and method, for every role and for anonymous visitors.

The meta-tests fail when a URL is added without an entry here, and check that every URL except
the login page (with its language switch), health and static files requires login.
"""

from unittest import mock

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from myndigheter.roles import Roll

ANONYM = "ANONYM"
AKTORER = [ANONYM, *Roll]

# Organisation and LPO scope per role for the matrix users.
ROLLANVANDARE = {
    Roll.ADMIN: ("akc-vast", ()),
    Roll.SAMORDNARE: ("akc-vast", ()),
    Roll.MYNDIGHETSKONTAKT: ("skatteverket", ()),
    Roll.HANDLAGGARE: ("skatteverket", ()),
    Roll.OPERATIV_SAMORDNARE: ("polisen", ("city",)),
    Roll.INSATSPOLIS: ("polisen", ()),
    Roll.POLISLEDNING: ("polisen", ("city", "nordost")),
    Roll.LEDNINGSGRUPP: ("goteborgs-stad", ()),
    Roll.API_KLIENT: ("skatteverket", ()),
}


def alla(status, **undantag):
    """The same status for every actor, except those named (by role value or ANONYM)."""
    return {aktor: undantag.get(str(aktor), status) for aktor in AKTORER}


# The roles that see the matrix operation; the others (and anonymous visitors) never learn of it.
SER_MATRISINSATSEN = [
    "SAMORDNARE",
    "MYNDIGHETSKONTAKT",
    "HANDLAGGARE",
    "OPERATIV_SAMORDNARE",
    "POLISLEDNING",
    "API_KLIENT",
]


def for_den_som_ser(status, **undantag):
    """``status`` for the roles that see the operation, 404 for the rest, login for anonymous."""
    return alla(404, ANONYM=LOGIN, **{**dict.fromkeys(SER_MATRISINSATSEN, status), **undantag})


# A redirect to a login page: the request was refused for want of (the right) login.
LOGIN = "login"
NEKAD = {403, 404, 405, 429, LOGIN}

# url name -> method -> actor -> expected status code (or LOGIN).
MATRIS = {
    "start": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "login": {"GET": alla(200), "POST": alla(200), "DELETE": alla(405)},
    "logout": {"POST": alla(302), "GET": alla(405)},
    "health": {"GET": alla(200), "POST": alla(405)},
    "status": {"GET": alla(LOGIN, ADMIN=200), "POST": alla(LOGIN, ADMIN=405)},
    "kor_halsokontroll": {"POST": alla(LOGIN, ADMIN=302), "GET": alla(LOGIN, ADMIN=405)},
    "set_language": {"POST": alla(302), "GET": alla(405)},
    "insatser": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    # An operation coordinated by AKC-väst with Skatteverket invited and a request to LPO City.
    "insats": {"GET": for_den_som_ser(200), "POST": alla(405, ANONYM=LOGIN)},
    # The coordinator (and City's police coordinator) may cancel it; only the coordinator moves it.
    "stall_in_insats": {
        "POST": for_den_som_ser(403, SAMORDNARE=302, OPERATIV_SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "omplanera_insats": {
        "GET": for_den_som_ser(403, SAMORDNARE=200),
        "POST": for_den_som_ser(403, SAMORDNARE=200),
    },
    "ny_insats": {
        "GET": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
        "POST": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
    },
    **{
        namn: {
            "POST": for_den_som_ser(403, SAMORDNARE=302),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in (
            "bjud_in",
            "lagg_till_objekt",
            "begar_bemanning",
            "planera_insats",
            "avsla_insats",
            "genomfor_insats",
        )
    },
    "svara_inbjudan": {
        "POST": for_den_som_ser(403, MYNDIGHETSKONTAKT=302, HANDLAGGARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "bemanning_inkorg": {
        "GET": alla(403, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "besvara_bemanning": {
        "GET": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
        "POST": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
    },
    "aterkalla_bemanning": {
        "POST": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "medlemmar": {
        "GET": alla(403, ANONYM=LOGIN, MYNDIGHETSKONTAKT=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "andra_medlem": {
        "POST": alla(404, ANONYM=LOGIN, MYNDIGHETSKONTAKT=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "admin:index": {"GET": alla(LOGIN, ADMIN=200)},
    "admin:myndigheter_atkomstlogg_changelist": {"GET": alla(LOGIN, ADMIN=200)},
}
URLER = {
    "start": "/",
    "login": "/logga-in/",
    "logout": "/logga-ut/",
    "health": "/health/",
    "status": "/status/",
    "kor_halsokontroll": "/status/halsokontroll/",
    "set_language": "/i18n/setlang/",
    "insatser": "/insatser/",
    "insats": "/insatser/{INSATS}/",
    "stall_in_insats": "/insatser/{INSATS}/stall-in/",
    "omplanera_insats": "/insatser/{INSATS}/omplanera/",
    "ny_insats": "/insatser/ny/",
    "bjud_in": "/insatser/{INSATS}/bjud-in/",
    "lagg_till_objekt": "/insatser/{INSATS}/objekt/",
    "begar_bemanning": "/insatser/{INSATS}/bemanning/",
    "planera_insats": "/insatser/{INSATS}/planera/",
    "avsla_insats": "/insatser/{INSATS}/avsla/",
    "genomfor_insats": "/insatser/{INSATS}/genomfor/",
    "svara_inbjudan": "/insatser/{INSATS}/svar/",
    "bemanning_inkorg": "/polis/begaranden/",
    "besvara_bemanning": "/polis/begaranden/{BEGARAN}/",
    "aterkalla_bemanning": "/polis/begaranden/{BEGARAN}/aterkalla/",
    "medlemmar": "/organisation/medlemmar/",
    # A member of Skatteverket, the focal point's organisation: {HANDLAGGARE} is its pk.
    "andra_medlem": "/organisation/medlemmar/{HANDLAGGARE}/",
    "admin:index": "/admin/",
    "admin:myndigheter_atkomstlogg_changelist": "/admin/myndigheter/atkomstlogg/",
}
# Reachable without login: the login page and its language switch, and the health check.
UTAN_INLOGGNING = {"login", "set_language", "health"}
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


@pytest.fixture
def aktorer(skapa_anvandare):
    anvandare = {ANONYM: None}
    for roll, (organisation, lpoer) in ROLLANVANDARE.items():
        anvandare[roll] = skapa_anvandare(
            f"matris.{roll.value.lower()}", roll, organisation, lpoer=lpoer
        )
    return anvandare


@pytest.fixture
def insats(db):
    from datetime import timedelta

    from django.utils import timezone

    from insatser.models import Bemanningsbegaran, Deltagande, Insats
    from insatser.workflow import BemanningStatus
    from myndigheter.models import Lokalpolisomrade, Myndighet

    start = timezone.now() + timedelta(days=5)
    insats = Insats.objects.create(
        referens="M-1",
        titel="Matris",
        samordnande_organisation=Myndighet.objects.get(kod="akc-vast"),
        start=start,
        slut=start + timedelta(hours=2),
    )
    Deltagande.objects.create(insats=insats, organisation=Myndighet.objects.get(kod="skatteverket"))
    Bemanningsbegaran.objects.create(
        insats=insats,
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        begart_antal=2,
        status=BemanningStatus.SKICKAD,
    )
    return insats


FALL = [
    (namn, metod, aktor)
    for namn, metoder in MATRIS.items()
    for metod, utfall in metoder.items()
    for aktor in AKTORER
]


@pytest.mark.django_db
@pytest.mark.parametrize(("namn", "metod", "aktor"), FALL, ids=lambda v: str(v))
def test_matrix(client, aktorer, insats, namn, metod, aktor):
    if aktorer[aktor] is not None:
        client.force_login(aktorer[aktor])
    with mock.patch("config.views.halsokontroll.delay") as delay:
        url = URLER[namn].format(
            HANDLAGGARE=aktorer[Roll.HANDLAGGARE].pk,
            INSATS=insats.pk,
            BEGARAN=insats.bemanningsbegaranden.get().pk,
        )
        svar = client.generic(metod, url)
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
    metod = next(iter(MATRIS[namn]))
    svar = client.generic(metod, URLER[namn].format(HANDLAGGARE=1, INSATS=1, BEGARAN=1))
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
def test_methods_outside_the_matrix_are_refused(client, aktorer, insats, namn, metod, aktor):
    """Every other method, for the most privileged actors of the matrix: refused, never served."""
    client.force_login(aktorer[aktor])
    url = URLER[namn].format(
        HANDLAGGARE=aktorer[Roll.HANDLAGGARE].pk,
        INSATS=insats.pk,
        BEGARAN=insats.bemanningsbegaranden.get().pk,
    )
    svar = client.generic(metod, url)
    if svar.status_code == 302:
        assert svar["Location"].startswith(("/logga-in/", "/admin/login/"))
    else:
        assert svar.status_code in {403, 404, 405}, (namn, metod, svar.status_code)
