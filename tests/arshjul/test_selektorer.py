"""The reads offered to planning: blackout periods over a span, windows with room left."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from arshjul import selectors
from arshjul.models import Arshjulshandelse, Begransningsperiod, Handelsetyp, Niva
from insatser.models import Installningsorsak
from insatser.workflow import InsatsStatus
from myndigheter.models import Lokalpolisomrade, Polisregion
from myndigheter.roles import Roll
from tests.fabriker import InsatsFabrik

pytestmark = pytest.mark.django_db


def lpo(kod):
    return Lokalpolisomrade.objects.get(kod=kod)


def period(arshjul, namn, fran, till, **falt):
    return Begransningsperiod.objects.create(
        arshjul=arshjul, ar=fran.year, namn=namn, fran=fran, till=till, niva=Niva.BLOCKERA, **falt
    )


@pytest.fixture
def samordnare(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")


def test_blackouts_over_a_span_for_some_lpos(akc, samordnare):
    overallt = period(akc, "Överallt", date(2026, 3, 1), date(2026, 3, 10))
    city = period(akc, "City", date(2026, 3, 5), date(2026, 3, 6), lpo=lpo("city"))
    period(akc, "Borås", date(2026, 3, 5), date(2026, 3, 6), lpo=lpo("boras"))
    vast = period(
        akc,
        "Väst",
        date(2026, 3, 5),
        date(2026, 3, 6),
        polisregion=Polisregion.objects.get(kod="vast"),
    )
    period(
        akc,
        "Stockholm",
        date(2026, 3, 5),
        date(2026, 3, 6),
        polisregion=Polisregion.objects.get(kod="stockholm"),
    )
    period(akc, "Senare", date(2026, 4, 1), date(2026, 4, 2))
    funna = selectors.begransningar_under(
        samordnare, date(2026, 3, 6), date(2026, 3, 8), [lpo("city").pk]
    )
    assert {p.pk for p in funna} == {overallt.pk, city.pk, vast.pk}


def test_a_period_over_new_year_built_into_both_years_is_given_once(akc, bygg, samordnare):
    bygg(akc, 2026)
    bygg(akc, 2027)
    funna = selectors.begransningar_under(
        samordnare, date(2026, 12, 30), date(2027, 1, 2), [lpo("city").pk]
    )
    assert [p.namn for p in funna] == ["Nyår: polisen prioriterar ingripande"]


def test_blackouts_follow_the_policy(akc, skapa_anvandare):
    period(akc, "Överallt", date(2026, 3, 1), date(2026, 3, 10))
    admin = skapa_anvandare("admin", Roll.ADMIN, "akc-vast")
    assert not selectors.begransningar_under(admin, date(2026, 3, 1), date(2026, 3, 2), [])
    akc.aktiv = False
    akc.save()
    handlaggare = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    assert not selectors.begransningar_under(handlaggare, date(2026, 3, 1), date(2026, 3, 2), [])


def fonster(arshjul, dag, kapacitet=2, lpo_kod="city"):
    start = datetime.combine(dag, time(0), tzinfo=timezone.get_default_timezone())
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=dag.year,
        typ=Handelsetyp.INSATSFONSTER,
        titel=f"Fönster {dag}",
        lpo=lpo(lpo_kod),
        kapacitet=kapacitet,
        start=start,
        slut=start.replace(day=start.day + 5),
    )


def planera(i_fonster, referens, status=InsatsStatus.PLANERAD):
    return InsatsFabrik(
        referens=referens,
        start=i_fonster.start,
        slut=i_fonster.slut,
        status=status,
        installd_orsak=Installningsorsak.objects.first()
        if status == InsatsStatus.INSTALLD
        else None,
        insatsfonster=i_fonster,
    )


def test_windows_with_room_left_after_a_date(akc, samordnare):
    tidigt = fonster(akc, date(2026, 2, 2))
    fullt = fonster(akc, date(2026, 3, 2), kapacitet=1)
    ledigt = fonster(akc, date(2026, 4, 6), kapacitet=2)
    fonster(akc, date(2026, 5, 4), lpo_kod="nordost")
    planera(fullt, "F-1")
    planera(ledigt, "L-1")
    planera(ledigt, "L-2", status=InsatsStatus.INSTALLD)
    funna = list(selectors.fonster_med_ledig_kapacitet(samordnare, [lpo("city")], date(2026, 3, 1)))
    assert [f.pk for f in funna] == [ledigt.pk]
    assert (funna[0].planerade, funna[0].ledigt) == (1, 1), "a cancelled operation takes no place"
    assert tidigt.pk not in [f.pk for f in funna]


def test_windows_follow_the_policy(akc, skapa_anvandare):
    fonster(akc, date(2026, 4, 6))
    ledning = skapa_anvandare("lg", Roll.LEDNINGSGRUPP, "goteborgs-stad")
    assert not selectors.fonster_med_ledig_kapacitet(ledning, [lpo("city")], date(2026, 1, 1))
