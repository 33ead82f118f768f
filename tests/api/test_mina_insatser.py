"""``/api/v1/mina-insatser``: the operations the reader takes part in (sees the details of), with
the schedule's rows, filters and paging."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from insatser import selectors, services
from insatser.workflow import Svar
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, lpo, org
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(personer, bekraftad):
    """The confirmed operation (Skatteverket accepted, City named the officer), one Skatteverket
    declined and one it was only invited to, and one of another coordinator."""
    insats, _ = bekraftad
    avbojd = InsatsFabrik(lpoer=[lpo("city")])
    DeltagandeFabrik(insats=avbojd, organisation=org("skatteverket"), svar=Svar.AVBOJD)
    inbjuden = InsatsFabrik(lpoer=[lpo("city")])
    DeltagandeFabrik(insats=inbjuden, organisation=org("skatteverket"))
    annan = InsatsFabrik(samordnande_organisation=org("miljoforvaltningen"))
    return {"bekraftad": insats, "avbojd": avbojd, "inbjuden": inbjuden, "annan": annan}


def _alla(api, adress) -> list[int]:
    ids = []
    while adress:
        svar = api.get(adress)
        assert svar.status_code == 200, svar.content
        ids += [rad["id"] for rad in svar.json()["items"]]
        adress = svar.json()["next"]
    return ids


def test_my_operations_are_those_the_reader_takes_part_in(api, token, personer, varld):
    api.hemlighet = token(personer["skv"])
    schemat = set(_alla(api, "/api/v1/insatser"))
    mina = _alla(api, "/api/v1/mina-insatser?limit=1")
    assert schemat >= {varld["bekraftad"].pk, varld["avbojd"].pk, varld["inbjuden"].pk}
    assert set(mina) == {varld["bekraftad"].pk, varld["inbjuden"].pk}
    api.hemlighet = token(personer["polis"])
    assert _alla(api, "/api/v1/mina-insatser") == [varld["bekraftad"].pk]
    api.hemlighet = token(personer["samordnare_miljo"])
    assert _alla(api, "/api/v1/mina-insatser") == [varld["annan"].pk]
    # Those who take part in none: the API client and management.
    for namn in ["api", "ledningsgrupp", "polisledning"]:
        api.hemlighet = token(personer[namn])
        assert _alla(api, "/api/v1/mina-insatser") == [], namn


def test_my_operations_are_the_rows_with_the_details_of_the_schedule(api, token, personer, varld):
    """The same rule as the day page (the details seen), the same row as the schedule."""
    user = personer["skv"]
    api.hemlighet = token(user)
    mina = api.get("/api/v1/mina-insatser").json()["items"]
    schemat = {r["id"]: r for r in api.get("/api/v1/insatser").json()["items"]}
    assert mina == [schemat[r["id"]] for r in mina]
    assert {r["id"] for r in mina} == {i.pk for i in selectors.insatslista(user) if i.visa_detaljer}
    assert all(r["detaljer"] and r["start"] for r in mina)


def test_my_operations_take_the_schedules_filters(api, token, personer, varld):
    api.hemlighet = token(personer["skv"])
    assert _alla(api, f"/api/v1/mina-insatser?status={varld['bekraftad'].status}") == [
        varld["bekraftad"].pk
    ]
    assert _alla(api, f"/api/v1/mina-insatser?lpo={lpo('nordost').pk}") == []
    svar = api.get("/api/v1/mina-insatser", {"from": "igår"})
    assert svar.status_code == 400
    assert [f["name"] for f in svar.json()["errors"]] == ["from"]


def test_updated_since_names_the_operations_the_reader_no_longer_takes_part_in(
    api, token, personer, bekraftad
):
    insats, begaran = bekraftad
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sedan = timezone.now()
    with time_machine.travel(sedan + timedelta(minutes=5)):
        api.hemlighet = token(personer["polis"])
        assert _alla(api, "/api/v1/mina-insatser") == [insats.pk]
        services.andra_bemanning(
            personer["opsam"],
            begaran,
            2,
            poliser=[],
            motivering="Resursbrist",
            version=aktuell_version(begaran),
        )
        svar = api.get("/api/v1/mina-insatser", {"updated_since": sedan.isoformat()}).json()
        assert svar["items"] == []
        assert svar["removed"] == [{"id": insats.pk, "reason": "out_of_scope"}]
