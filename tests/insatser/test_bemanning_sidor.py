"""Police inbox, answering and withdrawing, cancelling and rescheduling through the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser import services
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Installningsorsak
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.fabriker import ObjektFabrik
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def lage(skapa_anvandare):
    samordnare = skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning")
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    opsam = skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",))
    polis = skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True)
    objekt = ObjektFabrik(namn="Bemanningsbolaget AB", adress="Polisgatan 9")
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=samordnare,
        titel="Restauranger",
        start=start,
        slut=start + timedelta(hours=4),
        samordnande_enhet=samordnare.profil.enhet,
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    services.bjud_in(samordnare, insats, Myndighet.objects.get(kod="skatteverket"))
    services.lagg_till_kontroll(samordnare, insats, objekt)
    services.planera_insats(samordnare, insats, version=aktuell_version(insats))
    begaran = services.begar_bemanning(
        samordnare,
        insats,
        Lokalpolisomrade.objects.get(kod="city"),
        4,
        version=aktuell_version(insats),
    )
    services.besvara_inbjudan(
        skv,
        insats.deltaganden.get(organisation__kod="skatteverket"),
        accepterad=True,
        version=aktuell_version(insats.deltaganden.get(organisation__kod="skatteverket")),
    )
    return {
        "insats": Insats.objects.get(pk=insats.pk),
        "begaran": begaran,
        "samordnare": samordnare,
        "skv": skv,
        "opsam": opsam,
        "polis": polis,
        "skjutning": Installningsorsak.objects.get(kod="skjutning"),
    }


def test_inbox_shows_date_place_objects_requesting_unit_and_mandate(client, lage):
    client.force_login(lage["opsam"])
    text = client.get("/polis/begaranden/").content.decode()
    assert lage["insats"].referens in text
    assert "Bemanningsbolaget AB, Polisgatan 9" in text
    assert "Samordning AKC-väst" in text
    assert "arbetslivskriminalitet" in text  # the unit's mandate


def test_confirming_with_a_named_officer_confirms_the_operation(client, lage):
    client.force_login(lage["opsam"])
    url = f"/polis/begaranden/{lage['begaran'].pk}/"
    sida = client.get(url).content.decode()
    assert "0 tidigare insatser" in sida
    svar = client.post(
        url,
        {"bekraftat_antal": 4, "poliser": [lage["polis"].pk], "version": lage["begaran"].version},
    )
    assert svar.status_code == 302
    begaran = Bemanningsbegaran.objects.get(pk=lage["begaran"].pk)
    assert begaran.status == BemanningStatus.BEKRAFTAD
    assert list(begaran.poliser.values_list("anvandare__username", flat=True)) == ["polis"]
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.BEKRAFTAD


def test_confirming_more_than_requested_is_a_form_error_and_changes_nothing(client, lage):
    client.force_login(lage["opsam"])
    svar = client.post(
        f"/polis/begaranden/{lage['begaran'].pk}/",
        {"bekraftat_antal": 5, "version": lage["begaran"].version},
    )
    assert svar.status_code == 200
    assert "Antalet måste vara mellan 0 och 4." in svar.content.decode()
    assert Bemanningsbegaran.objects.get(pk=lage["begaran"].pk).status == BemanningStatus.SKICKAD


def test_a_stale_answer_is_a_conflict_not_an_overwrite(client, lage):
    client.force_login(lage["opsam"])
    svar = client.post(
        f"/polis/begaranden/{lage['begaran'].pk}/",
        {"bekraftat_antal": 2, "version": lage["begaran"].version - 1},
        follow=True,
    )
    assert "ändrats av någon annan" in svar.content.decode()
    assert Bemanningsbegaran.objects.get(pk=lage["begaran"].pk).status == BemanningStatus.SKICKAD


def test_withdrawal_with_reason_sends_the_operation_back(client, lage):
    services.besvara_bemanning(
        lage["opsam"], lage["begaran"], 4, version=aktuell_version(lage["begaran"])
    )
    client.force_login(lage["opsam"])
    svar = client.post(
        f"/polis/begaranden/{lage['begaran'].pk}/aterkalla/",
        {
            "orsak": lage["skjutning"].pk,
            "kommentar": "Skottlossning i Hammarkullen",
            "version": aktuell_version(lage["begaran"]),
        },
    )
    assert svar.status_code == 302
    begaran = Bemanningsbegaran.objects.get(pk=lage["begaran"].pk)
    assert (begaran.status, begaran.aterkallad_orsak) == (
        BemanningStatus.ATERKALLAD,
        lage["skjutning"],
    )
    assert begaran.intern_anteckning == "Skottlossning i Hammarkullen"
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.BEMANNING_BEGARD


def test_coordinator_cancels_from_the_operation_page(client, lage):
    client.force_login(lage["samordnare"])
    sida = client.get(f"/insatser/{lage['insats'].pk}/").content.decode()
    assert "Ställ in insatsen" in sida
    svar = client.post(
        f"/insatser/{lage['insats'].pk}/stall-in/",
        {"orsak": lage["skjutning"].pk, "version": lage["insats"].version},
        follow=True,
    )
    assert "Insatsen är inställd." in svar.content.decode()
    insats = Insats.objects.get(pk=lage["insats"].pk)
    assert (insats.status, insats.installd_orsak) == (InsatsStatus.INSTALLD, lage["skjutning"])
    assert insats.bemanningsbegaranden.get().status == BemanningStatus.MAKULERAD


def test_cancelling_without_a_reason_changes_nothing(client, lage):
    client.force_login(lage["samordnare"])
    svar = client.post(f"/insatser/{lage['insats'].pk}/stall-in/", {}, follow=True)
    assert "Välj en orsak" in svar.content.decode()
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.BEMANNING_BEGARD


def test_police_coordinator_cancels_an_operation_they_are_asked_to_staff(client, lage):
    client.force_login(lage["opsam"])
    client.post(
        f"/insatser/{lage['insats'].pk}/stall-in/",
        {"orsak": lage["skjutning"].pk, "version": aktuell_version(lage["insats"])},
    )
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.INSTALLD


def test_an_officer_cannot_cancel(client, lage):
    client.force_login(lage["skv"])
    assert "Ställ in insatsen" not in client.get(f"/insatser/{lage['insats'].pk}/").content.decode()
    svar = client.post(f"/insatser/{lage['insats'].pk}/stall-in/", {"orsak": lage["skjutning"].pk})
    assert svar.status_code == 403
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.BEMANNING_BEGARD


def test_rescheduling_creates_the_successor_and_opens_it(client, lage):
    client.force_login(lage["samordnare"])
    ny_start = timezone.localtime(lage["insats"].start + timedelta(days=7))
    svar = client.post(
        f"/insatser/{lage['insats'].pk}/omplanera/",
        {
            "orsak": lage["skjutning"].pk,
            "ny_start": ny_start.strftime("%Y-%m-%dT%H:%M"),
            "ny_slut": (ny_start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "version": lage["insats"].version,
        },
    )
    efterfoljare = Insats.objects.get(omplanerad_fran=lage["insats"])
    assert svar["Location"] == f"/insatser/{efterfoljare.pk}/"
    assert efterfoljare.status == InsatsStatus.BEMANNING_BEGARD
    assert Insats.objects.get(pk=lage["insats"].pk).status == InsatsStatus.OMPLANERAD
    assert set(efterfoljare.deltaganden.values_list("organisation__kod", "svar")) == {
        ("akc-vast", Deltagande.Svar.ACCEPTERAD),
        ("skatteverket", Deltagande.Svar.INBJUDEN),
    }


def test_rescheduling_with_end_before_start_is_refused(client, lage):
    client.force_login(lage["samordnare"])
    svar = client.post(
        f"/insatser/{lage['insats'].pk}/omplanera/",
        {
            "orsak": lage["skjutning"].pk,
            "ny_start": "2030-05-01T12:00",
            "ny_slut": "2030-05-01T10:00",
            "version": lage["insats"].version,
        },
    )
    assert svar.status_code == 200
    assert "Sluttiden måste vara efter starttiden." in svar.content.decode()
    assert not Insats.objects.filter(omplanerad_fran=lage["insats"]).exists()
