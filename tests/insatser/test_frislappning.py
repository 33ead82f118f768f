"""Agency-owned information: owner only until released to a circle of one operation under one of
the owner's provisions; releases, refusals and reads are recorded."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from insatser import services
from insatser.models import Mottagarkrets, NekadFrislappning
from karna.models import Atkomstlogg
from myndigheter.models import Mottagarslag
from myndigheter.roles import Roll
from objekt.access import synliga_objektuppgifter
from objekt.models import Objektuppgift
from tests.fabriker import (
    DelningsgrundFabrik,
    ObjektFabrik,
    insats_med,
    org,
)
from tests.varld import startsidan

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(foreslaget_av_organisation=org("skatteverket"))

    return {
        "objekt": objekt,
        "insats": insats_med(objekt, ["skatteverket", "av", "miljoforvaltningen"], referens="I-1"),
        "annan_insats": insats_med(objekt, ["skatteverket", "migrationsverket"], referens="I-2"),
        "uppgift": Objektuppgift.objects.create(
            objekt=objekt, organisation=org("skatteverket"), innehall={"skulder": "ja"}
        ),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "miljo": skapa_anvandare("miljo", Roll.HANDLAGGARE, "miljoforvaltningen"),
        "samordnare": skapa_anvandare("samordnare", Roll.SAMORDNARE, "akc-vast"),
        "grund": DelningsgrundFabrik(bestammelse="Samtycke"),
        "statlig": DelningsgrundFabrik(
            bestammelse="10 kap. 28 § OSL", mottagarslag=[Mottagarslag.STATLIG]
        ),
    }


def test_only_the_owner_sees_unreleased_information(varld):
    assert list(synliga_objektuppgifter(varld["skv"])) == [varld["uppgift"]]
    for namn in ("av", "mig", "samordnare"):
        assert not synliga_objektuppgifter(varld[namn]).exists()


def test_release_makes_it_visible_to_that_operations_participants_only(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], varld["grund"])
    assert list(synliga_objektuppgifter(varld["av"])) == [varld["uppgift"]]
    assert list(synliga_objektuppgifter(varld["samordnare"])) == [varld["uppgift"]]
    # Migrationsverket takes part only in the other operation.
    assert not synliga_objektuppgifter(varld["mig"]).exists()
    assert services.las_objektuppgifter(varld["mig"], varld["annan_insats"], "Förberedelse") == []


def test_release_is_logged_with_its_legal_basis(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], varld["grund"])
    rad = Atkomstlogg.objects.get()
    assert (rad.anvandarnamn, rad.organisation, rad.roller, rad.handling) == (
        "skv",
        "skatteverket",
        "HANDLAGGARE",
        Atkomstlogg.Handling.FRISLAPPA,
    )
    assert (rad.objekttyp, rad.objekt_id) == ("objekt.objektuppgift", str(varld["uppgift"].pk))
    assert rad.syfte == "I-1: Samtycke (Arbetsmiljöverket, Miljöförvaltningen)"


def test_withdrawal_hides_it_again_and_is_logged(varld):
    frislappning = services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], varld["grund"]
    )
    services.aterkalla_frislappning(varld["skv"], frislappning, "Utredning pågår")
    assert not synliga_objektuppgifter(varld["av"]).exists()
    assert list(Atkomstlogg.objects.order_by("tid").values_list("handling", flat=True)) == [
        Atkomstlogg.Handling.FRISLAPPA,
        Atkomstlogg.Handling.ATERKALLA,
    ]


def test_other_agencies_cannot_release_or_even_learn_of_it(varld):
    with pytest.raises(Http404):
        services.frislapp_objektuppgift(
            varld["av"], varld["uppgift"], varld["insats"], varld["grund"]
        )
    assert not Atkomstlogg.objects.exists()


def test_a_reader_of_released_information_cannot_release_it(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], varld["grund"])
    with pytest.raises(PermissionDenied):
        services.frislapp_objektuppgift(
            varld["av"], varld["uppgift"], varld["annan_insats"], varld["grund"]
        )
    assert Atkomstlogg.objects.count() == 1


@pytest.mark.parametrize(
    "grund",
    [
        lambda: None,
        lambda: DelningsgrundFabrik(organisation=org("av")),
        lambda: DelningsgrundFabrik(aktiv=False),
    ],
    ids=["ingen", "annan_organisations", "avvecklad"],
)
def test_release_needs_an_active_provision_of_the_owners_profile(varld, grund):
    with pytest.raises(ValidationError) as fel:
        services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], grund())
    assert "delningsgrund" in fel.value.message_dict
    assert not varld["uppgift"].frislappningar.exists()
    assert not Atkomstlogg.objects.exists()


def test_a_provision_that_does_not_cover_a_recipient_refuses_and_records_the_obstacle(varld):
    utfall = services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], varld["statlig"]
    )
    assert isinstance(utfall, NekadFrislappning)
    assert utfall.hinder == (
        "10 kap. 28 § OSL medger inte utlämnande till Miljöförvaltningen "
        "(kommun eller kommunalt bolag)."
    )
    assert NekadFrislappning.objects.get() == utfall
    assert not varld["uppgift"].frislappningar.exists()
    assert not synliga_objektuppgifter(varld["av"]).exists()
    assert not Atkomstlogg.objects.exists()


def test_the_same_provision_releases_to_named_state_agencies(varld):
    services.frislapp_objektuppgift(
        varld["skv"],
        varld["uppgift"],
        varld["insats"],
        varld["statlig"],
        Mottagarkrets.NAMNGIVNA,
        [org("av")],
    )
    assert list(synliga_objektuppgifter(varld["av"])) == [varld["uppgift"]]
    for namn in ("miljo", "samordnare"):
        assert not synliga_objektuppgifter(varld[namn]).exists()
        assert services.las_objektuppgifter(varld[namn], varld["insats"], "Förberedelse") == []


def test_a_release_to_the_coordinator_reaches_the_coordinating_organisation_only(varld):
    services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], varld["grund"], Mottagarkrets.SAMORDNARE
    )
    assert list(synliga_objektuppgifter(varld["samordnare"])) == [varld["uppgift"]]
    for namn in ("av", "miljo"):
        assert not synliga_objektuppgifter(varld[namn]).exists()


@pytest.mark.parametrize(
    ("krets", "namngivna", "falt"),
    [
        (Mottagarkrets.NAMNGIVNA, [], "namngivna"),
        (Mottagarkrets.NAMNGIVNA, ["migrationsverket"], "namngivna"),
        ("VARLDEN", [], "krets"),
    ],
)
def test_named_recipients_must_take_part(varld, krets, namngivna, falt):
    with pytest.raises(ValidationError) as fel:
        services.frislapp_objektuppgift(
            varld["skv"],
            varld["uppgift"],
            varld["insats"],
            varld["grund"],
            krets,
            [org(kod) for kod in namngivna],
        )
    assert falt in fel.value.message_dict
    assert not varld["uppgift"].frislappningar.exists()


def test_each_read_writes_one_log_row_per_information_block(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], varld["grund"])
    lasta = services.las_objektuppgifter(varld["av"], varld["insats"], "Förberedelse")
    assert lasta == [varld["uppgift"]]
    las = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.LASA).get()
    assert (las.anvandarnamn, las.organisation, las.syfte) == ("av", "av", "I-1: Förberedelse")


def test_management_counts_the_refused_releases_of_the_year(client, varld, skapa_anvandare):
    services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], varld["statlig"]
    )
    ledning = skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
    # Counted in the year of the operation's start; on its day, whatever the date now.
    with time_machine.travel(varld["insats"].start, tick=False):
        client.force_login(ledning)
        svar = client.get("/")
    assert startsidan(svar, "nekade") == 1
    assert "1 frisläppning av myndighetsuppgifter nekades av sekretessreglerna." in (
        svar.content.decode()
    )
