"""The API's permission matrix (tests/behorigheter/api.py) again, with bearer tokens of every
role instead of the session: a read-write token gets what the role's session gets, a read token
the same for reads and 403 for every write."""

import pytest

from api.services import skapa_api_token
from tests.behorigheter import AKTORER, ANONYM
from tests.behorigheter.api import MATRIS, URLER
from tests.test_behorighetsmatris import aktorer, matrisvarld, platshallare  # noqa: F401

FALL = [
    (namn, metod, aktor, omfang)
    for namn, metoder in MATRIS.items()
    if not namn.startswith("admin:")
    for metod in metoder
    for aktor in AKTORER
    if aktor != ANONYM
    for omfang in ["read", "read-write"]
]


@pytest.mark.django_db
@pytest.mark.parametrize(("namn", "metod", "aktor", "omfang"), FALL, ids=str)
def test_token_matrix(client, aktorer, platshallare, namn, metod, aktor, omfang):  # noqa: F811
    _, hemlighet = skapa_api_token(aktorer[aktor], "matris", omfang, 1)
    svar = client.generic(
        metod,
        URLER[namn].format_map(platshallare),
        headers={"Authorization": f"Bearer {hemlighet}"},
    )
    forvantat = MATRIS[namn][metod][aktor]
    if omfang == "read" and metod not in {"GET", "HEAD", "OPTIONS"}:
        forvantat = 403
    assert svar.status_code == forvantat
