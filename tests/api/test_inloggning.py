"""Who may call the API: bearer tokens (hash kept, scope, expiry, revocation) and the session."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from api.models import ApiToken
from api.services import aterkalla_api_token, skapa_api_token
from karna.hemligheter import tokenhash
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


def _ar_problem(svar, status):
    assert svar.status_code == status
    assert svar["Content-Type"] == "application/problem+json"
    kropp = svar.json()
    assert kropp["status"] == status
    assert {"type", "title", "detail", "instance"} <= set(kropp)
    return kropp


@pytest.mark.parametrize("rubrik", [None, "Bearer ", "Bearer fel", "Basic dXNlcjpwYXNz", "Token x"])
def test_without_valid_credentials_every_request_gets_401_with_the_bearer_challenge(client, rubrik):
    headers = {"Authorization": rubrik} if rubrik else {}
    for path in ["/api/v1/insatser", "/api/v1/insatser/1", "/api/v1/finns-inte", "/api/v1/schema"]:
        svar = client.get(path, headers=headers)
        _ar_problem(svar, 401)
        assert svar["WWW-Authenticate"].startswith("Bearer")


def test_a_token_is_kept_only_as_its_hash_and_named_by_its_prefix(skapa_anvandare):
    user = skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    rad, hemlighet = skapa_api_token(user, "Skatteverkets system", "read", 30)
    rad.refresh_from_db()
    assert len(hemlighet) > 40
    assert hemlighet not in {rad.hash, rad.prefix, rad.namn}
    assert rad.hash == tokenhash(hemlighet)
    assert hemlighet.startswith(rad.prefix)
    assert str(rad).startswith(rad.prefix)


def test_a_token_works_until_it_expires_or_is_revoked_and_records_its_use(
    api, token, skapa_anvandare
):
    user = skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    api.hemlighet = token(user, dagar=2)
    rad = ApiToken.objects.get()
    assert api.get("/api/v1/insatser").status_code == 200
    rad.refresh_from_db()
    assert rad.senast_anvand is not None
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        _ar_problem(api.get("/api/v1/insatser"), 401)
    aterkalla_api_token(rad)
    _ar_problem(api.get("/api/v1/insatser"), 401)


def test_a_token_of_an_inactive_user_is_refused(api, token, skapa_anvandare):
    user = skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    api.hemlighet = token(user)
    user.is_active = False
    user.save()
    _ar_problem(api.get("/api/v1/insatser"), 401)
    with pytest.raises(Exception, match="aktiva"):
        skapa_api_token(user, "ny", "read", 30)


def test_a_read_token_may_not_write(api, token, skapa_anvandare):
    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    api.hemlighet = token(user, "read")
    kropp = _ar_problem(api.post("/api/v1/insatser/1/svar", {"accepterad": True}), 403)
    assert "läsrätt" in kropp["detail"]
    api.hemlighet = token(user, "read-write")
    _ar_problem(api.post("/api/v1/insatser/1/svar", {"accepterad": True}), 404)


def test_the_browser_session_is_accepted(client, skapa_anvandare):
    client.force_login(skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket"))
    assert client.get("/api/v1/insatser").status_code == 200


def test_the_command_prints_the_token_once_and_it_works(api, skapa_anvandare, capsys):
    skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    call_command("create_api_token", "api.skv", "--scope", "read", "--days", "7")
    hemlighet = capsys.readouterr().out.strip()
    rad = ApiToken.objects.get()
    assert rad.omfang == "read"
    assert rad.giltig_till - rad.skapad == timedelta(days=7)
    api.hemlighet = hemlighet
    assert api.get("/api/v1/insatser").status_code == 200


def test_the_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "ingen", "--scope", "read")
    assert not ApiToken.objects.exists()


def test_the_admin_creates_a_token_shows_it_once_lists_it_and_revokes_it(client, skapa_anvandare):
    admin = skapa_anvandare("admin", Roll.ADMIN, "akc-vast")
    tjanst = skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    client.force_login(admin)
    svar = client.post(
        "/admin/api/apitoken/add/",
        {"anvandare": tjanst.pk, "namn": "Skatteverket", "omfang": "read", "dagar": "30"},
        follow=True,
    )
    rad = ApiToken.objects.get()
    meddelanden = [str(m) for m in svar.context["messages"]]
    hemlighet = next(m.rsplit(" ", 1)[1] for m in meddelanden if rad.prefix in m)
    assert rad.hash == tokenhash(hemlighet)
    lista = client.get("/admin/api/apitoken/").content.decode()
    assert rad.prefix in lista
    assert hemlighet not in lista
    client.post(
        "/admin/api/apitoken/",
        {"action": "aterkalla", "_selected_action": [rad.pk]},
    )
    rad.refresh_from_db()
    assert rad.aterkallad is not None


def test_issuing_and_revoking_are_kept_in_the_history_and_a_call_is_not(
    api, token, skapa_anvandare
):
    from api.models import ApiTokenEvent

    user = skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket")
    api.hemlighet = token(user)
    rad = ApiToken.objects.get()
    assert api.get("/api/v1/insatser").status_code == 200
    rad.refresh_from_db()
    assert rad.senast_anvand is not None
    assert list(ApiTokenEvent.objects.values_list("pgh_label", flat=True)) == ["insert"]
    aterkalla_api_token(rad)
    handelser = ApiTokenEvent.objects.order_by("pgh_id")
    assert [h.pgh_label for h in handelser] == ["insert", "update"]
    assert handelser[1].aterkallad is not None
