"""Correcting and removing a finding: only its organisation's registering users, only while
findings may be recorded, a stale form refused, and the shared timeline told only of shared ones."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatser import services
from insatser.models import Fynd, Insatshandelse
from karna.lasning import Konflikt
from objekt.models import Problemkategori
from tests.varld import aktuell_version, las, org, status_av

pytestmark = pytest.mark.django_db


def _tillstand(fynd_pk):
    """The finding as stored (None once removed) and the timeline's length."""
    fynd = Fynd.objects.filter(pk=fynd_pk).values("text", "kategori", "delad", "version").first()
    return fynd, Insatshandelse.objects.count()


def _url(fynd, slut=""):
    kontroll = fynd.kontroll
    return f"/insatser/{kontroll.insats_id}/kontroller/{kontroll.pk}/fynd/{fynd.pk}/{slut}"


@pytest.fixture
def skv_eget(personer, kontroll):
    return services.registrera_fynd(personer["skv"], kontroll, "Kassaregister saknas")


@pytest.fixture
def av_deltar(kontroll):
    """Arbetsmiljöverket takes part too, and so registers in the operation."""
    kontroll.insats.deltaganden.create(organisation=org("av"), svar="ACCEPTERAD")


# --- the verbs -----------------------------------------------------------------------------


def test_a_colleague_of_the_recording_organisation_corrects_an_unshared_finding(personer, kontroll):
    fynd = services.registrera_fynd(personer["samordnare"], kontroll, "Tre personer utan ID06")
    fore = Insatshandelse.objects.count()
    kategori = Problemkategori.objects.get(kod="arbetslivskriminalitet")
    rattat = services.ratta_fynd(
        personer["kollega"], fynd, "  Fyra personer utan ID06 ", kategori=kategori, version=1
    )
    assert (rattat.text, rattat.kategori, rattat.delad, rattat.version) == (
        "Fyra personer utan ID06",
        kategori,
        False,
        2,
    )
    assert Insatshandelse.objects.count() == fore


def test_sharing_changing_and_removing_a_shared_finding_go_on_the_timeline(personer, skv_eget):
    services.ratta_fynd(personer["skv"], skv_eget, skv_eget.text, delad=True, version=1)
    services.ratta_fynd(
        personer["skv"],
        skv_eget,
        "Kassaregister saknas helt",
        delad=True,
        version=aktuell_version(skv_eget),
    )
    services.ta_bort_fynd(personer["skv"], skv_eget, version=3)
    handelser = Insatshandelse.objects.filter(typ__startswith="fynd_").order_by("pk")
    assert [h.typ for h in handelser] == ["fynd_andrat", "fynd_andrat", "fynd_borttaget"]
    assert all(h.text.startswith("Hemliga Pizzerian AB") for h in handelser)
    assert not any("Kassaregister" in h.text for h in handelser)
    assert not Fynd.objects.filter(pk=skv_eget.pk).exists()
    historik = Fynd.pgh_event_model.objects.filter(pgh_obj_id=skv_eget.pk)
    assert list(historik.order_by("pgh_id").values_list("pgh_label", "text")) == [
        ("insert", "Kassaregister saknas"),
        ("update", "Kassaregister saknas"),
        ("update", "Kassaregister saknas helt"),
        ("delete", "Kassaregister saknas helt"),
    ]


def test_removing_an_unshared_finding_leaves_no_trace_on_the_shared_timeline(personer, skv_eget):
    fore = Insatshandelse.objects.count()
    services.ta_bort_fynd(personer["skv"], skv_eget, version=1)
    assert not Fynd.objects.exists()
    assert Insatshandelse.objects.count() == fore


@pytest.mark.parametrize(
    "vem",
    [
        "av",  # registers in the operation, but for another agency
        "skv_kontakt",  # of Skatteverket, but does not register
        "opsam",  # reads the police's findings, does not register
        "polis",  # the operation's officer, of another organisation
        "samordnare",  # coordinates the operation, of another organisation
    ],
)
def test_no_one_outside_the_registering_users_of_its_organisation_may_touch_it(
    personer, av_deltar, skv_eget, vem
):
    fore = _tillstand(skv_eget.pk)
    with pytest.raises(PermissionDenied):
        services.ratta_fynd(
            personer[vem], skv_eget, "Ändrat", delad=True, version=aktuell_version(skv_eget)
        )
    with pytest.raises(PermissionDenied):
        services.ta_bort_fynd(personer[vem], skv_eget, version=aktuell_version(skv_eget))
    assert _tillstand(skv_eget.pk) == fore


def test_only_the_assigned_officers_correct_the_polices_finding(personer, kontroll):
    fynd = services.registrera_fynd(personer["polis"], kontroll, "Vapen i bilen")
    with pytest.raises(PermissionDenied):
        services.ratta_fynd(personer["polis_annan"], fynd, "Inget", version=aktuell_version(fynd))
    assert (
        services.ratta_fynd(
            personer["polis"], fynd, "Kniv i bilen", version=aktuell_version(fynd)
        ).text
        == "Kniv i bilen"
    )


def test_a_stale_correction_or_removal_is_a_conflict_and_changes_nothing(personer, skv_eget):
    services.ratta_fynd(personer["skv"], skv_eget, "Kassaregister saknas helt", version=1)
    fore = _tillstand(skv_eget.pk)
    with pytest.raises(Konflikt, match="Någon annan har ändrat fyndet"):
        services.ratta_fynd(personer["skv"], skv_eget, "Mitt gamla formulär", version=1)
    with pytest.raises(Konflikt, match="Någon annan har ändrat fyndet"):
        services.ta_bort_fynd(personer["skv"], skv_eget, version=1)
    assert _tillstand(skv_eget.pk) == fore


def test_a_finding_removed_meanwhile_is_a_conflict(personer, skv_eget):
    services.ta_bort_fynd(personer["skv"], skv_eget, version=1)
    with pytest.raises(Konflikt, match="har tagits bort"):
        services.ratta_fynd(personer["skv"], skv_eget, "Ändrat", version=1)


def test_an_empty_correction_is_refused(personer, skv_eget):
    fore = _tillstand(skv_eget.pk)
    with pytest.raises(ValidationError, match=r"Beskriv fyndet\."):
        services.ratta_fynd(personer["skv"], skv_eget, "   ", version=1)
    assert _tillstand(skv_eget.pk) == fore


def test_findings_are_frozen_once_the_operation_is_evaluated(personer, kontroll, skv_eget):
    services.markera_kontroll(
        personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
    )
    services.genomfor_insats(
        personer["samordnare"], las(kontroll.insats), version=aktuell_version(las(kontroll.insats))
    )
    services.ratta_fynd(
        personer["skv"],
        skv_eget,
        "Efter insatsen: kassaregister saknas",
        version=aktuell_version(skv_eget),
    )
    services.markera_utvarderad(
        personer["samordnare"], las(kontroll.insats), version=aktuell_version(las(kontroll.insats))
    )
    fore = _tillstand(skv_eget.pk)
    with pytest.raises(ValidationError):
        services.ratta_fynd(
            personer["skv"], skv_eget, "För sent", version=aktuell_version(skv_eget)
        )
    with pytest.raises(ValidationError):
        services.ta_bort_fynd(personer["skv"], skv_eget, version=aktuell_version(skv_eget))
    assert _tillstand(skv_eget.pk) == fore


# --- the pages -----------------------------------------------------------------------------


def test_the_operation_page_offers_correction_only_of_the_users_organisations_findings(
    client, personer, kontroll, av_deltar, skv_eget
):
    delat = services.registrera_fynd(personer["av"], kontroll, "AV delat", delad=True)
    client.force_login(personer["skv"])
    text = client.get(f"/insatser/{kontroll.insats_id}/").content.decode()
    assert _url(skv_eget) in text
    assert "AV delat" in text
    assert _url(delat) not in text


def test_correcting_through_the_page(client, personer, skv_eget):
    client.force_login(personer["skv"])
    sida = client.get(_url(skv_eget))
    assert sida.status_code == 200
    assert "Kassaregister saknas" in sida.content.decode()
    svar = client.post(
        _url(skv_eget), {"text": "Kassaregister saknas helt", "delad": "on", "version": "1"}
    )
    assert svar.status_code == 302
    assert svar["Location"].endswith(f"#kontroll-{skv_eget.kontroll_id}")
    skv_eget.refresh_from_db()
    assert (skv_eget.text, skv_eget.delad, skv_eget.version) == (
        "Kassaregister saknas helt",
        True,
        2,
    )


@pytest.mark.parametrize(
    ("data", "meddelande"),
    [
        ({"text": "", "version": "1"}, "Beskriv fyndet."),
        ({"text": "x" * 4001, "version": "1"}, "som mest 4000 tecken"),
        ({"text": "Ok", "kategori": "999999", "version": "1"}, "Välj ett giltigt alternativ"),
        ({"text": "Ok", "version": "x"}, "Formuläret är inaktuellt. Ladda om sidan"),
        ({"text": "Mitt gamla formulär", "version": "0"}, "Någon annan har ändrat fyndet"),
    ],
    ids=["empty", "too-long", "unknown-category", "bad-version", "stale"],
)
def test_bad_or_stale_corrections_come_back_with_a_message_and_save_nothing(
    client, personer, skv_eget, data, meddelande
):
    fore = _tillstand(skv_eget.pk)
    client.force_login(personer["skv"])
    svar = client.post(_url(skv_eget), data)
    assert svar.status_code == 200
    assert meddelande in svar.content.decode()
    assert _tillstand(skv_eget.pk) == fore


def test_removing_through_the_page_and_a_stale_or_broken_removal(client, personer, skv_eget):
    client.force_login(personer["skv"])
    gammal = client.post(_url(skv_eget, "ta-bort/"), {"version": "0"}, follow=True)
    assert "Någon annan har ändrat fyndet" in gammal.content.decode()
    trasig = client.post(_url(skv_eget, "ta-bort/"), {}, follow=True)
    assert "Formuläret är inaktuellt" in trasig.content.decode()
    assert Fynd.objects.filter(pk=skv_eget.pk).exists()
    svar = client.post(_url(skv_eget, "ta-bort/"), {"version": "1"})
    assert svar.status_code == 302
    assert not Fynd.objects.filter(pk=skv_eget.pk).exists()


def test_another_organisations_finding_answers_403_if_read_and_404_if_not(
    client, personer, kontroll, skv_eget
):
    delat = services.registrera_fynd(personer["skv"], kontroll, "SKV delat", delad=True)
    client.force_login(personer["samordnare"])
    assert client.get(_url(delat)).status_code == 403
    assert client.get(_url(skv_eget)).status_code == 404
    assert client.post(_url(skv_eget, "ta-bort/"), {"version": "1"}).status_code == 404
    assert Fynd.objects.count() == 2
