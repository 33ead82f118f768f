"""The coordinators' verbs: allowed and refused cases, nothing changed after a refusal,
stale forms refused, and every change asking for a rebuild of the years it touches."""

from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arshjul.models import (
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsversion,
    Aterkommanderegel,
    Begransningsperiod,
    Handelsetyp,
    Kalenderprenumeration,
    Niva,
    Regeltyp,
)
from arshjul.services import redigering
from arshjul.services.prenumeration import (
    aterkalla_prenumeration,
    prenumerant,
    skapa_prenumeration,
)
from arshjul.workflow import VersionStatus
from insatser import services as insatsverb
from karna.arbetsflode import OgiltigOvergang
from karna.lasning import Konflikt
from myndigheter.models import Lokalpolisomrade, Myndighet, Polisregion
from myndigheter.roles import Roll
from tests.fabriker import ObjektFabrik

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
I_AR = timezone.localdate().year


@pytest.fixture
def personer(skapa_anvandare):
    return {
        "samordnare": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "annan": skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
    }


def begaran(arshjul, ar=I_AR) -> int:
    rad = Arshjulsar.objects.filter(arshjul=arshjul, ar=ar).first()
    return rad.begaran if rad else 0


def regeldata(**falt):
    data = {
        "namn": "Samordningsmöte",
        "typ": Handelsetyp.MOTE,
        "organ": None,
        "regeltyp": Regeltyp.MIN_PER_AR,
        "antal": 4,
        "heldag_antal": 0,
        "intervall_ar": None,
        "ankarar": None,
        "foredragna_manader": [],
        "veckodag": 2,
        "starttid": time(9),
        "langd_minuter": 120,
        "langd_dagar": 1,
        "lpo": None,
        "kapacitet": None,
        "niva": "",
        "kapacitet_procent": None,
        "polisregion": None,
        "beroende_av": None,
        "min_dagar_efter": 7,
        "kalla": "",
        "ej_i_kallorna": False,
        "anmarkning": "",
        "aktiv": True,
    }
    data.update(falt)
    return data


def test_the_owners_coordinator_adds_a_rule_and_the_wheel_is_rebuilt(akc, personer):
    regel = redigering.spara_regel(personer["samordnare"], akc, regeldata())
    assert regel.kod == "akc-vast-insatser-samordningsmote"
    assert (regel.antal, regel.version) == (4, 1)
    assert begaran(akc) == 1
    andra = redigering.spara_regel(personer["samordnare"], akc, regeldata())
    assert andra.kod == "akc-vast-insatser-samordningsmote-2"


@pytest.mark.parametrize("vem", ["annan", "skv"])
def test_others_may_not_change_a_wheels_rules(akc, personer, vem):
    fore = Aterkommanderegel.objects.count()
    with pytest.raises(PermissionDenied):
        redigering.spara_regel(personer[vem], akc, regeldata())
    assert Aterkommanderegel.objects.count() == fore
    assert begaran(akc) == 0


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"namn": "  "}, "namn"),
        ({"typ": Handelsetyp.INSATSFONSTER, "kapacitet": 2, "langd_dagar": 5}, "lpo"),
        ({"typ": Handelsetyp.INSATSFONSTER, "lpo": "boras", "kapacitet": 2}, "lpo"),
        ({"typ": Handelsetyp.INSATSFONSTER, "lpo": "city", "kapacitet": None}, "kapacitet"),
        (
            {"typ": Handelsetyp.INSATSFONSTER, "lpo": "city", "kapacitet": 2, "langd_dagar": 20},
            "langd_dagar",
        ),
        ({"typ": "BEGRANSNING", "niva": Niva.BLOCKERA}, "regeltyp"),
        (
            {
                "regeltyp": Regeltyp.FAST_FONSTER,
                "fran_manad": 2,
                "fran_dag": 30,
                "till_manad": 3,
                "till_dag": 1,
            },
            "fran_dag",
        ),
        ({"regeltyp": Regeltyp.INTERVALL_AR, "intervall_ar": 1, "ankarar": 2024}, "intervall_ar"),
        ({"regeltyp": Regeltyp.INTERVALL_AR, "intervall_ar": 2, "ankarar": 1800}, "ankarar"),
        ({"heldag_antal": 5}, "heldag_antal"),
        ({"langd_minuter": 5}, "langd_minuter"),
    ],
)
def test_a_rule_that_does_not_hold_together_is_refused_with_a_swedish_message(
    akc, personer, falt, fel
):
    if falt.get("lpo"):
        falt["lpo"] = Lokalpolisomrade.objects.get(kod=falt["lpo"])
    fore = Aterkommanderegel.objects.count()
    with pytest.raises(ValidationError) as refuserad:
        redigering.spara_regel(personer["samordnare"], akc, regeldata(**falt))
    assert fel in refuserad.value.error_dict
    assert Aterkommanderegel.objects.count() == fore
    assert begaran(akc) == 0


def test_a_blackout_rule_needs_a_level_and_one_scope(akc, personer):
    blackout = {"typ": "BEGRANSNING", "regeltyp": Regeltyp.FAST_FONSTER}
    datum = {"fran_manad": 12, "fran_dag": 20, "till_manad": 12, "till_dag": 26}
    with pytest.raises(ValidationError, match="varna eller blockera"):
        redigering.spara_regel(personer["samordnare"], akc, regeldata(**blackout, **datum))
    with pytest.raises(ValidationError, match="inte båda"):
        redigering.spara_regel(
            personer["samordnare"],
            akc,
            regeldata(
                **blackout,
                **datum,
                niva=Niva.BLOCKERA,
                lpo=Lokalpolisomrade.objects.get(kod="city"),
                polisregion=Polisregion.objects.get(kod="vast"),
            ),
        )
    with pytest.raises(ValidationError, match="bara vid varning"):
        redigering.spara_regel(
            personer["samordnare"],
            akc,
            regeldata(**blackout, **datum, niva=Niva.BLOCKERA, kapacitet_procent=50),
        )


def test_rules_cannot_follow_each_other_in_a_circle(akc, personer):
    forsta = Aterkommanderegel.objects.get(kod="c17-akc-natverkstraffar")
    andra = redigering.spara_regel(personer["samordnare"], akc, regeldata(beroende_av=forsta))
    with pytest.raises(ValidationError, match="cirkel"):
        redigering.spara_regel(
            personer["samordnare"],
            akc,
            regeldata(namn=forsta.namn, beroende_av=andra, organ=forsta.organ),
            forsta,
            forsta.version,
        )
    forsta.refresh_from_db()
    assert forsta.beroende_av is None


def test_a_rule_of_another_wheel_cannot_come_first(akc, trygg, personer):
    annan = Aterkommanderegel.objects.get(kod="c05-gemensam-lagesbild")
    with pytest.raises(ValidationError, match="samma årshjul"):
        redigering.spara_regel(personer["samordnare"], akc, regeldata(beroende_av=annan))


def test_a_stale_rule_form_changes_nothing(akc, personer):
    regel = Aterkommanderegel.objects.get(kod="c17-akc-natverkstraffar")
    redigering.spara_regel(personer["samordnare"], akc, regeldata(namn="Ny", antal=3), regel, 1)
    with pytest.raises(Konflikt):
        redigering.spara_regel(personer["samordnare"], akc, regeldata(antal=6), regel, 1)
    regel.refresh_from_db()
    assert (regel.namn, regel.antal, regel.version) == ("Ny", 3, 2)


def test_a_rule_change_rebuilds_this_year_and_later_years_built_before(akc, personer):
    Arshjulsar.objects.create(arshjul=akc, ar=I_AR + 1)
    Arshjulsar.objects.create(arshjul=akc, ar=I_AR - 1)
    redigering.spara_regel(personer["samordnare"], akc, regeldata())
    assert begaran(akc) == 1
    assert begaran(akc, I_AR + 1) == 1
    assert begaran(akc, I_AR - 1) == 0, "a past year stays as it was built"


def lokal(dag, timme):
    return datetime.combine(dag, time(timme), tzinfo=timezone.get_default_timezone())


def handelsedata(**falt):
    data = {
        "typ": Handelsetyp.UTBILDNING,
        "titel": "Utbildning",
        "beskrivning": "",
        "start": lokal(date(I_AR, 3, 3), 9),
        "slut": lokal(date(I_AR, 3, 3), 12),
        "heldag": False,
        "organ": None,
        "ordforande_org": None,
        "ordforande_funktion": "",
        "antecknare_org": None,
        "antecknare_funktion": "",
        "lpo": None,
        "kapacitet": None,
        "installd": False,
        "deltagande_enheter": [],
        "deltagare": [],
    }
    data.update(falt)
    return data


def test_an_event_made_by_hand(akc, personer):
    handelse = redigering.spara_handelse(personer["samordnare"], akc, handelsedata())
    assert (handelse.ar, handelse.handredigerad, handelse.regel_id) == (I_AR, True, None)
    assert begaran(akc) == 1


def test_editing_a_generated_event_makes_it_hand_edited(akc, personer):
    generad = Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=I_AR,
        typ=Handelsetyp.MOTE,
        titel="Från regel",
        start=lokal(date(I_AR, 4, 1), 9),
        slut=lokal(date(I_AR, 4, 1), 11),
        regel=Aterkommanderegel.objects.get(kod="c17-akc-natverkstraffar"),
        forekomst=1,
    )
    redigering.spara_handelse(
        personer["samordnare"], akc, handelsedata(titel="Flyttad"), generad, generad.version
    )
    generad.refresh_from_db()
    assert (generad.titel, generad.handredigerad, generad.version) == ("Flyttad", True, 2)


def test_moving_an_event_to_another_year_rebuilds_both_years(akc, personer):
    handelse = redigering.spara_handelse(personer["samordnare"], akc, handelsedata())
    nasta = handelsedata(start=lokal(date(I_AR + 1, 2, 2), 9), slut=lokal(date(I_AR + 1, 2, 2), 10))
    redigering.spara_handelse(personer["samordnare"], akc, nasta, handelse, handelse.version)
    assert (begaran(akc), begaran(akc, I_AR + 1)) == (2, 1)


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"titel": ""}, "titel"),
        ({"slut": lokal(date(I_AR, 3, 3), 8)}, "slut"),
        ({"typ": Handelsetyp.INSATSFONSTER}, "lpo"),
        ({"ordforande_funktion": "ordförande"}, "ordforande_org"),
    ],
)
def test_a_bad_event_is_refused_and_nothing_saved(akc, personer, falt, fel):
    with pytest.raises(ValidationError) as refuserad:
        redigering.spara_handelse(personer["samordnare"], akc, handelsedata(**falt))
    assert fel in refuserad.value.error_dict
    assert not Arshjulshandelse.objects.exists()


def test_others_may_not_change_an_event(akc, personer):
    handelse = redigering.spara_handelse(personer["samordnare"], akc, handelsedata())
    for vem in ("annan", "skv"):
        with pytest.raises(PermissionDenied):
            redigering.spara_handelse(personer[vem], akc, handelsedata(titel="X"), handelse, 1)
        with pytest.raises(PermissionDenied):
            redigering.spara_handelse(personer[vem], akc, handelsedata())
    handelse.refresh_from_db()
    assert handelse.titel == "Utbildning"
    assert Arshjulshandelse.objects.count() == 1


def test_a_stale_event_form_changes_nothing(akc, personer):
    handelse = redigering.spara_handelse(personer["samordnare"], akc, handelsedata())
    redigering.spara_handelse(personer["samordnare"], akc, handelsedata(titel="A"), handelse, 1)
    with pytest.raises(Konflikt):
        redigering.spara_handelse(personer["samordnare"], akc, handelsedata(titel="B"), handelse, 1)
    handelse.refresh_from_db()
    assert handelse.titel == "A"


def perioddata(**falt):
    data = {
        "namn": "Valrörelse",
        "fran": date(I_AR, 8, 20),
        "till": date(I_AR, 9, 10),
        "niva": Niva.VARNA,
        "kapacitet_procent": 50,
        "lpo": None,
        "polisregion": None,
        "beskrivning": "",
    }
    data.update(falt)
    return data


def test_a_blackout_period_over_new_year_rebuilds_both_years(akc, personer):
    period = redigering.spara_begransning(
        personer["samordnare"],
        akc,
        perioddata(fran=date(I_AR, 12, 28), till=date(I_AR + 1, 1, 3)),
    )
    assert (period.ar, period.handredigerad) == (I_AR, True)
    assert (begaran(akc), begaran(akc, I_AR + 1)) == (1, 1)


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"namn": ""}, "namn"),
        ({"till": date(I_AR, 8, 1)}, "till"),
        ({"till": date(I_AR + 2, 1, 1)}, "till"),
        ({"niva": Niva.BLOCKERA}, "kapacitet_procent"),
    ],
)
def test_a_bad_blackout_period_is_refused_and_nothing_saved(akc, personer, falt, fel):
    with pytest.raises(ValidationError) as refuserad:
        redigering.spara_begransning(personer["samordnare"], akc, perioddata(**falt))
    assert fel in refuserad.value.error_dict
    assert not Begransningsperiod.objects.exists()


def test_others_may_not_change_a_blackout_period(akc, personer):
    period = redigering.spara_begransning(personer["samordnare"], akc, perioddata())
    with pytest.raises(PermissionDenied):
        redigering.spara_begransning(personer["annan"], akc, perioddata(namn="X"), period, 1)
    with pytest.raises(Konflikt):
        redigering.spara_begransning(personer["samordnare"], akc, perioddata(namn="Y"), period, 7)
    period.refresh_from_db()
    assert period.namn == "Valrörelse"


def version(arshjul, nummer, status=VersionStatus.KLAR):
    rad, _ = Arshjulsar.objects.get_or_create(arshjul=arshjul, ar=I_AR)
    return Arshjulsversion.objects.create(
        arshjulsar=rad, nummer=nummer, begaran=nummer, fingeravtryck=str(nummer), status=status
    )


def test_publishing_replaces_the_version_published_before(akc, personer):
    forsta = version(akc, 1, VersionStatus.PUBLICERAD)
    andra = version(akc, 2)
    redigering.publicera_version(personer["samordnare"], andra)
    forsta.refresh_from_db()
    andra.refresh_from_db()
    assert (forsta.status, andra.status) == (VersionStatus.ERSATT, VersionStatus.PUBLICERAD)
    assert andra.publicerad_av == personer["samordnare"]


def test_only_a_ready_version_is_published_and_only_by_the_owner(akc, personer):
    bygger = version(akc, 1, VersionStatus.BYGGS)
    with pytest.raises(OgiltigOvergang):
        redigering.publicera_version(personer["samordnare"], bygger)
    klar = version(akc, 2)
    with pytest.raises(PermissionDenied):
        redigering.publicera_version(personer["annan"], klar)
    klar.refresh_from_db()
    assert klar.status == VersionStatus.KLAR


def test_a_rebuild_on_demand(akc, personer):
    redigering.bygg_om(personer["samordnare"], akc, I_AR)
    assert begaran(akc) == 1
    with pytest.raises(PermissionDenied):
        redigering.bygg_om(personer["annan"], akc, I_AR)
    assert begaran(akc) == 1


def test_a_subscription_token_is_stored_only_as_a_hash_and_can_be_renewed_or_revoked(personer):
    user = personer["samordnare"]
    token = skapa_prenumeration(user)
    assert token not in Kalenderprenumeration.objects.get().token_hash
    assert prenumerant(token) == user
    ny = skapa_prenumeration(user)
    assert prenumerant(token) is None
    assert prenumerant(ny) == user
    assert aterkalla_prenumeration(user) is True
    assert prenumerant(ny) is None
    assert aterkalla_prenumeration(user) is False


def test_a_deactivated_users_token_stops_working(personer):
    token = skapa_prenumeration(personer["skv"])
    personer["skv"].is_active = False
    personer["skv"].save()
    assert prenumerant(token) is None


@pytest.fixture
def objekt(db):
    return ObjektFabrik()


def test_every_operation_change_asks_the_wheels_of_its_lpo_for_one_debounced_rebuild(
    akc, trygg, personer, objekt, settings, django_capture_on_commit_callbacks
):
    settings.ARSHJUL_FORDROJNING = 7
    start = lokal(date(I_AR, 6, 2), 18)
    with (
        mock.patch("arshjul.tasks.bygg_arshjul.apply_async") as koa,
        django_capture_on_commit_callbacks(execute=True),
    ):
        insats = insatsverb.skapa_insats(
            user=personer["samordnare"],
            titel="Restauranger",
            start=start,
            slut=start + timedelta(hours=3),
            lpoer=[Lokalpolisomrade.objects.get(kod="city")],
        )
        insatsverb.lagg_till_kontroll(personer["samordnare"], insats, objekt)
    rad = Arshjulsar.objects.get()
    assert (rad.arshjul, rad.ar, rad.begaran) == (akc, I_AR, 2)
    assert [c.kwargs["countdown"] for c in koa.call_args_list] == [7, 7]
    assert [c.args[0] for c in koa.call_args_list] == [(rad.pk, 1), (rad.pk, 2)]


def test_an_operation_in_no_wheels_lpo_asks_for_nothing(akc, personer):
    start = lokal(date(I_AR, 6, 2), 18)
    insatsverb.skapa_insats(
        user=personer["samordnare"],
        titel="I Borås",
        start=start,
        slut=start + timedelta(hours=3),
        lpoer=[Lokalpolisomrade.objects.get(kod="boras")],
    )
    assert not Arshjulsar.objects.exists()


def test_an_operation_planned_in_a_window_asks_its_wheel(akc, trygg, personer):
    trygg.aktiv = False
    trygg.save()
    fonster = Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=I_AR,
        typ=Handelsetyp.INSATSFONSTER,
        titel="Fönster",
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        kapacitet=2,
        start=lokal(date(I_AR, 6, 1), 0),
        slut=lokal(date(I_AR, 6, 6), 0),
    )
    start = lokal(date(I_AR, 6, 2), 18)
    insats = insatsverb.skapa_insats(
        user=personer["samordnare"], titel="Utan LPO", start=start, slut=start + timedelta(hours=3)
    )
    assert not Arshjulsar.objects.exists()
    insats.insatsfonster = fonster
    insats.save()
    insatsverb.bjud_in(personer["samordnare"], insats, Myndighet.objects.get(kod="skatteverket"))
    assert Arshjulsar.objects.get().arshjul == akc
