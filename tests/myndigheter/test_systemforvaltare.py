"""The first administrator of a new installation, made from the command line."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from myndigheter.roles import Roll, roller_for

pytestmark = pytest.mark.django_db
LOSENORD = "Ett-langt-och-ovanligt-losenord-42"


def test_the_command_makes_a_system_administrator_who_reaches_the_admin(client, monkeypatch):
    monkeypatch.setenv("SAMINSATS_ADMIN_PASSWORD", LOSENORD)
    call_command("skapa_systemforvaltare", "forvaltare", "--organisation", "akc-vast")
    user = get_user_model().objects.get(username="forvaltare")
    assert roller_for(user) == [Roll.ADMIN]
    assert user.profil.organisation.kod == "akc-vast"
    assert user.check_password(LOSENORD)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    # Run again: a new password, still one account with one role.
    monkeypatch.setenv("SAMINSATS_ADMIN_PASSWORD", LOSENORD + "b")
    call_command("skapa_systemforvaltare", "forvaltare", "--organisation", "akc-vast")
    assert get_user_model().objects.filter(username="forvaltare").count() == 1
    assert get_user_model().objects.get(username="forvaltare").check_password(LOSENORD + "b")


@pytest.mark.parametrize(
    ("losenord", "organisation", "fel"),
    [
        ("kort", "akc-vast", "för kort"),
        (LOSENORD, "finns-inte", "finns inte"),
    ],
)
def test_a_weak_password_or_unknown_organisation_is_refused(
    monkeypatch, losenord, organisation, fel
):
    monkeypatch.setenv("SAMINSATS_ADMIN_PASSWORD", losenord)
    with pytest.raises(CommandError, match=fel):
        call_command("skapa_systemforvaltare", "forvaltare", "--organisation", organisation)
    assert not get_user_model().objects.filter(username="forvaltare").exists()
