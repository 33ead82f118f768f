"""A held meeting on the wheel: the organiser records attendees, minutes and actions; an action's
owner (or the organiser) closes it; the minutes are read only by the organisations present and
the organiser unless shared; open actions show on their owner's start page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from arshjul.models import Arshjulshandelse, Atgard, Handelsetyp, Motesprotokoll
from arshjul.services import moten
from arshjul.workflow import AtgardStatus
from karna.arbetsflode import OgiltigOvergang
from karna.lasning import Konflikt
from myndigheter.models import Myndighet
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db


@pytest.fixture
def personer(skapa_anvandare):
    return {
        "samordnare": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "annan_samordnare": skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv_kontakt": skapa_anvandare("skvk", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "polis": skapa_anvandare("polis", Roll.POLISLEDNING, "polisen"),
    }


def nytt_mote(arshjul, start=None, typ=Handelsetyp.MOTE, **falt) -> Arshjulshandelse:
    start = start or timezone.now() - timedelta(hours=3)
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=timezone.localtime(start).year,
        typ=typ,
        titel="Planeringsmöte",
        start=start,
        slut=start + timedelta(hours=2),
        handredigerad=True,
        **falt,
    )


@pytest.fixture
def mote(akc):
    return nytt_mote(akc)


def protokollera(user, mote, delas=False, version=None, **data):
    data = {
        "narvarande_organisationer": [Myndighet.objects.get(kod="skatteverket")],
        "text": "Vi planerar restaurangkontroller i maj.",
        "delas": delas,
        **data,
    }
    return moten.registrera_protokoll(user, mote, data, version)


def ny_atgard(user, mote, ansvarig, text="Ta fram objektlista"):
    return moten.lagg_till_atgard(
        user,
        mote,
        {"text": text, "ansvarig": ansvarig, "senast": timezone.localdate() + timedelta(days=14)},
    )


def test_the_organiser_records_minutes_adds_an_action_and_its_owner_closes_it(mote, personer):
    protokoll = protokollera(personer["samordnare"], mote, narvarande=[personer["av"]])
    assert protokoll.version == 1
    assert set(protokoll.narvarande_organisationer.values_list("kod", flat=True)) == {
        "skatteverket"
    }
    atgard = ny_atgard(personer["samordnare"], mote, personer["skv"])
    assert atgard.status == AtgardStatus.OPPEN
    stangd = moten.stang_atgard(personer["skv"], atgard, atgard.version)
    assert (stangd.status, stangd.stangd_av) == (AtgardStatus.KLAR, personer["skv"])
    with pytest.raises(OgiltigOvergang):
        moten.stang_atgard(personer["skv"], stangd, stangd.version)


def test_a_change_of_the_minutes_needs_the_version_it_showed(mote, personer):
    protokoll = protokollera(personer["samordnare"], mote)
    andrat = protokollera(personer["samordnare"], mote, version=protokoll.version, text="Ny text")
    assert (andrat.version, andrat.text) == (2, "Ny text")
    with pytest.raises(Konflikt):
        protokollera(personer["samordnare"], mote, version=protokoll.version, text="Gammal")
    assert Motesprotokoll.objects.get().text == "Ny text"


def test_the_organiser_may_close_an_action_too(mote, personer):
    protokollera(personer["samordnare"], mote)
    atgard = ny_atgard(personer["samordnare"], mote, personer["skv"])
    assert moten.stang_atgard(personer["samordnare"], atgard, 1).status == AtgardStatus.KLAR


@pytest.mark.parametrize("vem", ["annan_samordnare", "skv", "skv_kontakt", "polis"])
def test_only_the_organiser_records_minutes_and_actions(mote, personer, vem):
    with pytest.raises(PermissionDenied):
        protokollera(personer[vem], mote)
    protokollera(personer["samordnare"], mote)
    with pytest.raises(PermissionDenied):
        ny_atgard(personer[vem], mote, personer["skv"])
    assert not Atgard.objects.exists()


@pytest.mark.parametrize("vem", ["annan_samordnare", "skv_kontakt", "polis", "av"])
def test_no_one_else_closes_an_action(mote, personer, vem):
    protokollera(personer["samordnare"], mote)
    atgard = ny_atgard(personer["samordnare"], mote, personer["skv"])
    with pytest.raises(PermissionDenied):
        moten.stang_atgard(personer[vem], atgard, atgard.version)
    assert Atgard.objects.get().status == AtgardStatus.OPPEN


def test_refused_input_saves_nothing(akc, mote, personer):
    sam = personer["samordnare"]
    with pytest.raises(ValidationError, match="innan du lägger till"):
        ny_atgard(sam, mote, personer["skv"])
    with pytest.raises(ValidationError, match="vilka som var med"):
        protokollera(sam, mote, narvarande_organisationer=[])
    protokollera(sam, mote)
    # Arbetsmiljöverket was not there: its officer cannot own an action of the meeting.
    with pytest.raises(ValidationError, match="var med på mötet"):
        ny_atgard(sam, mote, personer["av"])
    with pytest.raises(ValidationError, match="Beskriv"):
        ny_atgard(sam, mote, personer["skv"], text="  ")
    kommande = nytt_mote(akc, start=timezone.now() + timedelta(days=2))
    with pytest.raises(ValidationError, match="har börjat"):
        protokollera(sam, kommande)
    installt = nytt_mote(akc, installd=True)
    with pytest.raises(ValidationError, match="inställt"):
        protokollera(sam, installt)
    tidsfrist = nytt_mote(akc, typ=Handelsetyp.DEADLINE)
    with pytest.raises(ValidationError, match="Bara ett möte"):
        protokollera(sam, tidsfrist)
    assert Motesprotokoll.objects.count() == 1
    assert not Atgard.objects.exists()


def test_the_minutes_are_read_by_the_organisations_present_and_the_organiser(
    client, mote, personer
):
    protokollera(personer["samordnare"], mote)
    adress = reverse("arshjul_mote", kwargs={"pk": mote.pk})
    for vem, laser in [
        ("samordnare", True),
        ("skv", True),
        ("skv_kontakt", True),
        ("annan_samordnare", False),
        ("polis", False),
    ]:
        client.force_login(personer[vem])
        svar = client.get(adress)
        assert svar.status_code == 200, vem
        assert ("restaurangkontroller" in svar.text) is laser, vem
    # Arbetsmiljöverket's officer neither attended nor belongs to a body of the meeting.
    client.force_login(personer["av"])
    assert client.get(adress).status_code == 404


def test_shared_minutes_are_read_by_all_who_see_the_meeting(client, mote, personer):
    protokollera(personer["samordnare"], mote, delas=True)
    client.force_login(personer["polis"])
    assert "restaurangkontroller" in client.get(reverse("arshjul_mote", args=[mote.pk])).text
    client.force_login(personer["av"])
    assert client.get(reverse("arshjul_mote", args=[mote.pk])).status_code == 404


def test_an_action_owner_of_an_absent_organisation_sees_the_meeting_and_the_action(
    client, mote, personer
):
    protokollera(personer["samordnare"], mote, narvarande=[personer["av"]])
    atgard = ny_atgard(personer["samordnare"], mote, personer["av"], text="Kontrollera listan")
    client.force_login(personer["av"])
    svar = client.get(reverse("arshjul_mote", args=[mote.pk]))
    assert svar.status_code == 200
    assert "Kontrollera listan" in svar.text
    assert f'action="/arshjul/atgarder/{atgard.pk}/stang/"' in svar.text


def test_the_pages_record_minutes_and_an_action_and_close_it_from_the_start_page(
    client, mote, personer
):
    client.force_login(personer["samordnare"])
    svar = client.post(
        reverse("arshjul_protokoll", args=[mote.pk]),
        {
            "narvarande_organisationer": [Myndighet.objects.get(kod="skatteverket").pk],
            "text": "Protokolltext",
        },
    )
    assert svar.status_code == 302
    svar = client.post(
        reverse("arshjul_atgard_ny", args=[mote.pk]),
        {
            "text": "Skicka underlag",
            "ansvarig": personer["skv"].pk,
            "senast": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    assert svar.status_code == 302
    atgard = Atgard.objects.get()
    client.force_login(personer["skv"])
    start = client.get("/")
    assert "Mina åtgärder från möten" in start.text
    assert "Skicka underlag" in start.text
    svar = client.post(
        reverse("arshjul_atgard_stang", args=[atgard.pk]), {"version": 1, "fran": "start"}
    )
    assert svar.status_code == 302
    assert svar.url == "/"
    assert Atgard.objects.get().status == AtgardStatus.KLAR
    assert "Mina åtgärder från möten" not in client.get("/").text


def test_the_forms_show_swedish_messages_and_save_nothing(client, mote, personer):
    client.force_login(personer["samordnare"])
    svar = client.post(reverse("arshjul_protokoll", args=[mote.pk]), {"text": "x"})
    assert svar.status_code == 200
    assert "Ange vilka som var med" in svar.text
    svar = client.post(reverse("arshjul_atgard_ny", args=[mote.pk]), {"text": "x"})
    assert svar.status_code == 200
    assert not Motesprotokoll.objects.exists()
    assert not Atgard.objects.exists()


def test_refusals_on_the_pages(client, mote, personer):
    protokollera(personer["samordnare"], mote)
    atgard = ny_atgard(personer["samordnare"], mote, personer["skv"])
    client.force_login(personer["skv_kontakt"])
    assert client.get(reverse("arshjul_protokoll", args=[mote.pk])).status_code == 403
    assert (
        client.post(reverse("arshjul_atgard_stang", args=[atgard.pk]), {"version": 1}).status_code
        == 403
    )
    client.force_login(personer["polis"])
    assert (
        client.post(reverse("arshjul_atgard_stang", args=[atgard.pk]), {"version": 1}).status_code
        == 404
    )
    client.force_login(personer["av"])
    assert client.get(reverse("arshjul_protokoll", args=[mote.pk])).status_code == 404
    assert Atgard.objects.get().status == AtgardStatus.OPPEN


def test_the_meeting_page_costs_the_same_with_more_attendees_and_actions(
    client, mote, personer, django_assert_max_num_queries
):
    protokollera(
        personer["samordnare"],
        mote,
        narvarande=[personer["skv"], personer["skv_kontakt"], personer["av"]],
        narvarande_organisationer=list(Myndighet.objects.all()[:5]),
    )
    for nummer in range(6):
        ny_atgard(personer["samordnare"], mote, personer["skv"], text=f"Åtgärd {nummer}")
    client.force_login(personer["samordnare"])
    with django_assert_max_num_queries(12):
        svar = client.get(reverse("arshjul_mote", args=[mote.pk]))
    assert svar.text.count("Klarmarkera:") == 6


def test_the_wheel_s_month_panel_links_to_the_meeting_page_for_those_who_see_it(
    client, mote, personer
):
    lokal = timezone.localtime(mote.start)
    adress = f"/arshjul/vy/?ar={lokal.year}&hjul={mote.arshjul.kod}&manad={lokal.month}"
    lank = f"/arshjul/handelser/{mote.pk}/mote/"
    client.force_login(personer["samordnare"])
    assert lank in client.get(adress).content.decode()
    # Skatteverket's officer sees neither the meeting of a body Skatteverket is not in nor its link.
    client.force_login(personer["skv"])
    assert lank not in client.get(adress).content.decode()
