"""The year boundary: in December the new-operation form offers next year's windows too, next
year's wheel made from the recurrence rules when first needed, and a rescheduling never proposes
a date already passed."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulsar, Arshjulshandelse, Handelsetyp
from arshjul.standardregler import ladda_standardregler
from insatser.models import Insats
from insatser.workflow import InsatsStatus
from tests.fabriker import InsatsFabrik, lpo, org

pytestmark = pytest.mark.django_db
AR = timezone.localdate().year
DEN_15_DECEMBER = datetime(AR, 12, 15, 10, tzinfo=timezone.get_default_timezone())


def fonsterval(text: str) -> list[int]:
    """The windows the page's window select offers."""
    lista = text.split('name="insatsfonster"', 1)[1].split("</select>", 1)[0]
    return [int(v.split('"', 1)[0]) for v in lista.split('<option value="')[1:] if v[0].isdigit()]


@pytest.fixture
def regler(db):
    ladda_standardregler()
    return Arshjul.objects.get(kod="akc-vast-insatser")


def test_in_december_the_form_offers_next_years_windows_made_from_the_rules(client, folk, regler):
    assert not Arshjulsar.objects.filter(ar=AR + 1).exists()
    with time_machine.travel(DEN_15_DECEMBER, tick=False):
        client.force_login(folk["sam"])
        text = client.get("/insatser/ny/").content.decode()
        erbjudna = Arshjulshandelse.objects.filter(pk__in=fonsterval(text))
        assert erbjudna.filter(ar=AR + 1, arshjul=regler).exists(), "January is offered"
        assert all(
            timezone.localtime(f.start).date() >= DEN_15_DECEMBER.date() for f in erbjudna
        ), "no window already begun is offered"
        # A second visit makes nothing more.
        antal = Arshjulshandelse.objects.count()
        client.get("/insatser/ny/")
        assert Arshjulshandelse.objects.count() == antal
    assert (
        Arshjulshandelse.objects.filter(
            arshjul=regler, ar=AR + 1, typ=Handelsetyp.INSATSFONSTER
        ).count()
        >= 12
    ), "every LPO's windows of next year, from the rules"


def test_before_december_next_year_is_not_made(client, folk, regler):
    with time_machine.travel(DEN_15_DECEMBER - timedelta(days=30), tick=False):
        client.force_login(folk["sam"])
        client.get("/insatser/ny/")
    assert not Arshjulsar.objects.filter(ar=AR + 1).exists()


def test_on_15_december_a_rescheduling_proposes_a_window_still_to_come(client, folk, regler):
    with time_machine.travel(DEN_15_DECEMBER, tick=False):
        start = datetime.combine(
            timezone.localdate() + timedelta(days=1),
            time(18),
            tzinfo=timezone.get_default_timezone(),
        )
        insats = InsatsFabrik(
            samordnande_organisation=org("akc-vast"),
            start=start,
            slut=start + timedelta(hours=4),
            status=InsatsStatus.PLANERAD,
            lpoer=[lpo("city")],
        )
        client.force_login(folk["sam"])
        text = client.get(f"/insatser/{insats.pk}/omplanera/").content.decode()
        [valt] = [
            v.split('"', 1)[0]
            for v in text.split('<option value="')[1:]
            if '" selected>' in v.split(">", 1)[0] + ">"
            and v[0].isdigit()
            and int(v.split('"', 1)[0]) in fonsterval(text)
        ]
        fonster = Arshjulshandelse.objects.get(pk=valt)
        dag = timezone.localtime(fonster.start).date()
        assert dag > timezone.localdate(), "never a day already passed"
        assert dag.year == AR + 1, "the next window with room is in January"
        assert f"{dag.isoformat()}T18:00" in text or f"{dag.isoformat()} 18:00" in text
        for pk in fonsterval(text):
            forslag = Arshjulshandelse.objects.get(pk=pk)
            assert timezone.localtime(forslag.start).date() > timezone.localdate()
    assert Insats.objects.count() == 1


def test_beat_prepares_next_year_on_the_first_of_december_once(regler):
    from arshjul.tasks import forbered_planeringsar
    from config.celery import app

    schema = app.conf.beat_schedule["forbered_planeringsar"]
    assert schema["task"] == forbered_planeringsar.name
    with time_machine.travel(DEN_15_DECEMBER - timedelta(days=14), tick=False):
        assert forbered_planeringsar() >= 1
        antal = Arshjulshandelse.objects.count()
        assert forbered_planeringsar() == 0
        assert Arshjulshandelse.objects.count() == antal
    assert Arshjulshandelse.objects.filter(
        arshjul=regler, ar=AR + 1, typ=Handelsetyp.INSATSFONSTER
    ).exists()
