"""OpenID Connect login against a fake identity provider served on this machine.

The provider is a real HTTP server in a thread: the application fetches tokens and user info from
it over loopback exactly as it would from Freja eID or a SITHS identity provider.
"""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
from django.contrib.auth import get_user_model

from myndigheter.roles import Roll

KLIENT = "saminsats-test"
HEMLIGHET = "test-hemlighet-som-ar-lang-nog-for-hs256"


class FalskIdp:
    """Authorization code flow with HS256 id tokens; claims are set per test."""

    def __init__(self):
        self.claims = {}
        self.koder = {}
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                fraga = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    kod = secrets.token_urlsafe(8)
                    idp.koder[kod] = fraga["nonce"]
                    self.send_response(302)
                    tillbaka = urlencode({"code": kod, "state": fraga["state"]})
                    adress = f"{fraga['redirect_uri']}?{tillbaka}"
                    self.send_header("Location", adress)
                    self.end_headers()
                elif url.path == "/userinfo":
                    ok = self.headers.get("Authorization") == "Bearer atkomst"
                    self._json(idp.claims if ok else {"error": "invalid_token"}, 200 if ok else 401)
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                langd = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(langd).decode()).items()}
                nonce = idp.koder.pop(form.get("code"), None)
                if nonce is None or form.get("client_secret") != HEMLIGHET:
                    self._json({"error": "invalid_grant"}, 400)
                    return
                nu = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": idp.bas,
                        "sub": idp.claims.get("sub"),
                        "aud": KLIENT,
                        "iat": nu,
                        "exp": nu + 300,
                        "nonce": nonce,
                    },
                    HEMLIGHET,
                    algorithm="HS256",
                )
                self._json(
                    {"id_token": id_token, "access_token": "atkomst", "token_type": "Bearer"}
                )

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.bas = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stang(self):
        self.server.shutdown()


@pytest.fixture
def idp(settings):
    falsk = FalskIdp()
    settings.ROOT_URLCONF = "tests.config.oidc_urls"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "myndigheter.oidc.SaminsatsOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = KLIENT
    settings.OIDC_RP_CLIENT_SECRET = HEMLIGHET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{falsk.bas}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{falsk.bas}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{falsk.bas}/userinfo"
    yield falsk
    falsk.stang()


def logga_in_via_idp(client, idp, claims):
    """Browser steps: start at Saminsats, visit the provider, come back with the code."""
    import urllib.request

    idp.claims = claims
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    assert start["Location"].startswith(f"{idp.bas}/authorize?")

    class IngenOmdirigering(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    oppnare = urllib.request.build_opener(IngenOmdirigering)
    try:
        oppnare.open(start["Location"])
    except urllib.error.HTTPError as svar:
        tillbaka = urlparse(svar.headers["Location"])
    return client.get(f"{tillbaka.path}?{tillbaka.query}")


CLAIMS = {
    "sub": "freja-123",
    "given_name": "Klara",
    "family_name": "Kontroll",
    "email": "klara@skatteverket.invalid",
    "saminsats_organisation": "skatteverket",
    "saminsats_roller": ["HANDLAGGARE"],
}


@pytest.mark.django_db
def test_login_page_offers_e_identification(client, idp):
    assert "Logga in med e-legitimation" in client.get("/logga-in/").content.decode()


@pytest.mark.django_db
def test_first_login_creates_the_user_with_organisation_and_role(client, idp):
    svar = logga_in_via_idp(client, idp, CLAIMS)
    assert svar.status_code == 302
    assert svar["Location"] == "/"
    user = get_user_model().objects.get(username="oidc:freja-123")
    assert (user.first_name, user.profil.organisation.kod) == ("Klara", "skatteverket")
    assert list(user.groups.values_list("name", flat=True)) == ["HANDLAGGARE"]
    sida = client.get("/")
    assert sida.status_code == 200
    assert "Skatteverket" in sida.content.decode()


@pytest.mark.django_db
def test_claims_are_mapped_again_on_every_login(client, idp):
    logga_in_via_idp(client, idp, CLAIMS)
    client.post("/logga-ut/")
    andrade = {**CLAIMS, "saminsats_organisation": "av", "saminsats_roller": ["MYNDIGHETSKONTAKT"]}
    logga_in_via_idp(client, idp, andrade)
    user = get_user_model().objects.get(username="oidc:freja-123")
    assert user.profil.organisation.kod == "av"
    assert list(user.groups.values_list("name", flat=True)) == ["MYNDIGHETSKONTAKT"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "andring",
    [
        {"saminsats_organisation": "okand-myndighet"},
        {"saminsats_roller": []},
        {"saminsats_roller": ["ADMIN"]},
        {"sub": ""},
    ],
    ids=["unknown organisation", "no role", "admin from claims", "no subject"],
)
def test_claims_without_organisation_or_role_are_refused(client, idp, andring):
    svar = logga_in_via_idp(client, idp, {**CLAIMS, **andring})
    assert svar.status_code == 302
    assert svar["Location"].startswith("/logga-in/")
    assert not get_user_model().objects.filter(username__startswith="oidc:").exists()
    assert "gick inte igenom" in client.get("/logga-in/").content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_deactivated_account_cannot_log_in_through_the_provider(client, idp):
    logga_in_via_idp(client, idp, CLAIMS)
    client.post("/logga-ut/")
    get_user_model().objects.filter(username="oidc:freja-123").update(is_active=False)
    svar = logga_in_via_idp(client, idp, CLAIMS)
    assert svar["Location"].startswith("/logga-in/")
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_locally_assigned_admin_role_survives_an_oidc_login(client, idp):
    from myndigheter.roles import rollgrupp

    logga_in_via_idp(client, idp, CLAIMS)
    user = get_user_model().objects.get(username="oidc:freja-123")
    user.groups.add(rollgrupp(Roll.ADMIN))
    client.post("/logga-ut/")
    logga_in_via_idp(client, idp, CLAIMS)
    assert set(user.groups.values_list("name", flat=True)) == {"ADMIN", "HANDLAGGARE"}


def test_oidc_urls_are_the_only_additions_to_the_matrix():
    from tests.test_behorighetsmatris import MATRIS, OIDC_URLER, url_namn

    assert url_namn("tests.config.oidc_urls") - set(MATRIS) == OIDC_URLER
