"""A focal point manages the members of their own organisation, and only that."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


@pytest.fixture
def folk(skapa_anvandare):
    return {
        "kontakt": skapa_anvandare("kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
    }


def test_focal_point_sees_only_own_members(client, folk):
    client.force_login(folk["kontakt"])
    svar = client.get("/organisation/medlemmar/")
    namn = {m.username for m in svar.context["medlemmar"]}
    assert namn == {"kontakt", "skv"}


def test_deactivating_a_member_ends_their_sessions(client, folk):
    from django.test import Client

    medlem = Client()
    medlem.force_login(folk["skv"])
    client.force_login(folk["kontakt"])
    svar = client.post(f"/organisation/medlemmar/{folk['skv'].pk}/", {"roller": ["HANDLAGGARE"]})
    assert svar.status_code == 302
    folk["skv"].refresh_from_db()
    assert not folk["skv"].is_active
    assert medlem.get("/").status_code == 302
    assert Session.objects.count() == 1


def test_focal_point_gives_the_contact_role(client, folk):
    client.force_login(folk["kontakt"])
    client.post(
        f"/organisation/medlemmar/{folk['skv'].pk}/",
        {"roller": ["HANDLAGGARE", "MYNDIGHETSKONTAKT"], "aktiv": "on"},
    )
    assert set(folk["skv"].groups.values_list("name", flat=True)) == {
        "HANDLAGGARE",
        "MYNDIGHETSKONTAKT",
    }


def test_focal_point_names_and_unnames_a_security_contact(client, folk):
    client.force_login(folk["kontakt"])
    adress = f"/organisation/medlemmar/{folk['skv'].pk}/"
    client.post(adress, {"roller": ["HANDLAGGARE"], "aktiv": "on", "sakerhetskontakt": "on"})
    folk["skv"].profil.refresh_from_db()
    assert folk["skv"].profil.ar_sakerhetskontakt
    assert (
        'name="sakerhetskontakt" checked' in client.get("/organisation/medlemmar/").content.decode()
    )
    client.post(adress, {"roller": ["HANDLAGGARE"], "aktiv": "on"})
    folk["skv"].profil.refresh_from_db()
    assert not folk["skv"].profil.ar_sakerhetskontakt


def test_roles_beyond_the_focal_points_are_refused(client, folk):
    client.force_login(folk["kontakt"])
    svar = client.post(
        f"/organisation/medlemmar/{folk['skv'].pk}/",
        {"roller": ["SAMORDNARE", "HANDLAGGARE"], "aktiv": "on"},
        follow=True,
    )
    assert "bara en systemförvaltare" in svar.content.decode()
    assert list(folk["skv"].groups.values_list("name", flat=True)) == ["HANDLAGGARE"]


def test_members_of_other_organisations_answer_404_and_stay_unchanged(client, folk):
    client.force_login(folk["kontakt"])
    svar = client.post(f"/organisation/medlemmar/{folk['av'].pk}/", {"roller": []})
    assert svar.status_code == 404
    folk["av"].refresh_from_db()
    assert folk["av"].is_active


def test_own_account_cannot_be_changed_here(client, folk):
    client.force_login(folk["kontakt"])
    svar = client.post(
        f"/organisation/medlemmar/{folk['kontakt'].pk}/", {"roller": []}, follow=True
    )
    assert "ditt eget konto" in svar.content.decode()
    folk["kontakt"].refresh_from_db()
    assert folk["kontakt"].is_active


def test_member_page_takes_constant_queries(
    client, folk, skapa_anvandare, django_assert_max_num_queries
):
    client.force_login(folk["kontakt"])
    client.get("/organisation/medlemmar/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/organisation/medlemmar/")
    for nummer in range(15):
        skapa_anvandare(f"ny{nummer}", Roll.HANDLAGGARE, "skatteverket")
    with django_assert_max_num_queries(len(fore)):
        client.get("/organisation/medlemmar/")
