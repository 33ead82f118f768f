"""Operations planned in the windows of the årshjul: created from a window, refused when the
window is full or does not fit, and a rescheduling offered the next window with room."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp
from arshjul.selectors import fonster_med_ledig_kapacitet
from insatser import services
from insatser.models import Insats, Installningsorsak
from insatser.workflow import InsatsStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def hjul(db):
    return Arshjul.objects.create(
        kod="fonsterhjul", namn="AKC-väst insatser", agare=Myndighet.objects.get(kod="akc-vast")
    )


def lpo(kod="city"):
    return Lokalpolisomrade.objects.get(kod=kod)


def fonster(hjul, dagar, kapacitet=1, lpo_kod="city"):
    dag = timezone.localdate() + timedelta(days=dagar)
    start = datetime.combine(dag, time(0), tzinfo=timezone.get_current_timezone())
    return Arshjulshandelse.objects.create(
        arshjul=hjul,
        ar=dag.year,
        typ=Handelsetyp.INSATSFONSTER,
        titel=f"Fönster {dag}",
        lpo=lpo(lpo_kod),
        kapacitet=kapacitet,
        start=start,
        slut=start + timedelta(days=4, hours=23),
    )


def fonsterval(text: str) -> str:
    """The options of the page's window select."""
    return text.split('name="insatsfonster"', 1)[1].split("</select>", 1)[0]


def skapa(user, valt, dag_i_fonstret=1, lpo_kod="city"):
    start = timezone.localtime(valt.start) + timedelta(days=dag_i_fonstret, hours=9)
    return services.skapa_insats(
        user=user,
        titel="I fönstret",
        start=start,
        slut=start + timedelta(hours=4),
        lpoer=[lpo(lpo_kod)],
        insatsfonster=valt,
    )


def test_an_operation_created_in_a_window_takes_a_place_in_it(folk, hjul):
    valt = fonster(hjul, 30, kapacitet=2)
    insats = skapa(folk["sam"], valt)
    assert insats.insatsfonster == valt
    [kvar] = fonster_med_ledig_kapacitet(folk["sam"], [lpo().pk], timezone.localdate())
    assert (kvar.planerade, kvar.ledigt) == (1, 1)


def test_a_full_window_is_refused_and_nothing_is_saved(folk, hjul):
    valt = fonster(hjul, 30, kapacitet=1)
    skapa(folk["sam"], valt)
    with pytest.raises(ValidationError) as fel:
        skapa(folk["sam"], valt)
    assert "ingen ledig plats" in str(fel.value)
    assert Insats.objects.filter(titel="I fönstret").count() == 1


@pytest.mark.parametrize(
    ("dag_i_fonstret", "lpo_kod", "orsak"),
    [(7, "city", "inom insatsfönstret"), (1, "nordost", "välj det lokalpolisområdet")],
)
def test_an_operation_outside_the_windows_days_or_lpo_is_refused(
    folk, hjul, dag_i_fonstret, lpo_kod, orsak
):
    valt = fonster(hjul, 30)
    with pytest.raises(ValidationError) as fel:
        skapa(folk["sam"], valt, dag_i_fonstret=dag_i_fonstret, lpo_kod=lpo_kod)
    assert orsak in str(fel.value)
    assert not Insats.objects.exists()


def test_the_new_operation_page_starts_from_the_window_picked_on_the_wheel(client, folk, hjul):
    valt = fonster(hjul, 30)
    fonster(hjul, 60, lpo_kod="nordost")
    fullt = fonster(hjul, 90)
    skapa(folk["sam"], fullt)
    client.force_login(folk["sam"])
    text = client.get(f"/insatser/ny/?fonster={valt.pk}").content.decode()
    assert f'<option value="{valt.pk}" selected>' in fonsterval(text)
    assert f'<option value="{fullt.pk}"' not in fonsterval(text), "a full window is not offered"
    dag = timezone.localtime(valt.start).date()
    assert (
        f'value="{dag.isoformat()} 09:00:00"' in text or f'value="{dag.isoformat()}T09:00' in text
    )
    assert f'<option value="{lpo().pk}" selected>' in text


def test_creating_in_a_window_from_the_form(client, folk, hjul):
    valt = fonster(hjul, 30)
    dag = timezone.localtime(valt.start).date() + timedelta(days=1)
    client.force_login(folk["sam"])
    svar = client.post(
        "/insatser/ny/",
        {
            "titel": "Bilverkstäder",
            "start": f"{dag.isoformat()}T18:00",
            "slut": f"{dag.isoformat()}T22:00",
            "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
            "lpoer": [lpo().pk],
            "insatsfonster": valt.pk,
        },
    )
    insats = Insats.objects.get(titel="Bilverkstäder")
    assert svar.status_code == 302
    assert insats.insatsfonster == valt


def test_a_full_window_on_the_form_is_a_swedish_field_error(client, folk, hjul):
    valt = fonster(hjul, 30)
    dag = timezone.localtime(valt.start).date()
    client.force_login(folk["sam"])
    data = {
        "titel": "Dubbel",
        "start": f"{dag.isoformat()}T18:00",
        "slut": f"{dag.isoformat()}T22:00",
        "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
        "lpoer": [lpo("nordost").pk],
        "insatsfonster": valt.pk,
    }
    text = client.post("/insatser/ny/", data).content.decode()
    assert "Insatsfönstret gäller" in text
    assert not Insats.objects.exists()


def test_the_wheel_month_offers_planning_in_a_window_to_coordinators_only(
    client, folk, hjul, skapa_anvandare
):
    valt = fonster(hjul, 30)
    manad = timezone.localtime(valt.start)
    adress = f"/arshjul/vy/?hjul={hjul.kod}&ar={manad.year}&manad={manad.month}"
    lank = f"/insatser/ny/?fonster={valt.pk}"
    client.force_login(folk["sam"])
    assert lank in client.get(adress).content.decode()
    client.force_login(skapa_anvandare("ledning", Roll.POLISLEDNING, "polisen"))
    text = client.get(adress).content.decode()
    assert "Fönster" in text
    assert lank not in text


@pytest.fixture
def inplanerad(folk, hjul):
    forsta = fonster(hjul, 20)
    insats = skapa(folk["sam"], forsta)
    Insats.objects.filter(pk=insats.pk).update(status=InsatsStatus.PLANERAD)
    insats.refresh_from_db()
    return insats


def test_rescheduling_proposes_the_next_window_with_room_at_the_same_time_of_day(
    client, folk, hjul, inplanerad
):
    fonster(hjul, 40, lpo_kod="nordost")
    nasta = fonster(hjul, 50)
    senare = fonster(hjul, 70)
    client.force_login(folk["sam"])
    text = client.get(f"/insatser/{inplanerad.pk}/omplanera/").content.decode()
    dag = timezone.localtime(nasta.start).date()
    klockan = timezone.localtime(inplanerad.start).strftime("%H:%M")
    assert f"{dag.isoformat()} {klockan}" in text or f"{dag.isoformat()}T{klockan}" in text
    assert f'<option value="{nasta.pk}" selected>' in fonsterval(text)
    assert f"?fonster={senare.pk}" in text
    text = client.get(f"/insatser/{inplanerad.pk}/omplanera/?fonster={senare.pk}").content.decode()
    assert f'<option value="{senare.pk}" selected>' in fonsterval(text)


def test_a_successor_rescheduled_into_a_window_takes_its_place(folk, hjul, inplanerad):
    nasta = fonster(hjul, 50)
    ny_start = timezone.localtime(nasta.start) + timedelta(hours=9)
    efterfoljare = services.omplanera_insats(
        folk["sam"],
        inplanerad,
        ny_start,
        ny_start + timedelta(hours=4),
        Installningsorsak.objects.get(kod="skjutning"),
        insatsfonster=nasta,
        motivering="Polisen kan inte tidigare",
        kvitterade=[],
        version=aktuell_version(inplanerad),
    )
    assert efterfoljare.insatsfonster == nasta
    assert (
        fonster_med_ledig_kapacitet(folk["sam"], [lpo().pk], timezone.localdate())
        .filter(pk=inplanerad.insatsfonster_id)
        .exists()
    ), "the rescheduled original gave its place back"


def test_moving_within_its_own_full_window_needs_no_extra_room(folk, hjul, inplanerad):
    ny_start = inplanerad.start + timedelta(days=1)
    efterfoljare = services.omplanera_insats(
        folk["sam"],
        inplanerad,
        ny_start,
        ny_start + timedelta(hours=4),
        Installningsorsak.objects.get(kod="skjutning"),
        insatsfonster=inplanerad.insatsfonster,
        motivering="Flyttad en dag",
        kvitterade=[],
        version=aktuell_version(inplanerad),
    )
    assert efterfoljare.insatsfonster_id == inplanerad.insatsfonster_id


def test_the_reschedule_page_takes_constant_queries(client, folk, hjul, inplanerad):
    client.force_login(folk["sam"])
    adress = f"/insatser/{inplanerad.pk}/omplanera/"
    fonster(hjul, 50)
    client.get(adress)
    with CaptureQueriesContext(connection) as fore:
        client.get(adress)
    for dagar in range(60, 200, 10):
        fonster(hjul, dagar)
    with CaptureQueriesContext(connection) as efter:
        client.get(adress)
    assert len(efter) == len(fore)


def test_a_new_date_outside_the_window_gives_its_place_back(folk, hjul):
    valt = fonster(hjul, 30)
    insats = skapa(folk["sam"], valt)
    inom = insats.start + timedelta(days=1)
    insats = services.andra_insats(
        folk["sam"], insats, insats.version, start=inom, slut=inom + timedelta(hours=4)
    )
    assert insats.insatsfonster == valt, "a day later is still in the window"
    utanfor = insats.start + timedelta(days=10)
    insats = services.andra_insats(
        folk["sam"], insats, insats.version, start=utanfor, slut=utanfor + timedelta(hours=4)
    )
    assert Insats.objects.get(pk=insats.pk).insatsfonster is None
    assert "insatsfönster" in insats.handelser.filter(typ="uppgifter_andrade").last().text
    assert (
        fonster_med_ledig_kapacitet(folk["sam"], [lpo().pk], timezone.localdate())
        .filter(pk=valt.pk)
        .exists()
    )
