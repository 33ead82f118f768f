"""Planning warnings: each appears exactly when its situation holds, and going ahead past one
needs a stated reason that is kept; the operation page shows them to the coordinator only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Begransningsperiod, Handelsetyp, Resurslofte
from arshjul.models.val import Niva
from insatser import services, varningar
from insatser.models import (
    Bemanningsbegaran,
    Insats,
    Installningsorsak,
    Kontroll,
    Polisbemanning,
    Varningskvittens,
    Varningstyp,
)
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from myndigheter.models import Enhet, Lokalpolisomrade, Myndighet, Polisregion, Stadsomrade
from myndigheter.roles import Roll
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db
T = Varningstyp


def _objekt(nummer=1):
    return ObjektFabrik(namn=f"Varningsbolaget {nummer} AB")


def _insats(referens, dagar, *, samordnare="akc-vast", status=InsatsStatus.FORESLAGEN, objekt=()):
    insats = InsatsFabrik(
        referens=referens,
        titel=f"Hemlig titel {referens}",
        samordnande_organisation=org(samordnare),
        dagar=dagar,
        timmar=4,
        status=status,
        samlingsplats=f"Hemlig plats {referens}",
        installd_orsak=Installningsorsak.objects.get(kod="skjutning")
        if status == InsatsStatus.INSTALLD
        else None,
        lpoer=[lpo("city")],
    )
    for nummer, o in enumerate(objekt, start=1):
        KontrollFabrik(insats=insats, objekt=o, ordning=nummer)
    return insats


def _typer(insats):
    return [v.typ for v in varningar.varningar(insats)]


def test_a_well_prepared_operation_has_no_warnings(db):
    assert varningar.varningar(_insats("A", 40, objekt=[_objekt()])) == []


def _period(namn, insats, niva, *, aktiv=True, **falt):
    arshjul = Arshjul.objects.create(
        kod=f"hjul-{namn}",
        namn=f"Hjul {namn}",
        agare=Myndighet.objects.get(kod="akc-vast"),
        aktiv=aktiv,
    )
    dag = timezone.localtime(insats.start).date()
    return Begransningsperiod.objects.create(
        arshjul=arshjul,
        ar=dag.year,
        namn=namn,
        fran=dag - timedelta(days=2),
        till=dag + timedelta(days=2),
        niva=niva,
        **falt,
    )


def test_an_operation_in_a_blackout_period_is_flagged_by_its_level(db):
    insats = _insats("A", 40, objekt=[_objekt()])
    _period("Julen", insats, Niva.BLOCKERA)
    _period("Kulturkalaset", insats, Niva.VARNA, kapacitet_procent=50)
    _period("Sommaren", insats, Niva.VARNA)
    texter = [v.text for v in varningar.varningar(insats)]
    assert _typer(insats) == [T.BEGRANSNINGSPERIOD] * 3
    assert any("Julen" in t and "inte planerar några insatser" in t for t in texter)
    assert any("Kulturkalaset" in t and "50 %" in t for t in texter)
    assert any("Sommaren" in t and "begränsad kapacitet" in t for t in texter)


def test_blackouts_elsewhere_or_on_inactive_wheels_do_not_warn(db):
    insats = _insats("A", 40, objekt=[_objekt()])
    _period(
        "Stockholmsevent",
        insats,
        Niva.BLOCKERA,
        polisregion=Polisregion.objects.get(kod="stockholm"),
    )
    _period(
        "Annat LPO", insats, Niva.BLOCKERA, lpo=Lokalpolisomrade.objects.exclude(kod="city").first()
    )
    _period("Gammalt hjul", insats, Niva.BLOCKERA, aktiv=False)
    assert _typer(insats) == []
    _period("Västra", insats, Niva.BLOCKERA, polisregion=Polisregion.objects.get(kod="vast"))
    assert _typer(insats) == [T.BEGRANSNINGSPERIOD]


def test_a_rebuilt_blackout_keeps_its_acknowledgement(folk):
    insats = _insats("A", 40, objekt=[_objekt()])
    period = _period("Julen", insats, Niva.BLOCKERA)
    [varning] = varningar.okvitterade(insats)
    Varningskvittens.objects.create(
        insats=insats,
        typ=varning.typ,
        nyckel=varning.nyckel,
        text=varning.text,
        motivering="Polisen har lovat folk",
        kvitterad_av=folk["sam"],
    )
    period.delete()
    period.pk = None
    period.save()
    assert varningar.okvitterade(insats) == []


def test_an_object_inspected_recently_is_flagged_with_who_and_when_to_those_who_see_it(
    folk, skapa_anvandare
):
    objekt = _objekt()
    tidigare = _insats("T", -30, samordnare="miljoforvaltningen", status=InsatsStatus.GENOMFORD)
    KontrollFabrik(insats=tidigare, objekt=objekt, status=Kontroll.Status.GENOMFORD)
    (varning,) = varningar.varningar(_insats("A", 40, objekt=[objekt]))
    assert varning.typ == T.OBJEKT_NYLIGEN_KONTROLLERAT
    assert varning.text == "Varningsbolaget 1 AB kontrollerades nyligen i en annan insats."
    miljo = skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen")
    (for_miljo,) = varningar.som_anvandaren_ser_dem(miljo, [varning])
    assert "Miljöförvaltningen" in for_miljo.text
    assert "Hemlig" not in for_miljo.text
    # AKC-väst's coordinator does not see Miljöförvaltningen's operation: no date, no coordinator.
    assert varningar.som_anvandaren_ser_dem(folk["sam"], [varning]) == [varning]


@pytest.mark.parametrize(
    ("dagar_sedan", "kontrollstatus", "insatsstatus"),
    [
        (200, Kontroll.Status.GENOMFORD, InsatsStatus.GENOMFORD),
        (30, Kontroll.Status.EJ_GENOMFORD, InsatsStatus.GENOMFORD),
        (30, Kontroll.Status.PLANERAD, InsatsStatus.INSTALLD),
    ],
)
def test_no_recent_inspection_warning_when_long_ago_or_not_done(
    db, dagar_sedan, kontrollstatus, insatsstatus
):
    objekt = _objekt()
    tidigare = _insats("T", -dagar_sedan, status=insatsstatus)
    KontrollFabrik(
        insats=tidigare, objekt=objekt, status=kontrollstatus, ej_genomford_orsak="Stängt"
    )
    assert _typer(_insats("A", 40, objekt=[objekt])) == []


def test_an_object_in_another_open_operation_is_flagged_without_its_details(folk, skapa_anvandare):
    objekt = _objekt()
    _insats(
        "ANNAN", 60, samordnare="miljoforvaltningen", status=InsatsStatus.PLANERAD, objekt=[objekt]
    )
    _insats("INSTALLD", 50, status=InsatsStatus.INSTALLD, objekt=[objekt])
    (varning,) = varningar.varningar(_insats("A", 40, objekt=[objekt]))
    assert varning.typ == T.OBJEKT_I_ANNAN_INSATS
    assert varning.text == "Varningsbolaget 1 AB ingår också i en annan öppen insats."
    assert varningar.som_anvandaren_ser_dem(folk["sam"], [varning]) == [varning]
    miljo = skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen")
    (for_miljo,) = varningar.som_anvandaren_ser_dem(miljo, [varning])
    assert "samordnas av Miljöförvaltningen" in for_miljo.text
    assert "Hemlig" not in for_miljo.text
    assert "ANNAN" not in for_miljo.text


def _i(omrade: str, adress: str, nummer: int):
    return ObjektFabrik(
        namn=f"Platsbolaget {nummer} AB",
        adress=adress,
        stadsomrade=Stadsomrade.objects.get(kod=omrade),
    )


def test_another_operation_at_the_same_address_close_in_time_is_flagged_without_its_details(
    folk, skapa_anvandare
):
    _insats(
        "GRANNE",
        45,
        samordnare="miljoforvaltningen",
        status=InsatsStatus.PLANERAD,
        objekt=[_i("centrum", "Storgatan  1", 1)],
    )
    (varning,) = varningar.varningar(_insats("A", 40, objekt=[_i("centrum", "storgatan 1", 2)]))
    assert varning.typ == T.SAMMA_ADRESS
    assert varning.text == (
        "En annan insats kontrollerar ett objekt på Storgatan  1 nära i tiden. "
        "Stäm av med dess samordnare."
    )
    assert not varning.sparrar
    assert varningar.som_anvandaren_ser_dem(folk["sam"], [varning]) == [varning]
    miljo = skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen")
    (for_miljo,) = varningar.som_anvandaren_ser_dem(miljo, [varning])
    assert "samordnas av Miljöförvaltningen" in for_miljo.text
    assert "GRANNE" not in for_miljo.text
    assert "Hemlig" not in for_miljo.text


def test_another_operation_in_the_same_district_warns_once_and_only_close_in_time(db):
    _insats("NARA", 50, objekt=[_i("centrum", "Kungsgatan 2", 1), _i("centrum", "Kungsgatan 4", 2)])
    _insats("LANGT", 70, objekt=[_i("centrum", "Kungsgatan 6", 3)])
    _insats("ANNANSTANS", 42, objekt=[_i("hisingen", "Hisingsgatan 1", 4)])
    insats = _insats("A", 40, objekt=[_i("centrum", "Drottninggatan 1", 5)])
    (varning,) = varningar.varningar(insats)
    assert varning.typ == T.SAMMA_OMRADE
    assert varning.annan_insats_id == Insats.objects.get(referens="NARA").pk
    assert varning.text.startswith("En annan insats kontrollerar objekt i Centrum nära i tiden.")


def _fonster(insats, *, aktiv=True) -> Arshjulshandelse:
    """A window of LPO City from the day before the operation to two days after it."""
    arshjul = Arshjul.objects.create(
        kod=f"resurshjul-{aktiv}", namn="Resurshjul", agare=org("akc-vast"), aktiv=aktiv
    )
    start = insats.start - timedelta(days=1)
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=timezone.localtime(start).year,
        typ=Handelsetyp.INSATSFONSTER,
        titel="Fönster City",
        start=start,
        slut=start + timedelta(days=3),
        lpo=lpo("city"),
        kapacitet=3,
        handredigerad=True,
    )


def _lofte(fonster, kod, user, personer=None, persondagar=None) -> Resurslofte:
    return Resurslofte.objects.update_or_create(
        fonster=fonster,
        organisation=org(kod),
        defaults={"personer": personer, "persondagar": persondagar, "andrad_av": user},
    )[0]


def test_more_people_needed_in_the_window_than_pledged_informs_with_the_numbers(folk):
    insats = _insats("A", 40)
    fonster = _fonster(insats)
    Insats.objects.filter(pk=insats.pk).update(insatsfonster=fonster)
    insats.refresh_from_db()
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), planerat_antal=2)
    # The same day in the window's LPO without naming it, and one the day after.
    samma_dag = _insats("B", 40, status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=samma_dag, organisation=org("skatteverket"), planerat_antal=2)
    dagen_efter = _insats("C", 41, status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=dagen_efter, organisation=org("skatteverket"), planerat_antal=1)
    assert _typer(insats) == []
    _lofte(fonster, "skatteverket", folk["sam"], personer=3)
    (varning,) = varningar.varningar(insats)
    assert varning.typ == T.RESURSER_OVERSKRIDNA
    assert not varning.sparrar
    assert varning.text.startswith("Skatteverket har lovat 3 personer per insatsdag i Fönster City")
    assert varning.text.endswith("behöver 4.")
    _lofte(fonster, "skatteverket", folk["sam"], personer=4, persondagar=4)
    (varning,) = varningar.varningar(insats)
    assert varning.text == (
        "Skatteverket har lovat 4 persondagar i Fönster City, men insatserna där behöver 5."
    )
    _lofte(fonster, "skatteverket", folk["sam"], personer=4, persondagar=5)
    assert _typer(insats) == []
    # The day after needs 1 person: only that day counts against people per operation day.
    _lofte(fonster, "skatteverket", folk["sam"], personer=1)
    assert _typer(dagen_efter) == []
    assert _typer(samma_dag) == [T.RESURSER_OVERSKRIDNA]


def test_no_resource_warning_for_organisations_elsewhere_or_windows_of_inactive_wheels(folk):
    insats = _insats("A", 40)
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), planerat_antal=2)
    DeltagandeFabrik(insats=insats, organisation=org("av"), planerat_antal=0, svar=Svar.AVBOJD)
    annan = _insats("B", 40, status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=annan, organisation=org("migrationsverket"), planerat_antal=3)
    DeltagandeFabrik(insats=annan, organisation=org("av"), planerat_antal=3)
    fonster = _fonster(insats)
    # Organisations not (or no longer) taking part in this operation are not its concern.
    _lofte(fonster, "migrationsverket", folk["sam"], personer=1)
    _lofte(fonster, "av", folk["sam"], personer=1)
    _lofte(fonster, "skatteverket", folk["sam"], personer=2)
    assert _typer(insats) == []
    _lofte(_fonster(insats, aktiv=False), "skatteverket", folk["sam"], personer=0)
    assert _typer(insats) == []


def test_a_unit_booked_on_an_overlapping_operation_is_flagged(db):
    enhet = Enhet.objects.get(kod="skv-kontroll")
    skv = Myndighet.objects.get(kod="skatteverket")
    insats = _insats("A", 40, objekt=[_objekt()])
    DeltagandeFabrik(insats=insats, organisation=skv, enhet=enhet)
    samtidig = _insats("B", 40, samordnare="miljoforvaltningen", status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=samtidig, organisation=skv, enhet=enhet)
    senare = _insats("C", 41, status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=senare, organisation=skv, enhet=enhet)
    avbojd = _insats("D", 40, status=InsatsStatus.PLANERAD)
    DeltagandeFabrik(insats=avbojd, organisation=skv, enhet=enhet, svar=Svar.AVBOJD)
    (varning,) = varningar.varningar(insats)
    assert varning.typ == T.ENHET_DUBBELBOKAD
    assert varning.nyckel == f"{T.ENHET_DUBBELBOKAD}:{enhet.pk}:{samtidig.pk}"


def test_missed_lead_times_are_flagged_until_staffing_was_requested_in_time(db):
    insats = _insats("A", 10, objekt=[_objekt()])
    assert _typer(insats) == [T.LEDTID_OBJEKT, T.LEDTID_BEMANNING]
    insats.status = InsatsStatus.PLANERAD
    i_tid = BemanningsbegaranFabrik(insats=insats, status=BemanningStatus.SKICKAD)
    assert _typer(insats) == [T.LEDTID_BEMANNING]
    i_tid.skapad = timezone.now() - timedelta(days=30)
    i_tid.save()
    assert _typer(insats) == []


def test_an_operation_close_to_its_date_without_confirmed_police_is_flagged(db):
    insats = _insats("A", 2, status=InsatsStatus.BEMANNING_BEGARD)
    begaran = BemanningsbegaranFabrik(insats=insats, status=BemanningStatus.SKICKAD)
    begaran.skapad = timezone.now() - timedelta(days=30)
    begaran.save()
    assert _typer(insats) == [T.POLIS_EJ_BEKRAFTAD]
    begaran.status = BemanningStatus.BEKRAFTAD
    begaran.save()
    assert _typer(insats) == []


def test_an_officer_named_in_an_overlapping_operation_is_flagged_for_the_police(folk):
    annan = _insats("B", 40, status=InsatsStatus.BEKRAFTAD)
    begaran = BemanningsbegaranFabrik(
        insats=annan, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD
    )
    Polisbemanning.objects.create(begaran=begaran, anvandare=folk["polis"])
    insats = _insats("A", 40)
    (varning,) = varningar.polisvarningar(folk["opsam"], insats, [folk["polis"]])
    assert varning.typ == T.PERSON_DUBBELBOKAD
    assert annan.referens in varning.text
    # One who may not see the other operation learns only that there is one.
    (for_skv,) = varningar.polisvarningar(folk["skv"], insats, [folk["polis"]])
    assert for_skv.text.endswith("Bokad på något annat samtidigt som du inte kan se. Fråga polis.")
    assert f"insatsen {annan.referens}" not in for_skv.text
    assert varningar.polisvarningar(folk["opsam"], _insats("C", 45), [folk["polis"]]) == []


@pytest.fixture
def sen_insats(folk):
    """A proposal ten days out: objects and staffing are both late."""
    start = timezone.now() + timedelta(days=10)
    insats = services.skapa_insats(
        user=folk["sam"],
        titel="Sent planerad",
        start=start,
        slut=start + timedelta(hours=3),
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    services.bjud_in(folk["sam"], insats, Myndighet.objects.get(kod="skatteverket"))
    services.lagg_till_kontroll(folk["sam"], insats, _objekt())
    return Insats.objects.get(pk=insats.pk)


def test_planning_past_warnings_without_a_reason_changes_nothing(folk, sen_insats):
    nycklar = [v.nyckel for v in varningar.varningar(sen_insats)]
    with pytest.raises(services.ObekraftadeVarningar) as fel:
        services.planera_insats(
            folk["sam"], sen_insats, kvitterade=nycklar, version=aktuell_version(sen_insats)
        )
    assert {v.typ for v in fel.value.varningar} == {T.LEDTID_OBJEKT, T.LEDTID_BEMANNING}
    assert Insats.objects.get(pk=sen_insats.pk).status == InsatsStatus.FORESLAGEN
    assert not Varningskvittens.objects.exists()


def test_a_reason_does_not_cover_warnings_the_coordinator_was_not_shown(folk, sen_insats):
    (forsta, _) = varningar.varningar(sen_insats)
    with pytest.raises(services.ObekraftadeVarningar):
        services.planera_insats(
            folk["sam"],
            sen_insats,
            motivering="Brådskande",
            kvitterade=[forsta.nyckel],
            version=aktuell_version(sen_insats),
        )
    assert Insats.objects.get(pk=sen_insats.pk).status == InsatsStatus.FORESLAGEN


def test_going_ahead_with_a_reason_keeps_it_and_does_not_ask_again(folk, sen_insats):
    nycklar = [v.nyckel for v in varningar.varningar(sen_insats)]
    services.planera_insats(
        folk["sam"],
        sen_insats,
        motivering="Objekten är redan kända",
        kvitterade=nycklar,
        version=aktuell_version(sen_insats),
    )
    insats = Insats.objects.get(pk=sen_insats.pk)
    assert insats.status == InsatsStatus.PLANERAD
    kvittenser = list(insats.kvittenser.order_by("typ"))
    assert [k.typ for k in kvittenser] == [T.LEDTID_BEMANNING, T.LEDTID_OBJEKT]
    assert {k.motivering for k in kvittenser} == {"Objekten är redan kända"}
    assert all(k.kvitterad_av == folk["sam"] for k in kvittenser)
    assert insats.handelser.filter(typ="varningar_kvitterade").count() == 1
    assert varningar.okvitterade(insats) == []
    services.begar_bemanning(
        folk["sam"],
        insats,
        Lokalpolisomrade.objects.get(kod="city"),
        2,
        version=aktuell_version(insats),
    )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEMANNING_BEGARD


def test_a_new_situation_warns_again_after_earlier_acknowledgements(folk, sen_insats):
    nycklar = [v.nyckel for v in varningar.varningar(sen_insats)]
    services.planera_insats(
        folk["sam"],
        sen_insats,
        motivering="Känt",
        kvitterade=nycklar,
        version=aktuell_version(sen_insats),
    )
    objekt = sen_insats.kontroller.get().objekt
    _insats(
        "ANNAN", 12, samordnare="miljoforvaltningen", status=InsatsStatus.PLANERAD, objekt=[objekt]
    )
    with pytest.raises(services.ObekraftadeVarningar) as fel:
        services.begar_bemanning(
            folk["sam"],
            sen_insats,
            Lokalpolisomrade.objects.get(kod="city"),
            2,
            version=aktuell_version(sen_insats),
        )
    assert [v.typ for v in fel.value.varningar] == [T.OBJEKT_I_ANNAN_INSATS]
    assert not Bemanningsbegaran.objects.filter(insats=sen_insats).exists()


def test_rescheduling_to_a_late_date_needs_a_reason_for_the_new_date(folk):
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=folk["sam"],
        titel="Flyttas",
        start=start,
        slut=start + timedelta(hours=3),
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    services.bjud_in(folk["sam"], insats, Myndighet.objects.get(kod="skatteverket"))
    services.lagg_till_kontroll(folk["sam"], insats, _objekt())
    services.planera_insats(folk["sam"], insats, version=aktuell_version(insats))
    orsak = Installningsorsak.objects.get(kod="skjutning")
    ny_start = timezone.now() + timedelta(days=5)
    with pytest.raises(services.ObekraftadeVarningar) as fel:
        services.omplanera_insats(
            folk["sam"],
            insats,
            ny_start,
            ny_start + timedelta(hours=3),
            orsak,
            version=aktuell_version(insats),
        )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.PLANERAD
    assert Insats.objects.count() == 1
    efterfoljare = services.omplanera_insats(
        folk["sam"],
        insats,
        ny_start,
        ny_start + timedelta(hours=3),
        orsak,
        motivering="Polisen kan bara den dagen",
        kvitterade=[v.nyckel for v in fel.value.varningar],
        version=aktuell_version(insats),
    )
    assert efterfoljare.kvittenser.get().typ == T.LEDTID_BEMANNING


def test_the_coordinator_sees_the_warnings_and_the_reason_field_others_do_not(
    client, folk, sen_insats
):
    client.force_login(folk["sam"])
    text = client.get(f"/insatser/{sen_insats.pk}/").content.decode()
    assert "Ledtiden för objekt har passerat" in text
    assert "Motivering för att gå vidare trots varningarna" in text
    for v in varningar.varningar(sen_insats):
        assert f'name="kvitterade" value="{v.nyckel}"' in text
    client.force_login(folk["skv"])
    text = client.get(f"/insatser/{sen_insats.pk}/").content.decode()
    assert "Ledtiden för objekt har passerat" not in text
    assert "Motivering för att gå vidare" not in text


def test_the_planning_form_goes_ahead_with_the_reason_from_the_page(client, folk, sen_insats):
    client.force_login(folk["sam"])
    client.post(
        f"/insatser/{sen_insats.pk}/planera/",
        {
            "version": sen_insats.version,
            "motivering": "Insatsen är brådskande",
            "kvitterade": [v.nyckel for v in varningar.varningar(sen_insats)],
        },
    )
    assert Insats.objects.get(pk=sen_insats.pk).status == InsatsStatus.PLANERAD
    text = client.get(f"/insatser/{sen_insats.pk}/").content.decode()
    assert "Kvitterade varningar" in text
    assert "Insatsen är brådskande" in text


def test_the_planning_form_without_a_reason_explains_and_changes_nothing(client, folk, sen_insats):
    client.force_login(folk["sam"])
    svar = client.post(
        f"/insatser/{sen_insats.pk}/planera/", {"version": sen_insats.version}, follow=True
    )
    assert "Ange en motivering om ni vill gå vidare ändå." in svar.content.decode()
    assert Insats.objects.get(pk=sen_insats.pk).status == InsatsStatus.FORESLAGEN


def test_the_operation_page_takes_constant_queries(client, folk):
    insats = _insats("Q", 40, objekt=[_objekt(1)])
    DeltagandeFabrik(insats=insats, organisation=org("akc-vast"))
    client.force_login(folk["sam"])
    client.get(f"/insatser/{insats.pk}/")
    with CaptureQueriesContext(connection) as fore:
        client.get(f"/insatser/{insats.pk}/")
    for nummer in range(2, 12):
        KontrollFabrik(insats=insats, objekt=_objekt(nummer), ordning=nummer)
    for kod in ["skatteverket", "av", "migrationsverket"]:
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    with CaptureQueriesContext(connection) as efter:
        text = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Varningsbolaget 11 AB" in text
    assert len(efter) == len(fore)


def test_the_police_answer_page_shows_wished_and_double_booked_officers(client, folk):
    annan = _insats("B", 40, status=InsatsStatus.BEKRAFTAD)
    upptagen = BemanningsbegaranFabrik(
        insats=annan, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD
    )
    Polisbemanning.objects.create(begaran=upptagen, anvandare=folk["polis"])
    insats = _insats("A", 40, status=InsatsStatus.BEMANNING_BEGARD)
    begaran = BemanningsbegaranFabrik(
        insats=insats, lpo=lpo("city"), status=BemanningStatus.SKICKAD, kompetenser=["GRANSPOLIS"]
    )
    begaran.onskade_insatspoliser.set([folk["polis"]])
    client.force_login(folk["opsam"])
    text = client.get(f"/polis/begaranden/{begaran.pk}/").content.decode()
    assert "Önskade insatspoliser" in text
    assert "Gränspolis" in text
    assert "Poliser som redan är bokade samtidigt" in text
    assert f"Bokad på insatsen {annan.referens}," in text
