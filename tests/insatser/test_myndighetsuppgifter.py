"""The agencies' information page of an operation: add a draft with the agency's template,
release it to a circle under a provision of the profile, withdraw it; what others released to
the reader is shown (and logged), what was not is not."""

import pytest
from django.urls import reverse

from insatser.models import Frislappning, Mottagarkrets, NekadFrislappning
from karna.models import Atkomstlogg
from myndigheter.models import Mottagarslag
from myndigheter.roles import Roll
from objekt.models import Informationsmall, Objekttyp, Objektuppgift
from tests.fabriker import (
    DelningsgrundFabrik,
    KontrollFabrik,
    ObjektFabrik,
    insats_med,
    org,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(namn="Pizzerian AB", objekttyp=Objekttyp.FORETAG)
    insats = insats_med(objekt, ("skatteverket", "av", "miljoforvaltningen"), referens="I-U")
    kontroll = insats.kontroller.get()
    Informationsmall.objects.create(
        organisation=org("skatteverket"),
        objekttyp=Objekttyp.FORETAG,
        faltdefinition=[
            {"namn": "vet", "etikett": "Vad vi vet", "typ": "textarea", "obligatorisk": True},
            {"namn": "risker", "etikett": "Risker och säkerhet", "typ": "textarea"},
        ],
    )
    return {
        "insats": insats,
        "kontroll": kontroll,
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "miljo": skapa_anvandare("miljo", Roll.HANDLAGGARE, "miljoforvaltningen"),
        "statlig": DelningsgrundFabrik(
            bestammelse="10 kap. 28 § OSL", mottagarslag=[Mottagarslag.STATLIG]
        ),
    }


def _sidan(varld):
    return reverse("myndighetsuppgifter", args=[varld["insats"].pk])


def _lagg_till(client, varld, vet="Personalliggare saknas"):
    return client.post(
        reverse("lagg_till_myndighetsuppgift", args=[varld["insats"].pk, varld["kontroll"].pk]),
        {f"u{varld['kontroll'].pk}-vet": vet, f"u{varld['kontroll'].pk}-risker": "Hund"},
        follow=True,
    )


def _frislapp(client, varld, uppgift, krets, namngivna=()):
    return client.post(
        reverse("frislapp_uppgift", args=[varld["insats"].pk, uppgift.pk]),
        {
            f"f{uppgift.pk}-delningsgrund": varld["statlig"].pk,
            f"f{uppgift.pk}-krets": krets,
            f"f{uppgift.pk}-namngivna": [m.pk for m in namngivna],
        },
        follow=True,
    )


def test_an_officer_adds_a_draft_that_only_the_agency_sees(client, varld):
    client.force_login(varld["skv"])
    svar = _lagg_till(client, varld)
    assert "Uppgiften är sparad som utkast" in svar.content.decode()
    uppgift = Objektuppgift.objects.get()
    assert uppgift.innehall == {"vet": "Personalliggare saknas", "risker": "Hund"}
    assert "Utkast, bara er organisation ser den" in svar.content.decode()
    client.force_login(varld["av"])
    assert "Personalliggare saknas" not in client.get(_sidan(varld)).content.decode()


def test_a_required_template_field_is_asked_for_and_nothing_is_saved(client, varld):
    client.force_login(varld["skv"])
    svar = _lagg_till(client, varld, vet="")
    assert "Vad vi vet: Det här fältet är obligatoriskt." in svar.content.decode()
    assert not Objektuppgift.objects.exists()


def test_a_release_to_a_named_agency_reaches_it_and_not_the_others(client, varld):
    client.force_login(varld["skv"])
    _lagg_till(client, varld)
    uppgift = Objektuppgift.objects.get()
    svar = _frislapp(client, varld, uppgift, Mottagarkrets.NAMNGIVNA, [org("av")])
    assert "Uppgiften är frisläppt" in svar.content.decode()
    client.force_login(varld["av"])
    sida = client.get(_sidan(varld)).content.decode()
    assert "Personalliggare saknas" in sida
    rad = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.LASA, anvandarnamn="av").get()
    assert rad.objekt_id == str(uppgift.pk)
    client.force_login(varld["miljo"])
    assert "Personalliggare saknas" not in client.get(_sidan(varld)).content.decode()


def test_a_release_the_provision_does_not_cover_is_refused_with_its_obstacle(client, varld):
    client.force_login(varld["skv"])
    _lagg_till(client, varld)
    uppgift = Objektuppgift.objects.get()
    svar = _frislapp(client, varld, uppgift, Mottagarkrets.ALLA)
    sida = svar.content.decode()
    assert "Frisläppningen nekades: 10 kap. 28 § OSL medger inte utlämnande till " in sida
    assert "Miljöförvaltningen" in sida
    assert not Frislappning.objects.exists()
    assert NekadFrislappning.objects.count() == 1
    assert "Nekade frisläppningar" in sida


def test_withdrawing_takes_it_back_from_the_recipients(client, varld):
    client.force_login(varld["skv"])
    _lagg_till(client, varld)
    uppgift = Objektuppgift.objects.get()
    _frislapp(client, varld, uppgift, Mottagarkrets.NAMNGIVNA, [org("av")])
    frislappning = Frislappning.objects.get()
    svar = client.post(
        reverse("aterkalla_frislappning", args=[frislappning.pk]),
        {"orsak": "Utredning pågår"},
        follow=True,
    )
    assert "Frisläppningen är återkallad" in svar.content.decode()
    client.force_login(varld["av"])
    assert "Personalliggare saknas" not in client.get(_sidan(varld)).content.decode()


def test_the_page_reads_a_fixed_number_of_queries(client, varld, django_assert_max_num_queries):
    client.force_login(varld["skv"])
    for n in range(3):
        _lagg_till(client, varld, vet=f"Uppgift {n}")
    with django_assert_max_num_queries(40) as fore:
        client.get(_sidan(varld))
    for n in range(5):
        objekt = ObjektFabrik(objekttyp=Objekttyp.FORETAG)
        KontrollFabrik(insats=varld["insats"], objekt=objekt, ordning=n + 2)
    with django_assert_max_num_queries(len(fore.captured_queries)):
        client.get(_sidan(varld))
