"""The day of the operation: marking controls, recording findings, who reads which finding."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.access import synliga_fynd
from insatser.models import Fynd, Insatshandelse, Kontroll
from insatser.workflow import Svar
from karna.lasning import Konflikt
from objekt.models import Problemkategori
from tests.fabriker import DeltagandeFabrik, KontrollFabrik, ObjektFabrik
from tests.varld import aktuell_version, las, org, status_av

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _ogonblick(kontroll):
    kontroll = Kontroll.objects.get(pk=kontroll.pk)
    return (
        kontroll.status,
        kontroll.ej_genomford_orsak,
        Fynd.objects.count(),
        Insatshandelse.objects.filter(insats=kontroll.insats).count(),
    )


# --- the verbs -----------------------------------------------------------------------------


def test_a_participant_marks_a_control_done_and_not_done_with_a_reason(personer, kontroll):
    services.markera_kontroll(
        personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
    )
    assert Kontroll.objects.get(pk=kontroll.pk).status == Kontroll.Status.GENOMFORD
    services.markera_kontroll(
        personer["polis"],
        kontroll,
        genomford=False,
        orsak=" Stängt ",
        forvantad_status=status_av(kontroll),
    )
    kontroll = Kontroll.objects.get(pk=kontroll.pk)
    assert (kontroll.status, kontroll.ej_genomford_orsak) == ("EJ_GENOMFORD", "Stängt")
    assert Insatshandelse.objects.filter(typ="kontroll_markerad").count() == 2


def test_not_done_needs_a_reason_and_changes_nothing_without(personer, kontroll):
    fore = _ogonblick(kontroll)
    with pytest.raises(ValidationError) as fel:
        services.markera_kontroll(
            personer["skv"],
            kontroll,
            genomford=False,
            orsak="  ",
            forvantad_status=status_av(kontroll),
        )
    assert "Ange varför" in str(fel.value)
    assert _ogonblick(kontroll) == fore


@pytest.mark.parametrize("vem", ["opsam", "polisledning", "av", "skv_kontakt", "api"])
def test_those_who_may_not_register_are_refused(personer, kontroll, vem):
    fore = _ogonblick(kontroll)
    with pytest.raises(PermissionDenied):
        services.markera_kontroll(
            personer[vem], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
    with pytest.raises(PermissionDenied):
        services.registrera_fynd(personer[vem], kontroll, "Något")
    assert _ogonblick(kontroll) == fore


def test_nothing_is_registered_before_the_operations_day(personer, bekraftad):
    insats, _ = bekraftad
    kontroll = insats.kontroller.get()
    fore = _ogonblick(kontroll)
    with pytest.raises(ValidationError) as fel:
        services.markera_kontroll(
            personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
    assert "före insatsens dag" in str(fel.value)
    with pytest.raises(ValidationError):
        services.registrera_fynd(personer["skv"], kontroll, "Svartarbete")
    assert _ogonblick(kontroll) == fore


def test_nothing_is_registered_in_a_cancelled_operation(personer, bekraftad, orsak):
    insats, _ = bekraftad
    services.stall_in_insats(personer["samordnare"], insats, orsak, version=aktuell_version(insats))
    kontroll = insats.kontroller.get()
    fore = _ogonblick(kontroll)
    with (
        time_machine.travel(insats.start + timedelta(minutes=5)),
        pytest.raises(ValidationError),
    ):
        services.markera_kontroll(
            personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
    assert _ogonblick(kontroll) == fore


def test_a_control_marked_by_someone_else_meanwhile_is_a_conflict(personer, kontroll):
    services.markera_kontroll(
        personer["polis"],
        kontroll,
        genomford=False,
        orsak="Stängt",
        forvantad_status=status_av(kontroll),
    )
    fore = _ogonblick(kontroll)
    with pytest.raises(Konflikt) as fel:
        services.markera_kontroll(
            personer["skv"], kontroll, genomford=True, forvantad_status=Kontroll.Status.PLANERAD
        )
    assert "Någon annan har markerat kontrollen" in str(fel.value)
    assert _ogonblick(kontroll) == fore


def test_a_finding_is_recorded_for_the_users_organisation(personer, kontroll):
    kategori = Problemkategori.objects.get(kod="arbetslivskriminalitet")
    fynd = services.registrera_fynd(
        personer["skv"], kontroll, "  Tre personer utan ID06  ", kategori=kategori, delad=True
    )
    assert (fynd.organisation, fynd.registrerad_av, fynd.text, fynd.kategori, fynd.delad) == (
        org("skatteverket"),
        personer["skv"],
        "Tre personer utan ID06",
        kategori,
        True,
    )
    handelse = Insatshandelse.objects.get(typ="fynd_registrerat")
    assert handelse.text.startswith("Hemliga Pizzerian AB")


def test_an_unshared_finding_leaves_no_trace_on_the_shared_timeline(personer, kontroll):
    fore = Insatshandelse.objects.count()
    services.registrera_fynd(personer["skv"], kontroll, "Misstänkt skatteskuld", delad=False)
    assert Insatshandelse.objects.count() == fore


def test_an_empty_finding_is_refused(personer, kontroll):
    with pytest.raises(ValidationError) as fel:
        services.registrera_fynd(personer["skv"], kontroll, "   ")
    assert "Beskriv fyndet." in str(fel.value)
    assert not Fynd.objects.exists()


def test_findings_can_be_recorded_after_the_operation_is_carried_out(personer, kontroll):
    services.markera_kontroll(
        personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
    )
    services.genomfor_insats(
        personer["samordnare"], las(kontroll.insats), version=aktuell_version(las(kontroll.insats))
    )
    services.registrera_fynd(personer["skv"], kontroll, "Uppföljning: F-skatt saknas")
    services.markera_utvarderad(
        personer["samordnare"], las(kontroll.insats), version=aktuell_version(las(kontroll.insats))
    )
    with pytest.raises(ValidationError):
        services.registrera_fynd(personer["skv"], kontroll, "För sent")
    assert Fynd.objects.count() == 1


# --- who reads which finding ------------------------------------------------------------


@pytest.fixture
def fynd(personer, kontroll):
    """Findings of several organisations, shared and unshared; Arbetsmiljöverket takes part too."""
    insats = kontroll.insats
    DeltagandeFabrik(insats=insats, organisation=org("av"), svar=Svar.ACCEPTERAD)
    skapade = {
        "skv_delat": services.registrera_fynd(personer["skv"], kontroll, "SKV delat", delad=True),
        "skv_eget": services.registrera_fynd(personer["skv"], kontroll, "SKV eget"),
        "polis_eget": services.registrera_fynd(personer["polis"], kontroll, "Polisens eget"),
        "akc_eget": services.registrera_fynd(personer["samordnare"], kontroll, "AKC eget"),
        "av_delat": services.registrera_fynd(personer["av"], kontroll, "AV delat", delad=True),
    }
    return {namn: f.pk for namn, f in skapade.items()}


DELADE = {"skv_delat", "av_delat"}
SER = {
    "samordnare": DELADE | {"akc_eget"},
    "kollega": DELADE | {"akc_eget"},
    "skv": DELADE | {"skv_eget"},
    "skv_kontakt": DELADE | {"skv_eget"},
    "av": DELADE,
    "opsam": DELADE | {"polis_eget"},
    "polis": DELADE | {"polis_eget"},
    "opsam_nordost": set(),
    "polis_annan": set(),
    "polisledning": set(),
    "ledningsgrupp": set(),
    "api": set(),
    "samordnare_miljo": set(),
}


@pytest.mark.parametrize(("vem", "forvantat"), SER.items())
def test_each_role_reads_exactly_its_findings(personer, fynd, vem, forvantat):
    synliga = set(synliga_fynd(personer[vem]).values_list("pk", flat=True))
    assert synliga == {fynd[namn] for namn in forvantat}


TEXTER = {
    "skv_delat": "SKV delat",
    "skv_eget": "SKV eget",
    "polis_eget": "Polisens eget",
    "akc_eget": "AKC eget",
    "av_delat": "AV delat",
}


@pytest.mark.parametrize(("vem", "forvantat"), SER.items())
def test_the_operation_page_shows_exactly_those_findings_and_their_count(
    client, personer, kontroll, fynd, vem, forvantat
):
    client.force_login(personer[vem])
    svar = client.get(f"/insatser/{kontroll.insats_id}/")
    text = svar.content.decode()
    for namn, texten in TEXTER.items():
        assert (texten in text) == (namn in forvantat), (vem, namn)
    if 'id="kontroller"' in text:
        assert f"Fynd ({len(forvantat)})" in text
    else:
        assert forvantat == set()


# --- the page ----------------------------------------------------------------------------


def _sida(client, user, insats):
    client.force_login(user)
    return client.get(f"/insatser/{insats.pk}/").content.decode()


def test_the_forms_show_on_the_day_to_those_who_may_register(client, personer, kontroll):
    insats = kontroll.insats
    text = _sida(client, personer["skv"], insats)
    assert f'action="/insatser/{insats.pk}/kontroller/{kontroll.pk}/markera/"' in text
    assert f'hx-target="#kontroll-{kontroll.pk}"' in text
    assert "Dela fyndet med de andra deltagarna" in text
    assert "Registrera fyndet" not in _sida(client, personer["opsam"], insats)


def test_no_forms_before_the_day(client, personer, bekraftad):
    insats, _ = bekraftad
    assert "Registrera fyndet" not in _sida(client, personer["skv"], insats)


def test_marking_without_javascript_redirects_back_to_the_control(client, personer, kontroll):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/markera/"
    prefix = f"k{kontroll.pk}"
    svar = client.post(url, {f"{prefix}-utfall": "ja", f"{prefix}-status_fore": "PLANERAD"})
    assert svar.status_code == 302
    assert svar["Location"] == f"/insatser/{kontroll.insats_id}/#kontroll-{kontroll.pk}"
    assert Kontroll.objects.get(pk=kontroll.pk).status == "GENOMFORD"
    assert "Kontrollen är markerad." in client.get(svar["Location"]).content.decode()


def test_marking_with_htmx_returns_only_that_control(client, personer, kontroll):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/markera/"
    prefix = f"k{kontroll.pk}"
    svar = client.post(url, {f"{prefix}-utfall": "ja", f"{prefix}-status_fore": "PLANERAD"}, **HTMX)
    text = svar.content.decode()
    assert svar.status_code == 200
    assert text.lstrip().startswith(f'<li id="kontroll-{kontroll.pk}"')
    assert "<html" not in text
    assert "Genomförd" in text
    assert 'role="status">Kontrollen är markerad.' in text


def test_not_done_without_reason_is_a_field_error_and_nothing_changes(client, personer, kontroll):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/markera/"
    prefix = f"k{kontroll.pk}"
    svar = client.post(
        url,
        {f"{prefix}-utfall": "nej", f"{prefix}-orsak": "", f"{prefix}-status_fore": "PLANERAD"},
        **HTMX,
    )
    text = svar.content.decode()
    assert "Ange varför kontrollen inte genomfördes." in text
    assert f'aria-describedby="id_{prefix}-orsak-fel"' in text
    assert f'id="id_{prefix}-orsak-fel"' in text
    assert Kontroll.objects.get(pk=kontroll.pk).status == "PLANERAD"
    svar = client.post(url, {f"{prefix}-utfall": "nej", f"{prefix}-status_fore": "PLANERAD"})
    assert (
        "Ange varför kontrollen inte genomfördes." in client.get(svar["Location"]).content.decode()
    )


def test_a_stale_marking_form_is_refused_with_a_message(client, personer, kontroll):
    services.markera_kontroll(
        personer["polis"],
        kontroll,
        genomford=False,
        orsak="Stängt",
        forvantad_status=status_av(kontroll),
    )
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/markera/"
    prefix = f"k{kontroll.pk}"
    text = client.post(
        url, {f"{prefix}-utfall": "ja", f"{prefix}-status_fore": "PLANERAD"}, **HTMX
    ).content.decode()
    assert "Någon annan har markerat kontrollen" in text
    assert Kontroll.objects.get(pk=kontroll.pk).status == "EJ_GENOMFORD"


def test_recording_a_finding_through_the_page(client, personer, kontroll):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd/"
    prefix = f"k{kontroll.pk}f"
    kategori = Problemkategori.objects.get(kod="arbetslivskriminalitet")
    svar = client.post(
        url,
        {f"{prefix}-text": "Kassaregister saknas", f"{prefix}-kategori": kategori.pk},
        **HTMX,
    )
    text = svar.content.decode()
    assert "Kassaregister saknas" in text
    assert "bara för Skatteverket" in text
    assert "Fynd (1)" in text
    fynd = Fynd.objects.get()
    assert (fynd.kategori, fynd.delad) == (kategori, False)


@pytest.mark.parametrize(
    "data",
    [{"text": ""}, {"text": "   "}, {"text": "x" * 4001}, {"text": "Ok", "kategori": "999999"}],
)
def test_bad_finding_input_gets_a_swedish_message_and_nothing_is_saved(
    client, personer, kontroll, data
):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd/"
    prefix = f"k{kontroll.pk}f"
    svar = client.post(url, {f"{prefix}-{k}": v for k, v in data.items()}, **HTMX)
    text = svar.content.decode()
    assert svar.status_code == 200
    assert any(
        meddelande in text
        for meddelande in ("Beskriv fyndet.", "som mest 4000 tecken", "Välj ett giltigt alternativ")
    )
    assert not Fynd.objects.exists()


def test_one_who_sees_but_may_not_register_gets_403_and_an_outsider_404(client, personer, kontroll):
    url = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd/"
    client.force_login(personer["opsam"])
    assert client.post(url, {}).status_code == 403
    client.force_login(personer["samordnare_miljo"])
    assert client.post(url, {}).status_code == 404
    client.force_login(personer["skv"])
    okand = f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk + 1000}/fynd/"
    assert client.post(okand, {}).status_code == 404


def test_the_page_takes_constant_queries_whatever_the_controls_and_findings(
    client, personer, kontroll, objekt
):
    insats = kontroll.insats
    client.force_login(personer["skv"])
    client.get(f"/insatser/{insats.pk}/")
    with CaptureQueriesContext(connection) as fore:
        client.get(f"/insatser/{insats.pk}/")
    for nummer in range(8):
        nytt = ObjektFabrik(
            objekttyp=objekt.objekttyp,
            kommun=objekt.kommun,
            foreslaget_av_organisation=objekt.foreslaget_av_organisation,
        )
        ny = KontrollFabrik(insats=insats, objekt=nytt, ordning=nummer + 2)
        for _ in range(3):
            services.registrera_fynd(personer["skv"], ny, "Fynd", delad=True)
            services.registrera_fynd(personer["polis"], ny, "Polisens", delad=False)
    with CaptureQueriesContext(connection) as efter:
        svar = client.get(f"/insatser/{insats.pk}/")
    assert len(svar.context["kontroller"]) == 9
    assert len(efter) == len(fore)
