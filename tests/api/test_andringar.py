"""``updated_since`` on the schedule: the operations changed since then, and those the reader
no longer sees (an officer no longer named, the reader's account moved or narrowed) as removed."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser import services
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, lpo, org
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


def test_changes_since_a_time_and_the_operations_that_left_the_readers_scope(
    api, token, personer, bekraftad
):
    insats, begaran = bekraftad
    orord = InsatsFabrik()
    DeltagandeFabrik(insats=orord, organisation=org("skatteverket"))
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sedan = timezone.now()
    with time_machine.travel(sedan + timedelta(minutes=5)):
        api.hemlighet = token(personer["polis"])
        fore = api.get("/api/v1/insatser").json()["items"]
        assert [r["id"] for r in fore] == [insats.pk]
        # The police coordinator lowers the staffing and no longer names the officer.
        services.andra_bemanning(
            personer["opsam"],
            begaran,
            2,
            poliser=[],
            motivering="Resursbrist",
            version=aktuell_version(begaran),
        )
        polisens = api.get("/api/v1/insatser", {"updated_since": sedan.isoformat()}).json()
        assert polisens["items"] == []
        assert polisens["removed"] == [{"id": insats.pk, "reason": "out_of_scope"}]

        api.hemlighet = token(personer["skv"])
        skv = api.get("/api/v1/insatser", {"updated_since": sedan.isoformat()}).json()
        assert [r["id"] for r in skv["items"]] == [insats.pk]
        assert skv["removed"] == []
        alla = api.get("/api/v1/insatser").json()
        assert {r["id"] for r in alla["items"]} == {insats.pk, orord.pk}
        assert "removed" not in alla


def test_the_schedule_follows_a_change_of_the_readers_organisation_at_the_next_call(
    api, token, personer
):
    """The schedule's compiled SQL is kept per reader: a reader whose organisation changes gets
    the new organisation's operations, not the SQL kept for the old one."""
    skatteverkets = DeltagandeFabrik(organisation=org("skatteverket")).insats
    migrationsverkets = DeltagandeFabrik(organisation=org("migrationsverket")).insats
    api.hemlighet = token(personer["skv"])
    assert [r["id"] for r in api.get("/api/v1/insatser").json()["items"]] == [skatteverkets.pk]
    profil = personer["skv"].profil
    profil.organisation = org("migrationsverket")
    profil.save(update_fields=["organisation"])
    assert [r["id"] for r in api.get("/api/v1/insatser").json()["items"]] == [migrationsverkets.pk]


def _synkat(api, sedan) -> dict:
    svar = api.get("/api/v1/insatser", {"updated_since": sedan.isoformat()})
    assert svar.status_code == 200, svar.content
    return svar.json()


def test_after_a_change_of_organisation_the_next_sync_lists_the_operations_the_user_lost(
    api, token, personer, begard
):
    insats, _ = begard
    orord = InsatsFabrik()
    DeltagandeFabrik(insats=orord, organisation=org("skatteverket"))
    behalls = InsatsFabrik()
    for kod in ("skatteverket", "av"):
        DeltagandeFabrik(insats=behalls, organisation=org(kod))
    aldrig = InsatsFabrik()
    DeltagandeFabrik(insats=aldrig, organisation=org("migrationsverket"))
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sedan = timezone.now()
    with time_machine.travel(sedan + timedelta(minutes=5)):
        api.hemlighet = token(personer["skv"])
        assert _synkat(api, sedan) == {"items": [], "next": None, "removed": []}
        # The administrator moves the officer to another agency: no operation changes.
        profil = personer["skv"].profil
        profil.organisation = org("av")
        profil.save()
        synk = _synkat(api, sedan)
        assert synk["items"] == []
        assert synk["removed"] == [
            {"id": pk, "reason": "out_of_scope"} for pk in sorted([insats.pk, orord.pk])
        ]
    with time_machine.travel(sedan + timedelta(minutes=10)):
        # A sync after the change has nothing more to remove.
        assert _synkat(api, sedan + timedelta(minutes=6))["removed"] == []


def test_an_lpo_taken_from_a_police_coordinator_is_a_tombstone_at_a_constant_query_cost(
    api, token, personer, begard, django_assert_num_queries
):
    insats, _ = begard
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sedan = timezone.now()
    with time_machine.travel(sedan + timedelta(minutes=5)):
        api.hemlighet = token(personer["opsam"])
        api.get("/api/v1/insatser")  # the token's first use is recorded once
        profil = personer["opsam"].profil
        profil.lpo_scope.add(lpo("nordost"))
        profil.lpo_scope.remove(lpo("city"))
        with CaptureQueriesContext(connection) as fragor:
            synk = _synkat(api, sedan)
        assert synk["removed"] == [{"id": insats.pk, "reason": "out_of_scope"}]
        # More changes of the account cost no more queries.
        profil.lpo_scope.remove(lpo("nordost"))
        profil.lpo_scope.add(lpo("city"), lpo("nordost"))
        profil.lpo_scope.remove(lpo("city"))
        with django_assert_num_queries(len(fragor)):
            assert _synkat(api, sedan)["removed"] == [{"id": insats.pk, "reason": "out_of_scope"}]


def test_a_role_added_or_an_unchanged_member_form_keeps_no_former_scope(personer):
    from myndigheter.models import Synlighetsandring
    from myndigheter.roles import Roll, rollgrupp

    personer["skv"].groups.add(rollgrupp(Roll.API_KLIENT))
    personer["skv"].groups.remove(rollgrupp(Roll.LEDNINGSGRUPP))
    assert not Synlighetsandring.objects.exists()
    personer["skv"].groups.remove(rollgrupp(Roll.API_KLIENT))
    rad = Synlighetsandring.objects.get()
    assert (rad.anvandare, rad.organisation, rad.roller) == (
        personer["skv"],
        org("skatteverket"),
        ["API_KLIENT", "HANDLAGGARE"],
    )


def test_a_role_or_lpo_taken_from_the_groups_or_the_areas_side_keeps_the_former_scope(personer):
    from myndigheter.models import Synlighetsandring
    from myndigheter.roles import Roll, rollgrupp

    rollgrupp(Roll.HANDLAGGARE).user_set.remove(personer["skv"])
    lpo("city").anvandarprofil_set.remove(personer["opsam"].profil)
    assert sorted(
        Synlighetsandring.objects.values_list("anvandare__username", "roller", "lpoer")
    ) == [
        ("opsam", ["OPERATIV_SAMORDNARE"], [lpo("city").pk]),
        ("skv", ["HANDLAGGARE"], []),
    ]
