"""Recording improvement areas after an operation and marking them resolved, on their page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.models import Insats
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from utvardering import services
from utvardering.models import Forbattringsomrade

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"),
        start=timezone.now() - timedelta(days=4),
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    objekt = ObjektFabrik(foreslaget_av_organisation=org("akc-vast"))
    KontrollFabrik(insats=insats, objekt=objekt)
    annat = ObjektFabrik(foreslaget_av_organisation=org("akc-vast"))
    return {
        "insats": insats,
        "objekt": objekt,
        "annat": annat,
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "sam_miljo": skapa_anvandare("samm", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
    }


def test_coordinator_records_an_area_on_the_timeline(varld):
    omrade = services.registrera_forbattringsomrade(
        varld["sam"],
        varld["insats"],
        " Tolk behövs ",
        ansvarig_organisation=Myndighet.objects.get(kod="skatteverket"),
        objekt=varld["objekt"],
    )
    assert (omrade.text, omrade.status, omrade.skapad_av) == ("Tolk behövs", "OPPEN", varld["sam"])
    assert varld["insats"].handelser.filter(typ="forbattringsomrade", text="Tolk behövs").exists()


@pytest.mark.parametrize(
    ("andring", "fel"),
    [
        ({"status": InsatsStatus.BEKRAFTAD}, ValidationError),
        ({"text": "  "}, ValidationError),
        ({"objekt": "annat"}, ValidationError),
        ({"vem": "skv"}, PermissionDenied),
        ({"vem": "sam_miljo"}, Http404),
    ],
)
def test_refused_records_save_nothing(varld, andring, fel):
    if "status" in andring:
        Insats.objects.filter(pk=varld["insats"].pk).update(status=andring["status"])
    with pytest.raises(fel):
        services.registrera_forbattringsomrade(
            varld[andring.get("vem", "sam")],
            varld["insats"],
            andring.get("text", "Något"),
            objekt=varld[andring["objekt"]] if "objekt" in andring else None,
        )
    assert not Forbattringsomrade.objects.exists()


def test_only_the_coordinator_marks_resolved_and_only_once(varld):
    omrade = Forbattringsomrade.objects.create(insats=varld["insats"], text="Samling fel")
    with pytest.raises(PermissionDenied):
        services.atgarda_forbattringsomrade(varld["skv"], omrade)
    with pytest.raises(Http404):
        services.atgarda_forbattringsomrade(varld["mig"], omrade)
    omrade.refresh_from_db()
    assert omrade.status == "OPPEN"
    services.atgarda_forbattringsomrade(varld["sam"], omrade)
    omrade.refresh_from_db()
    assert omrade.status == "ATGARDAD"
    assert omrade.atgardad is not None
    with pytest.raises(ValidationError):
        services.atgarda_forbattringsomrade(varld["sam"], omrade)


def test_the_page_lists_areas_to_participants_and_offers_forms_to_the_coordinator(client, varld):
    Forbattringsomrade.objects.create(insats=varld["insats"], text="Bättre karta")
    url = f"/utvardering/insatser/{varld['insats'].pk}/forbattringsomraden/"
    for vem in ("skv", "opsam"):
        client.force_login(varld[vem])
        text = client.get(url).content.decode()
        assert "Bättre karta" in text
        assert "Registrera ett förbättringsområde" not in text
        assert "Markera som åtgärdat" not in text
    client.force_login(varld["mig"])
    assert client.get(url).status_code == 404
    client.force_login(varld["sam"])
    assert "Markera som åtgärdat" in client.get(url).content.decode()
    svar = client.post(url, {"text": "", "objekt": varld["annat"].pk})
    assert "Det här fältet är obligatoriskt." in svar.content.decode()
    assert "Välj ett giltigt alternativ." in svar.content.decode()
    svar = client.post(url, {"text": "Fler tolkar", "objekt": varld["objekt"].pk})
    assert svar.status_code == 302
    assert Forbattringsomrade.objects.get(text="Fler tolkar").objekt == varld["objekt"]
    insats_sida = client.get(f"/insatser/{varld['insats'].pk}/").content.decode()
    assert url in insats_sida


def _fragor(client, url):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as fragor:
        client.get(url)
    return len(fragor)


def test_the_page_takes_constant_queries(client, varld):
    url = f"/utvardering/insatser/{varld['insats'].pk}/forbattringsomraden/"
    Forbattringsomrade.objects.create(insats=varld["insats"], text="Ett", objekt=varld["objekt"])
    client.force_login(varld["sam"])
    _fragor(client, url)
    fore = _fragor(client, url)
    for nummer in range(15):
        Forbattringsomrade.objects.create(
            insats=varld["insats"],
            text=f"Område {nummer}",
            objekt=varld["objekt"],
            ansvarig_organisation=Myndighet.objects.get(kod="skatteverket"),
        )
    assert _fragor(client, url) == fore
