import pytest

from api.services import skapa_api_token


@pytest.fixture
def token():
    """A new token of ``user`` with ``omfang``; the secret, as the client sends it."""

    def skapa(user, omfang="read", dagar=30) -> str:
        return skapa_api_token(user, "test", omfang, dagar)[1]

    return skapa


@pytest.fixture
def api(client):
    """GET/POST/PUT with a bearer token (or none), JSON bodies."""

    class Api:
        def __init__(self):
            self.hemlighet = None

        def _rubriker(self, rubriker):
            if self.hemlighet:
                rubriker.setdefault("Authorization", f"Bearer {self.hemlighet}")
            return rubriker

        def get(self, path, data=None, **rubriker):
            return client.get(path, data, headers=self._rubriker(rubriker))

        def post(self, path, data=None, **rubriker):
            return client.post(
                path, data or {}, content_type="application/json", headers=self._rubriker(rubriker)
            )

        def put(self, path, data=None, **rubriker):
            return client.put(
                path, data or {}, content_type="application/json", headers=self._rubriker(rubriker)
            )

    return Api()
