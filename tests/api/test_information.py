"""Agency information through the API: the templates as JSON Schema, the blocks about an object
(read as the policy allows, logged; written through the page's verb with If-Match and checked
against the template), and their releases to an operation."""

import jsonschema
import pytest
from rest_framework.exceptions import ValidationError

from api.mallschema import innehall_enligt_mallen, json_schema
from insatser.models import Frislappning, NekadFrislappning
from karna.models import Atkomstlogg
from myndigheter.models import Mottagarslag
from myndigheter.roles import Roll
from objekt.models import Informationsmall, Objekttyp, Objektuppgift
from tests.fabriker import DelningsgrundFabrik, ObjektFabrik, insats_med, org

pytestmark = pytest.mark.django_db

FALT = [
    {"namn": "bolag", "etikett": "Bolagets form", "typ": "text", "obligatorisk": True},
    {"namn": "beskrivning", "etikett": "Beskrivning", "typ": "textarea", "hjalptext": "Kort."},
    {"namn": "anstallda", "etikett": "Antal anställda", "typ": "number"},
    {"namn": "registrerad", "etikett": "Registrerad", "typ": "date"},
    {"namn": "skulder", "etikett": "Skulder hos KFM", "typ": "boolean", "obligatorisk": True},
    {"namn": "risk", "etikett": "Risk", "typ": "choice", "val": ["låg", "hög"]},
]
GILTIGT = {
    "bolag": "AB",
    "beskrivning": "Restaurang",
    "anstallda": 12,
    "registrerad": "2019-03-01",
    "skulder": False,
    "risk": "hög",
}


def _mall(kod="skatteverket", **falt) -> Informationsmall:
    return Informationsmall.objects.create(
        organisation=org(kod), objekttyp=Objekttyp.FORETAG, faltdefinition=FALT, **falt
    )


def test_a_template_becomes_a_draft_2020_12_json_schema_with_types_labels_and_options():
    schema = json_schema(FALT, "Skatteverket – Företag v1", "https://x.example/mall/1")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://x.example/mall/1"
    assert schema["required"] == ["bolag", "skulder"]
    assert schema["additionalProperties"] is False
    egenskaper = schema["properties"]
    assert egenskaper["bolag"] == {
        "type": "string",
        "title": "Bolagets form",
        "maxLength": 500,
        "minLength": 1,
    }
    assert egenskaper["beskrivning"]["description"].startswith("Kort. Skriv inte in")
    assert egenskaper["anstallda"]["type"] == "number"
    assert egenskaper["registrerad"] == {"type": "string", "title": "Registrerad", "format": "date"}
    assert egenskaper["skulder"]["type"] == "boolean"
    assert egenskaper["risk"]["enum"] == ["låg", "hög"]


FEL = [
    ({**GILTIGT, "okand": 1}, "okand"),
    ({k: v for k, v in GILTIGT.items() if k != "skulder"}, "skulder"),
    ({**GILTIGT, "bolag": ""}, "bolag"),
    ({**GILTIGT, "bolag": "x" * 501}, "bolag"),
    ({**GILTIGT, "anstallda": "tolv"}, "anstallda"),
    ({**GILTIGT, "anstallda": True}, "anstallda"),
    ({**GILTIGT, "skulder": "nej"}, "skulder"),
    ({**GILTIGT, "risk": "medel"}, "risk"),
    ({**GILTIGT, "registrerad": "1 mars"}, "registrerad"),
]


@pytest.mark.parametrize(("data", "falt"), FEL)
def test_the_server_refuses_what_the_schema_refuses_naming_the_field(data, falt):
    mall = _mall()
    validerare = jsonschema.Draft202012Validator(
        json_schema(FALT, str(mall)), format_checker=jsonschema.FormatChecker()
    )
    assert not validerare.is_valid(data)
    with pytest.raises(ValidationError) as fel:
        innehall_enligt_mallen(mall, data)
    assert falt in fel.value.detail


def test_the_server_accepts_what_the_schema_accepts_and_stores_it_as_the_page_does():
    mall = _mall()
    jsonschema.Draft202012Validator(json_schema(FALT, str(mall))).validate(GILTIGT)
    assert innehall_enligt_mallen(mall, GILTIGT) == GILTIGT
    assert innehall_enligt_mallen(mall, {"bolag": "AB", "skulder": True, "risk": None}) == {
        "bolag": "AB",
        "skulder": True,
    }


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(foreslaget_av_organisation=org("skatteverket"))
    return {
        "objekt": objekt,
        "mall": _mall(),
        "insats": insats_med(objekt, ["skatteverket", "av", "miljoforvaltningen"]),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "grund": DelningsgrundFabrik(bestammelse="Samtycke"),
        "statlig": DelningsgrundFabrik(
            bestammelse="10 kap. 28 § OSL", mottagarslag=[Mottagarslag.STATLIG]
        ),
    }


def test_the_templates_are_listed_and_read_with_their_schema(api, token, varld):
    gammal = _mall(aktiv=False, version=0)
    api.hemlighet = token(varld["av"])
    rader = api.get("/api/v1/informationsmallar", {"aktiv": "true"}).json()["items"]
    assert [r["id"] for r in rader] == [varld["mall"].pk]
    rad = rader[0]
    assert (rad["organisation"], rad["objekttyp"], rad["aktiv"]) == (
        org("skatteverket").pk,
        "FORETAG",
        True,
    )
    assert rad["schema"]["title"] == str(varld["mall"])
    assert rad["schema"]["$id"].endswith(f"/api/v1/informationsmallar/{varld['mall'].pk}")
    svar = api.get(f"/api/v1/informationsmallar/{gammal.pk}")
    assert svar.json()["aktiv"] is False
    adress = f"/api/v1/informationsmallar/{gammal.pk}"
    assert api.get(adress, **{"If-None-Match": svar["ETag"]}).status_code == 304
    assert api.get(f"/api/v1/informationsmallar/{gammal.pk + 99}").status_code == 404


def _adress(varld, kod="skatteverket") -> str:
    return f"/api/v1/objekt/{varld['objekt'].pk}/information/{org(kod).pk}"


def test_the_first_block_is_written_with_if_none_match_and_then_replaced_with_if_match(
    api, token, varld
):
    api.hemlighet = token(varld["skv"], "read-write")
    adress = _adress(varld)
    assert api.put(adress, GILTIGT).status_code == 428
    assert api.put(adress, GILTIGT, **{"If-Match": '"1"'}).status_code == 412
    forsta = api.put(adress, GILTIGT, **{"If-None-Match": "*"})
    assert forsta.status_code == 201, forsta.content
    uppgift = Objektuppgift.objects.get()
    assert (uppgift.organisation, uppgift.mall, uppgift.innehall) == (
        org("skatteverket"),
        varld["mall"],
        GILTIGT,
    )
    assert forsta.json()["innehall"] == GILTIGT
    assert api.put(adress, GILTIGT, **{"If-None-Match": "*"}).status_code == 428
    andra = api.put(adress, {**GILTIGT, "risk": "låg"}, **{"If-Match": forsta["ETag"]})
    assert andra.status_code == 200
    assert api.put(adress, GILTIGT, **{"If-Match": forsta["ETag"]}).status_code == 412
    assert api.get(adress).json()["innehall"]["risk"] == "låg"
    assert Objektuppgift.objects.count() == 2


def test_a_bad_block_is_itemised_and_nothing_is_saved(api, token, varld):
    api.hemlighet = token(varld["skv"], "read-write")
    svar = api.put(
        _adress(varld), {**GILTIGT, "risk": "medel", "okand": 1}, **{"If-None-Match": "*"}
    )
    assert svar.status_code == 400
    assert svar["Content-Type"] == "application/problem+json"
    assert {(f["in"], f["name"]) for f in svar.json()["errors"]} == {
        ("body", "okand"),
    }
    svar = api.put(_adress(varld), {**GILTIGT, "risk": "medel"}, **{"If-None-Match": "*"})
    assert [f["name"] for f in svar.json()["errors"]] == ["risk"]
    assert not Objektuppgift.objects.exists()


def test_only_the_own_organisation_writes_and_a_read_token_writes_nothing(api, token, varld):
    api.hemlighet = token(varld["av"], "read-write")
    assert api.put(_adress(varld), GILTIGT, **{"If-None-Match": "*"}).status_code == 404
    api.hemlighet = token(varld["skv"])
    assert api.put(_adress(varld), GILTIGT, **{"If-None-Match": "*"}).status_code == 403
    assert not Objektuppgift.objects.exists()


def _uppgift(varld) -> Objektuppgift:
    return Objektuppgift.objects.create(
        objekt=varld["objekt"],
        organisation=org("skatteverket"),
        mall=varld["mall"],
        innehall=GILTIGT,
    )


def test_the_blocks_are_read_as_the_policy_allows_and_each_read_is_logged(api, token, varld):
    uppgift = _uppgift(varld)
    adress = f"/api/v1/objekt/{varld['objekt'].pk}/information"
    api.hemlighet = token(varld["av"])
    assert api.get(adress).json()["items"] == []
    assert api.get(_adress(varld)).status_code == 404
    assert not Atkomstlogg.objects.exists()
    Frislappning.objects.create(
        objektuppgift=uppgift,
        insats=varld["insats"],
        frislappt_av=varld["skv"],
        delningsgrund=varld["grund"],
        grund="Samtycke",
    )
    rader = api.get(adress).json()["items"]
    assert [(r["id"], r["mall"], r["innehall"]) for r in rader] == [
        (uppgift.pk, varld["mall"].pk, GILTIGT)
    ]
    rad = Atkomstlogg.objects.get()
    assert (rad.handling, rad.objekt_id, rad.anvandarnamn) == (
        Atkomstlogg.Handling.LASA,
        str(uppgift.pk),
        "av",
    )
    assert varld["objekt"].referens in rad.syfte
    assert "token" in rad.syfte
    assert api.get(f"/api/v1/objekt/{varld['objekt'].pk + 999}/information").status_code == 404


def test_a_release_is_made_listed_and_repeated_once_per_key(api, token, varld):
    uppgift = _uppgift(varld)
    adress = f"/api/v1/insatser/{varld['insats'].pk}/frislappningar"
    api.hemlighet = token(varld["skv"], "read-write")
    kropp = {"objektuppgift": uppgift.pk, "delningsgrund": varld["grund"].pk}
    svar = api.post(adress, kropp, **{"Idempotency-Key": "f-1"})
    assert svar.status_code == 201, svar.content
    assert svar.json()["krets"] == "ALLA"
    assert svar.json()["organisation"] == org("skatteverket").pk
    igen = api.post(adress, kropp, **{"Idempotency-Key": "f-1"})
    assert igen["Idempotent-Replayed"] == "true"
    assert Frislappning.objects.count() == 1
    # The same block released again: the verb's rule, named.
    assert api.post(adress, kropp).json()["errors"][0]["name"] == "insats"
    api.hemlighet = token(varld["av"])
    assert [r["id"] for r in api.get(adress).json()["items"]] == [svar.json()["id"]]
    api.hemlighet = token(varld["av"], "read-write")
    assert api.post(adress, kropp).status_code == 400  # not av's block


def test_a_release_the_provision_does_not_cover_is_refused_and_recorded(api, token, varld):
    uppgift = _uppgift(varld)
    api.hemlighet = token(varld["skv"], "read-write")
    svar = api.post(
        f"/api/v1/insatser/{varld['insats'].pk}/frislappningar",
        {"objektuppgift": uppgift.pk, "delningsgrund": varld["statlig"].pk},
    )
    assert svar.status_code == 200
    assert "Miljöförvaltningen" in svar.json()["hinder"]
    assert NekadFrislappning.objects.get().pk == svar.json()["id"]
    assert not Frislappning.objects.exists()


@pytest.mark.parametrize(
    ("kropp", "namn"),
    [
        ({"objektuppgift": 10**6}, "objektuppgift"),
        ({"krets": "NAMNGIVNA", "namngivna": []}, "namngivna"),
        ({"krets": "NAMNGIVNA", "namngivna": [10**6]}, "namngivna"),
        ({"delningsgrund": 10**6}, "delningsgrund"),
    ],
)
def test_a_bad_release_is_itemised_and_nothing_is_saved(api, token, varld, kropp, namn):
    uppgift = _uppgift(varld)
    api.hemlighet = token(varld["skv"], "read-write")
    svar = api.post(
        f"/api/v1/insatser/{varld['insats'].pk}/frislappningar",
        {"objektuppgift": uppgift.pk, "delningsgrund": varld["grund"].pk, **kropp},
    )
    assert svar.status_code == 400
    assert [f["name"] for f in svar.json()["errors"]] == [namn]
    assert not Frislappning.objects.exists()
    assert not NekadFrislappning.objects.exists()


def test_a_release_is_taken_back_by_its_organisation_with_a_reason(api, token, varld):
    uppgift = _uppgift(varld)
    api.hemlighet = token(varld["skv"], "read-write")
    gjord = api.post(
        f"/api/v1/insatser/{varld['insats'].pk}/frislappningar",
        {"objektuppgift": uppgift.pk, "delningsgrund": varld["grund"].pk},
    ).json()
    adress = f"/api/v1/frislappningar/{gjord['id']}/aterkallelse"
    utan_orsak = api.post(adress, {})
    assert utan_orsak.status_code == 400
    assert [f["name"] for f in utan_orsak.json()["errors"]] == ["orsak"]
    assert Frislappning.objects.get().aterkallad is None
    api.hemlighet = token(varld["av"], "read-write")
    assert api.post(adress, {"orsak": "Inte vår"}).status_code == 404  # not av's block
    api.hemlighet = token(varld["skv"])
    assert api.post(adress, {"orsak": "Läsrätt"}).status_code == 403
    api.hemlighet = token(varld["skv"], "read-write")
    svar = api.post(adress, {"orsak": "Felaktig uppgift"})
    assert svar.status_code == 200, svar.content
    assert svar.json()["id"] == gjord["id"]
    assert svar.json()["aterkallad"] is not None
    assert Frislappning.objects.get().aterkallad is not None
    assert Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.ATERKALLA).count() == 1
    igen = api.post(adress, {"orsak": "En gång till"})
    assert igen.status_code == 400
    assert [f["name"] for f in igen.json()["errors"]] == ["frislappning"]
