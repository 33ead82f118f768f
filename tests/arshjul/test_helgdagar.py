"""Swedish public holidays (Lag (1989:253) om allmänna helgdagar), computed."""

from datetime import date

import pytest

from arshjul.helgdagar import ar_arbetsdag, helgdagar, pask


@pytest.mark.parametrize(
    ("ar", "paskdag"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_follows_the_gregorian_computus(ar, paskdag):
    assert pask(ar) == paskdag


def test_the_holidays_of_2026():
    dagar = {str(h.namn): h.datum for h in helgdagar(2026)}
    assert dagar == {
        "Nyårsdagen": date(2026, 1, 1),
        "Trettondedag jul": date(2026, 1, 6),
        "Långfredagen": date(2026, 4, 3),
        "Påskdagen": date(2026, 4, 5),
        "Annandag påsk": date(2026, 4, 6),
        "Första maj": date(2026, 5, 1),
        "Kristi himmelsfärdsdag": date(2026, 5, 14),
        "Pingstdagen": date(2026, 5, 24),
        "Sveriges nationaldag": date(2026, 6, 6),
        "Midsommarafton": date(2026, 6, 19),
        "Midsommardagen": date(2026, 6, 20),
        "Alla helgons dag": date(2026, 10, 31),
        "Julafton": date(2026, 12, 24),
        "Juldagen": date(2026, 12, 25),
        "Annandag jul": date(2026, 12, 26),
        "Nyårsafton": date(2026, 12, 31),
    }


@pytest.mark.parametrize("ar", range(2020, 2040))
def test_midsummer_and_all_saints_are_saturdays_in_their_weeks(ar):
    dagar = {str(h.namn): h.datum for h in helgdagar(ar)}
    for namn, forsta in (
        ("Midsommardagen", date(ar, 6, 20)),
        ("Alla helgons dag", date(ar, 10, 31)),
    ):
        assert dagar[namn].weekday() == 5
        assert 0 <= (dagar[namn] - forsta).days <= 6


def test_eves_are_days_off_but_not_public_holidays_in_law():
    ej_allmanna = {str(h.namn) for h in helgdagar(2026) if not h.allman}
    assert ej_allmanna == {"Midsommarafton", "Julafton", "Nyårsafton"}


def test_working_days():
    assert ar_arbetsdag(date(2026, 5, 13))
    assert not ar_arbetsdag(date(2026, 5, 14)), "Kristi himmelsfärdsdag"
    assert not ar_arbetsdag(date(2026, 6, 19)), "Midsommarafton"
    assert not ar_arbetsdag(date(2026, 5, 16)), "a Saturday"
