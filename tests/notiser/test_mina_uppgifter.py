"""My tasks: what waits for each user, through the policies, in constant queries."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser import services
from insatser.models import Insatshandelse
from notiser.services import notifiera
from tests.varld import aktuell_version, kvitterat, las, lpo, org, status_av

pytestmark = pytest.mark.django_db


def _sida(client, user, url="/mina-uppgifter/"):
    client.force_login(user)
    svar = client.get(url)
    assert svar.status_code == 200
    return svar.content.decode()


def _ny_insats(personer, titel, dagar=30):
    start = timezone.now() + timedelta(days=dagar)
    return services.skapa_insats(
        user=personer["samordnare"],
        titel=titel,
        start=start,
        slut=start + timedelta(hours=2),
        lpoer=[lpo("city")],
    )


def test_an_unanswered_invitation_waits_for_the_invited_organisation(client, personer, begard):
    insats, _ = begard
    for vem in ("skv", "skv_kontakt"):
        assert insats.referens in _sida(client, personer[vem])
    assert insats.referens not in _sida(client, personer["av"])
    services.besvara_inbjudan(
        personer["skv"],
        insats.deltaganden.get(organisation__kod="skatteverket"),
        True,
        version=aktuell_version(insats.deltaganden.get(organisation__kod="skatteverket")),
    )
    assert "Inbjudningar som din organisation inte har besvarat" not in _sida(
        client, personer["skv_kontakt"]
    )


def test_requests_to_answer_nearest_deadline_first_for_that_lpo_only(client, personer, begard):
    insats, begaran = begard
    senare = _ny_insats(personer, "Senare", dagar=10)
    services.bjud_in(personer["samordnare"], senare, org("skatteverket"))
    services.lagg_till_kontroll(personer["samordnare"], senare, insats.kontroller.get().objekt)
    kvitterat(services.planera_insats, personer["samordnare"], senare)
    tidig = kvitterat(
        services.begar_bemanning,
        personer["samordnare"],
        senare,
        lpo("city"),
        1,
        svarsfrist=timezone.localdate() - timedelta(days=1),
    )
    text = _sida(client, personer["opsam"])
    assert text.index(f"/polis/begaranden/{tidig.pk}/") < text.index(
        f"/polis/begaranden/{begaran.pk}/"
    )
    assert "(passerad)" in text
    assert "(ingen frist angiven)" in text
    assert "Bemanningsbegäranden att besvara" not in _sida(client, personer["opsam_nordost"])
    services.besvara_bemanning(personer["opsam"], tidig, 1, version=aktuell_version(tidig))
    assert f"/polis/begaranden/{tidig.pk}/" not in _sida(client, personer["opsam"])


def test_a_coordinators_operations_that_need_action_with_the_reasons(client, personer, begard):
    insats, begaran = begard
    tom = _ny_insats(personer, "Tom insats")
    services.besvara_bemanning(personer["opsam"], begaran, 0, version=aktuell_version(begaran))
    text = _sida(client, personer["samordnare"])
    assert "Tom insats" in text
    assert "Inga objekt är tillagda." in text
    assert "Ingen myndighet är inbjuden." in text
    assert "Polisen har avböjt eller återkallat bemanningen." in text
    assert text.count("Polisen har avböjt") == 1
    assert "Tom insats" not in _sida(client, personer["samordnare_miljo"])
    assert "Tom insats" not in _sida(client, personer["skv"])
    services.begar_bemanning(
        personer["samordnare"], las(insats), lpo("city"), 2, version=aktuell_version(las(insats))
    )
    assert "Polisen har avböjt" not in _sida(client, personer["samordnare"]), "asked again"
    assert tom.referens in _sida(client, personer["kollega"])


def test_an_operation_close_without_confirmed_police_needs_action(client, personer, begard):
    insats, _ = begard
    with time_machine.travel(insats.start - timedelta(days=2)):
        text = _sida(client, personer["samordnare"])
    assert "Insatsen närmar sig utan bekräftad polis." in text


def test_on_the_day_controls_wait_for_the_participants_and_the_coordinator(
    client, personer, bekraftad
):
    insats, _ = bekraftad
    with time_machine.travel(insats.start + timedelta(minutes=20)):
        text = _sida(client, personer["skv"])
        assert "Dagens insatser" in text
        assert "1 av 1 kontroller är inte markerad" in text
        assert "Dagens insatser" not in _sida(client, personer["opsam"]), "may not register"
        text = _sida(client, personer["samordnare"])
        assert "kontroller är inte markerade." in text
        services.markera_kontroll(
            personer["skv"],
            insats.kontroller.get(),
            genomford=True,
            forvantad_status=status_av(insats.kontroller.get()),
        )
        text = _sida(client, personer["samordnare"])
        assert "insatsen kan markeras genomförd" in text
        assert "0 av 1 kontroller är inte markerade" in _sida(client, personer["skv"])


def test_unread_notifications_are_listed(client, personer, begard):
    insats, _ = begard
    for handelse in Insatshandelse.objects.filter(insats=insats):
        notifiera(handelse.pk)
    text = _sida(client, personer["skv"])
    assert "Olästa notiser" in text
    assert f"{insats.referens}: Organisation inbjuden" in text


def test_the_start_page_has_a_short_version(client, personer, begard):
    insats, _ = begard
    for handelse in Insatshandelse.objects.filter(insats=insats):
        notifiera(handelse.pk)
    text = _sida(client, personer["opsam"], "/")
    assert "1 bemanningsbegäran att besvara" in text
    assert "1 oläst notis" in text
    assert 'href="/mina-uppgifter/"' in text
    assert "Inget väntar på dig just nu." in _sida(client, personer["ledningsgrupp"], "/")


def test_nothing_waits_for_those_outside(client, personer, begard):
    for vem in ("av", "ledningsgrupp", "polisledning", "api", "samordnare_miljo"):
        assert "Inget väntar på dig just nu." in _sida(client, personer[vem]), vem


@pytest.mark.parametrize(("vem", "olasta"), [("samordnare", 0), ("skv", 10), ("opsam", 10)])
def test_the_page_takes_constant_queries(client, personer, begard, objekt, vem, olasta):
    """Slow (about 5 s under load): twelve operations planned and staffed through the verbs,
    each checking its planning warnings. Counted from one of each kind on: a kind with no rows
    reads no page."""

    def fler(nummer):
        insats = _ny_insats(personer, f"Fler {nummer}", dagar=10 + nummer)
        services.bjud_in(personer["samordnare"], insats, org("skatteverket"))
        services.lagg_till_kontroll(personer["samordnare"], insats, objekt)
        kvitterat(services.planera_insats, personer["samordnare"], insats)
        kvitterat(services.begar_bemanning, personer["samordnare"], insats, lpo("city"), 1)
        _ny_insats(personer, f"Tom {nummer}")

    client.force_login(personer[vem])
    fler(0)
    client.get("/mina-uppgifter/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/mina-uppgifter/")
    for nummer in range(1, 12):
        fler(nummer)
    for handelse in Insatshandelse.objects.all():
        notifiera(handelse.pk)
    with CaptureQueriesContext(connection) as efter:
        svar = client.get("/mina-uppgifter/")
    uppgifter = svar.context["uppgifter"]
    assert max(map(len, (uppgifter.inbjudningar, uppgifter.begaranden, uppgifter.atgarder))) >= 12
    assert len(svar.context["olasta"]) == olasta, (
        "the newest ten at most; the header counts them all"
    )
    assert len(efter) == len(fore)


def test_each_kind_of_task_is_paged_on_its_own_in_constant_queries(
    client, personer, begard, monkeypatch
):
    from notiser import views

    monkeypatch.setattr(views, "UPPGIFTER_PER_SIDA", 3)
    client.force_login(personer["samordnare"])
    for nummer in range(4):
        _ny_insats(personer, f"Tom {nummer}", dagar=10 + nummer)
    client.get("/mina-uppgifter/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/mina-uppgifter/")
    for nummer in range(4, 12):
        _ny_insats(personer, f"Tom {nummer}", dagar=10 + nummer)
    with CaptureQueriesContext(connection) as efter:
        svar = client.get("/mina-uppgifter/?idag=1")
    assert len(efter) == len(fore)
    forsta = svar.context["uppgifter"].atgarder
    assert len(forsta) == 3
    assert forsta.paginator.count >= 12
    assert all(insats.skal for insats in forsta)
    text = svar.content.decode()
    assert 'href="?idag=1&amp;atgarder=2"' in text
    assert f"Sida 1 av {forsta.paginator.num_pages}" in text
    andra = client.get("/mina-uppgifter/?idag=1&atgarder=2").context["uppgifter"].atgarder
    assert andra.number == 2
    assert not {i.pk for i in andra} & {i.pk for i in forsta}
    assert [i.start for i in forsta] + [i.start for i in andra] == sorted(
        [i.start for i in forsta] + [i.start for i in andra]
    )
