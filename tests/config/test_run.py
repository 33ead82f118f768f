"""`make run`'s launcher: the web server listens where the README says."""

from scripts import run


def test_the_web_server_gets_port_8000_unless_port_is_set(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://example/saminsats")
    monkeypatch.delenv("PORT", raising=False)
    assert run.environment()["PORT"] == "8000"
    monkeypatch.setenv("PORT", "8123")
    assert run.environment()["PORT"] == "8123"
