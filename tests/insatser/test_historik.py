"""Change history is written by database triggers: bulk updates and admin actions land in it."""

import pghistory.models
import pytest
from django.db import connection

from insatser.models import Insats
from myndigheter.models import Myndighet
from tests.fabriker import InsatsFabrik

pytestmark = pytest.mark.django_db


def _handelser(modell_label, pk):
    return list(
        pghistory.models.Events.objects.filter(pgh_obj_model=modell_label, pgh_obj_id=str(pk))
        .order_by("pgh_created_at", "pgh_id")
        .values_list("pgh_label", flat=True)
    )


@pytest.fixture
def insats():
    return InsatsFabrik(titel="Före")


def test_bulk_update_lands_in_the_history(insats):
    Insats.objects.filter(pk=insats.pk).update(titel="Efter")
    assert _handelser("insatser.Insats", insats.pk) == ["insert", "update"]
    senaste = insats.events.order_by("-pgh_id").first()
    assert senaste.titel == "Efter"


def test_raw_sql_lands_in_the_history(insats):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE insatser_insats SET titel = 'Rå' WHERE id = %s", [insats.pk])
    assert insats.events.order_by("-pgh_id").first().titel == "Rå"


def test_delete_lands_in_the_history(insats):
    pk = insats.pk
    Insats.objects.filter(pk=pk).delete()
    assert _handelser("insatser.Insats", pk) == ["insert", "delete"]


def test_admin_action_lands_in_the_history_with_its_user(admin_client, admin_user):
    myndighet = Myndighet.objects.get(kod="kustbevakningen")
    svar = admin_client.post(
        "/admin/myndigheter/myndighet/",
        {"action": "delete_selected", "_selected_action": [myndighet.pk], "post": "yes"},
    )
    assert svar.status_code == 302
    assert not Myndighet.objects.filter(pk=myndighet.pk).exists()
    handelse = pghistory.models.MiddlewareEvents.objects.filter(
        pgh_obj_model="myndigheter.Myndighet", pgh_obj_id=str(myndighet.pk), pgh_label="delete"
    ).get()
    assert handelse.user == admin_user


def test_role_grants_and_removals_are_kept(skapa_anvandare):
    from django.contrib.auth.models import Group

    from myndigheter.models import RolltilldelningEvent
    from myndigheter.roles import Roll

    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    kontakt = Group.objects.get(name=Roll.MYNDIGHETSKONTAKT)
    user.groups.add(kontakt)
    user.groups.remove(kontakt)
    handelser = RolltilldelningEvent.objects.filter(user=user).order_by("pgh_id")
    assert [(h.pgh_label, h.group.name) for h in handelser] == [
        ("roll.tilldelad", "HANDLAGGARE"),
        ("roll.tilldelad", "MYNDIGHETSKONTAKT"),
        ("roll.borttagen", "MYNDIGHETSKONTAKT"),
    ]
