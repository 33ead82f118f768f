"""A client generated from the API's OpenAPI schema by a standard generator
(openapi-python-client) works against the application (over WSGI, with a token): it pages the
schedule, reads an operation, answers an invitation with the ETag it read, and writes an
agency's information block that the template's JSON Schema validates."""

import importlib
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from api.services import skapa_api_token

pytestmark = pytest.mark.django_db

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def klient_paket(tmp_path_factory):
    """The package the generator writes from the schema, imported."""
    mapp = tmp_path_factory.mktemp("klient")
    schema = mapp / "schema.json"
    schema.write_bytes(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    namn = f"saminsats_klient_{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [
            str(GENERATOR),
            "generate",
            *("--path", str(schema)),
            *("--output-path", str(mapp / namn)),
            *("--meta", "none"),
        ],
        check=True,
        capture_output=True,
        cwd=mapp,
    )
    sys.path.insert(0, str(mapp))
    try:
        yield namn
    finally:
        sys.path.remove(str(mapp))


@pytest.fixture
def klient(klient_paket, personer, begard, settings):
    """An authenticated client of Skatteverket's case officer (read-write) speaking to the WSGI
    app, which keeps the test's connection (as Django's test client does)."""
    settings.API_RATE = "100000/min"
    paket = importlib.import_module(klient_paket)
    hemlighet = skapa_api_token(personer["skv"], "genererad", "read-write", 1)[1]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield paket.AuthenticatedClient(
            base_url="http://testserver",
            token=hemlighet,
            httpx_args={"transport": httpx.WSGITransport(app=get_wsgi_application())},
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _api(klient_paket, modul):
    return importlib.import_module(f"{klient_paket}.api.insatser.{modul}")


def test_the_generated_client_lists_reads_and_answers(klient, klient_paket, begard):
    insats, _ = begard
    lista = _api(klient_paket, "insatser_list").sync(client=klient, limit=50)
    assert insats.referens in [rad.referens for rad in lista.items]

    detalj = _api(klient_paket, "insatser_retrieve").sync(insats.pk, client=klient)
    assert (detalj.id, detalj.referens) == (insats.pk, insats.referens)

    last = _api(klient_paket, "insatser_svar_retrieve").sync_detailed(insats.pk, client=klient)
    assert last.status_code == 200
    assert last.parsed.svar == "INBJUDEN"
    modeller = importlib.import_module(f"{klient_paket}.models")
    svar = _api(klient_paket, "insatser_svar_create").sync(
        insats.pk,
        client=klient,
        body=modeller.Inbjudningssvar(accepterad=True, planerat_antal=2),
        if_match=last.headers["ETag"],
        idempotency_key=uuid.uuid4().hex,
    )
    assert svar.svar == "ACCEPTERAD"
    assert insats.deltaganden.get(organisation__kod="skatteverket").svar == "ACCEPTERAD"


def test_the_generated_client_reads_a_refusal_as_a_problem(klient, klient_paket, begard):
    insats, _ = begard
    svar = _api(klient_paket, "insatser_svar_create").sync_detailed(
        insats.pk,
        client=klient,
        body=importlib.import_module(f"{klient_paket}.models").Inbjudningssvar(accepterad=True),
    )
    assert svar.status_code == 428
    assert svar.parsed.status == 428
    assert svar.headers["content-type"].startswith("application/problem+json")


def test_the_generated_client_reads_a_template_and_writes_a_block_that_its_schema_validates(
    klient, klient_paket, personer
):
    import jsonschema

    from objekt.models import Informationsmall, Objekttyp, Objektuppgift
    from tests.fabriker import ObjektFabrik, org

    mall = Informationsmall.objects.create(
        organisation=org("skatteverket"),
        objekttyp=Objekttyp.FORETAG,
        faltdefinition=[
            {"namn": "skulder", "etikett": "Skulder", "typ": "boolean", "obligatorisk": True}
        ],
    )
    objekt = ObjektFabrik()
    api = importlib.import_module(f"{klient_paket}.api")
    modeller = importlib.import_module(f"{klient_paket}.models")
    mallar = importlib.import_module(f"{api.__name__}.informationsmallar.informationsmallar_list")
    rad = mallar.sync(client=klient, organisation=org("skatteverket").pk).items[0]
    assert rad.id == mall.pk
    innehall = {"skulder": True}
    jsonschema.Draft202012Validator(rad.schema.to_dict()).validate(innehall)
    skriv = importlib.import_module(f"{api.__name__}.objekt.objekt_information_update")
    svar = skriv.sync_detailed(
        objekt.pk,
        org("skatteverket").pk,
        client=klient,
        body=modeller.ObjektInformationUpdateJsonBody.from_dict(innehall),
        if_none_match="*",
    )
    assert svar.status_code == 201
    assert svar.parsed.mall == mall.pk
    assert Objektuppgift.objects.get().innehall == innehall


def test_the_generated_client_reads_my_operations_evaluations_and_a_refused_follow_up(
    klient, klient_paket, begard
):
    insats, _ = begard

    def operation(modul):
        return importlib.import_module(f"{klient_paket}.api.{modul}")

    mina = operation("mina_insatser.mina_insatser_list").sync(client=klient)
    assert [rad.id for rad in mina.items] == [insats.pk]
    assert operation("utvarderingar.utvarderingar_list").sync(client=klient).items == []
    # A case officer follows no figures: the refusal is a problem, as on the page.
    nekad = operation("uppfoljning.uppfoljning_retrieve").sync_detailed(client=klient)
    assert (nekad.status_code, nekad.parsed.status) == (403, 403)
