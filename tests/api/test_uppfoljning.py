"""``/api/v1/uppfoljning``: the follow-up page's tables for the reader's scope, small counts
protected as on the page (a hidden cell is null with its flag, never the number)."""

import pytest

from myndigheter.roles import Roll
from tests.uppfoljning import uppfoljningsvarld
from tests.uppfoljning.uppfoljningsvarld import AR
from uppfoljning.siffror import Antal

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    v = uppfoljningsvarld.bygg()
    v["ledning"] = skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
    v["polisledning"] = skapa_anvandare(
        "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
    )
    v["samordnare"] = skapa_anvandare("samordnare.skv", Roll.SAMORDNARE, "skatteverket")
    return v


def _tabeller(api, **fraga) -> dict:
    svar = api.get("/api/v1/uppfoljning", {"ar": AR, **fraga})
    assert svar.status_code == 200, svar.content
    return {t["nyckel"]: t for t in svar.json()["tabeller"]}


def _rad(tabell: dict, etikett: str) -> list[dict]:
    return next(r[1:] for r in tabell["rader"] if r[0]["varde"] == etikett)


def test_the_figures_are_the_pages_with_small_counts_protected(api, token, varld):
    api.hemlighet = token(varld["ledning"])
    nyckeltal = _tabeller(api)["nyckeltal"]
    assert _rad(nyckeltal, "Planerade insatser") == [{"varde": 4, "dold": False}]
    # Five controls are shown as the page shows them, rounded down to the threshold (3).
    assert _rad(nyckeltal, "Genomförda kontroller") == [{"varde": 3, "dold": False}]
    # Four objects, hidden with a cell of the categories: null and flagged, never 4.
    assert _rad(nyckeltal, "Kontrollerade objekt") == [{"varde": None, "dold": True}]
    # A sum of too few decisions is hidden the same way.
    utfall = _tabeller(api)["utfall"]
    assert {"varde": None, "dold": True} in [c for r in utfall["rader"] for c in r]


@pytest.mark.parametrize("namn", ["ledning", "polisledning", "samordnare"])
def test_every_role_gets_the_tables_of_its_page(api, token, client, varld, namn):
    user = varld[namn]
    client.force_login(user)
    sidans = client.get("/uppfoljning/", {"ar": AR, "kvartal": ""}).context["tabeller"]
    api.hemlighet = token(user)
    apins = _tabeller(api)
    assert list(apins) == list(sidans)
    for nyckel, tabell in sidans.items():
        assert len(apins[nyckel]["rader"]) == len(tabell.rader), nyckel
        for rad, celler in zip(tabell.rader, apins[nyckel]["rader"], strict=True):
            for cell, ut in zip(rad, celler, strict=True):
                if isinstance(cell, Antal):
                    assert ut == {
                        "varde": None if cell.dold else int(cell.text),
                        "dold": cell.dold,
                    }, nyckel


def test_the_filters_narrow_the_figures(api, token, varld):
    api.hemlighet = token(varld["ledning"])
    nyckeltal = _tabeller(api, samverkansform=varld["f1"].pk)["nyckeltal"]
    assert _rad(nyckeltal, "Planerade insatser") == [{"varde": 2, "dold": False}]
    assert _rad(_tabeller(api, kvartal=1)["nyckeltal"], "Planerade insatser") == [
        {"varde": 1, "dold": False}
    ]


@pytest.mark.parametrize(
    ("fraga", "namn"),
    [({"ar": 1999}, "ar"), ({"kvartal": 5}, "kvartal"), ({"klass": "X"}, "klass")],
)
def test_a_bad_view_is_itemised(api, token, varld, fraga, namn):
    api.hemlighet = token(varld["ledning"])
    svar = api.get("/api/v1/uppfoljning", fraga)
    assert svar.status_code == 400
    assert [(f["in"], f["name"]) for f in svar.json()["errors"]] == [("query", namn)]


def test_those_outside_the_follow_up_get_403_as_on_the_page(api, token, personer):
    for namn in ["skv", "opsam", "polis", "api"]:
        api.hemlighet = token(personer[namn])
        svar = api.get("/api/v1/uppfoljning")
        assert svar.status_code == 403, namn
        assert svar["Content-Type"] == "application/problem+json"
