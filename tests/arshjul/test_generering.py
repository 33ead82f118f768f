"""Rule expansion and window placement, as pure functions of rules, blackouts and taken slots."""

from datetime import date, time

import pytest

from arshjul import generering, placering
from arshjul.generering import Bokning, Kontext, Period, lokal
from arshjul.models import Aterkommanderegel, Handelsetyp, Niva, Regeltyp
from arshjul.models.val import BEGRANSNING

AR = 2026


def regel(pk=1, **falt):
    varden = {
        "namn": f"Regel {pk}",
        "typ": Handelsetyp.MOTE,
        "regeltyp": Regeltyp.MIN_PER_AR,
        "antal": 1,
        "heldag_antal": 0,
        "foredragna_manader": [],
        "veckodag": 2,
        "starttid": time(9, 0),
        "langd_minuter": 120,
        "langd_dagar": 1,
        "min_dagar_efter": 7,
    }
    varden.update(falt)
    return Aterkommanderegel(pk=pk, **varden)


def fonsterregel(pk=1, lpo_id=1, **falt):
    varden = {
        "typ": Handelsetyp.INSATSFONSTER,
        "lpo_id": lpo_id,
        "kapacitet": 2,
        "langd_dagar": 5,
        "foredragna_manader": [3],
    }
    varden.update(falt)
    return regel(pk, **varden)


def dagar(onskade):
    return [o.falt["start"].date() for o in onskade]


@pytest.mark.parametrize(
    ("antal", "foredragna", "manader"),
    [
        (4, [], [2, 5, 8, 11]),
        (2, [], [4, 10]),
        (12, [], list(range(1, 13))),
        (1, [3], [3]),
        (2, [3, 9], [3, 9]),
        (2, [2, 5, 8, 11], [5, 11]),
        (3, [6], [3, 6, 10]),
    ],
)
def test_months_spread_over_the_preferred_ones_then_over_the_year(antal, foredragna, manader):
    assert generering.manader_for(antal, foredragna) == manader


def test_at_least_four_meetings_a_year_one_a_full_day():
    onskade = generering.expandera_regel(regel(antal=4, heldag_antal=1), Kontext(AR, []), "LG")
    assert [o.forekomst for o in onskade] == [1, 2, 3, 4]
    assert dagar(onskade) == [
        date(2026, 2, 11),
        date(2026, 5, 13),
        date(2026, 8, 12),
        date(2026, 11, 11),
    ]
    heldag = onskade[0].falt
    assert heldag["heldag"] is True
    assert (heldag["start"], heldag["slut"]) == (
        lokal(date(2026, 2, 11), time(9)),
        lokal(date(2026, 2, 11), time(16)),
    )
    vanligt = onskade[1].falt
    assert vanligt["heldag"] is False
    assert vanligt["slut"] - vanligt["start"] == lokal(date(2026, 1, 1), time(11)) - lokal(
        date(2026, 1, 1), time(9)
    )


def test_a_meeting_on_a_public_holiday_moves_to_the_next_working_day():
    torsdag = regel(antal=1, foredragna_manader=[5], veckodag=3)
    assert dagar(generering.expandera_regel(torsdag, Kontext(AR, []), "X")) == [date(2026, 5, 15)]


@pytest.mark.parametrize(
    ("ankarar", "forekommer"),
    [
        (2024, {2022: True, 2024: True, 2025: False, 2026: True, 2027: False}),
        (2025, {2025: True, 2026: False}),
    ],
)
def test_every_other_year_from_the_anchor_year(ankarar, forekommer):
    vartannat = regel(
        regeltyp=Regeltyp.INTERVALL_AR, intervall_ar=2, ankarar=ankarar, foredragna_manader=[10]
    )
    for ar, ja in forekommer.items():
        assert generering.forekommer(vartannat, ar) is ja
        assert len(generering.expandera_regel(vartannat, Kontext(ar, []), "Forum")) == int(ja)


def test_a_fixed_period_every_year_is_whole_days():
    period = regel(
        typ=Handelsetyp.TRYGGHETSMATNING,
        regeltyp=Regeltyp.FAST_FONSTER,
        fran_manad=3,
        fran_dag=2,
        till_manad=3,
        till_dag=27,
    )
    [onskad] = generering.expandera_regel(period, Kontext(AR, []), "Trygghetsmätning")
    assert onskad.falt["start"] == lokal(date(2026, 3, 2), time(0))
    assert onskad.falt["slut"] == lokal(date(2026, 3, 28), time(0))


def test_a_blackout_rule_across_new_year_gives_both_parts_that_touch_the_year():
    nyar = regel(
        typ=BEGRANSNING,
        regeltyp=Regeltyp.FAST_FONSTER,
        fran_manad=12,
        fran_dag=27,
        till_manad=1,
        till_dag=6,
        niva=Niva.BLOCKERA,
    )
    perioder = generering.expandera_begransningar([nyar], AR)
    assert [(p.forekomst, p.falt["fran"], p.falt["till"]) for p in perioder] == [
        (0, date(2025, 12, 27), date(2026, 1, 6)),
        (1, date(2026, 12, 27), date(2027, 1, 6)),
    ]


def test_an_invalid_fixed_date_gives_no_period():
    felaktig = regel(
        typ=BEGRANSNING,
        regeltyp=Regeltyp.FAST_FONSTER,
        fran_manad=2,
        fran_dag=30,
        till_manad=3,
        till_dag=2,
    )
    assert generering.expandera_begransningar([felaktig], AR) == []


def test_a_rule_that_comes_after_another_is_placed_after_it():
    bered = regel(1, typ=Handelsetyp.UPPFOLJNING, foredragna_manader=[9], veckodag=2)
    styr = regel(2, foredragna_manader=[9], veckodag=0, beroende_av_id=1, min_dagar_efter=14)
    kontext = Kontext(AR, [])
    ordnade = generering.ordna_regler([styr, bered])
    assert [r.pk for r in ordnade] == [1, 2]
    forst = generering.expandera_regel(ordnade[0], kontext, "Beredning")
    sedan = generering.expandera_regel(ordnade[1], kontext, "Styrgrupp")
    assert dagar(forst) == [date(2026, 9, 9)]
    assert dagar(sedan) == [date(2026, 9, 24)], "the 10th + 14 days, then the next working day"
    assert sedan[0].beroende_av == (1, 1)


def test_two_meetings_of_the_same_body_do_not_overlap():
    kontext = Kontext(AR, [], organ_enheter={7: frozenset({70})})
    forsta = generering.expandera_regel(regel(1, organ_id=7, foredragna_manader=[3]), kontext, "A")
    andra = generering.expandera_regel(regel(2, organ_id=7, foredragna_manader=[3]), kontext, "B")
    assert dagar(forsta) == [date(2026, 3, 11)]
    assert dagar(andra) == [date(2026, 3, 12)]


def test_a_meeting_avoids_a_unit_already_booked_by_hand():
    handbokad = Bokning(
        lokal(date(2026, 3, 11), time(8)),
        lokal(date(2026, 3, 11), time(12)),
        enheter=frozenset({70}),
    )
    kontext = Kontext(AR, [], bokningar=[handbokad], organ_enheter={7: frozenset({70})})
    onskade = generering.expandera_regel(regel(organ_id=7, foredragna_manader=[3]), kontext, "A")
    assert dagar(onskade) == [date(2026, 3, 12)]


def test_a_blocking_period_everywhere_moves_a_meeting():
    jul = Period("Jul", date(2026, 12, 7), date(2026, 12, 11), Niva.BLOCKERA)
    onskade = generering.expandera_regel(regel(foredragna_manader=[12]), Kontext(AR, [jul]), "Möte")
    assert dagar(onskade) == [date(2026, 12, 14)]


def placera(regel_, perioder=(), bokningar=(), lpo_region=None, forskjutning=0):
    kontext = Kontext(AR, list(perioder), list(bokningar), lpo_region=lpo_region or {1: 10, 2: 11})
    return placering.placera_fonster(regel_, kontext, "Fönster", "City", forskjutning)


def test_a_window_takes_the_second_week_of_its_month():
    [fonster], notiser = placera(fonsterregel())
    assert fonster.falt["start"] == lokal(date(2026, 3, 9), time(0))
    assert fonster.falt["slut"] == lokal(date(2026, 3, 14), time(0)), "Monday to Friday"
    assert (fonster.falt["kapacitet"], fonster.falt["lpo_id"], notiser) == (2, 1, [])


def test_a_window_moves_out_of_a_blocking_period_and_says_so():
    period = Period("Idrottsevenemang", date(2026, 3, 5), date(2026, 3, 12), Niva.BLOCKERA)
    [fonster], [notis] = placera(fonsterregel(), [period])
    assert fonster.falt["start"].date() == date(2026, 3, 16)
    assert (notis.kod, notis.period, notis.manad) == ("FLYTTAT", "Idrottsevenemang", 3)


def test_a_window_with_every_week_blocked_is_not_placed():
    period = Period("Hela mars", date(2026, 2, 23), date(2026, 4, 3), Niva.BLOCKERA)
    fonster, [notis] = placera(fonsterregel(), [period])
    assert fonster == []
    assert (notis.kod, notis.period) == ("EJ_PLACERAT", "Hela mars")


def test_a_window_prefers_a_week_without_a_warning():
    period = Period("Mässa", date(2026, 3, 1), date(2026, 3, 20), Niva.VARNA, 50)
    [fonster], [notis] = placera(fonsterregel(), [period])
    assert fonster.falt["start"].date() == date(2026, 3, 23)
    assert fonster.falt["kapacitet"] == 2
    assert (notis.kod, notis.period) == ("FLYTTAT", "Mässa")


def test_a_window_in_a_warning_period_gets_the_reduced_capacity():
    sommar = Period("Sommar", date(2026, 2, 20), date(2026, 4, 10), Niva.VARNA, 50)
    [fonster], [notis] = placera(fonsterregel(kapacitet=3), [sommar])
    assert fonster.falt["start"].date() == date(2026, 3, 9)
    assert fonster.falt["kapacitet"] == 1
    assert fonster.falt["planeringsnotis"] == "Sommar"
    assert (notis.kod, notis.kapacitet, notis.planerad) == ("VARNING", 1, 3)


def test_a_warning_that_leaves_no_capacity_blocks():
    stopp = Period("Stopp", date(2026, 2, 20), date(2026, 4, 10), Niva.VARNA, 0)
    fonster, [notis] = placera(fonsterregel(), [stopp])
    assert fonster == []
    assert notis.kod == "EJ_PLACERAT"


def test_a_warning_without_a_share_keeps_the_capacity_but_flags_it():
    varning = Period("Valrörelse", date(2026, 2, 20), date(2026, 4, 10), Niva.VARNA)
    [fonster], [notis] = placera(fonsterregel(), [varning])
    assert fonster.falt["kapacitet"] == 2
    assert notis.kod == "VARNING"


@pytest.mark.parametrize(
    ("period", "galler"),
    [
        (Period("LPO 1", date(2026, 3, 1), date(2026, 3, 31), Niva.BLOCKERA, lpo_id=1), True),
        (Period("LPO 2", date(2026, 3, 1), date(2026, 3, 31), Niva.BLOCKERA, lpo_id=2), False),
        (
            Period("Region 10", date(2026, 3, 1), date(2026, 3, 31), Niva.BLOCKERA, region_id=10),
            True,
        ),
        (
            Period("Region 11", date(2026, 3, 1), date(2026, 3, 31), Niva.BLOCKERA, region_id=11),
            False,
        ),
    ],
)
def test_a_blackout_applies_to_its_lpo_or_region_only(period, galler):
    fonster, _notiser = placera(fonsterregel(lpo_id=1), [period])
    assert (fonster == []) is galler


def test_windows_of_one_lpo_never_overlap():
    handlagd = Bokning(
        lokal(date(2026, 3, 9), time(0)), lokal(date(2026, 3, 14), time(0)), lpo_id=1, fonster=True
    )
    [fonster], [notis] = placera(fonsterregel(lpo_id=1), bokningar=[handlagd])
    assert fonster.falt["start"].date() == date(2026, 3, 16)
    assert notis.kod == "FLYTTAT"


def test_windows_of_different_lpos_go_to_different_weeks_when_they_can():
    kontext = Kontext(AR, [], lpo_region={1: 10, 2: 10})
    forsta, _ = placering.placera_fonster(fonsterregel(1, lpo_id=1), kontext, "A", "City", 0)
    andra, _ = placering.placera_fonster(fonsterregel(2, lpo_id=2), kontext, "B", "Syd", 1)
    assert dagar(forsta) == [date(2026, 3, 9)]
    assert dagar(andra) == [date(2026, 3, 16)]


def test_monthly_windows_twelve_a_year():
    fonster, _ = placera(fonsterregel(antal=12, foredragna_manader=[]))
    assert [d.month for d in dagar(fonster)] == list(range(1, 13))
    assert all(d.weekday() == 0 for d in dagar(fonster))


def test_the_same_input_gives_the_same_output():
    perioder = [Period("Sommar", date(2026, 6, 22), date(2026, 8, 16), Niva.VARNA, 50)]
    forsta = placera(fonsterregel(antal=12, foredragna_manader=[]), perioder)
    andra = placera(fonsterregel(antal=12, foredragna_manader=[]), perioder)
    assert forsta == andra
