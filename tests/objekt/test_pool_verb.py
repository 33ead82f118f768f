"""The pool's verbs: each allowed and refused case, and nothing changed after a refusal."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from insatser import services as insats_services
from insatser.models import Kontroll
from insatser.workflow import InsatsStatus
from karna.arbetsflode import OgiltigOvergang
from karna.lasning import Konflikt
from myndigheter.models import Kommun, Lokalpolisomrade, Stadsomrade
from objekt import services
from objekt.models import Myndighetsintresse, Objekt, Objekttyp, Objektuppgift, Problemkategori
from tests.objekt.conftest import R, skapa_insats
from tests.varld import status_av

pytestmark = pytest.mark.django_db


def _falt(**extra):
    return {
        "namn": "Nya Bolaget AB",
        "objekttyp": Objekttyp.FORETAG,
        "organisationsnummer": "5592621022",
        "adress": "Nygatan 4",
        "postnummer": "41104",
        "postort": "Göteborg",
        "kommun": Kommun.objects.get(kod="goteborg"),
        "stadsomrade": Stadsomrade.objects.get(kod="hisingen"),
        **extra,
    }


def test_officer_proposes_with_derived_lpo_normalised_numbers_and_a_reference(varld):
    kategori = Problemkategori.objects.get(kod="svartjobb")
    objekt = services.foresla_objekt(varld["skv"], **_falt(), problemkategorier=[kategori])
    assert objekt.referens == f"OBJ-{timezone.localdate().year}-00001"
    assert objekt.lpo.kod == "hisingen"
    assert (objekt.organisationsnummer, objekt.postnummer) == ("559262-1022", "411 04")
    assert objekt.status == Objekt.Status.FORESLAGET
    assert objekt.foreslaget_av_organisation.kod == "skatteverket"
    assert objekt.foreslaget_av_enhet.kod == "skv-kontroll"
    assert list(objekt.problemkategorier.all()) == [kategori]
    assert objekt.dubblett_kvitterad is None
    andra = services.foresla_objekt(
        varld["av"], **_falt(namn="B", organisationsnummer="", adress="Annan väg 1")
    )
    assert andra.referens.endswith("-00002")


def test_a_municipality_with_one_lpo_gives_it(varld):
    kommun = Kommun.objects.filter(lokalpolisomraden__isnull=False).first()
    lpoer = list(kommun.lokalpolisomraden.all())
    objekt = services.foresla_objekt(
        varld["skv"], **_falt(kommun=kommun, stadsomrade=None, postort="")
    )
    assert objekt.lpo == (lpoer[0] if len(lpoer) == 1 else None)


def test_template_answers_become_the_organisations_own_information(varld, skv_mall):
    objekt = services.foresla_objekt(
        varld["skv"], **_falt(), mall=skv_mall, uppgifter={"anstallda": 4, "f_skatt": False}
    )
    uppgift = Objektuppgift.objects.get(objekt=objekt)
    assert uppgift.organisation.kod == "skatteverket"
    assert uppgift.rader() == [("Antal anställda", "4"), ("F-skatt registrerad", "Nej")]


def test_missing_required_template_answer_is_refused_and_nothing_saved(varld, skv_mall):
    with pytest.raises(ValidationError, match="F-skatt registrerad"):
        services.foresla_objekt(varld["skv"], **_falt(), mall=skv_mall, uppgifter={"anstallda": 4})
    assert not Objekt.objects.filter(namn="Nya Bolaget AB").exists()


def test_another_organisations_template_is_refused(varld, skv_mall):
    with pytest.raises(ValidationError):
        services.foresla_objekt(varld["av"], **_falt(), mall=skv_mall, uppgifter={"f_skatt": True})
    assert not Objekt.objects.filter(namn="Nya Bolaget AB").exists()


@pytest.mark.parametrize("vem", ["opsam", "polis", "pl", "lg", "api"])
def test_roles_outside_the_pool_cannot_propose(varld, vem):
    with pytest.raises(PermissionDenied):
        services.foresla_objekt(varld[vem], **_falt())
    assert not Objekt.objects.filter(namn="Nya Bolaget AB").exists()


@pytest.mark.parametrize(
    ("falt", "meddelande"),
    [
        ({"organisationsnummer": "556016-0681"}, "kontrollsiffran stämmer inte"),
        ({"postnummer": "123"}, "Postnumret ska ha fem siffror"),
        ({"stadsomrade": None, "kommun": None}, None),
    ],
)
def test_bad_input_is_refused_in_swedish(varld, falt, meddelande):
    if falt.get("kommun", 1) is None:
        falt = {
            "kommun": Kommun.objects.get(kod="nacka"),
            "stadsomrade": Stadsomrade.objects.get(kod="centrum"),
        }
        meddelande = "Stadsområdet ligger inte i Nacka"
    with pytest.raises(ValidationError, match=meddelande):
        services.foresla_objekt(varld["skv"], **_falt(**falt))
    assert not Objekt.objects.filter(namn="Nya Bolaget AB").exists()


def test_same_number_is_a_possible_duplicate_until_confirmed_which_is_recorded(varld):
    with pytest.raises(services.MojligDubblett) as fel:
        services.foresla_objekt(varld["skv"], **_falt(organisationsnummer="5560160680"))
    assert [o.namn for o in fel.value.synliga] == ["Poolbolaget AB"]
    assert fel.value.antal_dolda == 0
    assert not Objekt.objects.filter(namn="Nya Bolaget AB").exists()
    objekt = services.foresla_objekt(
        varld["skv"], **_falt(organisationsnummer="5560160680"), spara_anda=True
    )
    assert objekt.dubblett_kvitterad_av == varld["skv"]
    assert objekt.dubblett_kvitterad is not None


def test_same_address_in_the_municipality_is_a_duplicate_written_any_way(varld):
    with pytest.raises(services.MojligDubblett):
        services.foresla_objekt(
            varld["skv"], **_falt(organisationsnummer="", adress="POOLBOLAGET AB-gatan  1")
        )
    annan_kommun = _falt(
        organisationsnummer="",
        adress="Poolbolaget ABgatan 1",
        kommun=Kommun.objects.get(kod="nacka"),
        stadsomrade=None,
    )
    assert services.foresla_objekt(varld["skv"], **annan_kommun).kommun.kod == "nacka"


def test_a_duplicate_the_user_may_not_see_is_counted_not_shown(varld):
    with pytest.raises(services.MojligDubblett) as fel:
        services.foresla_objekt(
            varld["mig"], **_falt(organisationsnummer="", adress="Avförda Kioskengatan 1")
        )
    assert fel.value.synliga == []
    assert fel.value.antal_dolda == 1


def test_proposing_organisation_edits_with_the_version_it_read(varld):
    objekt = varld["pool"]
    services.andra_objekt(
        varld["kontakt_skv"], objekt, version=1, **_falt(organisationsnummer="556016-0680")
    )
    objekt.refresh_from_db()
    assert (objekt.namn, objekt.version, objekt.lpo.kod) == ("Nya Bolaget AB", 2, "hisingen")
    with pytest.raises(Konflikt):
        services.andra_objekt(varld["skv"], objekt, version=1, **_falt(namn="Gammal vy"))
    objekt.refresh_from_db()
    assert (objekt.namn, objekt.version) == ("Nya Bolaget AB", 2)


def test_an_edit_into_a_duplicate_asks_for_confirmation(varld):
    with pytest.raises(services.MojligDubblett):
        services.andra_objekt(
            varld["av"], varld["nordost"], version=1, **_falt(organisationsnummer="556016-0680")
        )
    varld["nordost"].refresh_from_db()
    assert varld["nordost"].organisationsnummer == ""


def test_other_agencies_may_not_edit_and_unseen_objects_are_not_found(varld):
    with pytest.raises(PermissionDenied):
        services.andra_objekt(varld["mig"], varld["pool"], version=1, **_falt())
    with pytest.raises(Http404):
        services.andra_objekt(varld["sam"], varld["avfort"], version=1, **_falt())
    varld["pool"].refresh_from_db()
    assert varld["pool"].namn == "Poolbolaget AB"


def test_coordinator_moves_the_object_along_the_workflow(varld):
    objekt = varld["pool"]
    services.andra_objektstatus(varld["sam"], objekt, "bereda", version=1)
    services.andra_objektstatus(varld["sam"], objekt, "markera_redo", version=2)
    objekt.refresh_from_db()
    assert (objekt.status, objekt.version) == (Objekt.Status.REDO, 3)
    with pytest.raises(OgiltigOvergang, match="markera objektet som redo"):
        services.andra_objektstatus(varld["sam"], objekt, "markera_redo", version=3)
    with pytest.raises(ValidationError):
        services.andra_objektstatus(varld["sam"], objekt, "planera", version=3)
    with pytest.raises(ValidationError):
        services.andra_objektstatus(varld["sam"], objekt, "finns_inte", version=3)
    with pytest.raises(Konflikt):
        services.andra_objektstatus(varld["sam"], objekt, "avfora", version=1)
    with pytest.raises(PermissionDenied):
        services.andra_objektstatus(varld["skv"], objekt, "avfora", version=3)
    objekt.refresh_from_db()
    assert (objekt.status, objekt.version) == (Objekt.Status.REDO, 3)
    services.andra_objektstatus(varld["sam"], objekt, "avfora", version=3)
    with pytest.raises(Http404):
        services.andra_objektstatus(varld["sam"], objekt, "bereda", version=4)


def test_only_coordinators_set_the_reserve_flag(varld):
    services.andra_reserv(varld["sam"], varld["pool"], True, version=1)
    with pytest.raises(PermissionDenied):
        services.andra_reserv(varld["skv"], varld["pool"], False, version=2)
    varld["pool"].refresh_from_db()
    assert varld["pool"].reserv is True


def test_relevance_is_one_mark_per_organisation_with_a_reason(varld):
    objekt = varld["nordost"]
    services.markera_relevans(
        varld["skv"], objekt, R.RELEVANT, " Misstänkt svartarbete ", "SFL", version=0
    )
    markering = services.markera_relevans(
        varld["kontakt_skv"], objekt, R.EJ_RELEVANT, "Inte längre", "", version=1
    )
    assert Myndighetsintresse.objects.filter(objekt=objekt).count() == 1
    assert (markering.relevans, markering.grund, markering.bedomd_av, markering.version) == (
        R.EJ_RELEVANT,
        "Inte längre",
        varld["kontakt_skv"],
        2,
    )


def test_a_stale_or_reasonless_relevance_mark_changes_nothing(varld):
    objekt = varld["pool"]
    with pytest.raises(Konflikt):
        services.markera_relevans(varld["skv"], objekt, R.EJ_RELEVANT, "Ny syn", "", version=0)
    with pytest.raises(ValidationError, match="Ange varför"):
        services.markera_relevans(varld["skv"], objekt, R.EJ_RELEVANT, "  ", "", version=1)
    with pytest.raises(ValidationError):
        services.markera_relevans(varld["skv"], objekt, "KANSKE", "x", "", version=1)
    markering = Myndighetsintresse.objects.get(objekt=objekt, organisation__kod="skatteverket")
    assert (markering.relevans, markering.version) == (R.RELEVANT, 1)
    assert services.markera_relevans(varld["skv"], objekt, R.OKANT, "", "", version=1).version == 2


def test_police_and_readers_cannot_mark_relevance(varld):
    with pytest.raises(PermissionDenied):
        services.markera_relevans(
            varld["opsam"], varld["kontrollerat"], R.RELEVANT, "x", "", version=0
        )
    for vem in ("pl", "lg", "api", "polis"):
        with pytest.raises(Http404):
            services.markera_relevans(varld[vem], varld["pool"], R.RELEVANT, "x", "", version=0)
    assert not Myndighetsintresse.objects.filter(organisation__kod="polisen").exists()


def test_adding_and_carrying_out_a_control_moves_the_object(varld):
    insats = skapa_insats("NY", status=InsatsStatus.FORESLAGEN)
    objekt = varld["pool"]
    insats_services.lagg_till_kontroll(varld["sam"], insats, objekt)
    objekt.refresh_from_db()
    assert objekt.status == Objekt.Status.PLANERAT
    insats.status = InsatsStatus.BEKRAFTAD
    insats.save()
    kontroll = Kontroll.objects.get(insats=insats, objekt=objekt)
    with time_machine.travel(insats.start):
        insats_services.markera_kontroll(
            varld["sam"],
            kontroll,
            genomford=False,
            orsak="Stängt",
            forvantad_status=status_av(kontroll),
        )
        objekt.refresh_from_db()
        assert objekt.status == Objekt.Status.PLANERAT
        insats_services.markera_kontroll(
            varld["sam"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
    objekt.refresh_from_db()
    assert (objekt.status, objekt.version) == (Objekt.Status.KONTROLLERAT, 3)


def test_a_closed_object_keeps_its_status_when_its_control_is_done(varld):
    kontroll = Kontroll.objects.get(objekt=varld["kontrollerat"])
    with time_machine.travel(kontroll.insats.start):
        insats_services.markera_kontroll(
            varld["sam"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
    varld["kontrollerat"].refresh_from_db()
    assert varld["kontrollerat"].status == Objekt.Status.AVSLUTAT


def test_the_lpo_chosen_overrides_the_district(varld):
    nordost = Lokalpolisomrade.objects.get(kod="nordost")
    objekt = services.foresla_objekt(varld["skv"], **_falt(lpo=nordost))
    assert objekt.lpo == nordost
