"""``updated_since`` on the schedule: the operations changed since then, and those the reader
no longer sees (an officer no longer named) as removed."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from insatser import services
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, org
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
