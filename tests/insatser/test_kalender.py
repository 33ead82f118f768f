"""The calendar: the operations a user may see, by month, week or list, in constant queries."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.kalender import LISTA, MANAD, VECKA, period
from insatser.workflow import BemanningStatus, InsatsStatus
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _tid(dag, timme, minut=0):
    return timezone.make_aware(datetime(dag.year, dag.month, dag.day, timme, minut))


def _insats(referens, dag, status=InsatsStatus.BEKRAFTAD, deltagare="skatteverket", lpo_kod="city"):
    insats = InsatsFabrik(
        referens=referens,
        titel=f"Titel {referens}",
        samordnande_organisation=org("akc-vast"),
        start=_tid(dag, 18, 30),
        slut=_tid(dag, 22, 15),
        status=status,
        lpoer=[lpo(lpo_kod)],
    )
    DeltagandeFabrik(insats=insats, organisation=org(deltagare))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo(lpo_kod), status=BemanningStatus.SKICKAD)
    return insats


MARS = date(2031, 3, 12)


@pytest.fixture
def mars(personer):
    return {
        "egen": _insats("K-EGEN", date(2031, 3, 5)),
        "installd": _insats("K-INST", date(2031, 3, 20), status=InsatsStatus.PLANERAD),
        "annans": _insats("K-AV", date(2031, 3, 5), deltagare="av", lpo_kod="nordost"),
        "april": _insats("K-APR", date(2031, 4, 2)),
    }


def _sida(client, user, fraga="", **extra):
    client.force_login(user)
    svar = client.get(f"/kalender/{fraga}", **extra)
    return svar, svar.content.decode()


def test_the_month_grid_shows_visible_operations_with_status_in_text(client, personer, mars):
    svar, text = _sida(client, personer["skv"], "?datum=2031-03-12")
    assert svar.status_code == 200
    assert "K-EGEN Titel K-EGEN" in text
    assert "K-INST" in text
    assert "Planerad" in text
    assert "Bekräftad" in text
    assert "K-AV" not in text, "another agency's operation"
    assert "3 insatser i perioden" in text, "2 April is in the grid's last week"
    assert "<caption>Insatser i mars 2031, vecka för vecka</caption>" in text
    assert text.count('<th scope="col">') == 8
    assert '<th scope="row">10</th>' in text  # ISO week of 5 March 2031
    assert '<time class="dagnummer" datetime="2031-03-05">' in text


def test_exact_times_only_for_those_who_see_the_details(client, personer, mars):
    _, text = _sida(client, personer["skv"], "?datum=2031-03-12")
    assert "18:30–22:15" in text
    _, text = _sida(client, personer["api"], "?datum=2031-03-12")
    assert "K-EGEN" in text, "Skatteverket's REST client sees the operations it takes part in"
    assert "K-AV" not in text
    assert "18:30" not in text


def test_those_who_see_no_operation_get_an_empty_calendar(client, personer, mars):
    for vem in ("ledningsgrupp", "polisledning", "samordnare_miljo", "polis_annan"):
        _, text = _sida(client, personer[vem], "?datum=2031-03-12")
        assert "0 insatser i perioden" in text
        assert "K-EGEN" not in text


def test_the_grid_shows_whole_weeks_and_nothing_beyond(client, personer, mars):
    _insats("K-FEB", date(2031, 2, 24))
    _insats("K-FORE", date(2031, 2, 23))
    _insats("K-EFTER", date(2031, 4, 7))
    _, text = _sida(client, personer["skv"], "?datum=2031-03-12")
    assert "K-FEB" in text
    assert "K-APR" in text
    assert "K-FORE" not in text
    assert "K-EFTER" not in text
    assert '<td class="utanfor">' in text


def test_the_week_view(client, personer, mars):
    _, text = _sida(client, personer["skv"], "?vy=vecka&datum=2031-03-05")
    assert "Vecka 10, 2031" in text
    assert "K-EGEN" in text
    assert "K-INST" not in text
    assert "Onsdag 5 mars" in text
    assert "Föregående vecka" in text


def test_the_list_view_is_the_month_as_a_list(client, personer, mars):
    _, text = _sida(client, personer["skv"], "?vy=lista&datum=2031-03-12")
    assert "<table" not in text
    assert text.index("K-EGEN") < text.index("K-INST")
    assert "Torsdag 20 mars" in text


def test_previous_and_next_keep_the_view_and_filters(client, personer, mars):
    _, text = _sida(client, personer["skv"], "?vy=lista&datum=2031-03-12&status=BEKRAFTAD")
    assert 'href="?vy=lista&amp;datum=2031-02-01&amp;status=BEKRAFTAD"' in text
    assert 'href="?vy=lista&amp;datum=2031-04-01&amp;status=BEKRAFTAD"' in text
    assert 'hx-push-url="true"' in text
    assert 'aria-current="page">Lista' in text


def test_filters_by_status_and_lpo(client, personer, mars):
    _, text = _sida(client, personer["samordnare"], "?datum=2031-03-12&status=PLANERAD")
    assert "K-INST" in text
    assert "K-EGEN" not in text
    nordost = lpo("nordost").pk
    _, text = _sida(client, personer["samordnare"], f"?datum=2031-03-12&lpo={nordost}")
    assert "K-AV" in text
    assert "K-EGEN" not in text


def test_bad_input_gets_swedish_messages_and_the_defaults(client, personer, mars):
    svar, text = _sida(client, personer["skv"], "?vy=ar&datum=igår&status=X&lpo=999999")
    assert svar.status_code == 200
    assert "Fyll i ett giltigt datum." in text
    assert "Välj ett giltigt alternativ." in text
    assert svar.context["period"].vy == MANAD
    assert svar.context["period"].datum == timezone.localdate()


@pytest.mark.parametrize("datum", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("vy", [MANAD, VECKA, LISTA])
def test_a_date_at_the_ends_of_the_calendar_gets_a_message_not_an_error(
    client, personer, datum, vy
):
    svar, text = _sida(client, personer["skv"], f"?vy={vy}&datum={datum}")
    assert svar.status_code == 200
    assert "Ange ett datum mellan" in text
    assert svar.context["period"].datum == timezone.localdate()


def test_htmx_gets_the_calendar_part_and_a_history_restore_the_whole_page(client, personer, mars):
    svar, text = _sida(client, personer["skv"], "?datum=2031-03-12", **HTMX)
    assert text.lstrip().startswith('<div id="kalender">')
    assert "<html" not in text
    assert "HX-Request" in svar["Vary"]
    _, text = _sida(
        client, personer["skv"], "?datum=2031-03-12", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in text


@pytest.mark.parametrize("vy", [MANAD, VECKA, LISTA])
def test_each_view_takes_constant_queries(client, personer, mars, vy):
    client.force_login(personer["samordnare"])
    url = f"/kalender/?vy={vy}&datum=2031-03-05"
    client.get(url)
    with CaptureQueriesContext(connection) as fore:
        client.get(url)
    for nummer in range(25):
        _insats(f"M-{nummer}", date(2031, 3, 3 + nummer % 5))
    with CaptureQueriesContext(connection) as efter:
        svar = client.get(url)
    assert svar.context["antal"] >= 25
    assert len(efter) == len(fore)


def test_periods():
    manad = period(MANAD, date(2031, 3, 12))
    assert (manad.forsta, manad.sista) == (date(2031, 2, 24), date(2031, 4, 6))
    assert len(manad.veckor) == 6
    assert all(len(v) == 7 for v in manad.veckor)
    assert (manad.foregaende, manad.nasta) == (date(2031, 2, 1), date(2031, 4, 1))
    vecka = period(VECKA, date(2031, 3, 12))
    assert (vecka.forsta, vecka.sista) == (date(2031, 3, 10), date(2031, 3, 16))
    assert (vecka.foregaende, vecka.nasta) == (date(2031, 3, 5), date(2031, 3, 19))
    lista = period(LISTA, date(2031, 12, 31))
    assert (lista.forsta, lista.sista) == (date(2031, 12, 1), date(2031, 12, 31))
    assert lista.nasta == date(2032, 1, 1)
    assert period(LISTA, date(2031, 1, 15)).foregaende == date(2030, 12, 1)
    fran, till = manad.tidsgranser()
    assert till - fran == timedelta(days=42)
