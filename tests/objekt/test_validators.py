"""Swedish organisation numbers and postal codes: property-based and example tests."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from objekt.validators import (
    luhn_ok,
    normalisera_organisationsnummer,
    normalisera_postnummer,
)


def luhn_kontrollsiffra(nio_siffror: str) -> str:
    """Reference implementation written from the definition, independent of the code under test."""
    summa = 0
    for position, siffra in enumerate(nio_siffror):
        produkt = int(siffra) * (2 - position % 2)
        summa += produkt // 10 + produkt % 10
    return str((10 - summa % 10) % 10)


nio_siffror = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(nio_siffror)
def test_every_number_with_a_correct_check_digit_is_accepted(stam):
    nummer = stam + luhn_kontrollsiffra(stam)
    assert normalisera_organisationsnummer(nummer) == f"{nummer[:6]}-{nummer[6:]}"
    assert (
        normalisera_organisationsnummer(f"{nummer[:6]}-{nummer[6:]}")
        == f"{nummer[:6]}-{nummer[6:]}"
    )
    assert normalisera_organisationsnummer("16" + nummer) == f"{nummer[:6]}-{nummer[6:]}"


@given(nio_siffror, st.integers(min_value=1, max_value=9))
def test_a_wrong_check_digit_is_refused(stam, fel):
    ratt = int(luhn_kontrollsiffra(stam))
    nummer = stam + str((ratt + fel) % 10)
    with pytest.raises(ValidationError) as undantag:
        normalisera_organisationsnummer(nummer)
    assert undantag.value.code == "kontrollsiffra"
    assert "kontrollsiffran stämmer inte" in undantag.value.messages[0]


@given(nio_siffror, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_a_single_corrupted_digit_is_detected(stam, position, andring):
    nummer = stam + luhn_kontrollsiffra(stam)
    skadad = list(nummer)
    skadad[position] = str((int(skadad[position]) + andring) % 10)
    with pytest.raises(ValidationError):
        normalisera_organisationsnummer("".join(skadad))


@given(nio_siffror, st.integers(min_value=0, max_value=7))
def test_swapping_adjacent_digits_is_detected_unless_they_are_equal_or_0_9(stam, position):
    nummer = stam + luhn_kontrollsiffra(stam)
    a, b = nummer[position], nummer[position + 1]
    # The Luhn algorithm cannot see a swap of equal digits or of 0 and 9.
    assume(a != b and {a, b} != {"0", "9"})
    bytt = nummer[:position] + b + a + nummer[position + 2 :]
    with pytest.raises(ValidationError):
        normalisera_organisationsnummer(bytt)


@given(st.text(max_size=20))
def test_arbitrary_text_is_refused_or_normalised_never_crashes(text):
    meddelanden = []
    try:
        resultat = normalisera_organisationsnummer(text)
    except ValidationError as fel:
        meddelanden = fel.messages
    if meddelanden:
        assert meddelanden[0].startswith(("Organisationsnumret", "Ett organisationsnummer"))
    else:
        assert len(resultat.replace("-", "")) in (10, 12)
        assert luhn_ok(resultat.replace("-", "")[-10:])


@pytest.mark.parametrize(
    ("indata", "forvantat"),
    [
        ("556016-0680", "556016-0680"),
        ("5560160680", "556016-0680"),
        ("16556016-0680", "556016-0680"),
        (" 202100-5448 ", "202100-5448"),
        ("198112189876", "19811218-9876"),
    ],
)
def test_known_numbers(indata, forvantat):
    assert normalisera_organisationsnummer(indata) == forvantat


@pytest.mark.parametrize(
    ("indata", "kod"),
    [
        ("", "format"),
        ("55601606", "format"),
        ("556016-06800", "format"),
        ("abcdef-ghij", "format"),
        ("556016+0680", "format"),
        ("17556016-0680", "prefix"),
        ("556016-0681", "kontrollsiffra"),
    ],
)
def test_malformed_numbers_get_a_swedish_message(indata, kod):
    with pytest.raises(ValidationError) as fel:
        normalisera_organisationsnummer(indata)
    assert fel.value.code == kod
    assert fel.value.messages[0].startswith(("Organisationsnumret", "Ett organisationsnummer"))


@given(st.integers(min_value=10000, max_value=99999), st.booleans())
def test_postal_codes_are_normalised(nummer, med_mellanslag):
    text = str(nummer)
    indata = f"{text[:3]} {text[3:]}" if med_mellanslag else text
    assert normalisera_postnummer(indata) == f"{text[:3]} {text[3:]}"


@pytest.mark.parametrize("indata", ["", "4110", "411 045", "011 04", "41I 04", "411-04"])
def test_bad_postal_codes_are_refused(indata):
    with pytest.raises(ValidationError) as fel:
        normalisera_postnummer(indata)
    assert fel.value.messages == ["Postnumret ska ha fem siffror, till exempel 411 04."]
