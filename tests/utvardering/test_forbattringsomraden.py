"""Improvement areas: visible to those who see the details of the operation that raised them."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from insatser.workflow import BemanningStatus
from myndigheter.roles import Roll
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from utvardering.access import synliga_forbattringsomraden
from utvardering.models import Forbattringsomrade
from utvardering.selectors import oppna_forbattringsomraden

pytestmark = pytest.mark.django_db


@pytest.fixture
def omraden():
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"), start=timezone.now() - timedelta(days=10)
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    objekt = ObjektFabrik(foreslaget_av_organisation=org("akc-vast"))
    oppet = Forbattringsomrade.objects.create(insats=insats, objekt=objekt, text="Tolk behövs")
    Forbattringsomrade.objects.create(
        insats=insats,
        objekt=objekt,
        text="Samlingsplatsen var fel",
        status=Forbattringsomrade.Status.ATGARDAD,
        atgardad=timezone.now(),
    )
    return objekt, oppet


@pytest.mark.parametrize(
    ("roll", "organisation", "lpoer", "ser"),
    [
        (Roll.SAMORDNARE, "akc-vast", (), True),
        (Roll.HANDLAGGARE, "skatteverket", (), True),
        (Roll.MYNDIGHETSKONTAKT, "skatteverket", (), True),
        (Roll.OPERATIV_SAMORDNARE, "polisen", ("city",), True),
        (Roll.HANDLAGGARE, "migrationsverket", (), False),
        (Roll.SAMORDNARE, "miljoforvaltningen", (), False),
        (Roll.OPERATIV_SAMORDNARE, "polisen", ("nordost",), False),
        (Roll.POLISLEDNING, "polisen", ("city",), False),
        (Roll.LEDNINGSGRUPP, "goteborgs-stad", (), False),
        (Roll.API_KLIENT, "skatteverket", (), False),
    ],
)
def test_visible_to_those_who_see_the_operation_details(
    skapa_anvandare, omraden, roll, organisation, lpoer, ser
):
    user = skapa_anvandare("u", roll, organisation, lpoer=lpoer)
    assert synliga_forbattringsomraden(user).exists() is ser


def test_open_areas_of_an_object_leave_out_resolved_ones(skapa_anvandare, omraden):
    objekt, oppet = omraden
    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    assert list(oppna_forbattringsomraden(user, [objekt.pk])) == [oppet]
    assert list(oppna_forbattringsomraden(user, [])) == []


def test_a_resolved_area_must_say_when(omraden):
    _, oppet = omraden
    oppet.status = Forbattringsomrade.Status.ATGARDAD
    with pytest.raises(IntegrityError):
        oppet.save()
