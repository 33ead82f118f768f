import pytest

from myndigheter.roles import Roll
from tests.insatser.underlagsvarld import bygg_varld


@pytest.fixture
def underlagsvarld(db, skapa_anvandare):
    """The briefing tests' world (tests/insatser/underlagsvarld.py)."""
    return bygg_varld(skapa_anvandare)


@pytest.fixture
def folk(skapa_anvandare):
    """A coordinator of AKC-väst, a case officer of Skatteverket, City's police coordinator and
    an operation officer (test_grupper.py has its own, of co-planning municipalities)."""
    return {
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
    }
