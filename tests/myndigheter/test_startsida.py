"""The start page: organisation, role and upcoming operations the user may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from myndigheter.roles import Roll
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, org
from tests.varld import startsidan


def _insats(nummer, organisation, deltagare=()):
    insats = InsatsFabrik(
        titel=f"Insats {nummer}",
        samordnande_organisation=org(organisation),
        start=timezone.now() + timedelta(days=nummer + 1),
    )
    for kod in deltagare:
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    return insats


@pytest.mark.django_db
def test_start_page_shows_only_operations_the_user_takes_part_in(client, skapa_anvandare):
    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    egen = _insats(1, "akc-vast", deltagare=["skatteverket"])
    annan = _insats(2, "akc-vast", deltagare=["av"])
    client.force_login(user)
    text = client.get("/").content.decode()
    assert egen.titel in text
    assert annan.titel not in text
    assert "Skatteverket" in text
    assert "Handläggare" in text


@pytest.mark.django_db
def test_start_page_runs_a_constant_number_of_queries(
    client, skapa_anvandare, django_assert_max_num_queries
):
    user = skapa_anvandare("samordnare", Roll.SAMORDNARE, "akc-vast")
    client.force_login(user)
    _insats(1, "akc-vast")
    # Profile and roles, the operations under way today, the coming operations, one query per
    # kind of task, the open actions from meetings, the unread counter, the follow-up's two.
    with django_assert_max_num_queries(17) as fa:
        client.get("/")
    for nummer in range(2, 30):
        _insats(nummer, "akc-vast", deltagare=["skatteverket", "av"])
    with django_assert_max_num_queries(len(fa.captured_queries)):
        svar = client.get("/")
    assert len(startsidan(svar, "kommande")) == 10
