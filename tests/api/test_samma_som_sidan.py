"""An API client sees exactly the operations the list page shows the same user."""

import pytest

from insatser.workflow import BemanningStatus, Svar
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(personer, begard):
    """Operations in different relations to the people of the shared world."""
    avbojd = InsatsFabrik(lpoer=[lpo("city")])
    DeltagandeFabrik(insats=avbojd, organisation=org("skatteverket"), svar=Svar.AVBOJD)
    miljo = InsatsFabrik(samordnande_organisation=org("miljoforvaltningen"))
    DeltagandeFabrik(insats=miljo, organisation=org("av"))
    nordost = InsatsFabrik(lpoer=[lpo("nordost")])
    BemanningsbegaranFabrik(insats=nordost, lpo=lpo("nordost"), status=BemanningStatus.SKICKAD)
    utkast = InsatsFabrik(lpoer=[lpo("city")])
    BemanningsbegaranFabrik(insats=utkast, lpo=lpo("city"), status=BemanningStatus.UTKAST)
    InsatsFabrik(samordnande_organisation=org("polisen"))
    return personer


def _sidans(client, user) -> set[int]:
    client.force_login(user)
    svar = client.get("/insatser/")
    sida = svar.context["sida"]
    assert not sida.has_next()
    client.logout()
    return {insats.pk for insats in sida.object_list}


def _apins(api, token, user) -> set[int]:
    api.hemlighet = token(user)
    ids, adress = set(), "/api/v1/insatser?limit=2"
    while adress:
        svar = api.get(adress).json()
        ids |= {rad["id"] for rad in svar["items"]}
        adress = svar["next"]
    return ids


def test_every_role_sees_the_same_operations_in_the_api_as_on_the_list_page(
    client, api, token, varld
):
    sedda = {}
    for namn, user in varld.items():
        if not user.is_active:
            continue
        sidan = _sidans(client, user)
        assert _apins(api, token, user) == sidan, namn
        sedda[namn] = sidan
    # The comparison means something: the roles see different, non-empty sets.
    assert len({frozenset(s) for s in sedda.values()}) >= 4
    assert sedda["api"]
    assert not sedda["ledningsgrupp"]
