"""Places that once decided by hand who sees what now ask the policy: the successor of a
rescheduled operation, the officers offered by name, the meeting point, the counts management
reads, and the successor's notification."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import selectors, services
from insatser.models import Insats, Insatshandelse
from insatser.workflow import InsatsStatus
from myndigheter.roles import Roll
from notiser.mottagare import mottagare
from tests.fabriker import DeltagandeFabrik
from tests.varld import aktuell_version, kvitterat, las, lpo, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def omplanerad(personer, bekraftad, orsak):
    """The confirmed operation moved a week; the officer named on the old date is not on the new."""
    insats, _ = bekraftad
    efterfoljare = kvitterat(
        services.omplanera_insats,
        personer["samordnare"],
        insats,
        insats.start + timedelta(days=7),
        insats.slut + timedelta(days=7),
        orsak,
    )
    return las(insats), efterfoljare


def test_the_successor_is_named_only_to_those_who_may_see_it(client, personer, omplanerad):
    insats, efterfoljare = omplanerad
    lank = f'<a href="/insatser/{efterfoljare.pk}/">'
    client.force_login(personer["samordnare"])
    text = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Omplanerad till" in text
    assert lank in text
    client.force_login(personer["polis"])
    svar = client.get(f"/insatser/{insats.pk}/")
    assert svar.status_code == 200, "the officer named on the old date still sees it"
    assert "Omplanerad till" not in svar.content.decode()
    assert lank not in svar.content.decode()
    assert selectors.efterfoljare(personer["polis"], insats) is None
    assert client.get(f"/insatser/{efterfoljare.pk}/").status_code == 404


def test_the_successors_notification_goes_only_to_those_who_may_see_the_old_operation(
    personer, omplanerad, skapa_anvandare
):
    insats, efterfoljare = omplanerad
    # Migrationsverket joins the new date only: it may read the new operation, not the old one.
    DeltagandeFabrik(insats=efterfoljare, organisation=org("migrationsverket"))
    mig = skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket")
    handelse = Insatshandelse.objects.get(insats=insats, typ="omplanera")
    namn = set(mottagare(handelse).values_list("username", flat=True))
    assert mig.username not in namn
    assert {"skv", "polis"} <= namn


def test_a_police_coordinator_is_offered_only_the_officers_of_its_lpos(personer):
    assert set(selectors.insatspoliser(personer["opsam"])) == {
        personer["polis"],
        personer["polis_annan"],
    }
    assert not selectors.insatspoliser(personer["opsam_nordost"]).exists()
    for vem in ("samordnare", "skv", "polisledning"):
        assert not selectors.insatspoliser(personer[vem]).exists(), vem


def test_only_a_coordinator_may_wish_for_officers_by_name(personer):
    assert set(selectors.onskbara_insatspoliser(personer["samordnare"])) == {
        personer["polis"],
        personer["polis_annan"],
    }
    for vem in ("opsam", "skv", "polisledning", "api"):
        assert not selectors.onskbara_insatspoliser(personer[vem]).exists(), vem


def test_naming_an_officer_of_another_lpo_is_refused_and_changes_nothing(personer, begard):
    _, begaran = begard
    annan = personer["polis_annan"]
    annan.profil.lpo_scope.set([lpo("syd")])  # an officer of LPO Syd
    with pytest.raises(ValidationError) as fel:
        services.besvara_bemanning(
            personer["opsam"], begaran, 3, poliser=[annan], version=aktuell_version(begaran)
        )
    assert "poliser" in fel.value.error_dict
    begaran.refresh_from_db()
    assert begaran.status == "SKICKAD"
    assert not begaran.poliser.exists()


def test_wishing_for_someone_who_is_not_a_designated_officer_is_refused(personer, begard):
    insats, _ = begard
    with pytest.raises(ValidationError) as fel:
        kvitterat(
            services.begar_bemanning,
            personer["samordnare"],
            insats,
            lpo("nordost"),
            2,
            onskade_insatspoliser=[personer["skv"]],
        )
    assert "onskade_insatspoliser" in fel.value.error_dict
    assert not insats.bemanningsbegaranden.filter(lpo=lpo("nordost")).exists()


def test_the_meeting_point_is_blank_for_one_who_sees_the_operation_without_its_details(
    personer, begard
):
    insats, _ = begard
    for_api = selectors.insats_for_detalj(personer["api"], insats.pk)
    assert for_api.samlingsplats == ""
    assert for_api.sakerhetsanteckning == ""
    assert selectors.insats_for_detalj(personer["skv"], insats.pk).samlingsplats
    assert Insats.objects.get(pk=insats.pk).samlingsplats == "Bakom Centralstationen"


def test_management_reads_counts_per_status_in_constant_queries(personer, begard, objekt):
    insats, _ = begard
    ledning = personer["polisledning"]
    assert selectors.antal_per_status(ledning, insats.start.year) == {
        InsatsStatus.BEMANNING_BEGARD: 1
    }
    with CaptureQueriesContext(connection) as fore:
        selectors.antal_per_status(ledning, insats.start.year)
    for nummer in range(3):
        ny = services.skapa_insats(
            user=personer["samordnare"],
            titel=f"Fler {nummer}",
            start=insats.start,
            slut=insats.slut,
            lpoer=[lpo("city")],
        )
        services.bjud_in(personer["samordnare"], ny, org("skatteverket"))
        services.lagg_till_kontroll(personer["samordnare"], ny, objekt)
        kvitterat(services.planera_insats, personer["samordnare"], ny)
        kvitterat(services.begar_bemanning, personer["samordnare"], ny, lpo("city"), 1)
    with CaptureQueriesContext(connection) as efter:
        antal = selectors.antal_per_status(ledning, insats.start.year)
    assert antal == {InsatsStatus.BEMANNING_BEGARD: 4}
    assert len(efter) == len(fore)
