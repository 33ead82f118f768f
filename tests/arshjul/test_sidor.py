"""The wheel's pages for every role: what is on the wheel and what is not (with counts),
downloads and the calendar feed, htmx partials, bad input, and constant query counts."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from arshjul import lagring
from arshjul.models import (
    Arshjul,
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsversion,
    Aterkommanderegel,
    Begransningsperiod,
    Handelsetyp,
    Niva,
    Regeltyp,
    Samverkansorgan,
)
from arshjul.services.prenumeration import aterkalla_prenumeration, skapa_prenumeration
from arshjul.workflow import VersionStatus
from insatser.models import Informationsunderlag, Insats, Malgruppstyp
from insatser.workflow import BemanningStatus, InsatsStatus
from karna.models import Atkomstlogg
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    lpo,
    org,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
AR = timezone.localdate().year


def tid(dag: date, timme: int, minut: int = 0) -> datetime:
    return datetime.combine(dag, time(timme, minut), tzinfo=timezone.get_default_timezone())


def mote(arshjul, titel, dag, organ=None):
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=AR,
        typ=Handelsetyp.MOTE,
        titel=titel,
        organ=organ,
        start=tid(dag, 9),
        slut=tid(dag, 11),
        handredigerad=True,
    )


def fonster(arshjul, titel, mandag, lpo_kod, kapacitet=3):
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=AR,
        typ=Handelsetyp.INSATSFONSTER,
        titel=titel,
        lpo=lpo(lpo_kod),
        kapacitet=kapacitet,
        start=tid(mandag, 0),
        slut=tid(mandag + timedelta(days=5), 0),
        handredigerad=True,
    )


def insats(referens, titel, dag, lpo_kod, deltagare=(), objekt=False, **extra):
    """A planned operation; ``objekt``: with a control of a new object (objects' readiness)."""
    ny = InsatsFabrik(
        referens=referens,
        titel=titel,
        samordnande_organisation=org("akc-vast"),
        start=tid(dag, 18, 30),
        slut=tid(dag, 22),
        status=InsatsStatus.PLANERAD,
        lpoer=[lpo(lpo_kod)],
        **extra,
    )
    for kod in deltagare:
        DeltagandeFabrik(insats=ny, organisation=org(kod))
    if objekt:
        KontrollFabrik(insats=ny)
    return ny


@pytest.fixture
def varld(skapa_anvandare):
    hjul = Arshjul.objects.create(kod="testhjul", namn="Testhjulet", agare=org("akc-vast"))
    hjul.lpoer.set([lpo("city"), lpo("nordost")])
    motesjul = Arshjul.objects.create(kod="motesjul", namn="Mötesjulet", agare=org("slk"))
    med_polisen = Samverkansorgan.objects.create(
        kod="o1", namn="Organ med polisen", niva="REGIONAL"
    )
    med_polisen.medlemmar.set([org("akc-vast"), org("polisen")])
    for_skv = Samverkansorgan.objects.create(
        kod="o2", namn="Organ för Skatteverket", niva="REGIONAL"
    )
    for_skv.medlemmar.set([org("skatteverket")])
    mars = date(AR, 3, 1)
    mote(hjul, "Möte med polisen", mars + timedelta(days=3), med_polisen)
    mote(hjul, "Skatteverkets möte", mars + timedelta(days=4), for_skv)
    mote(motesjul, "Stadens möte", mars + timedelta(days=5))
    city = fonster(hjul, "Fönster City", date(AR, 3, 9), "city")
    fonster(hjul, "Fönster Nordost", date(AR, 3, 16), "nordost")
    med_skv = insats(
        "T-1",
        "Insats med Skatteverket",
        date(AR, 3, 10),
        "city",
        ("skatteverket",),
        objekt=True,
        insatsfonster=city,
    )
    BemanningsbegaranFabrik(insats=med_skv, lpo=lpo("city"), status=BemanningStatus.SKICKAD)
    insats("T-2", "Insats utan Skatteverket", date(AR, 3, 17), "nordost")
    Begransningsperiod.objects.create(
        arshjul=hjul,
        ar=AR,
        namn="Spärrperiod",
        fran=date(AR, 3, 23),
        till=date(AR, 3, 27),
        niva=Niva.BLOCKERA,
        handredigerad=True,
    )
    return {
        "hjul": hjul,
        "motesjul": motesjul,
        "SAMORDNARE": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "HANDLAGGARE": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "MYNDIGHETSKONTAKT": skapa_anvandare("kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "OPERATIV_SAMORDNARE": skapa_anvandare(
            "opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)
        ),
        "POLISLEDNING": skapa_anvandare(
            "pl", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        ),
        # A police coordinator of every LPO of the wheel: sees it whole, and the police details.
        "OPSAM_ALLA": skapa_anvandare(
            "opsam.alla", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city", "nordost")
        ),
        "LEDNINGSGRUPP": skapa_anvandare("lg", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "INSATSPOLIS": skapa_anvandare("ip", Roll.INSATSPOLIS, "polisen"),
        "API_KLIENT": skapa_anvandare("api", Roll.API_KLIENT, "skatteverket"),
        "ADMIN": skapa_anvandare("admin", Roll.ADMIN, "akc-vast"),
    }


def hamta(client, user, adress, **headers):
    client.force_login(user)
    svar = client.get(adress, headers=headers)
    innehall = b"".join(svar.streaming_content) if svar.streaming else svar.content
    return svar.status_code, innehall.decode(errors="replace")


VY = f"/arshjul/vy/?ar={AR}&hjul=testhjul&manad=3"
TEXTER = [
    "Möte med polisen",
    "Skatteverkets möte",
    "Fönster City",
    "Fönster Nordost",
    "2 insatsfönster",
    "Insats med Skatteverket",
    "Insats utan Skatteverket",
    "Spärrperiod",
]
SER = {
    "SAMORDNARE": {0, 1, 2, 3, 5, 6, 7},
    "HANDLAGGARE": {1, 2, 5, 7},
    "MYNDIGHETSKONTAKT": {1, 2, 5, 7},
    "OPERATIV_SAMORDNARE": {0, 1, 2, 5, 7},
    # Management reads the operations in aggregate only: windows and meetings, no operation.
    "POLISLEDNING": {0, 1, 2, 3, 7},
    "LEDNINGSGRUPP": {0, 1, 4, 7},
    "INSATSPOLIS": {0, 7},
    "API_KLIENT": {0, 1, 2, 5, 7},
}


@pytest.mark.parametrize("roll", SER)
def test_each_role_sees_on_the_wheel_what_it_may_and_nothing_else(client, varld, roll):
    status, text = hamta(client, varld[roll], VY)
    assert status == 200
    synligt = {index for index, titel in enumerate(TEXTER) if titel in text}
    assert synligt == SER[roll]


@pytest.mark.parametrize(
    ("roll", "sammanfattning"),
    [
        ("SAMORDNARE", "Insatser 2, Insatsfönster 2, Möten och organ 2, Begränsningsperioder 1"),
        ("HANDLAGGARE", "Insatser 1, Insatsfönster 1, Möten och organ 1, Begränsningsperioder 1"),
        ("LEDNINGSGRUPP", "Insatsfönster 1, Möten och organ 2, Begränsningsperioder 1"),
        ("INSATSPOLIS", "Möten och organ 1, Begränsningsperioder 1"),
    ],
)
def test_the_counts_of_a_month_segment_are_only_of_what_the_role_sees(
    client, varld, roll, sammanfattning
):
    _, text = hamta(client, varld[roll], f"/arshjul/vy/?ar={AR}&hjul=testhjul")
    assert f'aria-label="mars {AR}: {sammanfattning}, Helgdagar' in text or (
        f'aria-label="mars {AR}: {sammanfattning}"' in text
    )


def test_management_sees_the_windows_as_monthly_totals_only(client, varld):
    _, text = hamta(client, varld["LEDNINGSGRUPP"], VY)
    assert "Kapacitet 6, planerade 2" in text, "one made from its window, one in its LPO and days"
    assert "LPO City" not in text


def test_exact_times_and_objects_readiness_only_with_the_operations_details(client, varld):
    _, samordnare = hamta(client, varld["SAMORDNARE"], VY)
    assert "18:30" in samordnare
    assert "Objekt: klart" in samordnare
    assert "Polisbemanning bekräftad: saknas" in samordnare
    assert "Informationsunderlag aktuellt: saknas" in samordnare
    _, api = hamta(client, varld["API_KLIENT"], VY)
    assert "Insats med Skatteverket" in api
    assert "18:30" not in api
    assert "Objekt:" not in api
    assert "Polisbemanning bekräftad: saknas" in api


def test_a_current_briefing_counts_towards_readiness_until_it_goes_stale(client, varld):
    insats = Insats.objects.get(referens="T-1")
    underlag = Informationsunderlag.objects.create(
        insats=insats,
        malgrupp=Malgruppstyp.GEMENSAM,
        version=1,
        fil="underlag/t-1.pdf",
        kontrollsumma="0" * 64,
        dataversion="test",
        sidantal=1,
    )
    _, text = hamta(client, varld["SAMORDNARE"], VY)
    assert "Informationsunderlag aktuellt: klart" in text
    underlag.status = Informationsunderlag.Status.INAKTUELL
    underlag.save()
    _, text = hamta(client, varld["SAMORDNARE"], VY)
    assert "Informationsunderlag aktuellt: saknas" in text


def test_an_administrator_sees_no_wheel(client, varld):
    status, text = hamta(client, varld["ADMIN"], VY)
    assert status == 200
    assert "Välj ett giltigt alternativ" in text
    for titel in TEXTER:
        assert titel not in text
    _, index = hamta(client, varld["ADMIN"], "/arshjul/")
    assert "Testhjulet" not in index
    assert "Det finns inga årshjul som du kan se." in index


def test_an_inactive_wheel_is_gone_for_everyone(client, varld):
    Arshjul.objects.filter(kod="testhjul").update(aktiv=False)
    _, text = hamta(client, varld["SAMORDNARE"], VY)
    assert "Välj ett giltigt alternativ" in text
    assert hamta(client, varld["SAMORDNARE"], f"/arshjul/testhjul/{AR}/")[0] == 404


@pytest.mark.parametrize(
    ("adress", "fel"),
    [
        ("/arshjul/vy/?ar=abc&hjul=testhjul", "Fyll i ett heltal."),
        (
            "/arshjul/vy/?ar=1800&hjul=testhjul",
            "Kontrollera att detta värde är större än eller lika med 2000.",
        ),
        (f"/arshjul/vy/?ar={AR}&hjul=finns-inte", "Välj ett giltigt alternativ."),
        (f"/arshjul/vy/?ar={AR}", "Välj minst ett årshjul."),
        (
            f"/arshjul/vy/?ar={AR}&hjul=testhjul&manad=13",
            "Kontrollera att detta värde är mindre än eller lika med 12.",
        ),
    ],
)
def test_bad_input_to_the_wheel_gets_a_swedish_message(client, varld, adress, fel):
    status, text = hamta(client, varld["SAMORDNARE"], adress)
    assert status == 200
    assert fel in text


def test_the_month_panel_alone_for_htmx_and_the_whole_page_on_history_restore(client, varld):
    _, delsida = hamta(client, varld["SAMORDNARE"], VY, HX_Request="true")
    assert "<html" not in delsida
    assert 'id="manadspanel-rubrik"' in delsida
    assert "Insats med Skatteverket" in delsida
    _, hel = hamta(
        client, varld["SAMORDNARE"], VY, HX_Request="true", HX_History_Restore_Request="true"
    )
    assert "<html" in hel


def test_the_build_status_polls_while_building_and_stops_when_done(client, varld):
    rad = Arshjulsar.objects.create(arshjul=varld["hjul"], ar=AR, begaran=1)
    adress = f"/arshjul/testhjul/{AR}/framsteg/"
    _, vantar = hamta(client, varld["SAMORDNARE"], adress, HX_Request="true")
    assert 'hx-trigger="every 2s"' in vantar
    assert "väntar på att byggas in" in vantar
    version = Arshjulsversion.objects.create(
        arshjulsar=rad, nummer=1, begaran=1, fingeravtryck="x", framsteg=35, steg="PLACERA"
    )
    _, bygger = hamta(client, varld["SAMORDNARE"], adress, HX_Request="true")
    assert 'value="35"' in bygger
    assert "Placerar insatsfönster" in bygger
    Arshjulsversion.objects.filter(pk=version.pk).update(
        status=VersionStatus.KLAR, byggd=timezone.now()
    )
    Arshjulsar.objects.filter(pk=rad.pk).update(hanterad_begaran=1)
    _, klart = hamta(client, varld["SAMORDNARE"], adress, HX_Request="true")
    assert "hx-trigger" not in klart
    assert "Version 1, byggd" in klart
    _, sida = hamta(client, varld["SAMORDNARE"], adress)
    assert "<html" in sida


def test_build_status_is_for_those_who_see_the_whole_wheel(client, varld):
    """Versions and builds belong with the year's page: a role that sees the wheel in part gets
    neither the status on the wheel nor its address."""
    Arshjulsar.objects.create(arshjul=varld["hjul"], ar=AR, begaran=1)
    status, _ = hamta(client, varld["HANDLAGGARE"], f"/arshjul/testhjul/{AR}/framsteg/")
    assert status == 403
    _, vy = hamta(client, varld["HANDLAGGARE"], VY)
    assert "framsteg" not in vy
    assert "väntar på att byggas in" not in vy
    _, samordnare = hamta(client, varld["SAMORDNARE"], VY)
    assert f"/arshjul/testhjul/{AR}/framsteg/" in samordnare


@pytest.fixture
def publicerade(varld, bygg):
    versioner = {}
    for namn in ("hjul", "motesjul"):
        version = bygg(varld[namn], AR)
        version.status = VersionStatus.PUBLICERAD
        version.save()
        versioner[namn] = version
    return versioner


@pytest.mark.parametrize(
    ("roll", "hjul", "status"),
    [
        ("SAMORDNARE", "testhjul", 200),
        ("POLISLEDNING", "testhjul", 200),
        ("OPERATIV_SAMORDNARE", "testhjul", 403),
        ("LEDNINGSGRUPP", "testhjul", 403),
        ("LEDNINGSGRUPP", "motesjul", 200),
        ("API_KLIENT", "motesjul", 200),
        ("HANDLAGGARE", "testhjul", 403),
        ("INSATSPOLIS", "motesjul", 403),
        ("ADMIN", "testhjul", 404),
    ],
)
def test_downloads_only_for_those_who_see_the_whole_wheel_and_logged(
    client, varld, publicerade, roll, hjul, status
):
    svar_status, _ = hamta(client, varld[roll], f"/arshjul/{hjul}/{AR}/versioner/1/pdf/")
    assert svar_status == status
    loggat = Atkomstlogg.objects.filter(
        handling=Atkomstlogg.Handling.LADDA_NED, anvandarnamn=varld[roll].username
    )
    assert loggat.count() == int(status == 200)


def test_a_download_is_the_stored_file(client, varld, publicerade):
    client.force_login(varld["SAMORDNARE"])
    for format in lagring.FORMAT:
        svar = client.get(f"/arshjul/testhjul/{AR}/versioner/1/{format}/")
        assert b"".join(svar.streaming_content) == lagring.las(publicerade["hjul"], format)
        assert svar["Content-Disposition"].startswith("attachment")
    assert client.get(f"/arshjul/testhjul/{AR}/versioner/1/exe/").status_code == 404
    assert client.get(f"/arshjul/testhjul/{AR}/versioner/9/pdf/").status_code == 404
    rad = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.LADDA_NED).first()
    assert (rad.objekttyp, rad.objekt_id) == (
        "arshjul.arshjulsversion",
        str(publicerade["hjul"].pk),
    )


def kalender(client, token):
    svar = client.get(f"/arshjul/kalender/{token}.ics")
    return svar.status_code, (Calendar.from_ical(svar.content) if svar.status_code == 200 else None)


def test_the_calendar_feed_serves_the_published_wheels_the_user_may_see_in_full(
    client, varld, publicerade
):
    status, samordnare = kalender(client, skapa_prenumeration(varld["SAMORDNARE"]))
    assert status == 200
    titlar = {str(h["summary"]) for h in samordnare.walk("VEVENT")}
    assert {"Möte med polisen", "Fönster City", "Stadens möte", "Spärrperiod"} <= titlar
    assert "Insats med Skatteverket" not in titlar, "no operation is on a published file"
    assert (
        Atkomstlogg.objects.filter(anvandarnamn="sam", syfte="Kalenderprenumeration").count() == 2
    )
    _, ledning = kalender(client, skapa_prenumeration(varld["LEDNINGSGRUPP"]))
    assert {str(h["summary"]) for h in ledning.walk("VEVENT")} == {"Stadens möte"}
    _, handlaggare = kalender(client, skapa_prenumeration(varld["HANDLAGGARE"]))
    assert handlaggare.walk("VEVENT") == []


def test_an_unpublished_version_is_not_in_the_feed(client, varld, publicerade):
    Arshjulsversion.objects.filter(pk=publicerade["motesjul"].pk).update(status=VersionStatus.KLAR)
    _, ledning = kalender(client, skapa_prenumeration(varld["LEDNINGSGRUPP"]))
    assert ledning.walk("VEVENT") == []


def test_a_revoked_or_unknown_token_finds_nothing(client, varld, publicerade):
    token = skapa_prenumeration(varld["SAMORDNARE"])
    aterkalla_prenumeration(varld["SAMORDNARE"])
    assert kalender(client, token)[0] == 404
    assert kalender(client, "inte-en-token")[0] == 404
    Myndighet.objects.filter(kod="akc-vast").update(aktiv=False)
    assert kalender(client, skapa_prenumeration(varld["SAMORDNARE"]))[0] == 404


def test_the_subscription_page_shows_a_new_address_once(client, varld):
    client.force_login(varld["SAMORDNARE"])
    svar = client.post("/arshjul/prenumeration/", {"handling": "skapa"})
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "/arshjul/kalender/" in text
    assert "/arshjul/kalender/" not in client.get("/arshjul/prenumeration/").content.decode()
    assert "Din nuvarande adress skapades" in client.get("/arshjul/prenumeration/").content.decode()
    svar = client.post("/arshjul/prenumeration/", {"handling": "aterkalla"}, follow=True)
    assert "Kalenderadressen är återkallad." in svar.content.decode()
    svar = client.post("/arshjul/prenumeration/", {"handling": "något"}, follow=True)
    assert "Välj att skapa eller återkalla adressen." in svar.content.decode()


def test_the_report_shows_only_the_collisions_the_user_may_see(client, varld, bygg):
    from insatser.models import Polisbemanning

    polis = varld["INSATSPOLIS"]
    forsta = Insats.objects.get(referens="T-1")
    forsta.bemanningsbegaranden.update(status=BemanningStatus.BEKRAFTAD)
    Polisbemanning.objects.create(begaran=forsta.bemanningsbegaranden.get(), anvandare=polis)
    mote_med_polis = Arshjulshandelse.objects.get(titel="Möte med polisen")
    Arshjulshandelse.objects.filter(pk=mote_med_polis.pk).update(
        start=forsta.start, slut=forsta.slut
    )
    mote_med_polis.deltagare.add(polis)
    bygg(varld["hjul"], AR)
    _, polis = hamta(client, varld["OPSAM_ALLA"], f"/arshjul/testhjul/{AR}/rapport/")
    assert "Samma person" in polis
    _, polisledning = hamta(client, varld["POLISLEDNING"], f"/arshjul/testhjul/{AR}/rapport/")
    assert "Samma person" not in polisledning, "the collision is about one operation"
    _, samordnare = hamta(client, varld["SAMORDNARE"], f"/arshjul/testhjul/{AR}/rapport/")
    assert "Samma person" not in samordnare, "named police officers are police-internal"
    assert "Inga kollisioner som du kan se." in samordnare


def test_a_report_of_a_version_that_does_not_exist_says_so(client, varld, bygg):
    bygg(varld["hjul"], AR)
    _, text = hamta(client, varld["SAMORDNARE"], f"/arshjul/testhjul/{AR}/rapport/?version=x")
    assert "Det finns ingen färdig version x." in text


def antal_fragor(client, adress) -> int:
    client.get(adress)
    with CaptureQueriesContext(connection) as fragor:
        client.get(adress)
    return len(fragor)


def fler_rader(varld, antal=25):
    hjul = varld["hjul"]
    for n in range(antal):
        dag = date(AR, 3, 2) + timedelta(days=n % 25)
        mote(hjul, f"Extra möte {n}", dag, Samverkansorgan.objects.get(kod="o1"))
        insats(f"X-{n}", f"Extra insats {n}", dag, "city", ("skatteverket",), objekt=True)
        Begransningsperiod.objects.create(
            arshjul=hjul,
            ar=AR,
            namn=f"P{n}",
            fran=dag,
            till=dag,
            niva=Niva.VARNA,
            handredigerad=True,
        )
        Aterkommanderegel.objects.create(
            kod=f"r{n}",
            namn=f"Regel {n}",
            arshjul=hjul,
            typ=Handelsetyp.MOTE,
            regeltyp=Regeltyp.MIN_PER_AR,
        )


@pytest.mark.parametrize(
    "adress",
    [
        "/arshjul/",
        f"/arshjul/vy/?ar={AR}&hjul=testhjul&hjul=motesjul",
        f"/arshjul/vy/?ar={AR}&hjul=testhjul&vy=tidslinje",
        VY,
        f"/arshjul/testhjul/{AR}/",
        f"/arshjul/testhjul/{AR}/framsteg/",
        "/arshjul/testhjul/regler/",
        f"/arshjul/testhjul/{AR}/handelser/",
        f"/arshjul/testhjul/{AR}/begransningar/",
        "/arshjul/prenumeration/",
    ],
)
def test_every_page_takes_the_same_number_of_queries_however_much_it_shows(
    client, varld, bygg, adress
):
    client.force_login(varld["SAMORDNARE"])
    bygg(varld["hjul"], AR)
    fore = antal_fragor(client, adress)
    fler_rader(varld)
    Arshjul.objects.create(kod="extra", namn="Extra", agare=org("akc-vast"))
    bygg(varld["hjul"], AR)
    assert antal_fragor(client, adress) == fore


def test_the_version_list_takes_the_same_queries_for_one_page_of_many(client, varld, bygg):
    client.force_login(varld["SAMORDNARE"])
    rad = Arshjulsar.objects.create(arshjul=varld["hjul"], ar=AR)
    Arshjulsversion.objects.create(
        arshjulsar=rad, nummer=1, begaran=1, fingeravtryck="1", status=VersionStatus.KLAR
    )
    fore = antal_fragor(client, f"/arshjul/testhjul/{AR}/")
    for nummer in range(2, 40):
        Arshjulsversion.objects.create(
            arshjulsar=rad,
            nummer=nummer,
            begaran=nummer,
            fingeravtryck=str(nummer),
            status=VersionStatus.ERSATT,
        )
    assert antal_fragor(client, f"/arshjul/testhjul/{AR}/") == fore


def test_the_edit_pages_take_constant_queries(client, varld):
    client.force_login(varld["SAMORDNARE"])
    regel = Aterkommanderegel.objects.create(
        kod="r", namn="R", arshjul=varld["hjul"], typ=Handelsetyp.MOTE, regeltyp=Regeltyp.MIN_PER_AR
    )
    handelse = Arshjulshandelse.objects.get(titel="Möte med polisen")
    period = Begransningsperiod.objects.get(namn="Spärrperiod")
    adresser = [
        f"/arshjul/testhjul/regler/{regel.pk}/",
        f"/arshjul/handelser/{handelse.pk}/",
        f"/arshjul/begransningar/{period.pk}/",
    ]
    fore = [antal_fragor(client, a) for a in adresser]
    fler_rader(varld)
    assert [antal_fragor(client, a) for a in adresser] == fore


def test_the_calendar_feed_takes_constant_queries(client, varld, publicerade, bygg):
    token = skapa_prenumeration(varld["SAMORDNARE"])
    fore = antal_fragor(client, f"/arshjul/kalender/{token}.ics")
    extra = Arshjul.objects.create(kod="extra", namn="Extra", agare=org("akc-vast"))
    version = bygg(extra, AR)
    Arshjulsversion.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLICERAD)
    assert antal_fragor(client, f"/arshjul/kalender/{token}.ics") == fore


def test_a_bad_rule_form_gets_swedish_errors_and_saves_nothing(client, varld):
    client.force_login(varld["SAMORDNARE"])
    fore = Aterkommanderegel.objects.count()
    svar = client.post(
        "/arshjul/testhjul/regler/",
        {
            "namn": "Fönster",
            "typ": "INSATSFONSTER",
            "regeltyp": "MIN_PER_AR",
            "antal": "abc",
            "heldag_antal": "0",
            "veckodag": "2",
            "starttid": "09:00",
            "langd_minuter": "120",
            "langd_dagar": "5",
            "min_dagar_efter": "7",
        },
    )
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Fyll i ett heltal." in text
    assert 'aria-invalid="true"' in text
    assert Aterkommanderegel.objects.count() == fore
    svar = client.post(
        "/arshjul/testhjul/regler/",
        {
            "namn": "Fönster",
            "typ": "INSATSFONSTER",
            "regeltyp": "MIN_PER_AR",
            "antal": "12",
            "heldag_antal": "0",
            "veckodag": "2",
            "starttid": "09:00",
            "langd_minuter": "120",
            "langd_dagar": "5",
            "min_dagar_efter": "7",
        },
    )
    text = svar.content.decode()
    assert "Välj ett av årshjulets lokalpolisområden." in text
    assert 'id="id_lpo_error"' in text
    assert Aterkommanderegel.objects.count() == fore


def test_a_rule_saved_through_the_page(client, varld):
    client.force_login(varld["SAMORDNARE"])
    svar = client.post(
        "/arshjul/testhjul/regler/",
        {
            "namn": "Fönster City",
            "typ": "INSATSFONSTER",
            "regeltyp": "MIN_PER_AR",
            "antal": "12",
            "heldag_antal": "0",
            "lpo": str(lpo("city").pk),
            "kapacitet": "2",
            "veckodag": "0",
            "starttid": "09:00",
            "langd_minuter": "120",
            "langd_dagar": "5",
            "min_dagar_efter": "7",
            "foredragna_manader": ["3", "9"],
            "aktiv": "on",
        },
        follow=True,
    )
    assert "Regeln är sparad. Årshjulet byggs om." in svar.content.decode()
    regel = Aterkommanderegel.objects.get(namn="Fönster City")
    assert (regel.foredragna_manader, regel.kapacitet, regel.lpo.kod) == ([3, 9], 2, "city")
    assert Arshjulsar.objects.get(arshjul=varld["hjul"], ar=AR).begaran == 1


def test_a_stale_event_form_is_refused_with_a_message(client, varld):
    client.force_login(varld["SAMORDNARE"])
    handelse = Arshjulshandelse.objects.get(titel="Möte med polisen")
    data = {
        "typ": "MOTE",
        "titel": "Nytt",
        "start": f"{AR}-03-04T09:00",
        "slut": f"{AR}-03-04T10:00",
        "version": "1",
    }
    client.post(f"/arshjul/handelser/{handelse.pk}/", data)
    svar = client.post(f"/arshjul/handelser/{handelse.pk}/", {**data, "titel": "Annat"})
    assert "Någon annan har ändrat detta" in svar.content.decode()
    handelse.refresh_from_db()
    assert (handelse.titel, handelse.version) == ("Nytt", 2)


def test_a_bad_blackout_form_gets_a_swedish_error(client, varld):
    client.force_login(varld["SAMORDNARE"])
    svar = client.post(
        f"/arshjul/testhjul/{AR}/begransningar/",
        {"namn": "X", "fran": f"{AR}-05-10", "till": f"{AR}-05-01", "niva": "BLOCKERA"},
    )
    assert "Slutdatumet måste vara samma som eller efter startdatumet." in svar.content.decode()
    assert not Begransningsperiod.objects.filter(namn="X").exists()


def test_publishing_and_rebuilding_from_the_year_page(client, varld, bygg):
    client.force_login(varld["SAMORDNARE"])
    version = bygg(varld["hjul"], AR)
    svar = client.post(f"/arshjul/testhjul/{AR}/versioner/{version.nummer}/publicera/", follow=True)
    assert "Version 1 är publicerad." in svar.content.decode()
    svar = client.post(f"/arshjul/testhjul/{AR}/versioner/{version.nummer}/publicera/", follow=True)
    assert (
        "Det går inte att publicera versionen när versionen har status publicerad."
        in svar.content.decode()
    )
    svar = client.post(f"/arshjul/testhjul/{AR}/bygg/", follow=True)
    assert "Ombyggnad begärd." in svar.content.decode()
    assert "väntar på att byggas in" in svar.content.decode()


def kollisioner(varld, antal: int, start: int = 0) -> None:
    """``antal`` collisions of each kind: a body, a unit and a person booked twice."""
    from insatser.models import Polisbemanning
    from myndigheter.models import Enhet

    organ = Samverkansorgan.objects.get(kod="o1")
    enhet = Enhet.objects.get(kod="akc-vast-samordning")
    polis = varld["INSATSPOLIS"]
    for n in range(start, start + antal):
        dag = date(AR, 5, 4) + timedelta(days=n)
        forsta = mote(varld["hjul"], f"Krock A{n}", dag, organ)
        mote(varld["hjul"], f"Krock B{n}", dag, organ)
        forsta.deltagande_enheter.add(enhet)
        forsta.deltagare.add(polis)
        ny = insats(f"K-{n}", f"Krockinsats {n}", dag, "city")
        Insats.objects.filter(pk=ny.pk).update(start=forsta.start, slut=forsta.slut)
        DeltagandeFabrik(insats=ny, organisation=enhet.organisation, enhet=enhet)
        begaran = BemanningsbegaranFabrik(
            insats=ny, lpo=lpo("city"), begart_antal=1, status=BemanningStatus.BEKRAFTAD
        )
        Polisbemanning.objects.create(begaran=begaran, anvandare=polis)


@pytest.mark.parametrize("roll", ["SAMORDNARE", "OPSAM_ALLA"])
def test_the_report_takes_the_same_queries_for_few_and_many_collisions(client, varld, bygg, roll):
    adress = f"/arshjul/testhjul/{AR}/rapport/"
    client.force_login(varld[roll])
    kollisioner(varld, 1)
    bygg(varld["hjul"], AR)
    fore = antal_fragor(client, adress)
    assert "Samma enhet" in client.get(adress).content.decode()
    kollisioner(varld, 15, start=1)
    bygg(varld["hjul"], AR)
    assert antal_fragor(client, adress) == fore


def test_a_file_gone_from_storage_is_not_found_rather_than_an_error(client, varld, publicerade):
    from django.core.files.storage import default_storage

    default_storage.delete(publicerade["motesjul"].ics.name)
    client.force_login(varld["SAMORDNARE"])
    assert client.get(f"/arshjul/motesjul/{AR}/versioner/1/ics/").status_code == 404
    status, samordnare = kalender(client, skapa_prenumeration(varld["SAMORDNARE"]))
    assert status == 200
    assert "Stadens möte" not in {str(h["summary"]) for h in samordnare.walk("VEVENT")}
    assert "Möte med polisen" in {str(h["summary"]) for h in samordnare.walk("VEVENT")}
