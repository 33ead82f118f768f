"""Policies evaluated for an Aktor (an audience's reader) give what they give its members."""

import pytest
from django.contrib.auth.models import Permission

from insatser.access import INSATS_POLICY, Handling
from insatser.models import Frislappning, InsatsUserObjectPermission
from karna.policy import Aktor
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from objekt.access import synliga_objektuppgifter
from objekt.models import Objektuppgift
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, ObjektFabrik

pytestmark = pytest.mark.django_db


def _org(kod):
    return Myndighet.objects.get(kod=kod)


@pytest.fixture
def insatser():
    def insats(referens, deltagare):
        i = InsatsFabrik(referens=referens, samordnande_organisation=_org("akc-vast"))
        for kod in deltagare:
            DeltagandeFabrik(insats=i, organisation=_org(kod))
        return i

    return insats("P-1", ["skatteverket"]), insats("P-2", ["av"])


def test_an_aktor_stands_for_itself():
    aktor = Aktor(None, 1, frozenset({Roll.HANDLAGGARE}), ())
    assert Aktor.for_user(aktor) is aktor


def test_a_reader_without_a_person_sees_what_the_members_of_its_organisation_see(
    insatser, skapa_anvandare
):
    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    lasare = Aktor(None, _org("skatteverket").pk, frozenset({Roll.HANDLAGGARE}), ())
    for handling in (Handling.SE, Handling.SE_DETALJER):
        assert set(INSATS_POLICY.filtrera(lasare, handling)) == set(
            INSATS_POLICY.filtrera(user, handling)
        )
    assert {i.referens for i in INSATS_POLICY.filtrera(lasare, Handling.SE)} == {"P-1"}


def test_a_reader_without_a_person_has_no_personal_grant(insatser, skapa_anvandare):
    user = skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket")
    InsatsUserObjectPermission.objects.create(
        user=user,
        content_object=insatser[1],
        permission=Permission.objects.get(codename="view_insats"),
    )
    lasare = Aktor(None, _org("migrationsverket").pk, frozenset({Roll.HANDLAGGARE}), ())
    assert [i.referens for i in INSATS_POLICY.filtrera(user, Handling.SE)] == ["P-2"]
    assert not INSATS_POLICY.filtrera(lasare, Handling.SE).exists()


def test_released_information_reaches_a_reader_through_the_same_rule(insatser, skapa_anvandare):
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    objekt = ObjektFabrik(foreslaget_av_organisation=_org("av"))
    uppgift = Objektuppgift.objects.create(objekt=objekt, organisation=_org("av"), innehall={})
    lasare = Aktor(None, _org("skatteverket").pk, frozenset({Roll.HANDLAGGARE}), ())
    assert not synliga_objektuppgifter(lasare).exists()
    Frislappning.objects.create(
        objektuppgift=uppgift, insats=insatser[0], frislappt_av=skv, grund="X"
    )
    assert list(synliga_objektuppgifter(lasare)) == [uppgift]
    assert list(synliga_objektuppgifter(skv)) == [uppgift]
