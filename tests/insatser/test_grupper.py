"""Co-planned operations: Linköping and Norrköping plan in one synchronized window, each
with its own coordinator, LPO and staffing, and follow up together."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser import services
from insatser.access import INSATS_POLICY, Handling, synliga_insatsgrupper
from insatser.models import Frislappning, Insats, Insatsgrupp, Installningsorsak
from insatser.services import las_objektuppgifter
from insatser.workflow import InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from objekt.models import Objektuppgift
from tests.fabriker import DeltagandeFabrik, ObjektFabrik, org
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def folk(skapa_anvandare):
    return {
        "linkoping": skapa_anvandare("lkpg", Roll.SAMORDNARE, "linkopings-kommun"),
        "norrkoping": skapa_anvandare("nkpg", Roll.SAMORDNARE, "norrkopings-kommun"),
        "malmo": skapa_anvandare("malmo", Roll.SAMORDNARE, "malmo-stad"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
    }


def _fonster():
    start = timezone.now() + timedelta(days=60)
    return start, start + timedelta(hours=10)


def _insats(user, titel, kommun, lpo, start):
    insats = services.skapa_insats(
        user=user,
        titel=titel,
        start=start + timedelta(hours=1),
        slut=start + timedelta(hours=5),
        samlingsplats=f"Samling {titel}",
        lpoer=[Lokalpolisomrade.objects.get(kod=lpo)],
        kommuner=[Kommun.objects.get(kod=kommun)],
    )
    return Insats.objects.get(pk=insats.pk)


@pytest.fixture
def ros(folk):
    """A ROS group led by Linköping, Norrköping invited; each adds its own operation."""
    start, slut = _fonster()
    grupp = services.skapa_insatsgrupp(folk["linkoping"], "ROS våren", start, slut)
    services.bjud_in_till_grupp(
        folk["linkoping"], grupp, Myndighet.objects.get(kod="norrkopings-kommun")
    )
    lkpg = _insats(folk["linkoping"], "Linköping", "linkoping", "linkoping", start)
    nkpg = _insats(folk["norrkoping"], "Norrköping", "norrkoping", "norrkoping", start)
    services.anslut_till_grupp(folk["linkoping"], grupp, lkpg)
    services.anslut_till_grupp(folk["norrkoping"], grupp, nkpg)
    return grupp, Insats.objects.get(pk=lkpg.pk), Insats.objects.get(pk=nkpg.pk)


def test_both_municipalities_see_each_others_operation_in_full(folk, ros):
    _, lkpg, nkpg = ros
    assert INSATS_POLICY.tillater(folk["linkoping"], Handling.SE_DETALJER, nkpg)
    assert INSATS_POLICY.tillater(folk["norrkoping"], Handling.SE_DETALJER, lkpg)
    assert not INSATS_POLICY.tillater(folk["norrkoping"], Handling.SAMORDNA, lkpg)
    assert not INSATS_POLICY.tillater(folk["malmo"], Handling.SE, lkpg)


def test_agency_information_released_to_one_operation_stays_there(folk, ros):
    _, lkpg, _ = ros
    objekt = ObjektFabrik(
        kommun=Kommun.objects.get(kod="linkoping"),
        foreslaget_av_organisation=org("skatteverket"),
    )
    services.lagg_till_kontroll(folk["linkoping"], lkpg, objekt)
    services.bjud_in(folk["linkoping"], lkpg, Myndighet.objects.get(kod="skatteverket"))
    uppgift = Objektuppgift.objects.create(
        objekt=objekt,
        organisation=Myndighet.objects.get(kod="skatteverket"),
        innehall={"skuld": "Hemlig skatteuppgift"},
    )
    Frislappning.objects.create(
        objektuppgift=uppgift, insats=lkpg, frislappt_av=folk["skv"], grund="OSL 10:28"
    )
    assert las_objektuppgifter(folk["linkoping"], lkpg, "test") == [uppgift]
    assert las_objektuppgifter(folk["norrkoping"], lkpg, "test") == []


def test_the_group_page_follows_up_every_operation_together(client, folk, ros):
    grupp, lkpg, nkpg = ros
    client.force_login(folk["norrkoping"])
    text = client.get(f"/insatsgrupper/{grupp.pk}/").content.decode()
    assert lkpg.referens in text
    assert nkpg.referens in text
    assert "Linköpings kommun" in text
    assert "Norrköpings kommun" in text


def test_a_participant_sees_the_group_with_only_the_operations_they_may_see(client, folk, ros):
    grupp, lkpg, nkpg = ros
    DeltagandeFabrik(insats=lkpg, organisation=org("skatteverket"))
    client.force_login(folk["skv"])
    text = client.get(f"/insatsgrupper/{grupp.pk}/").content.decode()
    assert lkpg.referens in text
    assert nkpg.referens not in text
    assert client.get(f"/insatsgrupper/{grupp.pk}/bjud-in/").status_code == 405
    client.force_login(folk["mig"])
    assert client.get(f"/insatsgrupper/{grupp.pk}/").status_code == 404
    assert list(synliga_insatsgrupper(folk["malmo"])) == []


def test_only_the_leading_organisation_invites_and_only_members_join(folk, ros):
    grupp, _, _ = ros
    with pytest.raises(PermissionDenied):
        services.bjud_in_till_grupp(
            folk["norrkoping"], grupp, Myndighet.objects.get(kod="malmo-stad")
        )
    start, _ = _fonster()
    malmo = _insats(folk["malmo"], "Malmö", "malmo", "city", start)
    with pytest.raises(PermissionDenied):
        services.anslut_till_grupp(folk["malmo"], grupp, malmo)
    assert Insats.objects.get(pk=malmo.pk).insatsgrupp is None
    with pytest.raises(ValidationError):
        services.bjud_in_till_grupp(folk["linkoping"], grupp, Myndighet.objects.get(kod="polisen"))
    assert not grupp.organisationer.filter(kod="polisen").exists()


def test_an_operation_outside_the_synchronized_window_cannot_join_or_move_out_of_it(folk, ros):
    grupp, lkpg, _ = ros
    senare = _insats(folk["linkoping"], "Senare", "linkoping", "linkoping", grupp.fonster_slut)
    with pytest.raises(ValidationError, match="utanför gruppens gemensamma fönster"):
        services.anslut_till_grupp(folk["linkoping"], grupp, senare)
    with pytest.raises(ValidationError, match="utanför gruppens gemensamma fönster"):
        services.andra_insats(
            folk["linkoping"],
            lkpg,
            version=lkpg.version,
            start=grupp.fonster_slut,
            slut=grupp.fonster_slut + timedelta(hours=2),
        )
    assert Insats.objects.get(pk=lkpg.pk).start == lkpg.start


def test_rescheduling_outside_the_window_leaves_the_group_and_says_so(folk, ros):
    grupp, lkpg, _ = ros
    services.bjud_in(folk["linkoping"], lkpg, Myndighet.objects.get(kod="skatteverket"))
    lkpg.status = InsatsStatus.PLANERAD
    lkpg.save()
    ny_start = grupp.fonster_slut + timedelta(days=7)
    efterfoljare = services.omplanera_insats(
        folk["linkoping"],
        lkpg,
        ny_start,
        ny_start + timedelta(hours=3),
        Installningsorsak.objects.get(kod="skjutning"),
        version=aktuell_version(lkpg),
    )
    assert efterfoljare.insatsgrupp is None
    assert efterfoljare.handelser.filter(typ="lamnade_grupp", text=grupp.namn).exists()


def test_the_coordinator_takes_the_operation_out_of_the_group(client, folk, ros):
    _, lkpg, _ = ros
    client.force_login(folk["linkoping"])
    client.post(f"/insatser/{lkpg.pk}/lamna-grupp/", {"version": lkpg.version})
    assert Insats.objects.get(pk=lkpg.pk).insatsgrupp is None
    assert not INSATS_POLICY.tillater(folk["norrkoping"], Handling.SE, lkpg)


def test_creating_a_group_through_the_pages(client, folk):
    client.force_login(folk["linkoping"])
    start, slut = _fonster()
    svar = client.post(
        "/insatsgrupper/ny/",
        {
            "namn": "ROS hösten",
            "fonster_start": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
            "fonster_slut": timezone.localtime(slut).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    grupp = Insatsgrupp.objects.get(namn="ROS hösten")
    assert svar["Location"] == f"/insatsgrupper/{grupp.pk}/"
    assert list(grupp.organisationer.values_list("kod", flat=True)) == ["linkopings-kommun"]
    svar = client.post(
        "/insatsgrupper/ny/",
        {
            "namn": "ros HÖSTEN",
            "fonster_start": "2027-01-02T10:00",
            "fonster_slut": "2027-01-01T10:00",
        },
    )
    text = svar.content.decode()
    assert "Det finns redan en insatsgrupp med det namnet." in text
    assert Insatsgrupp.objects.count() == 1


def test_the_group_page_takes_constant_queries(client, folk, ros):
    grupp, _, _ = ros
    client.force_login(folk["linkoping"])
    client.get(f"/insatsgrupper/{grupp.pk}/")
    with CaptureQueriesContext(connection) as fore:
        client.get(f"/insatsgrupper/{grupp.pk}/")
    for nummer in range(6):
        insats = _insats(
            folk["norrkoping"], f"Fler {nummer}", "norrkoping", "norrkoping", grupp.fonster_start
        )
        services.anslut_till_grupp(folk["norrkoping"], grupp, insats)
    with CaptureQueriesContext(connection) as efter:
        text = client.get(f"/insatsgrupper/{grupp.pk}/").content.decode()
    assert "Fler 5" in text
    assert len(efter) == len(fore)
