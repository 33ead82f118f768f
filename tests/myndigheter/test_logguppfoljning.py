"""The monthly log review finds night reads, bulk reads and reads outside one's operations."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from insatser.models import Frislappning
from karna.models import Atkomstlogg
from myndigheter.logguppfoljning import foregaende_manad, skapa_logguppfoljning
from myndigheter.models import Logguppfoljning
from myndigheter.roles import Roll
from myndigheter.tasks import manadlig_logguppfoljning
from objekt.models import Objektuppgift
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, KontrollFabrik, ObjektFabrik, org

pytestmark = pytest.mark.django_db
STHLM = ZoneInfo("Europe/Stockholm")


def _las(user, uppgift, tid):
    return Atkomstlogg.objects.create(
        tid=tid,
        anvandare_id=user.pk,
        anvandarnamn=user.username,
        organisation=user.profil.organisation.kod,
        roller="HANDLAGGARE",
        objekttyp="objekt.objektuppgift",
        objekt_id=str(uppgift.pk),
        handling=Atkomstlogg.Handling.LASA,
        syfte="test",
    )


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(foreslaget_av_organisation=org("skatteverket"))
    insats = InsatsFabrik(samordnande_organisation=org("akc-vast"))
    KontrollFabrik(insats=insats, objekt=objekt)
    DeltagandeFabrik(insats=insats, organisation=org("av"))
    uppgift = Objektuppgift.objects.create(objekt=objekt, organisation=org("skatteverket"))
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    Frislappning.objects.create(objektuppgift=uppgift, insats=insats, frislappt_av=skv, grund="x")
    return {
        "uppgift": uppgift,
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
    }


def test_previous_month():
    assert foregaende_manad(date(2026, 3, 15)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert foregaende_manad(date(2026, 1, 1)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_review_reports_each_kind_of_unusual_access(varld):
    dag = datetime(2026, 10, 14, 10, 0, tzinfo=STHLM)
    _las(varld["av"], varld["uppgift"], dag)  # ordinary: Arbetsmiljöverket takes part
    _las(varld["av"], varld["uppgift"], dag.replace(hour=23, minute=30))  # at night
    _las(varld["mig"], varld["uppgift"], dag)  # Migrationsverket takes part in no operation
    for minut in range(51):
        _las(varld["av"], varld["uppgift"], dag.replace(day=15, minute=minut))
    _las(varld["av"], varld["uppgift"], datetime(2026, 11, 1, 23, 0, tzinfo=STHLM))  # next month
    rapport = skapa_logguppfoljning(date(2026, 10, 1), date(2026, 10, 31))
    typer = sorted((a["typ"], a["anvandare"]) for a in rapport.avvikelser)
    assert typer == [("MASSLASNING", "av"), ("NATT", "av"), ("UTANFOR_INSATSER", "mig")]
    assert rapport.antal_lasningar == 54
    massa = next(a for a in rapport.avvikelser if a["typ"] == "MASSLASNING")
    assert (massa["dag"], massa["antal"]) == ("2026-10-15", 51)


def test_running_the_review_twice_keeps_one_report(varld):
    _las(varld["mig"], varld["uppgift"], datetime(2026, 10, 3, 9, tzinfo=STHLM))
    skapa_logguppfoljning(date(2026, 10, 1), date(2026, 10, 31))
    skapa_logguppfoljning(date(2026, 10, 1), date(2026, 10, 31))
    assert Logguppfoljning.objects.count() == 1


def test_monthly_task_reviews_the_previous_month(varld):
    _las(varld["mig"], varld["uppgift"], datetime(2026, 10, 3, 9, tzinfo=STHLM))
    with time_machine.travel(datetime(2026, 11, 1, 5, 0, tzinfo=STHLM)):
        pk = manadlig_logguppfoljning.apply().get()
    rapport = Logguppfoljning.objects.get(pk=pk)
    assert (rapport.period_fran, rapport.period_till) == (date(2026, 10, 1), date(2026, 10, 31))
    assert [a["typ"] for a in rapport.avvikelser] == ["UTANFOR_INSATSER"]


def test_administrators_read_the_review_in_the_admin(admin_client, varld):
    rapport = skapa_logguppfoljning(date(2026, 10, 1), date(2026, 10, 31))
    assert admin_client.get("/admin/myndigheter/logguppfoljning/").status_code == 200
    url = f"/admin/myndigheter/logguppfoljning/{rapport.pk}/change/"
    assert admin_client.get(url).status_code == 200
