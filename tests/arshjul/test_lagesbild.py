"""The priorities of the joint situation picture: the reference data, the periods' rules and the
page that lists them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from arshjul.models import Atgardspunkt, Lagesbildsperiod, Prioritering, Samverkansorgan
from arshjul.standardregler import ladda_standardregler
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


def _period(kod, fran, till, organ=None, **falt):
    return Lagesbildsperiod.objects.create(
        kod=kod, namn=kod, fran=fran, till=till, samverkansorgan=organ, **falt
    )


@pytest.fixture
def organ():
    ladda_standardregler()
    return Samverkansorgan.objects.get(kod="ledningsgrupp-trygg-i-goteborg")


def test_the_reference_data_holds_gothenburgs_priorities_2024_2026_with_their_source(organ):
    period = Lagesbildsperiod.objects.get(kod="trygg-i-goteborg-2024-2026")
    assert (period.fran, period.till, period.samverkansorgan) == (
        date(2024, 1, 1),
        date(2026, 12, 31),
        organ,
    )
    assert {o.kod for o in period.organisationer.all()} == {"goteborgs-stad", "polisen"}
    # The exact days are assumed, and say so.
    assert period.ej_i_kallorna
    namn = list(period.prioriteringar.values_list("namn", flat=True))
    assert namn == [
        "Särskilt utsatta områden och platser",
        "Särskilt utsatta grupper: våld i nära relationer",
        "Särskilt utsatta grupper: barn och unga i riskzon",
        "Välfärdsbrottslighet",
    ]
    assert all(p.kalla.startswith("[001]") for p in period.prioriteringar.all())
    # Loading again creates nothing.
    assert ladda_standardregler() == 0


def test_a_period_ends_on_or_after_its_first_day(organ):
    period = Lagesbildsperiod(
        kod="bakvand", namn="Bakvänd", fran=date(2030, 1, 1), till=date(2029, 1, 1)
    )
    with pytest.raises(ValidationError) as fel:
        period.full_clean()
    assert "till" in fel.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        period.save()


def test_one_body_sets_one_set_of_priorities_at_a_time(organ):
    overlappande = Lagesbildsperiod(
        kod="revision", namn="Revision", fran=date(2026, 7, 1), till=date(2028, 6, 30),
        samverkansorgan=organ,
    )  # fmt: skip
    with pytest.raises(ValidationError) as fel:
        overlappande.full_clean()
    assert "Trygg i Göteborg 2024–2026" in fel.value.message_dict["fran"][0]
    # The revision after the old period ends is fine, and so is another body's period.
    Lagesbildsperiod(
        kod="nasta", namn="Nästa", fran=date(2027, 1, 1), till=date(2028, 12, 31),
        samverkansorgan=organ,
    ).full_clean()  # fmt: skip
    Lagesbildsperiod(
        kod="annan", namn="Annan kommun", fran=date(2026, 1, 1), till=date(2027, 12, 31)
    ).full_clean()


def test_an_action_plan_item_lies_under_a_priority_of_its_own_period(organ):
    gamla = _period("gamla", date(2020, 1, 1), date(2021, 12, 31))
    prioritering = Prioritering.objects.create(
        kod="gammal-prioritering", period=gamla, namn="Gammal"
    )
    ny = Lagesbildsperiod.objects.get(kod="trygg-i-goteborg-2024-2026")
    punkt = Atgardspunkt(kod="punkt", period=ny, prioritering=prioritering, namn="Punkt")
    with pytest.raises(ValidationError) as fel:
        punkt.full_clean()
    assert "prioritering" in fel.value.message_dict
    punkt.period = gamla
    punkt.full_clean()


def test_the_page_shows_the_periods_in_force_and_links_the_others(
    client, skapa_anvandare, organ, django_assert_max_num_queries
):
    idag = timezone.localdate()
    aktuell = _period("aktuell", idag - timedelta(days=10), idag + timedelta(days=10))
    p = Prioritering.objects.create(kod="aktuell-1", period=aktuell, namn="Aktuell prioritering")
    Atgardspunkt.objects.create(kod="aktuell-a", period=aktuell, prioritering=p, namn="Punkt A")
    Atgardspunkt.objects.create(kod="aktuell-b", period=aktuell, namn="Fristående punkt")
    gammal = _period("gammal", date(2010, 1, 1), date(2011, 12, 31))
    Prioritering.objects.create(kod="gammal-1", period=gammal, namn="Gammal prioritering")
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    with django_assert_max_num_queries(12):
        text = client.get("/arshjul/prioriteringar/").content.decode()
    assert "Aktuell prioritering" in text
    assert "Punkt A" in text
    assert "Fristående punkt" in text
    assert "Gammal prioritering" not in text
    assert "?period=gammal" in text
    text = client.get("/arshjul/prioriteringar/?period=gammal").content.decode()
    assert "Gammal prioritering" in text
    assert "Aktuell prioritering" not in text
    assert client.get("/arshjul/prioriteringar/?period=finns-inte").status_code == 404


def test_the_wheels_page_links_the_priorities_for_those_who_may_see_them(client, skapa_anvandare):
    client.force_login(skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"))
    assert "/arshjul/prioriteringar/" in client.get("/arshjul/").content.decode()
    client.force_login(skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen"))
    assert "/arshjul/prioriteringar/" not in client.get("/arshjul/").content.decode()
    assert client.get("/arshjul/prioriteringar/").status_code == 403
