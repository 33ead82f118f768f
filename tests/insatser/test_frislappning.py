"""Agency-owned information: owner only until released to one operation; releases are logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from insatser import services
from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from objekt.access import synliga_objektuppgifter
from objekt.models import Objektuppgift
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, KontrollFabrik, ObjektFabrik, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(foreslaget_av_organisation=org("skatteverket"))

    def insats(ref, deltagare):
        i = InsatsFabrik(referens=ref, samordnande_organisation=org("akc-vast"))
        KontrollFabrik(insats=i, objekt=objekt)
        for kod in deltagare:
            DeltagandeFabrik(insats=i, organisation=org(kod))
        return i

    return {
        "objekt": objekt,
        "insats": insats("I-1", ["skatteverket", "av"]),
        "annan_insats": insats("I-2", ["skatteverket", "migrationsverket"]),
        "uppgift": Objektuppgift.objects.create(
            objekt=objekt, organisation=org("skatteverket"), innehall={"skulder": "ja"}
        ),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "samordnare": skapa_anvandare("samordnare", Roll.SAMORDNARE, "akc-vast"),
    }


def test_only_the_owner_sees_unreleased_information(varld):
    assert list(synliga_objektuppgifter(varld["skv"])) == [varld["uppgift"]]
    for namn in ("av", "mig", "samordnare"):
        assert not synliga_objektuppgifter(varld[namn]).exists()


def test_release_makes_it_visible_to_that_operations_participants_only(varld):
    services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], "OSL 10 kap. 28 §"
    )
    assert list(synliga_objektuppgifter(varld["av"])) == [varld["uppgift"]]
    assert list(synliga_objektuppgifter(varld["samordnare"])) == [varld["uppgift"]]
    # Migrationsverket takes part only in the other operation.
    assert not synliga_objektuppgifter(varld["mig"]).exists()
    assert services.las_objektuppgifter(varld["mig"], varld["annan_insats"], "Förberedelse") == []


def test_release_is_logged_with_its_legal_basis(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], "Samtycke")
    rad = Atkomstlogg.objects.get()
    assert (rad.anvandarnamn, rad.organisation, rad.roller, rad.handling) == (
        "skv",
        "skatteverket",
        "HANDLAGGARE",
        Atkomstlogg.Handling.FRISLAPPA,
    )
    assert (rad.objekttyp, rad.objekt_id) == ("objekt.objektuppgift", str(varld["uppgift"].pk))
    assert rad.syfte == "I-1: Samtycke"


def test_withdrawal_hides_it_again_and_is_logged(varld):
    frislappning = services.frislapp_objektuppgift(
        varld["skv"], varld["uppgift"], varld["insats"], "Samtycke"
    )
    services.aterkalla_frislappning(varld["skv"], frislappning, "Utredning pågår")
    assert not synliga_objektuppgifter(varld["av"]).exists()
    assert list(Atkomstlogg.objects.order_by("tid").values_list("handling", flat=True)) == [
        Atkomstlogg.Handling.FRISLAPPA,
        Atkomstlogg.Handling.ATERKALLA,
    ]


def test_other_agencies_cannot_release_or_even_learn_of_it(varld):
    with pytest.raises(Http404):
        services.frislapp_objektuppgift(varld["av"], varld["uppgift"], varld["insats"], "X")
    assert not Atkomstlogg.objects.exists()


def test_a_reader_of_released_information_cannot_release_it(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], "Samtycke")
    with pytest.raises(PermissionDenied):
        services.frislapp_objektuppgift(
            varld["av"], varld["uppgift"], varld["annan_insats"], "Vidare"
        )
    assert Atkomstlogg.objects.count() == 1


@pytest.mark.parametrize("grund", ["", "   "])
def test_release_needs_a_basis(varld, grund):
    with pytest.raises(ValidationError):
        services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], grund)
    assert not varld["uppgift"].frislappningar.exists()
    assert not Atkomstlogg.objects.exists()


def test_each_read_writes_one_log_row_per_information_block(varld):
    services.frislapp_objektuppgift(varld["skv"], varld["uppgift"], varld["insats"], "Samtycke")
    lasta = services.las_objektuppgifter(varld["av"], varld["insats"], "Förberedelse")
    assert lasta == [varld["uppgift"]]
    las = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.LASA).get()
    assert (las.anvandarnamn, las.organisation, las.syfte) == ("av", "av", "I-1: Förberedelse")
