"""Individual feedback on a carried-out operation: one per participant, changeable until the
joint evaluation closes, and anonymous to everyone but its author when the author asks."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from insatser.models import Insats
from insatser.workflow import InsatsStatus
from karna.lasning import Konflikt
from utvardering import access, services_utfall
from utvardering.models import Aterkoppling

pytestmark = pytest.mark.django_db


def _ge(v, vem="skv", version=0, **falt):
    data = {"betyg": 4, "kommentar": "Bra samordning", "anonym": False} | falt
    return services_utfall.ge_aterkoppling(v[vem], v["insats"], version=version, **data)


@pytest.mark.parametrize("vem", ["sam", "skv", "skv_kontakt", "av", "opsam", "polis"])
def test_every_participant_gives_feedback_the_named_officer_included(utfallsvarld, vem):
    aterkoppling = _ge(utfallsvarld, vem, kommentar=" Tolken kom sent ")
    assert (aterkoppling.forfattare, aterkoppling.kommentar) == (
        utfallsvarld[vem],
        "Tolken kom sent",
    )


@pytest.mark.parametrize(
    ("vem", "fel"),
    [
        ("mig", PermissionDenied),  # invited, never answered: did not take part
        ("opsam_syd", Http404),
        ("sam_miljo", Http404),
        ("polisledning", Http404),
    ],
)
def test_those_who_did_not_take_part_give_none(utfallsvarld, vem, fel):
    with pytest.raises(fel):
        _ge(utfallsvarld, vem)
    assert not Aterkoppling.objects.exists()


@pytest.mark.parametrize(
    ("falt", "fel"),
    [({"betyg": 0}, "betyg"), ({"betyg": 6}, "betyg"), ({"kommentar": "x" * 2001}, "kommentar")],
)
def test_bad_values_are_refused_on_their_field(utfallsvarld, falt, fel):
    with pytest.raises(ValidationError) as undantag:
        _ge(utfallsvarld, **falt)
    assert fel in undantag.value.error_dict
    assert not Aterkoppling.objects.exists()


def test_none_before_the_operation_is_carried_out(utfallsvarld):
    Insats.objects.filter(pk=utfallsvarld["insats"].pk).update(status=InsatsStatus.BEKRAFTAD)
    with pytest.raises(ValidationError):
        _ge(utfallsvarld)


def test_one_per_person_changed_with_the_version_seen_until_the_evaluation_closes(utfallsvarld):
    v = utfallsvarld
    forsta = _ge(v)
    with pytest.raises(Konflikt):
        _ge(v, betyg=2)  # a second form opened before the first was sent
    andrad = _ge(v, version=1, betyg=2, anonym=True)
    assert (andrad.pk, andrad.betyg, andrad.anonym, andrad.version) == (forsta.pk, 2, True, 2)
    with pytest.raises(Konflikt):
        _ge(v, version=1, betyg=5)
    Insats.objects.filter(pk=v["insats"].pk).update(status=InsatsStatus.UTVARDERAD)
    with pytest.raises(ValidationError):
        _ge(v, version=2, betyg=5)
    assert Aterkoppling.objects.get().betyg == 2
    assert _ge(v, "av").pk  # given after the evaluation closed, it still counts


LASARE = ["sam", "skv", "skv_kontakt", "av", "mig", "opsam", "opsam_syd", "polis"]
LASARE += ["polisledning", "api", "sam_miljo"]
DELTOG = {"sam", "skv", "skv_kontakt", "av", "opsam", "polis"}


@pytest.mark.parametrize("anonym", [True, False])
def test_an_anonymous_authors_name_is_seen_by_the_author_alone(utfallsvarld, client, anonym):
    v = utfallsvarld
    _ge(v, "av", anonym=anonym, kommentar="Samlingsplatsen var svår att hitta")
    namn = v["av"].get_full_name()
    for vem in LASARE:
        rader = access.synliga_aterkopplingar(v[vem])
        assert rader.exists() == (vem in DELTOG), vem
        ser_namnet = vem == "av" or (not anonym and vem in DELTOG)
        assert rader.filter(visa_forfattare=True).exists() == ser_namnet, vem
        client.force_login(v[vem])
        svar = client.get(f"/insatser/{v['insats'].pk}/utfall/")
        if svar.status_code != 200:
            assert vem not in DELTOG, vem
            continue
        text = svar.content.decode()
        assert ("Samlingsplatsen var svår att hitta" in text) == (vem in DELTOG), vem
        assert (namn in text) == ser_namnet, vem
        for rad in svar.context["aterkopplingar"]:
            assert (rad.lamnad_av is not None) == ser_namnet, vem
            assert (rad.forfattare_id is not None) == ser_namnet, vem


def test_the_page_gives_and_changes_ones_feedback_and_shows_errors_on_the_form(
    utfallsvarld, client
):
    v = utfallsvarld
    url = f"/insatser/{v['insats'].pk}/utfall/aterkoppling/"
    client.force_login(v["polis"])
    svar = client.post(url, {"betyg": "9", "kommentar": "", "version": 0})
    assert svar.status_code == 200
    assert svar.context["aterkoppling_form"].errors["betyg"]
    assert client.post(url, {"betyg": "3", "anonym": "on", "version": 0}).status_code == 302
    sida = client.get(f"/insatser/{v['insats'].pk}/utfall/")
    assert "Ändra din återkoppling" in sida.content.decode()
    assert sida.context["aterkoppling_form"].initial == {
        "betyg": 3,
        "kommentar": "",
        "anonym": True,
        "version": 1,
    }
    svar = client.post(url, {"betyg": "3", "version": 0})
    assert "Ladda om" in svar.content.decode()
    client.force_login(v["mig"])
    assert client.post(url, {"betyg": "3", "version": 0}).status_code == 403
    assert Aterkoppling.objects.get().betyg == 3
