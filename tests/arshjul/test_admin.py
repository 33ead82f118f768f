"""The admin: the administrator role reaches the wheel's tables; a change there is hand-made
and rebuilds the wheel, as on the pages."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from arshjul.models import Arshjulsar, Arshjulshandelse, Aterkommanderegel, Handelsetyp
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db
I_AR = timezone.localdate().year


@pytest.fixture
def administrator(skapa_anvandare, client):
    client.force_login(skapa_anvandare("admin", Roll.ADMIN, "akc-vast"))
    return client


@pytest.mark.parametrize(
    "modell",
    [
        "arshjul",
        "samverkansorgan",
        "aterkommanderegel",
        "arshjulshandelse",
        "begransningsperiod",
        "arshjulsversion",
        "kalenderprenumeration",
    ],
)
def test_the_administrator_role_reaches_the_wheels_tables(administrator, standardhjul, modell):
    assert administrator.get(f"/admin/arshjul/{modell}/").status_code == 200


def test_an_event_changed_in_the_admin_is_hand_edited_and_rebuilds_the_wheel(administrator, akc):
    start = datetime.combine(date(I_AR, 4, 7), time(13), tzinfo=timezone.get_default_timezone())
    handelse = Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=I_AR,
        typ=Handelsetyp.NATVERKSTRAFF,
        titel="Från regel",
        start=start,
        slut=start.replace(hour=16),
        regel=Aterkommanderegel.objects.get(kod="c17-akc-natverkstraffar"),
        forekomst=1,
    )
    svar = administrator.post(
        f"/admin/arshjul/arshjulshandelse/{handelse.pk}/change/",
        {
            "arshjul": akc.pk,
            "typ": Handelsetyp.NATVERKSTRAFF,
            "titel": "Ändrad i admin",
            "start_0": f"{I_AR}-04-08",
            "start_1": "13:00",
            "slut_0": f"{I_AR}-04-08",
            "slut_1": "16:00",
        },
    )
    assert svar.status_code == 302
    handelse.refresh_from_db()
    assert (handelse.titel, handelse.handredigerad, handelse.version) == ("Ändrad i admin", True, 2)
    assert Arshjulsar.objects.get(arshjul=akc, ar=I_AR).begaran == 1


def test_a_rule_changed_in_the_admin_gets_a_new_version(administrator, akc):
    regel = Aterkommanderegel.objects.get(kod="c17-akc-natverkstraffar")
    sida = administrator.get(f"/admin/arshjul/aterkommanderegel/{regel.pk}/change/")
    form = sida.context["adminform"].form
    data = {
        namn: ("" if varde is None else varde)
        for namn, varde in form.initial.items()
        if namn in form.fields
    }
    data.update(
        arshjul=akc.pk,
        organ=regel.organ_id,
        antal=3,
        starttid="13:00",
        foredragna_manader="2,9",
        aktiv="on",
    )
    data = {k: v for k, v in data.items() if v is not False}
    svar = administrator.post(f"/admin/arshjul/aterkommanderegel/{regel.pk}/change/", data)
    assert svar.status_code == 302, svar.context["adminform"].form.errors
    regel.refresh_from_db()
    assert (regel.antal, regel.version) == (3, 2)
    assert Arshjulsar.objects.get(arshjul=akc, ar=I_AR).begaran == 1
