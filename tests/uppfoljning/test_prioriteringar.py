"""Follow-up per priority of the situation picture, against a hand-counted year: an operation
counts once per priority, planned and carried out as in the headline figures; the filter; the
export; and who counts what."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from arshjul.models import Lagesbildsperiod, Prioritering
from insatser.models import Installningsorsak
from insatser.workflow import InsatsStatus
from myndigheter.roles import Roll
from tests.fabriker import InsatsFabrik
from uppfoljning import selectors
from uppfoljning.siffror import Urval

pytestmark = pytest.mark.django_db
AR = timezone.localdate().year - 1
S = InsatsStatus


def _dag(manad: int, ar: int = AR) -> datetime:
    return timezone.make_aware(datetime(ar, manad, 10, 10))


@pytest.fixture
def varld():
    period = Lagesbildsperiod.objects.create(
        kod="period", namn="Perioden", fran=date(AR - 1, 1, 1), till=date(AR + 1, 12, 31)
    )
    gammal = Lagesbildsperiod.objects.create(
        kod="gammal", namn="Gammal", fran=date(AR - 6, 1, 1), till=date(AR - 4, 12, 31)
    )
    p1 = Prioritering.objects.create(kod="p1", period=period, namn="Välfärdsbrott", ordning=1)
    p2 = Prioritering.objects.create(kod="p2", period=period, namn="Utsatta platser", ordning=2)
    Prioritering.objects.create(kod="p3", period=period, namn="Barn och unga", ordning=3)
    Prioritering.objects.create(kod="p0", period=gammal, namn="Gammal prioritering")
    skjutning = Installningsorsak.objects.get(kod="skjutning")
    insatser = {
        # planned and carried out, in two priorities
        "a": ({"start": _dag(3), "status": S.GENOMFORD}, [p1, p2]),
        "b": ({"start": _dag(5), "status": S.PLANERAD}, [p1]),
        "c": ({"start": _dag(6), "status": S.INSTALLD, "installd_orsak": skjutning}, [p2]),
        # a proposal is not counted as planned
        "d": ({"start": _dag(7), "status": S.FORESLAGEN}, [p1]),
        # carried out without a priority
        "e": ({"start": _dag(8), "status": S.GENOMFORD}, []),
        # the year before
        "f": ({"start": _dag(9, AR - 1), "status": S.UTVARDERAD}, [p1]),
    }
    rader = {}
    for namn, (falt, prioriteringar) in insatser.items():
        rader[namn] = InsatsFabrik(**falt)
        rader[namn].prioriteringar.set(prioriteringar)
    return {"p1": p1, "p2": p2, **rader}


def _tabell(user, **urval) -> dict:
    tabell = selectors.siffror(user, Urval(**{"ar": AR, **urval}))["tabeller"]["prioriteringar"]
    return {r[0]: r[2:] for r in tabell.rader}


def test_the_figures_per_priority_equal_the_hand_counted_year(varld, skapa_anvandare):
    ledning = skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
    # Every priority of a period touching the year, also one without operations; the old
    # period's not. A counts in both its priorities, so the columns have no total.
    assert _tabell(ledning) == {
        "Välfärdsbrott": [2, 1],
        "Utsatta platser": [2, 1],
        "Barn och unga": [0, 0],
    }
    assert _tabell(ledning, ar=AR - 1)["Välfärdsbrott"] == [1, 1]
    assert _tabell(ledning, kvartal=2) == {
        "Välfärdsbrott": [1, 0],
        "Utsatta platser": [1, 0],
        "Barn och unga": [0, 0],
    }


def test_the_priority_filter_narrows_every_figure(varld, skapa_anvandare):
    ledning = skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
    data = selectors.siffror(ledning, Urval(ar=AR, prioritering=varld["p2"].pk))
    s = data["siffror"]
    assert (s.planerade, s.genomforda, s.installda) == (2, 1, 1)
    assert {r[0]: r[2:] for r in data["tabeller"]["prioriteringar"].rader}["Välfärdsbrott"] == [
        1,
        1,
    ]


def test_the_page_and_the_export_show_the_table_and_its_note(client, varld, skapa_anvandare):
    client.force_login(skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad"))
    sida = client.get(f"/uppfoljning/?ar={AR}&prioritering={varld['p1'].pk}").content.decode()
    assert "Per prioritering" in sida
    assert "därför finns ingen summa över prioriteringarna" in sida
    assert f'<option value="{varld["p1"].pk}" selected>Perioden: Välfärdsbrott</option>' in sida
    csv = client.get(f"/uppfoljning/export/prioriteringar.csv?ar={AR}").content.decode("utf-8-sig")
    assert csv.splitlines() == [
        "Prioritering;Period;Planerade;Genomförda",
        "Välfärdsbrott;Perioden;2;1",
        "Utsatta platser;Perioden;2;1",
        "Barn och unga;Perioden;0;0",
    ]


def test_aggregate_roles_see_figures_only_and_others_count_nothing_of_it(
    client, varld, skapa_anvandare
):
    # The management group counts the operations but opens none of them.
    client.force_login(skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad"))
    assert client.get(f"/insatser/{varld['a'].pk}/").status_code == 404
    # A coordinator of an organisation outside the operations counts none of them.
    miljo = skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen")
    assert set(map(tuple, _tabell(miljo).values())) == {(0, 0)}
    # The coordinating organisation counts its own.
    akc = skapa_anvandare("akc", Roll.SAMORDNARE, "akc-vast")
    assert _tabell(akc)["Välfärdsbrott"] == [2, 1]
    # Officers follow operations on their pages, not in the follow-up.
    client.force_login(skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen"))
    assert client.get(f"/uppfoljning/export/prioriteringar.csv?ar={AR}").status_code == 403
