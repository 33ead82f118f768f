"""Minimum counts, rule order and collisions, as pure functions."""

from datetime import date, datetime, time, timedelta

from arshjul import granskning
from arshjul.generering import lokal
from arshjul.granskning import Bokad, Planerad
from arshjul.models import Handelsetyp, Regeltyp
from arshjul.models.val import BEGRANSNING
from tests.arshjul.test_generering import regel


def tid(dag: int, timme: int) -> datetime:
    return lokal(date(2026, 3, dag), time(timme))


def planerad(pk, regel_id=1, forekomst=None, organ_id=7, heldag=False, dag=1, typ=Handelsetyp.MOTE):
    return Planerad(pk, regel_id, forekomst or pk, organ_id, typ, heldag, tid(dag, 9), tid(dag, 11))


def test_fewer_than_four_meetings_fail_the_minimum():
    fyra = regel(1, antal=4, heldag_antal=1, organ_id=7)
    [rad] = granskning.minimikrav(
        [fyra], [planerad(1), planerad(2), planerad(3, heldag=True)], 2026
    )
    assert (rad["krav"], rad["antal"], rad["heldag_antal"], rad["uppfyllt"]) == (4, 3, 1, False)


def test_a_meeting_added_by_hand_for_the_same_body_counts():
    fyra = regel(1, antal=4, heldag_antal=1, organ_id=7)
    handelser = [planerad(1), planerad(2), planerad(3), planerad(9, regel_id=None, heldag=True)]
    [rad] = granskning.minimikrav([fyra], handelser, 2026)
    assert rad["uppfyllt"] is True


def test_the_full_day_is_required_too():
    fyra = regel(1, antal=4, heldag_antal=1, organ_id=7)
    [rad] = granskning.minimikrav([fyra], [planerad(n) for n in range(1, 5)], 2026)
    assert rad["uppfyllt"] is False


def test_blackouts_fixed_periods_and_off_years_have_no_minimum():
    regler = [
        regel(1, typ=BEGRANSNING, regeltyp=Regeltyp.FAST_FONSTER),
        regel(2, regeltyp=Regeltyp.FAST_FONSTER),
        regel(3, regeltyp=Regeltyp.INTERVALL_AR, intervall_ar=2, ankarar=2025),
    ]
    assert granskning.minimikrav(regler, [], 2026) == []


def test_an_occurrence_before_the_one_it_must_follow_is_reported():
    bered = regel(1)
    styr = regel(2, beroende_av_id=1)
    handelser = [
        Planerad(10, 1, 1, None, Handelsetyp.UPPFOLJNING, False, tid(10, 0), tid(11, 0)),
        Planerad(20, 2, 1, None, Handelsetyp.MOTE, False, tid(5, 9), tid(5, 11)),
    ]
    [fel] = granskning.ordningsfel([bered, styr], handelser)
    assert (fel["regel"], fel["fore"], fel["handelse_id"]) == ("Regel 2", "Regel 1", 20)
    handelser[1] = Planerad(20, 2, 1, None, Handelsetyp.MOTE, False, tid(12, 9), tid(12, 11))
    assert granskning.ordningsfel([bered, styr], handelser) == []


def test_collisions_of_a_body_a_unit_and_a_person():
    poster = [
        Bokad("handelse", 1, tid(2, 9), tid(2, 11), organ_id=7, enheter=frozenset({70})),
        Bokad("handelse", 2, tid(2, 10), tid(2, 12), organ_id=7),
        Bokad("insats", 5, tid(2, 8), tid(2, 10) + timedelta(minutes=1), enheter=frozenset({70})),
        Bokad("handelse", 3, tid(3, 9), tid(3, 11), personer=frozenset({42})),
        Bokad("insats", 6, tid(3, 10), tid(3, 14), polispersoner=frozenset({42})),
    ]
    resultat = granskning.kollisioner(poster)
    funna = {
        (k["typ"], k["resurs"], tuple(map(tuple, k["poster"])), k["polis"])
        for k in resultat["lista"]
    }
    assert funna == {
        ("ORGAN", 7, (("handelse", 1), ("handelse", 2)), False),
        ("ENHET", 70, (("insats", 5), ("handelse", 1)), False),
        ("PERSON", 42, (("handelse", 3), ("insats", 6)), True),
    }
    assert resultat["antal"] == 3


def test_back_to_back_bookings_do_not_collide():
    poster = [
        Bokad("handelse", 1, tid(2, 9), tid(2, 11), organ_id=7),
        Bokad("handelse", 2, tid(2, 11), tid(2, 12), organ_id=7),
    ]
    assert granskning.kollisioner(poster) == {"antal": 0, "lista": [], "per_resurs": {}}


def test_the_report_keeps_a_bounded_number_of_collisions():
    poster = [Bokad("insats", n, tid(2, 9), tid(2, 11), enheter=frozenset({70})) for n in range(40)]
    resultat = granskning.kollisioner(poster)
    assert resultat["antal"] == 40 * 39 // 2
    assert resultat["per_resurs"] == {"ENHET:70": 40 * 39 // 2}, "the count per resource too"
    assert len(resultat["lista"]) == granskning.STORSTA_ANTAL_KOLLISIONER
