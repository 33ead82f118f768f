"""Which timeline entries notify: every notifying kind is a timeline kind and names who is told."""

from insatser.tidslinje import TIDSLINJETYPER
from notiser.notistyper import AKUTA, NOTIFIERANDE, NOTISTYPER, STANDARD_EPOST


def test_every_notifying_kind_is_a_timeline_kind():
    assert set(NOTISTYPER) - set(TIDSLINJETYPER) == set()
    assert set(NOTISTYPER) == NOTIFIERANDE


def test_every_notifying_kind_names_recipients():
    for kod, typ in NOTISTYPER.items():
        assert typ.mottagare, kod


def test_cancellation_and_rescheduling_are_urgent_and_e_mailed_by_default():
    """And a threat against officials during an operation."""
    assert {
        NOTISTYPER["stall_in"].kategori,
        NOTISTYPER["omplanera"].kategori,
        NOTISTYPER["fynd_hot"].kategori,
    } == AKUTA
    assert set(STANDARD_EPOST) == AKUTA
    assert NOTISTYPER["stall_in"].akut
    assert NOTISTYPER["fynd_hot"].akut
    assert not NOTISTYPER["inbjudan"].akut
