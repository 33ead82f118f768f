import pytest

from tests.insatser.underlagsvarld import bygg_varld


@pytest.fixture
def underlagsvarld(db, skapa_anvandare):
    """The briefing tests' world (tests/insatser/underlagsvarld.py)."""
    return bygg_varld(skapa_anvandare)
