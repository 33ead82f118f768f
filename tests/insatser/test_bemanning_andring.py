"""The police raise or lower a confirmation they gave: before the answer-by date freely, after it
with a reason; the coordinators are told every change, with the reason, and so are they of a
withdrawal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from insatser import services
from insatser.models import Bemanningsbegaran, Insatshandelse, Underlagsbygge
from insatser.workflow import BemanningStatus, InsatsStatus
from karna.lasning import Konflikt
from notiser.models import Notis
from notiser.services import notifiera
from tests.varld import aktuell_version, bekrafta, las

pytestmark = pytest.mark.django_db


@pytest.fixture
def delvis(personer, begard):
    """City confirmed two of the three officers asked for, naming one: a partial confirmation."""
    insats, begaran = begard
    bekrafta(personer, insats, begaran, 2)
    return las(insats), Bemanningsbegaran.objects.get(pk=begaran.pk)


def _andra(personer, begaran, antal, poliser=(), vem="opsam", **kwargs):
    return services.andra_bemanning(
        personer[vem],
        begaran,
        antal,
        poliser=[personer[p] for p in poliser],
        version=aktuell_version(begaran),
        **kwargs,
    )


def _frist_passerad(begaran):
    Bemanningsbegaran.objects.filter(pk=begaran.pk).update(
        svarsfrist=timezone.localdate() - timedelta(days=1)
    )


def _notiser(insats, typ):
    handelse = Insatshandelse.objects.filter(insats=insats, typ=typ).latest("pk")
    notifiera(handelse.pk)
    return Notis.objects.filter(handelse=handelse)


def test_raising_a_partial_confirmation_before_the_date_confirms_it_and_tells_the_coordinators(
    personer, delvis
):
    insats, begaran = delvis
    bygge = Underlagsbygge.objects.get(insats=insats).nummer
    _andra(personer, begaran, 3, poliser=("polis", "polis_annan"))
    begaran.refresh_from_db()
    assert begaran.status == BemanningStatus.BEKRAFTAD
    assert begaran.bekraftat_antal == 3
    assert set(begaran.poliser.values_list("anvandare__username", flat=True)) == {"polis", "polis2"}
    assert Underlagsbygge.objects.get(insats=insats).nummer > bygge, "briefings marked stale"
    notiser = _notiser(insats, "bemanning_hojd")
    assert {n.mottagare.username for n in notiser} == {"samordnare", "kollega"}
    assert {n.text for n in notiser} == {"City"}


def test_lowering_a_full_confirmation_makes_it_partial_and_drops_the_officer(personer, bekraftad):
    insats, begaran = bekraftad
    _andra(personer, begaran, 1)
    begaran.refresh_from_db()
    assert (begaran.status, begaran.bekraftat_antal) == (BemanningStatus.DELVIS_BEKRAFTAD, 1)
    assert not begaran.poliser.exists()
    assert las(insats).status == InsatsStatus.BEKRAFTAD, "partial staffing still staffs it"
    assert {n.mottagare.username for n in _notiser(insats, "bemanning_sankt")} == {
        "samordnare",
        "kollega",
    }


def test_after_the_date_a_change_without_a_reason_is_refused_and_nothing_is_saved(
    personer, bekraftad
):
    insats, begaran = bekraftad
    _frist_passerad(begaran)
    version = aktuell_version(begaran)
    with pytest.raises(ValidationError) as fel:
        _andra(personer, begaran, 1, motivering="  ")
    assert "Svarsfristen har gått ut; ange varför bemanningen ändras." in fel.value.messages
    begaran.refresh_from_db()
    assert (begaran.status, begaran.bekraftat_antal, begaran.version) == (
        BemanningStatus.BEKRAFTAD,
        3,
        version,
    )
    assert begaran.poliser.count() == 1
    assert not Insatshandelse.objects.filter(insats=insats, typ="bemanning_sankt").exists()


def test_after_the_date_a_change_with_a_reason_is_saved_and_the_reason_told(personer, bekraftad):
    insats, begaran = bekraftad
    _frist_passerad(begaran)
    _andra(personer, begaran, 2, poliser=("polis",), motivering="Två kommenderade till matchen")
    begaran.refresh_from_db()
    assert (begaran.status, begaran.bekraftat_antal) == (BemanningStatus.DELVIS_BEKRAFTAD, 2)
    notiser = _notiser(insats, "bemanning_sankt")
    assert {n.text for n in notiser} == {"City: Två kommenderade till matchen"}


def test_lowering_to_zero_withdraws_the_staffing_and_needs_its_reason(personer, bekraftad, orsak):
    insats, begaran = bekraftad
    with pytest.raises(ValidationError) as fel:
        _andra(personer, begaran, 0)
    assert "Ange orsak till återkallelsen." in fel.value.messages
    assert Bemanningsbegaran.objects.get(pk=begaran.pk).status == BemanningStatus.BEKRAFTAD
    _andra(personer, begaran, 0, orsak=orsak)
    assert Bemanningsbegaran.objects.get(pk=begaran.pk).status == BemanningStatus.ATERKALLAD
    assert las(insats).status == InsatsStatus.BEMANNING_BEGARD


def test_bad_input_saves_nothing(personer, delvis):
    _insats, begaran = delvis
    for antal, poliser in [(4, ()), (1, ("polis", "polis_annan")), (2, ("polis",))]:
        with pytest.raises(ValidationError):
            _andra(personer, begaran, antal, poliser=poliser)
    begaran.refresh_from_db()
    assert (begaran.status, begaran.bekraftat_antal) == (BemanningStatus.DELVIS_BEKRAFTAD, 2)


def test_a_stale_version_and_another_lpos_coordinator_are_refused(personer, bekraftad):
    _insats, begaran = bekraftad
    with pytest.raises(Konflikt):
        services.andra_bemanning(personer["opsam"], begaran, 2, version=begaran.version - 1)
    with pytest.raises(PermissionDenied):
        _andra(personer, begaran, 2, vem="opsam_nordost")


def test_a_withdrawal_notification_carries_its_reason_to_the_page(
    client, personer, bekraftad, orsak
):
    insats, begaran = bekraftad
    services.aterkalla_bemanning(
        personer["opsam"], begaran, orsak, version=aktuell_version(begaran)
    )
    notiser = _notiser(insats, "bemanning_aterkallad")
    assert {n.text for n in notiser} == {"City: Skjutning"}
    client.force_login(personer["samordnare"])
    assert (
        "Polisbemanning återkallad</strong>: City: Skjutning"
        in client.get("/notiser/").content.decode()
    )


# The pages


def _post(client, begaran, data, **headers):
    falt = {f"andra-{k}": v for k, v in {"version": aktuell_version(begaran), **data}.items()}
    return client.post(f"/polis/begaranden/{begaran.pk}/andra/", falt, **headers)


def test_the_page_shows_confirmed_against_requested_and_the_named_officers(
    client, personer, delvis
):
    _insats, begaran = delvis
    client.force_login(personer["opsam"])
    sida = client.get(f"/polis/begaranden/{begaran.pk}/").content.decode()
    assert "2 av 3 poliser" in sida
    assert "delvis bekräftad, färre än begärt" in sida
    assert "Höj eller sänk bekräftelsen" in sida


def test_a_plain_post_raises_and_goes_back_to_the_page(client, personer, delvis):
    _insats, begaran = delvis
    client.force_login(personer["opsam"])
    svar = _post(client, begaran, {"bekraftat_antal": 3, "poliser": [personer["polis"].pk]})
    assert svar.status_code == 302
    assert Bemanningsbegaran.objects.get(pk=begaran.pk).status == BemanningStatus.BEKRAFTAD


def test_an_htmx_post_gets_the_section_back_with_the_outcome_or_the_errors(
    client, personer, bekraftad
):
    _insats, begaran = bekraftad
    _frist_passerad(begaran)
    client.force_login(personer["opsam"])
    svar = _post(client, begaran, {"bekraftat_antal": 2}, HTTP_HX_REQUEST="true")
    text = svar.content.decode()
    assert svar.status_code == 200
    assert 'id="bemanning-andring"' in text
    assert "<html" not in text
    assert "Svarsfristen har gått ut; ange varför bemanningen ändras." in text
    svar = _post(
        client,
        begaran,
        {"bekraftat_antal": 2, "motivering": "Omprioritering"},
        HTTP_HX_REQUEST="true",
    )
    assert "2 av 3 poliser" in svar.content.decode()
    assert "Bemanningen är ändrad" in svar.content.decode()


def test_a_plain_post_with_errors_shows_the_page_with_the_swedish_message(
    client, personer, bekraftad
):
    _insats, begaran = bekraftad
    client.force_login(personer["opsam"])
    svar = _post(client, begaran, {"bekraftat_antal": 0})
    assert svar.status_code == 200
    assert "Ange orsak till återkallelsen." in svar.content.decode()


def test_another_lpos_coordinator_gets_404(client, personer, bekraftad):
    _insats, begaran = bekraftad
    client.force_login(personer["opsam_nordost"])
    assert _post(client, begaran, {"bekraftat_antal": 2}).status_code == 404
