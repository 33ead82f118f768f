"""The API's conventions: version header, problem answers, no stack traces, CORS closed unless
configured, conditional reads, rate limit, the OpenAPI document and its docs page."""

import re

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from karna import mellanlager
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


@pytest.fixture
def klient(api, token, skapa_anvandare):
    api.hemlighet = token(skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket"))
    return api


def test_every_answer_names_the_api_version(klient, client):
    for svar in [klient.get("/api/v1/insatser"), klient.get("/api/v1/x"), client.get("/api/v1/")]:
        assert re.fullmatch(r"1\.\d+\.\d+", svar["API-Version"])


def test_an_unexpected_error_is_a_problem_without_a_stack_trace(klient, monkeypatch):
    def fel(user):
        raise RuntimeError("hemlig intern detalj")

    monkeypatch.setattr("api.views_insatser.selectors.insatslista", fel)
    svar = klient.get("/api/v1/insatser")
    assert svar.status_code == 500
    assert svar["Content-Type"] == "application/problem+json"
    text = svar.content.decode()
    assert "hemlig" not in text
    assert "Traceback" not in text
    assert svar.json()["status"] == 500


def test_cors_is_closed_unless_an_origin_is_configured(klient, settings):
    ursprung = "https://app.example.se"
    assert "Access-Control-Allow-Origin" not in klient.get("/api/v1/insatser", Origin=ursprung)
    settings.API_CORS_ORIGINS = [ursprung]
    assert klient.get("/api/v1/insatser", Origin=ursprung)["Access-Control-Allow-Origin"] == (
        ursprung
    )
    annan = klient.get("/api/v1/insatser", Origin="https://annan.example.se")
    assert "Access-Control-Allow-Origin" not in annan


def test_a_cors_preflight_is_answered_only_for_a_configured_origin(client, settings):
    ursprung = "https://app.example.se"
    rubriker = {"Origin": ursprung, "Access-Control-Request-Method": "GET"}
    assert client.options("/api/v1/insatser", headers=rubriker).status_code == 401
    settings.API_CORS_ORIGINS = [ursprung]
    svar = client.options("/api/v1/insatser", headers=rubriker)
    assert svar.status_code == 204
    assert svar["Access-Control-Allow-Origin"] == ursprung
    assert "Authorization" in svar["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in svar


def test_an_unchanged_operation_answers_304_to_its_etag(api, token, personer, begard):
    insats, _ = begard
    api.hemlighet = token(personer["samordnare"])
    forsta = api.get(f"/api/v1/insatser/{insats.pk}")
    tagg = forsta["ETag"]
    assert api.get(f"/api/v1/insatser/{insats.pk}", **{"If-None-Match": tagg}).status_code == 304
    insats.titel = "Ny titel"
    insats.save()
    andra = api.get(f"/api/v1/insatser/{insats.pk}", **{"If-None-Match": tagg})
    assert andra.status_code == 200
    assert andra["ETag"] != tagg


def test_confidential_answers_are_not_stored_by_caches(klient):
    assert "no-store" in klient.get("/api/v1/insatser")["Cache-Control"]


def test_calls_beyond_the_rate_get_429_with_retry_after(klient, settings):
    cache.clear()
    settings.API_RATE = "3/min"
    statusar = [klient.get("/api/v1/myndigheter").status_code for _ in range(4)]
    assert statusar == [200, 200, 200, 429]
    svar = klient.get("/api/v1/myndigheter")
    assert svar["Content-Type"] == "application/problem+json"
    assert 0 < int(svar["Retry-After"]) <= 60


def test_calls_are_let_through_when_the_cache_does_not_answer(klient, settings, monkeypatch):
    settings.API_RATE = "1/min"

    class Stangd:
        def pipeline(self, **kwargs):
            raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(mellanlager, "_redis", Stangd)
    assert [klient.get("/api/v1/myndigheter").status_code for _ in range(3)] == [200, 200, 200]


def test_a_call_reads_the_token_its_user_and_the_actor_in_one_statement(
    klient, django_assert_num_queries
):
    klient.get("/api/v1/insatser")  # the first call of a minute notes that the token was used
    with django_assert_num_queries(2):
        assert klient.get("/api/v1/insatser").status_code == 200


def test_the_openapi_document_is_3_1_and_documents_the_problems_of_every_operation(klient):
    svar = klient.get("/api/v1/schema", {"format": "json"})
    assert svar.status_code == 200
    dokument = svar.json()
    assert dokument["openapi"] == "3.1.0"
    operationer = [
        (path, metod, op)
        for path, metoder in dokument["paths"].items()
        for metod, op in metoder.items()
    ]
    assert len(operationer) >= 9
    for path, metod, op in operationer:
        assert path.startswith("/api/v1/"), path
        assert not path.endswith("/"), path
        assert {"401", "429"} <= set(op["responses"]), (path, metod)
        problem = op["responses"]["401"]["content"]
        assert "application/problem+json" in problem, (path, metod)


def test_the_docs_page_uses_only_the_sites_own_files_and_no_inline_script(klient):
    svar = klient.get("/api/v1/docs")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "script-src 'self'" in svar["Content-Security-Policy"]
    skript = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert skript
    for attribut, innehall in skript:
        assert "src=" in attribut
        assert not innehall.strip()
    adresser = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert adresser
    assert all(not a.startswith(("http:", "https:", "//")) for a in adresser), adresser
