"""Resource pledges to an operation window: an agency's focal point (or the wheel owner's
coordinator) pledges their own organisation's people, everyone who sees the window sees the
pledges, and the window's page sets them against what the operations planned there need."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.access import RESURSLOFTE_POLICY, Handling
from arshjul.models import Arshjulshandelse, Handelsetyp, Resurslofte
from arshjul.services.resurser import STORSTA_ANTAL, lova_resurser, ta_bort_resurslofte
from insatser.models import Installningsorsak
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from karna.lasning import Konflikt
from myndigheter.roles import Roll
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def fonster(akc):
    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=start.year,
        typ=Handelsetyp.INSATSFONSTER,
        titel="Fönster City",
        start=start,
        slut=start + timedelta(days=5),
        lpo=lpo("city"),
        kapacitet=4,
        handredigerad=True,
    )


def _insats(fonster, dag=1, *, i_fonstret=True, lpo_kod="city", **falt):
    """An operation on the window's ``dag``: planned in it, or only in an LPO on that day."""
    return InsatsFabrik(
        start=fonster.start + timedelta(days=dag, hours=9),
        slut=fonster.start + timedelta(days=dag, hours=13),
        insatsfonster=fonster if i_fonstret else None,
        lpoer=[lpo(lpo_kod)],
        **falt,
    )


def _deltar(insats, kod, antal, svar=Svar.ACCEPTERAD):
    return DeltagandeFabrik(insats=insats, organisation=org(kod), svar=svar, planerat_antal=antal)


@pytest.fixture
def folk(skapa_anvandare, fonster):
    """The owner's coordinator, another coordinator, Skatteverket's focal point and officer (whose
    organisation takes part in an operation in the window, so they see it), the Swedish Work
    Environment Authority's focal point (which does not), police management and a management
    group."""
    _deltar(_insats(fonster), "skatteverket", 0, svar=Svar.INBJUDEN)
    return {
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "miljo": skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skvk": skapa_anvandare("skvk", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "avk": skapa_anvandare("avk", Roll.MYNDIGHETSKONTAKT, "av"),
        "ledning": skapa_anvandare("ledning", Roll.POLISLEDNING, "polisen", lpoer=("city",)),
        "grupp": skapa_anvandare("grupp", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
    }


def test_a_focal_point_pledges_changes_and_withdraws_their_organisations_people(fonster, folk):
    lofte = lova_resurser(folk["skvk"], fonster, 3, None)
    assert (lofte.organisation.kod, lofte.personer, lofte.persondagar) == ("skatteverket", 3, None)
    assert lofte.version == 1
    andrat = lova_resurser(folk["skvk"], fonster, 2, 8, version=1)
    assert (andrat.pk, andrat.personer, andrat.persondagar, andrat.version) == (lofte.pk, 2, 8, 2)
    ta_bort_resurslofte(folk["skvk"], andrat, 2)
    assert not Resurslofte.objects.exists()


def test_a_stale_or_missing_version_changes_nothing(fonster, folk):
    lofte = lova_resurser(folk["skvk"], fonster, 3, None)
    lova_resurser(folk["skvk"], fonster, 4, None, version=1)
    with pytest.raises(Konflikt):
        lova_resurser(folk["skvk"], fonster, 9, None, version=1)
    with pytest.raises(Konflikt):
        lova_resurser(folk["skvk"], fonster, 9, None)
    with pytest.raises(Konflikt):
        ta_bort_resurslofte(folk["skvk"], lofte, 1)
    assert Resurslofte.objects.get().personer == 4
    # The form showed a pledge that someone withdrew meanwhile: not created anew unseen.
    Resurslofte.objects.all().delete()
    with pytest.raises(Konflikt):
        lova_resurser(folk["skvk"], fonster, 9, None, version=2)
    assert not Resurslofte.objects.exists()


def test_the_owners_coordinator_pledges_the_owners_people_others_may_not(fonster, folk):
    assert lova_resurser(folk["sam"], fonster, None, 12).organisation.kod == "akc-vast"
    for vem in ("miljo", "skv", "avk", "ledning", "grupp"):
        with pytest.raises(PermissionDenied):
            lova_resurser(folk[vem], fonster, 1, None)
    assert list(Resurslofte.objects.values_list("organisation__kod", flat=True)) == ["akc-vast"]


def test_only_a_window_that_is_not_cancelled_takes_pledges(akc, fonster, folk):
    mote = Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=fonster.ar,
        typ=Handelsetyp.MOTE,
        titel="Möte",
        start=fonster.start,
        slut=fonster.start + timedelta(hours=1),
        handredigerad=True,
    )
    with pytest.raises(ValidationError):
        lova_resurser(folk["sam"], mote, 1, None)
    Arshjulshandelse.objects.filter(pk=fonster.pk).update(installd=True)
    with pytest.raises(ValidationError):
        lova_resurser(folk["sam"], fonster, 1, None)
    assert not Resurslofte.objects.exists()


@pytest.mark.parametrize(
    ("personer", "persondagar", "falt"),
    [(None, None, "personer"), (-1, None, "personer"), (1, STORSTA_ANTAL + 1, "persondagar")],
)
def test_a_pledge_needs_sensible_numbers(fonster, folk, personer, persondagar, falt):
    with pytest.raises(ValidationError) as fel:
        lova_resurser(folk["skvk"], fonster, personer, persondagar)
    assert falt in fel.value.error_dict
    assert not Resurslofte.objects.exists()


def test_whoever_sees_the_window_sees_the_pledges_and_changes_only_their_own(fonster, folk):
    skv = lova_resurser(folk["skvk"], fonster, 3, None)
    akc = lova_resurser(folk["sam"], fonster, 1, None)

    def ser(vem):
        return set(RESURSLOFTE_POLICY.filtrera(folk[vem], Handling.SE).values_list("pk", flat=True))

    for vem in ("sam", "miljo", "skvk", "skv", "ledning"):
        assert ser(vem) == {skv.pk, akc.pk}, vem
    assert ser("avk") == set()
    assert ser("grupp") == set()
    assert RESURSLOFTE_POLICY.tillater(folk["skvk"], Handling.REDIGERA, skv)
    assert not RESURSLOFTE_POLICY.tillater(folk["skvk"], Handling.REDIGERA, akc)
    assert RESURSLOFTE_POLICY.tillater(folk["sam"], Handling.REDIGERA, akc)
    assert not RESURSLOFTE_POLICY.tillater(folk["sam"], Handling.REDIGERA, skv)
    with pytest.raises(PermissionDenied):
        ta_bort_resurslofte(folk["sam"], skv, skv.version)
    with pytest.raises(PermissionDenied):
        ta_bort_resurslofte(folk["skv"], skv, skv.version)
    assert Resurslofte.objects.count() == 2


@pytest.fixture
def planerat(fonster, folk):
    """Skatteverket needs 3 people on day 1 (2 in the window, 1 in its LPO and days without
    naming it) and 2 on day 2; the Swedish Work Environment Authority 3 on day 1. Not counted: a
    cancelled operation, one in another LPO, and a declined invitation. The police were asked
    for 2 + 3 officers of City and confirmed 3; a draft request is not counted."""
    forsta = _insats(fonster, 1)
    _deltar(forsta, "skatteverket", 2)
    _deltar(forsta, "av", 3)
    _deltar(_insats(fonster, 1, i_fonstret=False), "skatteverket", 1)
    andra = _insats(fonster, 2)
    _deltar(andra, "skatteverket", 2)
    installd = _insats(
        fonster,
        2,
        status=InsatsStatus.INSTALLD,
        installd_orsak=Installningsorsak.objects.get(kod="skjutning"),
    )
    _deltar(installd, "skatteverket", 5)
    _deltar(_insats(fonster, 2, i_fonstret=False, lpo_kod="nordost"), "skatteverket", 5)
    _deltar(_insats(fonster, 3), "migrationsverket", 0, svar=Svar.AVBOJD)
    BemanningsbegaranFabrik(insats=forsta, begart_antal=2)
    BemanningsbegaranFabrik(
        insats=andra, begart_antal=3, status=BemanningStatus.BEKRAFTAD, bekraftat_antal=3
    )
    BemanningsbegaranFabrik(
        insats=_insats(fonster, 3), begart_antal=7, status=BemanningStatus.UTKAST
    )
    lova_resurser(folk["skvk"], fonster, 2, 10)
    lova_resurser(folk["sam"], fonster, 1, None)


def _adress(fonster) -> str:
    return f"/arshjul/handelser/{fonster.pk}/resurser/"


def test_the_page_sets_each_pledge_against_the_need(client, fonster, folk, planerat):
    client.force_login(folk["ledning"])
    svar = client.get(_adress(fonster))
    assert svar.status_code == 200
    rader = {
        rad.organisation: (
            rad.lofte and (rad.lofte.personer, rad.lofte.persondagar),
            rad.behov and (rad.behov.personer, rad.behov.persondagar, rad.behov.insatser),
            rad.overskridet,
        )
        for rad in svar.context["rader"]
    }
    assert rader == {
        "Skatteverket": ((2, 10), (3, 5, 3), True),
        "Center mot arbetslivskriminalitet i väst": ((1, None), None, False),
        "Arbetsmiljöverket": (None, (3, 3, 1), False),
    }
    [polis] = svar.context["polis"]
    assert (polis.lpo, polis.begart, polis.bekraftat) == ("City", 5, 3)
    text = svar.content.decode()
    assert "Behovet är större än löftet" in text
    assert "Inget löfte" in text
    # Police management sees the pledges but has none of its own to give here.
    assert svar.context["form"] is None
    assert "Er organisations löfte" not in text


def test_the_focal_point_pledges_on_the_page_and_bad_input_comes_back_on_the_form(
    client, fonster, folk
):
    client.force_login(folk["skvk"])
    assert client.get(_adress(fonster)).context["form"] is not None
    for data, falt in (({}, "personer"), ({"personer": "-2"}, "personer")):
        svar = client.post(_adress(fonster), data)
        assert svar.status_code == 200
        assert falt in svar.context["form"].errors
    assert not Resurslofte.objects.exists()
    svar = client.post(_adress(fonster), {"personer": "4", "persondagar": ""})
    assert svar.status_code == 302
    lofte = Resurslofte.objects.get()
    assert (lofte.organisation.kod, lofte.personer, lofte.persondagar) == ("skatteverket", 4, None)
    svar = client.post(_adress(fonster), {"personer": "5", "persondagar": "9", "version": "1"})
    assert svar.status_code == 302
    # A second tab still showing version 1: refused with a message, nothing changed.
    svar = client.post(_adress(fonster), {"personer": "7", "version": "1"})
    assert svar.status_code == 200
    assert "Någon annan har ändrat löftet" in svar.content.decode()
    lofte.refresh_from_db()
    assert (lofte.personer, lofte.persondagar, lofte.version) == (5, 9, 2)
    svar = client.post(f"/arshjul/resurslofte/{lofte.pk}/ta-bort/", {"version": "2"})
    assert svar.status_code == 302
    assert not Resurslofte.objects.exists()


def test_the_page_refuses_who_may_not_pledge_and_hides_from_who_may_not_see(client, fonster, folk):
    client.force_login(folk["skv"])
    assert client.get(_adress(fonster)).status_code == 200
    assert client.post(_adress(fonster), {"personer": "1"}).status_code == 403
    client.force_login(folk["avk"])
    assert client.get(_adress(fonster)).status_code == 404
    client.force_login(folk["grupp"])
    assert client.get(_adress(fonster)).status_code == 404
    assert not Resurslofte.objects.exists()


def test_the_page_takes_the_same_queries_whatever_the_number_of_organisations(
    client, fonster, folk, planerat, skapa_anvandare
):
    client.force_login(folk["skvk"])
    with CaptureQueriesContext(connection) as fore:
        client.get(_adress(fonster))
    for nummer, kod in enumerate(["migrationsverket", "miljoforvaltningen", "goteborgs-stad"]):
        _deltar(_insats(fonster, 4), kod, nummer + 1)
        kontakt = skapa_anvandare(f"kontakt-{kod}", Roll.MYNDIGHETSKONTAKT, kod)
        lova_resurser(kontakt, fonster, 1, 1)
    with CaptureQueriesContext(connection) as efter:
        svar = client.get(_adress(fonster))
    assert len(svar.context["rader"]) == 6
    assert len(efter) == len(fore)


def test_the_wheel_and_the_window_link_to_the_page(client, akc, fonster, folk):
    client.force_login(folk["sam"])
    manad = timezone.localtime(fonster.start).month
    text = client.get(f"/arshjul/vy/?hjul={akc.kod}&ar={fonster.ar}&manad={manad}").content
    assert _adress(fonster) in text.decode()
    assert _adress(fonster) in client.get(f"/arshjul/handelser/{fonster.pk}/").content.decode()
