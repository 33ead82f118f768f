"""The nine roles exist as groups and are read back from group membership."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from karna.policy import Aktor
from myndigheter.roles import Roll, roller_for


@pytest.mark.django_db
def test_every_role_has_its_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Roll.values)
    assert len(Roll) == 9


@pytest.mark.django_db
def test_roles_follow_group_membership(skapa_anvandare):
    user = skapa_anvandare("kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket")
    user.groups.add(Group.objects.get(name=Roll.HANDLAGGARE))
    assert roller_for(user) == [Roll.MYNDIGHETSKONTAKT, Roll.HANDLAGGARE]


def test_anonymous_user_has_no_roles():
    assert roller_for(AnonymousUser()) == []


@pytest.mark.django_db
def test_the_actor_is_read_in_one_query(skapa_anvandare, django_assert_num_queries):
    user = skapa_anvandare("kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket")
    user.groups.add(Group.objects.get(name=Roll.HANDLAGGARE))
    with django_assert_num_queries(1):
        aktor = Aktor.for_user(user)
    assert aktor.roller == {Roll.MYNDIGHETSKONTAKT, Roll.HANDLAGGARE}
    assert aktor.organisation_kod == "skatteverket"
