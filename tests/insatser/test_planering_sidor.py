"""A coordinator plans an operation from start to finish in the browser's forms."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser.models import Bemanningsbegaran, Deltagande, Insats
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet, Samverkansform
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, ObjektFabrik, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def objekt(db):
    return ObjektFabrik(foreslaget_av_organisation=org("skatteverket"))


def _tid(dagar, timme):
    dag = timezone.localtime(timezone.now() + timedelta(days=dagar))
    return dag.replace(hour=timme, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_plan_from_proposal_to_confirmed(client, folk, objekt):
    city = Lokalpolisomrade.objects.get(kod="city")
    client.force_login(folk["sam"])
    svar = client.post(
        "/insatser/ny/",
        {
            "titel": "Nagelsalonger i City",
            "start": _tid(30, 9),
            "slut": _tid(30, 13),
            "samordnande_enhet": folk["sam"].profil.enhet.pk,
            "samverkansform": Samverkansform.objects.get(kod="akc").pk,
            "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
            "samlingsplats": "Vid entrén",
            "lpoer": [city.pk],
            "kommuner": [Kommun.objects.get(kod="goteborg").pk],
        },
    )
    insats = Insats.objects.get(titel="Nagelsalonger i City")
    assert svar["Location"] == f"/insatser/{insats.pk}/"
    assert insats.status == InsatsStatus.FORESLAGEN

    bas = f"/insatser/{insats.pk}"
    client.post(f"{bas}/objekt/", {"objekt": objekt.pk, "tilltradesgrund": "Miljöbalken"})
    client.post(f"{bas}/bjud-in/", {"organisation": Myndighet.objects.get(kod="skatteverket").pk})
    client.post(f"{bas}/planera/", {"version": insats.version})
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.PLANERAD
    client.post(
        f"{bas}/bemanning/",
        {
            "lpo": city.pk,
            "begart_antal": 3,
            "kompetenser": ["INSATSPOLIS"],
            "version": Insats.objects.get(pk=insats.pk).version,
        },
    )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEMANNING_BEGARD

    client.force_login(folk["skv"])
    sida = client.get(f"{bas}/").content.decode()
    assert "Ert svar på inbjudan" in sida
    client.post(f"{bas}/svar/", {"accepterad": "ja", "planerat_antal": 2, "version": 1})
    deltagande = Deltagande.objects.get(insats=insats, organisation__kod="skatteverket")
    assert (deltagande.svar, deltagande.planerat_antal) == (Deltagande.Svar.ACCEPTERAD, 2)

    begaran = Bemanningsbegaran.objects.get(insats=insats)
    client.force_login(folk["opsam"])
    client.post(
        f"/polis/begaranden/{begaran.pk}/", {"bekraftat_antal": 3, "version": begaran.version}
    )
    assert Bemanningsbegaran.objects.get(pk=begaran.pk).status == BemanningStatus.BEKRAFTAD
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEKRAFTAD


def test_planning_without_objects_explains_why_and_changes_nothing(client, folk):
    client.force_login(folk["sam"])
    client.post(
        "/insatser/ny/",
        {
            "titel": "Tom",
            "start": _tid(10, 9),
            "slut": _tid(10, 12),
            "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
            "lpoer": [Lokalpolisomrade.objects.get(kod="city").pk],
        },
    )
    insats = Insats.objects.get(titel="Tom")
    svar = client.post(f"/insatser/{insats.pk}/planera/", {"version": insats.version}, follow=True)
    assert (
        "Lägg till minst ett objekt (utöver reservobjekt) innan insatsen planeras."
        in svar.content.decode()
    )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.FORESLAGEN


def test_new_operation_form_errors_are_swedish_and_nothing_is_saved(client, folk):
    client.force_login(folk["sam"])
    svar = client.post(
        "/insatser/ny/",
        {"titel": "", "start": "igår", "slut": _tid(3, 9), "syfte": "OKANT", "lpoer": []},
    )
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Det här fältet är obligatoriskt." in text
    assert "Fyll i ett giltigt datum/tid." in text
    assert not Insats.objects.exists()


def test_end_before_start_is_shown_on_the_form(client, folk):
    client.force_login(folk["sam"])
    svar = client.post(
        "/insatser/ny/",
        {
            "titel": "Baklänges",
            "start": _tid(5, 12),
            "slut": _tid(5, 9),
            "syfte": Insats.Syfte.BROTTSFOREBYGGANDE,
            "lpoer": [Lokalpolisomrade.objects.get(kod="city").pk],
        },
    )
    assert "Sluttiden måste vara efter starttiden." in svar.content.decode()
    assert not Insats.objects.exists()


def test_declining_an_invitation(client, folk, objekt):
    insats = InsatsFabrik()
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    client.force_login(folk["skv"])
    client.post(f"/insatser/{insats.pk}/svar/", {"accepterad": "nej", "version": 1})
    assert insats.deltaganden.get().svar == Deltagande.Svar.AVBOJD


def test_a_staffing_request_can_name_wished_operation_officers(client, folk):
    polis = folk["polis"]
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"),
        start=timezone.now() + timedelta(days=40),
        status=InsatsStatus.PLANERAD,
    )
    city = Lokalpolisomrade.objects.get(kod="city")
    insats.lpoer.set([city])
    client.force_login(folk["sam"])
    sida = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Önskade insatspoliser (valfritt)" in sida
    client.post(
        f"/insatser/{insats.pk}/bemanning/",
        {
            "lpo": city.pk,
            "begart_antal": 2,
            "onskade_insatspoliser": [polis.pk],
            "version": insats.version,
        },
    )
    begaran = Bemanningsbegaran.objects.get(insats=insats)
    assert list(begaran.onskade_insatspoliser.all()) == [polis]
