"""Policy.anvandare (who may act on one object) agrees with Policy.tillater for every user.

Notification recipients are computed from the object's side; this is what makes them exactly
the people the policy lets see and do what the notification is about.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from insatser import services
from insatser.access import BEMANNING_POLICY, INSATS_POLICY
from insatser.models import Bemanningsbegaran, Insats, InsatsUserObjectPermission
from insatser.workflow import BemanningStatus
from karna.policy import Aktor
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik
from tests.varld import aktuell_version, lpo, org

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["bekraftad", "installd"])
def varld(request, personer, bekraftad, skapa_anvandare, orsak):
    """Operations in several states and relations, including a draft request, an explicit grant,
    voided requests and a user of an inactive organisation."""
    annan = InsatsFabrik(
        referens="ANNAN",
        samordnande_organisation=org("miljoforvaltningen"),
        start=timezone.now() + timedelta(days=9),
    )
    DeltagandeFabrik(insats=annan, organisation=org("av"))
    BemanningsbegaranFabrik(insats=annan, lpo=lpo("nordost"), status=BemanningStatus.SKICKAD)
    BemanningsbegaranFabrik(insats=annan, lpo=lpo("city"), status=BemanningStatus.UTKAST)
    insats, _ = bekraftad
    InsatsUserObjectPermission.objects.create(
        user=personer["ledningsgrupp"],
        content_object=annan,
        permission=Permission.objects.get(codename="view_insats"),
    )
    skapa_anvandare("stangd.org", Roll.HANDLAGGARE, "linkopings-kommun")
    DeltagandeFabrik(insats=annan, organisation=org("linkopings-kommun"))
    Myndighet.objects.filter(kod="linkopings-kommun").update(aktiv=False)
    if request.param == "installd":
        services.stall_in_insats(
            personer["opsam"], insats, orsak, kommentar="Olycka", version=aktuell_version(insats)
        )
    return [Insats.objects.get(pk=insats.pk), annan]


def _anvandare():
    return list(get_user_model().objects.filter(is_active=True))


def _fraga_var_och_en(policy, handling, objekt):
    svar = set()
    for user in _anvandare():
        user = type(user).objects.get(pk=user.pk)  # nothing cached from another question
        if policy.tillater(user, handling, objekt):
            svar.add(user.username)
    return svar


def test_every_operation_action_from_both_sides(varld):
    for insats in varld:
        for handling in INSATS_POLICY.handlingar:
            fran_objektet = set(
                INSATS_POLICY.anvandare(handling, insats).values_list("username", flat=True)
            )
            assert fran_objektet == _fraga_var_och_en(INSATS_POLICY, handling, insats), (
                insats.referens,
                handling,
            )


def test_every_staffing_action_from_both_sides(varld):
    for begaran in Bemanningsbegaran.objects.all():
        for handling in BEMANNING_POLICY.handlingar:
            fran_objektet = set(
                BEMANNING_POLICY.anvandare(handling, begaran).values_list("username", flat=True)
            )
            assert fran_objektet == _fraga_var_och_en(BEMANNING_POLICY, handling, begaran), (
                begaran.pk,
                handling,
            )


def test_an_inactive_account_may_nothing_from_the_objects_side(personer, varld):
    inaktiv = personer["skv_inaktiv"]
    assert INSATS_POLICY.tillater(inaktiv, "se", varld[0]), "the user-side rule ignores it"
    assert not INSATS_POLICY.anvandare("se", varld[0]).filter(pk=inaktiv.pk).exists()


def test_a_user_of_an_inactive_organisation_has_no_roles_on_either_side(varld):
    user = get_user_model().objects.get(username="stangd.org")
    assert Aktor.for_user(user).roller == frozenset()
    assert not INSATS_POLICY.anvandare("se", varld[1]).filter(pk=user.pk).exists()


def test_an_unknown_action_is_an_error(varld):
    with pytest.raises(ValueError, match="unknown action"):
        INSATS_POLICY.anvandare("flyga", varld[0])
