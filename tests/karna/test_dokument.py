"""The generated documents in docs/ match the code they are generated from."""

import pytest

from karna.dokument import DOKUMENT, DOKUMENTMAPP, generera


@pytest.mark.parametrize("filnamn", sorted(DOKUMENT))
def test_the_generated_document_is_up_to_date(filnamn):
    fil = DOKUMENTMAPP / filnamn
    assert fil.read_text(encoding="utf-8") == generera(filnamn), "run manage.py dokument"


def test_the_workflow_document_draws_every_transition():
    text = generera("arbetsfloden.md")
    assert "[*] --> FORESLAGEN: skapad" in text
    assert "BEKRAFTAD --> GENOMFORD: genomfor" in text
