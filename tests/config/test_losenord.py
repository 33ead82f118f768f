"""Passwords: Argon2id for new hashes; an older PBKDF2 hash still logs in and is rewritten."""

import pytest
from django.contrib.auth.hashers import make_password

from config import settings as produktion
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db
LOSEN = "test-losen-123"


@pytest.fixture
def produktionens_hashning(settings):
    settings.PASSWORD_HASHERS = produktion.PASSWORD_HASHERS


def test_a_new_password_is_hashed_with_argon2id(produktionens_hashning):
    assert make_password(LOSEN).startswith("argon2$argon2id$")


def test_a_pbkdf2_hash_logs_in_and_is_rewritten_with_argon2(
    produktionens_hashning, skapa_anvandare, client
):
    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    user.password = make_password(LOSEN, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    svar = client.post("/logga-in/", {"username": "skv", "password": LOSEN})
    assert svar.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(LOSEN)
