"""The calendar feeds: what a feed holds for whom, how changes arrive, and its address."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from redis.exceptions import ConnectionError as RedisConnectionError

from insatser import services as insatsservices
from insatser.access import INSATS_POLICY, Handling
from insatser.models import Insats, InsatsUserObjectPermission
from kalender import ics
from kalender.models import Kalenderflode
from kalender.services import (
    aterkalla_kalenderflode,
    rotera_kalenderflode,
    skapa_kalenderflode,
)
from karna import mellanlager
from karna.policy import Aktor
from myndigheter.roles import ORGANISATIONSROLLER, Roll
from tests.fabriker import DeltagandeFabrik, InsatsFabrik
from tests.varld import kvitterat, org, stall_in

pytestmark = pytest.mark.django_db


def hamta(client, token, **headers):
    return client.get(f"/kalender/flode/{token}.ics", headers=headers)


def handelser(svar) -> dict:
    assert svar.status_code == 200, svar.status_code
    kalender = Calendar.from_ical(svar.content)
    assert str(kalender["method"]) == "PUBLISH"
    return {str(e["uid"]): e for e in kalender.walk("VEVENT")}


def uid(insats) -> str:
    return f"insats-{insats.pk}@saminsats"


@pytest.fixture
def ovriga(personer):
    """Beside the planned operation: one of the environment office alone, one Skatteverket
    declined, and one Skatteverket's officer was granted by name."""
    miljo = InsatsFabrik(samordnande_organisation=org("miljoforvaltningen"), titel="Miljö")
    avbojd = InsatsFabrik(titel="Avböjd")
    DeltagandeFabrik(insats=avbojd, organisation=org("skatteverket"), svar="AVBOJD")
    beviljad = InsatsFabrik(titel="Beviljad")
    InsatsUserObjectPermission.objects.create(
        content_object=beviljad, user=personer["skv"], permission_id=_visningsratt()
    )
    return {"miljo": miljo, "avbojd": avbojd, "beviljad": beviljad}


def _visningsratt() -> int:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename="view_insats").pk


@pytest.mark.parametrize("namn", ["samordnare", "skv", "skv_kontakt", "av", "opsam", "polis"])
def test_a_personal_feed_holds_exactly_what_its_holder_sees(
    client, personer, begard, objekt, ovriga, namn
):
    user = personer[namn]
    synliga = INSATS_POLICY.filtrera(user, Handling.SE)
    detaljer = set(INSATS_POLICY.filtrera(user, Handling.SE_DETALJER))
    svar = hamta(client, skapa_kalenderflode(user))
    flode = handelser(svar)
    assert set(flode) == {uid(i) for i in synliga}
    for insats in synliga:
        handelse = flode[uid(insats)]
        start = handelse.decoded("dtstart")
        if insats in detaljer:
            assert start == insats.start.replace(microsecond=0)
            assert handelse["dtstart"].to_ical().endswith(b"Z")  # in UTC
        else:  # only the days: exact times are a detail
            assert type(start) is date
    text = svar.content.decode()
    for hemligt in (objekt.namn, objekt.adress, "Bakom Centralstationen"):
        assert hemligt not in text, hemligt
    assert text.count("BEGIN:VEVENT") == synliga.count()


def test_the_feed_carries_reference_status_area_and_a_link(client, personer, begard):
    insats, _ = begard
    handelse = handelser(hamta(client, skapa_kalenderflode(personer["skv"])))[uid(insats)]
    assert str(handelse["summary"]) == f"{insats.referens} Kontroll av restauranger"
    assert str(handelse["status"]) == "CONFIRMED"
    assert str(handelse["location"]) == "City"
    assert str(handelse["url"]).endswith(f"/insatser/{insats.pk}/")
    assert handelse["sequence"] == insats.version
    assert handelse.decoded("dtstamp") == insats.andrad.replace(microsecond=0)


@pytest.mark.parametrize("namn", ["polisledning", "ledningsgrupp", "api"])
def test_roles_that_see_no_single_operation_have_no_feed(client, personer, namn):
    with pytest.raises(PermissionDenied):
        skapa_kalenderflode(personer[namn])
    client.force_login(personer[namn])
    svar = client.get("/kalender/prenumeration/")
    assert "Din roll ser inga enskilda insatser" in svar.content.decode()
    assert not Kalenderflode.objects.exists()


def test_a_cancelled_operation_arrives_cancelled_with_a_higher_sequence(
    client, personer, begard, orsak
):
    insats, _ = begard
    token = skapa_kalenderflode(personer["skv"])
    fore = handelser(hamta(client, token))[uid(insats)]
    stall_in(personer, insats, orsak)
    efter = handelser(hamta(client, token))[uid(insats)]
    assert str(efter["status"]) == "CANCELLED"
    assert efter["sequence"] > fore["sequence"]
    assert str(efter["summary"]).startswith("Inställd: ")


def test_a_rescheduled_operation_is_cancelled_and_its_successor_present(
    client, personer, begard, orsak
):
    insats, _ = begard
    token = skapa_kalenderflode(personer["samordnare"])
    fore = handelser(hamta(client, token))[uid(insats)]
    ny = kvitterat(
        insatsservices.omplanera_insats,
        personer["samordnare"],
        insats,
        insats.start + timedelta(days=7),
        insats.slut + timedelta(days=7),
        orsak,
    )
    flode = handelser(hamta(client, token))
    assert str(flode[uid(insats)]["status"]) == "CANCELLED"
    assert flode[uid(insats)]["sequence"] > fore["sequence"]
    assert flode[uid(ny)].decoded("dtstart") == ny.start.replace(microsecond=0)
    assert ny.start == insats.start + timedelta(days=7)
    assert str(flode[uid(ny)]["status"]) == "CONFIRMED"


def test_an_agency_feed_shows_what_every_role_of_the_agency_sees_and_no_personal_grant(
    client, personer, begard, ovriga
):
    skv = org("skatteverket")
    lasare = [Aktor(None, skv.pk, frozenset({roll}), ()) for roll in ORGANISATIONSROLLER]
    forvantat = set.intersection(*(set(INSATS_POLICY.filtrera(a, Handling.SE)) for a in lasare))
    token = skapa_kalenderflode(personer["skv_kontakt"], myndighet=True)
    myndighet = handelser(hamta(client, token))
    personligt = handelser(hamta(client, skapa_kalenderflode(personer["skv"])))
    assert set(myndighet) == {uid(i) for i in forvantat}
    insats, _ = begard
    assert uid(insats) in myndighet
    assert uid(ovriga["avbojd"]) in myndighet
    # The grant to one officer by name is in that officer's feed only.
    assert uid(ovriga["beviljad"]) in personligt
    assert uid(ovriga["beviljad"]) not in myndighet
    assert uid(ovriga["miljo"]) not in myndighet | personligt
    # Declined: the agency sees that it was invited, never the exact time.
    assert type(myndighet[uid(ovriga["avbojd"])].decoded("dtstart")) is date
    assert myndighet[uid(insats)].decoded("dtstart") == insats.start.replace(microsecond=0)


def test_an_agency_feed_is_kept_by_its_coordinators_and_agency_contact_only(personer):
    with pytest.raises(PermissionDenied):
        skapa_kalenderflode(personer["skv"], myndighet=True)
    skapa_kalenderflode(personer["skv_kontakt"], myndighet=True)
    flode = Kalenderflode.objects.get(organisation=org("skatteverket"))
    with pytest.raises(Kalenderflode.DoesNotExist):
        rotera_kalenderflode(personer["skv"], flode)
    with pytest.raises(Kalenderflode.DoesNotExist):
        aterkalla_kalenderflode(personer["samordnare"], flode)
    rotera_kalenderflode(personer["skv_kontakt"], flode)
    # Someone else's personal feed is out of reach just the same.
    skapa_kalenderflode(personer["skv"])
    with pytest.raises(Kalenderflode.DoesNotExist):
        aterkalla_kalenderflode(personer["skv_kontakt"], personer["skv"].kalenderflode)


def test_rotation_and_revocation_end_the_old_address_at_once(client, personer, begard):
    user = personer["skv"]
    gammal = skapa_kalenderflode(user)
    assert hamta(client, gammal).status_code == 200
    ny = rotera_kalenderflode(user, user.kalenderflode)
    assert hamta(client, gammal).status_code == 404
    assert hamta(client, ny).status_code == 200
    aterkalla_kalenderflode(user, Kalenderflode.objects.get(anvandare=user))
    assert hamta(client, ny).status_code == 404
    assert hamta(client, "okand-token").status_code == 404


def test_only_the_hash_of_the_secret_is_kept(personer):
    token = skapa_kalenderflode(personer["skv"])
    flode = Kalenderflode.objects.get()
    assert flode.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_a_deactivated_user_s_feed_answers_404(client, personer, begard):
    user = personer["skv"]
    token = skapa_kalenderflode(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert hamta(client, token).status_code == 404


def test_an_inactive_agency_s_feed_answers_404(client, personer):
    token = skapa_kalenderflode(personer["skv_kontakt"], myndighet=True)
    assert hamta(client, token).status_code == 200
    org("skatteverket").__class__.objects.filter(kod="skatteverket").update(aktiv=False)
    assert hamta(client, token).status_code == 404


def test_a_fetch_records_when_and_answers_304_while_nothing_changed(client, personer, begard):
    insats, _ = begard
    token = skapa_kalenderflode(personer["skv"])
    svar = hamta(client, token)
    assert svar["Cache-Control"] == "private, max-age=300"
    assert Kalenderflode.objects.get().senast_hamtad is not None
    assert hamta(client, token, if_none_match=svar["ETag"]).status_code == 304
    assert hamta(client, token, if_modified_since=svar["Last-Modified"]).status_code == 304
    Insats.objects.filter(pk=insats.pk).update(titel="Ny titel")
    andrad = hamta(client, token, if_none_match=svar["ETag"])
    assert andrad.status_code == 200
    assert andrad["ETag"] != svar["ETag"]
    assert "Ny titel" in andrad.content.decode()


def test_a_frequent_fetch_writes_nothing(client, personer, begard):
    token = skapa_kalenderflode(personer["skv"])
    hamta(client, token)
    with CaptureQueriesContext(connection) as fragor:
        hamta(client, token)
    assert not [f for f in fragor.captured_queries if f["sql"].startswith("UPDATE")]


def test_the_feed_s_query_count_does_not_grow_with_the_operations(client, personer):
    token = skapa_kalenderflode(personer["skv"])

    def antal_fragor() -> int:
        with CaptureQueriesContext(connection) as fragor:
            assert hamta(client, token).status_code == 200
        return len(fragor.captured_queries)

    DeltagandeFabrik(organisation=org("skatteverket"))
    en = antal_fragor()
    for dag in range(6):
        DeltagandeFabrik(organisation=org("skatteverket"), insats__dagar=dag + 1)
    assert antal_fragor() == en
    assert len(handelser(hamta(client, token))) == 7
    with CaptureQueriesContext(connection) as fragor:
        hamta(client, token)
    assert len(fragor.captured_queries) <= 8


def test_an_operation_long_over_or_far_ahead_is_not_in_the_feed(client, personer):
    gammal = DeltagandeFabrik(organisation=org("skatteverket"), insats__dagar=-200).insats
    ny = DeltagandeFabrik(organisation=org("skatteverket"), insats__dagar=-30).insats
    langt_fram = DeltagandeFabrik(organisation=org("skatteverket"), insats__dagar=500).insats
    flode = handelser(hamta(client, skapa_kalenderflode(personer["skv"])))
    assert uid(gammal) not in flode
    assert uid(langt_fram) not in flode
    assert set(flode) == {uid(ny)}


def test_the_policy_names_a_feed_s_keepers_as_it_checks_them(personer, skapa_anvandare):
    from django.contrib.auth import get_user_model

    from kalender.access import KALENDERFLODE_POLICY

    skapa_anvandare("skv.samordnare", Roll.SAMORDNARE, "skatteverket")
    skapa_kalenderflode(personer["skv"])
    skapa_kalenderflode(personer["skv_kontakt"], myndighet=True)
    skapa_kalenderflode(personer["samordnare"], myndighet=True)
    aktiva = get_user_model().objects.filter(is_active=True)
    for flode in Kalenderflode.objects.all():
        fran_objektet = set(KALENDERFLODE_POLICY.anvandare("hantera", flode))
        assert fran_objektet == {
            u for u in aktiva if KALENDERFLODE_POLICY.tillater(u, "hantera", flode)
        }
        assert fran_objektet
    skv = Kalenderflode.objects.get(organisation=org("skatteverket"))
    assert {u.username for u in KALENDERFLODE_POLICY.anvandare("hantera", skv)} == {
        "skv.kontakt",
        "skv.samordnare",
    }


def test_a_poll_that_finds_nothing_changed_builds_no_events(client, personer, begard, monkeypatch):
    insats, _ = begard
    token = skapa_kalenderflode(personer["skv"])
    byggen = []
    bygg = ics.flodets_kalender
    monkeypatch.setattr(ics, "flodets_kalender", lambda *a: byggen.append(1) or bygg(*a))
    forsta = hamta(client, token).content
    assert hamta(client, token).content == forsta
    assert len(byggen) == 1
    Insats.objects.filter(pk=insats.pk).update(status="GENOMFORD", version=insats.version + 1)
    assert hamta(client, token).content != forsta
    assert len(byggen) == 2


def test_the_feed_is_served_when_the_cache_does_not_answer(client, personer, begard, monkeypatch):
    insats, _ = begard
    token = skapa_kalenderflode(personer["skv"])

    def svarar_inte(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(mellanlager.cache, "get", svarar_inte)
    assert uid(insats) in handelser(hamta(client, token))
