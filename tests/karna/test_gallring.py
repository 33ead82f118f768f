"""Retention: each rule removes only what has been kept its period, logs how many, and the
access log stays append-only for everyone but the retention job."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import ProgrammingError, transaction
from django.utils import timezone

from insatser.models import (
    Frislappning,
    Fynd,
    Informationsunderlag,
    NekadFrislappning,
    Polisbefal,
    Utsandperson,
)
from insatser.models.underlag import Malgruppstyp
from karna import gallring
from karna.models import Atkomstlogg, Gallringslogg
from myndigheter.roles import Roll
from notiser.models import Notis
from objekt.models import Objektuppgift
from tests.fabriker import (
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)

pytestmark = pytest.mark.django_db
DAG = timedelta(days=1)


def test_every_rule_has_a_documented_period():
    namn = [regel.namn for regel in gallring.regler()]
    assert sorted(namn) == sorted(settings.GALLRING)
    assert len(namn) == len(set(namn))


def _logg(tid, objekt_id="1"):
    return Atkomstlogg.objects.create(
        tid=tid,
        anvandarnamn="kalle",
        organisation="skatteverket",
        roller="HANDLAGGARE",
        objekttyp="objekt.objekt",
        objekt_id=objekt_id,
        handling=Atkomstlogg.Handling.LASA,
        syfte="Planering",
    )


def _loggat(regel):
    return list(Gallringslogg.objects.filter(regel=regel).values_list("antal", flat=True))


def test_the_access_log_is_pruned_past_its_period_and_the_pruning_is_logged(settings):
    settings.GALLRING = {"atkomstlogg": 100}
    nu = timezone.now()
    gammal = _logg(nu - 101 * DAG)
    ny = _logg(nu - 99 * DAG)
    assert gallring.kor(nu) == {"atkomstlogg": 1}
    assert list(Atkomstlogg.objects.values_list("pk", flat=True)) == [ny.pk]
    assert not Atkomstlogg.objects.filter(pk=gammal.pk).exists()
    rad = Gallringslogg.objects.get(regel="atkomstlogg")
    assert (rad.antal, rad.fore) == (1, nu - 100 * DAG)


def test_a_plain_delete_of_the_access_log_is_still_refused():
    rad = _logg(timezone.now() - 5000 * DAG)
    with pytest.raises(ProgrammingError), transaction.atomic():
        Atkomstlogg.objects.filter(pk=rad.pk).delete()
    with pytest.raises(ProgrammingError), transaction.atomic():
        Atkomstlogg.objects.filter(pk=rad.pk).update(syfte="ändrat")
    assert Atkomstlogg.objects.filter(pk=rad.pk, syfte="Planering").exists()


def test_the_retention_mark_does_not_let_newer_rows_or_other_transactions_through():
    nu = timezone.now()
    gammal, ny = _logg(nu - 10 * DAG), _logg(nu)
    with transaction.atomic():
        gallring.gallra_atkomstloggen(nu - DAG)
        with pytest.raises(ProgrammingError), transaction.atomic():
            Atkomstlogg.objects.filter(pk=ny.pk).delete()
    assert not Atkomstlogg.objects.filter(pk=gammal.pk).exists()
    with pytest.raises(ProgrammingError), transaction.atomic():
        Atkomstlogg.objects.filter(pk=ny.pk).delete()
    assert Atkomstlogg.objects.filter(pk=ny.pk).exists()


def test_the_retention_log_itself_cannot_be_changed(settings):
    settings.GALLRING = {"atkomstlogg": 100}
    gallring.kor()
    with pytest.raises(ProgrammingError), transaction.atomic():
        Gallringslogg.objects.all().delete()
    assert Gallringslogg.objects.count() == 1


def test_a_rule_without_a_period_is_not_run(settings):
    settings.GALLRING = {}
    _logg(timezone.now() - 5000 * DAG)
    assert gallring.kor() == {}
    assert Atkomstlogg.objects.count() == 1
    assert not Gallringslogg.objects.exists()


@pytest.fixture
def insatser():
    """An operation that ended long ago, one that ended lately and one long past but not
    ended (never closed): only the first is past the period of 100 days."""
    nu = timezone.now()
    return {
        "gammal": InsatsFabrik(status="GENOMFORD", start=nu - 200 * DAG, slut=nu - 199 * DAG),
        "ny": InsatsFabrik(status="UTVARDERAD", start=nu - 50 * DAG, slut=nu - 49 * DAG),
        "oppen": InsatsFabrik(status="PLANERAD", start=nu - 200 * DAG, slut=nu - 199 * DAG),
    }


def _kvar(modell, insatser, falt="insats"):
    return {
        namn
        for namn, insats in insatser.items()
        if modell.objects.filter(**{falt: insats}).exists()
    }


def _historik(modell):
    (handelser,) = gallring.historikmodeller(modell)
    return handelser.objects


def test_findings_of_operations_ended_past_the_period_are_pruned_with_their_history(
    settings, insatser
):
    settings.GALLRING = {"fynd": 100}
    for insats in insatser.values():
        kontroll = KontrollFabrik(insats=insats)
        Fynd.objects.create(kontroll=kontroll, organisation=org("skatteverket"), text="Brist")
    gammalt = Fynd.objects.get(kontroll__insats=insatser["gammal"]).pk
    assert _historik(Fynd).filter(pgh_obj_id=gammalt).exists()
    assert gallring.kor() == {"fynd": 1}
    assert _kvar(Fynd, insatser, "kontroll__insats") == {"ny", "oppen"}
    assert not _historik(Fynd).filter(pgh_obj_id=gammalt).exists()
    assert _loggat("fynd") == [1]


def test_released_and_refused_information_of_ended_operations_is_pruned(
    settings, insatser, skapa_anvandare
):
    settings.GALLRING = {"frislappningar": 100}
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    uppgift = Objektuppgift.objects.create(
        objekt=ObjektFabrik(), organisation=org("skatteverket"), innehall={"Skuld": "Ja"}
    )
    for insats in insatser.values():
        Frislappning.objects.create(
            objektuppgift=uppgift, insats=insats, frislappt_av=skv, grund="X"
        )
        NekadFrislappning.objects.create(
            objektuppgift=uppgift, insats=insats, krets="ALLA", hinder="Sekretess", nekad_av=skv
        )
    assert gallring.kor() == {"frislappningar": 2}
    assert _kvar(Frislappning, insatser) == {"ny", "oppen"}
    assert _kvar(NekadFrislappning, insatser) == {"ny", "oppen"}
    assert Objektuppgift.objects.filter(pk=uppgift.pk).exists()
    assert _loggat("frislappningar") == [2]


def test_named_people_and_police_contacts_of_ended_operations_are_pruned(
    settings, insatser, skapa_anvandare
):
    settings.GALLRING = {"personuppgifter": 100}
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    for insats in insatser.values():
        deltagande = DeltagandeFabrik(insats=insats)
        Utsandperson.objects.create(deltagande=deltagande, anvandare=skv, namngiven_av=skv)
        Polisbefal.objects.create(
            insats=insats, lpo=lpo("city"), funktion="Yttre befäl", telefon="0701234567"
        )
    befal = Polisbefal.objects.get(insats=insatser["gammal"]).pk
    assert gallring.kor() == {"personuppgifter": 2}
    assert _kvar(Utsandperson, insatser, "deltagande__insats") == {"ny", "oppen"}
    assert _kvar(Polisbefal, insatser) == {"ny", "oppen"}
    assert not _historik(Polisbefal).filter(pgh_obj_id=befal).exists()
    assert skv.is_active
    assert _loggat("personuppgifter") == [2]


def test_generated_briefings_are_pruned_when_replaced_or_their_operation_ended(
    settings, insatser, tillfalliga_filer, django_capture_on_commit_callbacks
):
    settings.GALLRING = {"genererade_filer": 100}
    nu = timezone.now()
    filer = {}

    def underlag(insats, version, status, byggd):
        namn = f"underlag/{insats.pk}/v{version}.pdf"
        fil = tillfalliga_filer / namn
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_bytes(b"%PDF-")
        rad = Informationsunderlag.objects.create(
            insats=insats,
            malgrupp=Malgruppstyp.GEMENSAM,
            version=version,
            status=status,
            byggd=byggd,
            fil=namn,
            kontrollsumma="0" * 64,
            dataversion="test",
            sidantal=1,
        )
        filer[rad.pk] = fil
        return rad

    status = Informationsunderlag.Status
    underlag(insatser["gammal"], 1, status.AKTUELL, nu - 200 * DAG)
    ersatt_gammal = underlag(insatser["oppen"], 1, status.OGILTIG, nu - 150 * DAG)
    ersatt_ny = underlag(insatser["oppen"], 2, status.OGILTIG, nu - 10 * DAG)
    aktuell = underlag(insatser["oppen"], 3, status.AKTUELL, nu - 150 * DAG)
    pa_ny = underlag(insatser["ny"], 1, status.AKTUELL, nu - 60 * DAG)
    with django_capture_on_commit_callbacks(execute=True):
        assert gallring.kor() == {"genererade_filer": 2}
    kvar = set(Informationsunderlag.objects.values_list("pk", flat=True))
    assert kvar == {ersatt_ny.pk, aktuell.pk, pa_ny.pk}
    assert {pk for pk, fil in filer.items() if fil.exists()} == kvar
    assert ersatt_gammal.pk not in kvar
    assert _loggat("genererade_filer") == [2]


def test_notifications_past_their_period_are_pruned(settings, skapa_anvandare):
    from insatser.models import Insatshandelse

    settings.GALLRING = {"notiser": 100}
    mottagare = skapa_anvandare("mottagare", Roll.HANDLAGGARE, "skatteverket")
    insats = InsatsFabrik()
    nu = timezone.now()
    for dagar in (150, 101, 99):
        Notis.objects.create(
            mottagare=mottagare,
            insats=insats,
            handelse=Insatshandelse.objects.create(insats=insats, typ="stall_in"),
            typ="stall_in",
            lank="/",
            skapad=nu - dagar * DAG,
        )
    assert gallring.kor(nu) == {"notiser": 2}
    assert list(Notis.objects.values_list("skapad", flat=True)) == [nu - 99 * DAG]
    assert _loggat("notiser") == [2]


def test_the_beat_schedule_runs_the_retention_job_daily():
    from config.celery import app

    (post,) = [p for p in app.conf.beat_schedule.values() if p["task"] == "karna.tasks.gallra"]
    assert post["schedule"].hour == {1}


def test_the_retention_task_runs_every_rule(settings):
    from karna.tasks import gallra

    settings.GALLRING = {"atkomstlogg": 1}
    _logg(timezone.now() - 3 * DAG)
    gallra.apply()
    assert not Atkomstlogg.objects.exists()
    assert _loggat("atkomstlogg") == [1]


def test_replaced_evaluation_reports_are_pruned_with_their_files(
    settings, insatser, tillfalliga_filer, django_capture_on_commit_callbacks
):
    from utvardering.models import Gemensamutvardering, Utvarderingsrapport

    settings.GALLRING = {"utvarderingsrapporter": 100}
    nu = timezone.now()
    utvardering = Gemensamutvardering.objects.create(
        insats=insatser["gammal"], frist=(nu + 10 * DAG).date()
    )
    status = Utvarderingsrapport.Status

    def rapport(version, status, byggd):
        namn = f"utvarderingsrapporter/{utvardering.pk}/v{version}.pdf"
        (tillfalliga_filer / namn).parent.mkdir(parents=True, exist_ok=True)
        (tillfalliga_filer / namn).write_bytes(b"%PDF-")
        return Utvarderingsrapport.objects.create(
            utvardering=utvardering,
            organisation=org("skatteverket"),
            version=version,
            status=status,
            byggd=byggd,
            fil=namn,
            kontrollsumma="0" * 64,
            dataversion="test",
            sidantal=1,
        )

    gammal = rapport(1, status.OGILTIG, nu - 150 * DAG)
    ny = rapport(2, status.OGILTIG, nu - 10 * DAG)
    aktuell = rapport(3, status.AKTUELL, nu - 150 * DAG)
    with django_capture_on_commit_callbacks(execute=True):
        assert gallring.kor() == {"utvarderingsrapporter": 1}
    kvar = set(Utvarderingsrapport.objects.values_list("pk", flat=True))
    assert kvar == {ny.pk, aktuell.pk}
    assert not (tillfalliga_filer / gammal.fil.name).exists()
    assert (tillfalliga_filer / ny.fil.name).exists()
    assert _loggat("utvarderingsrapporter") == [1]


def test_users_former_scopes_are_pruned_past_their_period(settings, skapa_anvandare):
    from myndigheter.models import Synlighetsandring

    settings.GALLRING = {"synlighetsandringar": 100}
    anvandare = skapa_anvandare("bytt", Roll.HANDLAGGARE, "skatteverket")
    nu = timezone.now()
    for dagar in (150, 101, 99):
        Synlighetsandring.objects.create(
            anvandare=anvandare,
            organisation=org("skatteverket"),
            roller=["HANDLAGGARE"],
            tid=nu - dagar * DAG,
        )
    assert gallring.kor(nu) == {"synlighetsandringar": 2}
    assert list(Synlighetsandring.objects.values_list("tid", flat=True)) == [nu - 99 * DAG]
    assert _loggat("synlighetsandringar") == [2]


def test_officers_named_to_the_staffing_of_ended_operations_are_pruned(
    settings, insatser, skapa_anvandare
):
    from insatser.models import Polisbemanning
    from tests.fabriker import BemanningsbegaranFabrik

    settings.GALLRING = {"polisbemanning": 100}
    polis = skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen", insatspolis=True)
    for insats in insatser.values():
        begaran = BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"))
        Polisbemanning.objects.create(begaran=begaran, anvandare=polis)
    gammal = Polisbemanning.objects.get(begaran__insats=insatser["gammal"])
    assert gallring.kor() == {"polisbemanning": 1}
    assert _kvar(Polisbemanning, insatser, "begaran__insats") == {"ny", "oppen"}
    assert not _historik(Polisbemanning).filter(pgh_obj_id=gammal.pk).exists()
    assert insatser["gammal"].bemanningsbegaranden.exists(), "the request and its numbers stay"
    assert _loggat("polisbemanning") == [1]


def test_logins_sessions_and_login_failures_past_their_period_are_pruned(settings, skapa_anvandare):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session

    from myndigheter.models import Inloggning

    settings.GALLRING = {"inloggningar": 100}
    user = skapa_anvandare("kalle", Roll.HANDLAGGARE, "skatteverket")
    nu = timezone.now()
    for dagar in (101, 99):
        tid = nu - dagar * DAG
        nyckel = f"nyckel{dagar}"
        Session.objects.create(session_key=nyckel, session_data="", expire_date=tid)
        Inloggning.objects.create(session_key=nyckel, user=user, skapad=tid)
        falt = {"username": "kalle", "ip_address": "10.0.0.1", "user_agent": f"X{dagar}"}
        for modell, extra in (
            (AccessLog, {}),
            (AccessFailureLog, {}),
            (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 1}),
        ):
            rad = modell.objects.create(**falt, **extra)
            # attempt_time is set on insert (auto_now_add): age it afterwards.
            modell.objects.filter(pk=rad.pk).update(attempt_time=tid)
    assert gallring.kor(nu) == {"inloggningar": 5}
    assert list(Inloggning.objects.values_list("session_key", flat=True)) == ["nyckel99"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["nyckel99"]
    for modell in (AccessLog, AccessFailureLog, AccessAttempt):
        assert modell.objects.get().attempt_time == nu - 99 * DAG
    assert _loggat("inloggningar") == [5]


def test_deactivated_accounts_unused_past_the_period_are_anonymised_not_deleted(
    settings, skapa_anvandare, insatser
):
    from django.contrib.auth import get_user_model

    from myndigheter.models import Anvandarprofil

    settings.GALLRING = {"avslutade_konton": 100}
    nu = timezone.now()

    def konto(namn, aktiv, dagar):
        user = skapa_anvandare(namn, Roll.HANDLAGGARE, "skatteverket")
        user.first_name, user.last_name, user.email = "Anna", namn, f"{namn}@skv.se"
        user.is_active, user.last_login = aktiv, nu - dagar * DAG
        user.save()
        Anvandarprofil.objects.filter(user=user).update(titel="Handläggare")
        return user

    gammal = konto("gammal", False, 101)
    nyligen = konto("nyligen", False, 99)
    aktiv = konto("aktiv", True, 500)
    aldrig = konto("aldrig", False, 0)
    get_user_model().objects.filter(pk=aldrig.pk).update(
        last_login=None, date_joined=nu - 200 * DAG
    )
    Utsandperson.objects.create(
        deltagande=DeltagandeFabrik(insats=insatser["ny"]), anvandare=gammal, namngiven_av=aktiv
    )
    assert gallring.kor(nu) == {"avslutade_konton": 2}
    for user in (gammal, aldrig):
        user.refresh_from_db()
        assert user.username == f"gallrad-{user.pk}"
        assert (user.first_name, user.last_name, user.email) == ("", "", "")
        assert not user.has_usable_password()
        assert not user.is_active
        assert user.profil.titel == ""
        assert not _historik(Anvandarprofil).filter(user_id=user.pk).exclude(titel="").exists()
    assert Utsandperson.objects.get(anvandare=gammal), "what points at the account still does"
    for user in (nyligen, aktiv):
        user.refresh_from_db()
        assert (user.username, user.email) != (f"gallrad-{user.pk}", "")
        assert user.profil.titel == "Handläggare"
    assert gallring.kor(nu) == {"avslutade_konton": 0}, "an anonymised account is not counted again"
    assert _loggat("avslutade_konton") == [2, 0]
