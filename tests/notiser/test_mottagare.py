"""Exactly those an event concerns are told: through the policies, never the one who acted."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission

from insatser import services
from insatser.access import INSATS_POLICY, Handling
from insatser.models import Insatshandelse, InsatsUserObjectPermission
from insatser.services.eskalering import paminn_om_begaran, paminn_om_obekraftad
from myndigheter.models import Enhet
from myndigheter.roles import Roll
from notiser.mottagare import mottagare
from tests.varld import aktuell_version, las, lpo, org, stall_in

pytestmark = pytest.mark.django_db


def _namn(handelse):
    return set(mottagare(handelse).values_list("username", flat=True))


def _senaste(insats, typ):
    return Insatshandelse.objects.filter(insats=insats, typ=typ).latest("pk")


def test_an_invitation_goes_to_the_invited_organisations_members_who_may_answer(personer, begard):
    insats, _ = begard
    assert _namn(_senaste(insats, "inbjudan")) == {"skv", "skv.kontakt"}


def test_an_invitation_to_a_unit_goes_to_that_units_members_only(personer, begard, skapa_anvandare):
    insats, _ = begard
    tillstand = skapa_anvandare(
        "miljo.tillstand", Roll.HANDLAGGARE, "miljoforvaltningen", enhet="miljo-tillstandsenheten"
    )
    skapa_anvandare(
        "miljo.osund", Roll.HANDLAGGARE, "miljoforvaltningen", enhet="miljo-osund-konkurrens"
    )
    services.bjud_in(
        personer["samordnare"],
        insats,
        org("miljoforvaltningen"),
        Enhet.objects.get(kod="miljo-tillstandsenheten"),
    )
    assert _namn(_senaste(insats, "inbjudan")) == {tillstand.username}


def test_an_answer_goes_to_the_coordinators_of_the_coordinating_organisation(personer, begard):
    insats, _ = begard
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(
        personer["skv"], deltagande, accepterad=False, version=aktuell_version(deltagande)
    )
    assert _namn(_senaste(insats, "inbjudan_besvarad")) == {"samordnare", "kollega"}


def test_a_staffing_request_goes_to_that_lpos_police_coordinators_only(personer, begard):
    insats, _ = begard
    handelse = _senaste(insats, "begar_bemanning")
    assert handelse.begaran.lpo.kod == "city"
    assert _namn(handelse) == {"opsam"}


def test_a_second_request_to_another_lpo_goes_to_that_lpo(personer, begard):
    insats, _ = begard
    services.begar_bemanning(
        personer["samordnare"], insats, lpo("nordost"), 2, version=aktuell_version(insats)
    )
    assert _namn(_senaste(insats, "bemanning_begard")) == {"opsam.nordost"}


@pytest.mark.parametrize("antal", [3, 1, 0])
def test_the_polices_answer_goes_to_the_coordinators(personer, begard, antal):
    insats, begaran = begard
    services.besvara_bemanning(personer["opsam"], begaran, antal, version=aktuell_version(begaran))
    typ = {3: "bemanning_bekrafta", 1: "bemanning_delvis_bekrafta", 0: "bemanning_avboj"}[antal]
    assert _namn(_senaste(insats, typ)) == {"samordnare", "kollega"}


def test_the_systems_step_back_after_a_decline_tells_nobody_twice(personer, begard):
    insats, begaran = begard
    services.besvara_bemanning(personer["opsam"], begaran, 0, version=aktuell_version(begaran))
    assert _namn(_senaste(insats, "bemanning_avbojd")) == set()


def test_a_withdrawal_goes_to_the_coordinators(personer, bekraftad, orsak):
    insats, begaran = bekraftad
    services.aterkalla_bemanning(
        personer["opsam"], begaran, orsak, version=aktuell_version(begaran)
    )
    assert _namn(_senaste(insats, "bemanning_aterkallad")) == {"samordnare", "kollega"}


# Everyone who may see the operation's details: the coordinators, the invited agency's members,
# City's police coordinator and the named officer. Not police management, the management group,
# the API account, uninvited agencies, another organisation's coordinator or an inactive account.
SER_DETALJERNA = {"samordnare", "kollega", "skv", "skv.kontakt", "opsam", "polis"}


def test_confirmation_goes_to_everyone_who_sees_the_details_but_the_one_who_acted(
    personer, bekraftad
):
    insats, _ = bekraftad
    handelse = _senaste(insats, "bekrafta")
    assert handelse.utford_av == personer["opsam"]
    assert _namn(handelse) == SER_DETALJERNA - {"opsam"}


def test_cancellation_goes_to_everyone_who_sees_the_details_but_the_one_who_acted(
    personer, bekraftad, orsak
):
    insats, _ = bekraftad
    stall_in(personer, insats, orsak)
    assert _namn(_senaste(insats, "stall_in")) == SER_DETALJERNA - {"samordnare"}


def test_cancellation_by_the_police_tells_the_coordinator(personer, bekraftad, orsak):
    insats, _ = bekraftad
    services.stall_in_insats(personer["opsam"], insats, orsak, version=aktuell_version(insats))
    assert _namn(_senaste(insats, "stall_in")) == SER_DETALJERNA - {"opsam"}


def test_rescheduling_tells_those_of_the_operation_and_of_its_successor(personer, bekraftad, orsak):
    insats, _ = bekraftad
    services.bjud_in(personer["samordnare"], insats, org("av"))
    ny_start = insats.start + timedelta(days=7)
    efterfoljare = services.omplanera_insats(
        personer["samordnare"],
        las(insats),
        ny_start,
        ny_start + timedelta(hours=2),
        orsak,
        version=aktuell_version(las(insats)),
    )
    # The named officer is not named in the successor, but was in the operation that moved.
    forvantat = (SER_DETALJERNA | {"av"}) - {"samordnare"}
    assert _namn(_senaste(insats, "omplanera")) == forvantat
    assert _namn(_senaste(efterfoljare, "omplanerad_fran")) == set(), "told once, not twice"


def test_explicit_readers_are_not_told_for_they_do_not_see_the_details(personer, bekraftad, orsak):
    insats, _ = bekraftad
    InsatsUserObjectPermission.objects.create(
        user=personer["ledningsgrupp"],
        content_object=insats,
        permission=Permission.objects.get(codename="view_insats"),
    )
    services.stall_in_insats(personer["samordnare"], insats, orsak, version=aktuell_version(insats))
    assert "ledning" not in _namn(_senaste(insats, "stall_in"))


def test_a_member_of_a_deactivated_organisation_is_not_told(personer, bekraftad, orsak):
    insats, _ = bekraftad
    org("skatteverket").__class__.objects.filter(kod="skatteverket").update(aktiv=False)
    services.stall_in_insats(personer["samordnare"], insats, orsak, version=aktuell_version(insats))
    assert _namn(_senaste(insats, "stall_in")) == SER_DETALJERNA - {
        "samordnare",
        "skv",
        "skv.kontakt",
    }


def test_a_reminder_of_an_unanswered_request_goes_to_its_police_and_the_coordinators(
    personer, begard
):
    insats, begaran = begard
    assert paminn_om_begaran(begaran)
    assert _namn(_senaste(insats, "bemanning_paminnelse")) == {"opsam", "samordnare", "kollega"}


def test_a_reminder_of_missing_police_goes_to_coordinators_and_police_yet_to_answer(
    personer, begard
):
    insats, _ = begard
    services.begar_bemanning(
        personer["samordnare"], insats, lpo("nordost"), 1, version=aktuell_version(insats)
    )
    services.besvara_bemanning(
        personer["opsam_nordost"],
        insats.bemanningsbegaranden.get(lpo__kod="nordost"),
        1,
        version=aktuell_version(insats.bemanningsbegaranden.get(lpo__kod="nordost")),
    )
    assert paminn_om_obekraftad(insats)
    assert _namn(_senaste(insats, "obekraftad_paminnelse")) == {"samordnare", "kollega", "opsam"}


@pytest.mark.parametrize("typ", ["skapad", "kontroll_tillagd", "planera", "okand_kod"])
def test_routine_steps_and_unknown_codes_tell_nobody(personer, begard, typ):
    insats, _ = begard
    handelse = Insatshandelse.objects.create(insats=insats, typ=typ)
    assert _namn(handelse) == set()


def test_the_recipients_are_one_query(personer, bekraftad, orsak, django_assert_num_queries):
    insats, _ = bekraftad
    services.stall_in_insats(personer["samordnare"], insats, orsak, version=aktuell_version(insats))
    handelse = Insatshandelse.objects.select_related("insats").get(insats=insats, typ="stall_in")
    with django_assert_num_queries(1):
        list(mottagare(handelse))


def test_every_recipient_of_every_entry_sees_the_operations_details(personer, bekraftad, orsak):
    insats, begaran = bekraftad
    services.aterkalla_bemanning(
        personer["opsam"], begaran, orsak, version=aktuell_version(begaran)
    )
    services.begar_bemanning(
        personer["samordnare"], las(insats), lpo("nordost"), 1, version=aktuell_version(las(insats))
    )
    paminn_om_obekraftad(insats)
    ny_start = insats.start + timedelta(days=3)
    services.omplanera_insats(
        personer["samordnare"],
        las(insats),
        ny_start,
        ny_start + timedelta(hours=1),
        orsak,
        version=aktuell_version(las(insats)),
    )
    handelser = Insatshandelse.objects.select_related("insats")
    assert {h.typ for h in handelser if _namn(h)} >= {
        "inbjudan",
        "bemanning_aterkallad",
        "bemanning_begard",
        "obekraftad_paminnelse",
        "omplanera",
    }
    for handelse in handelser:
        for user in mottagare(handelse):
            user = type(user).objects.get(pk=user.pk)
            assert INSATS_POLICY.tillater(user, Handling.SE_DETALJER, handelse.insats), (
                handelse.typ,
                user.username,
            )
            assert user != handelse.utford_av
