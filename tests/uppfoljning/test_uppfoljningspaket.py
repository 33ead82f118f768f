"""The follow-up pack before each meeting of a management group: beat orders one per coming
meeting (and none twice), the pack is built with the yearly report's machinery for the group's
scope, listed on the follow-up page and downloaded by the group's members only.

One test reads a real PDF back with pdftotext; the others stand in for the layout
(``snabb_pdf``)."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp, Samverkansorgan
from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from tests.fabriker import InsatsFabrik, org
from tests.uppfoljning import uppfoljningsvarld
from tests.varld import modulvarld, ny_anvandare
from uppfoljning.models import (
    Ledningsgrupp,
    Omradesavgransning,
    Uppfoljningspaket,
    Uppfoljningspaketbygge,
)
from uppfoljning.services import paket

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def varld(django_db_setup, django_db_blocker, modulens_media):
    with modulvarld(django_db_blocker, modulens_media):
        v = uppfoljningsvarld.bygg()
        v["ledning"] = ny_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        v["nordost"] = ny_anvandare("ledning.nordost", Roll.LEDNINGSGRUPP, "goteborgs-stad")
        Omradesavgransning.objects.create(anvandare=v["nordost"], stadsomrade=v["s2"])
        v["polisledning"] = ny_anvandare(
            "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        )
        v["samordnare"] = ny_anvandare("samordnare.akc", Roll.SAMORDNARE, "akc-vast")
        v["handlaggare"] = ny_anvandare("handlaggare", Roll.HANDLAGGARE, "skatteverket")
        v["hjul"] = Arshjul.objects.create(kod="lg", namn="Ledningshjulet", agare=org("slk"))
        v["organ"], v["nordostorgan"], v["annat"] = (
            Samverkansorgan.objects.create(kod=kod, namn=namn, niva="STADSOVERGRIPANDE")
            for kod, namn in (
                ("lg", "Ledningsgruppen"),
                ("lg-nordost", "Ledningsgruppen i Nordost"),
                ("annat", "Ett annat organ"),
            )
        )
        Ledningsgrupp.objects.create(organ=v["organ"])
        Ledningsgrupp.objects.create(organ=v["nordostorgan"], stadsomrade=v["s2"])
        yield v


def _mote(varld, dagar: float, organ=None, typ=Handelsetyp.MOTE, **falt) -> Arshjulshandelse:
    start = timezone.now() + timedelta(days=dagar)
    return Arshjulshandelse.objects.create(
        arshjul=varld["hjul"],
        ar=start.year,
        titel=f"Möte om {dagar} dagar",
        typ=typ,
        start=start,
        slut=start + timedelta(hours=2),
        organ=organ or varld["organ"],
        **falt,
    )


def _bestall_och_bygg(fanga) -> int:
    with fanga(execute=True):
        return paket.bestall_uppfoljningspaket()


def _text(rad: Uppfoljningspaket) -> str:
    with rad.fil.open("rb") as fil:
        innehall = fil.read()
    resultat = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=innehall,
        capture_output=True,
        check=True,
    )
    return " ".join(resultat.stdout.decode().split())


@pytest.mark.usefixtures("snabb_pdf")
def test_beat_orders_one_pack_per_coming_meeting_and_none_twice(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    kommande = _mote(varld, 3)
    narmast = _mote(varld, 0.5, organ=varld["nordostorgan"])
    _mote(varld, 30)  # too far away
    _mote(varld, -2)  # held already
    _mote(varld, 2, installd=True)
    _mote(varld, 2, typ=Handelsetyp.FORUM)
    _mote(varld, 2, organ=varld["annat"])
    assert _bestall_och_bygg(django_capture_on_commit_callbacks) == 2
    assert set(Uppfoljningspaketbygge.objects.values_list("mote", flat=True)) == {
        kommande.pk,
        narmast.pk,
    }
    assert {b.status for b in Uppfoljningspaketbygge.objects.all()} == {"KLAR"}
    assert Uppfoljningspaket.objects.filter(mote=kommande, version=1).exists()
    # Run again (the next day's beat): nothing new for meetings that have their pack.
    assert _bestall_och_bygg(django_capture_on_commit_callbacks) == 0
    assert Uppfoljningspaket.objects.count() == 2
    # A rebuild with the same figures adds no version.
    bygge = Uppfoljningspaketbygge.objects.get(mote=kommande)
    Uppfoljningspaketbygge.objects.filter(pk=bygge.pk).update(
        status=Uppfoljningspaketbygge.Status.VANTAR, nummer=2
    )
    assert paket.bygg_uppfoljningspaket(bygge.pk, 2) == "oförändrat"
    assert paket.bygg_uppfoljningspaket(bygge.pk, 1) == "ersatt"


@pytest.mark.usefixtures("snabb_pdf")
def test_the_pack_is_listed_and_downloaded_by_the_groups_members_only(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks, client
):
    hela = _mote(varld, 3)
    nordost = _mote(varld, 4, organ=varld["nordostorgan"])
    _bestall_och_bygg(django_capture_on_commit_callbacks)
    hela_paket = Uppfoljningspaket.objects.get(mote=hela)
    nordost_paket = Uppfoljningspaket.objects.get(mote=nordost)
    assert "Nordost" in nordost_paket.malgruppstext
    assert hela_paket.dataversion != nordost_paket.dataversion

    client.force_login(varld["ledning"])
    sida = client.get("/uppfoljning/").content.decode()
    assert f"/uppfoljning/paket/{hela_paket.pk}/pdf/" in sida
    assert f"/uppfoljning/paket/{nordost_paket.pk}/pdf/" not in sida
    svar = client.get(f"/uppfoljning/paket/{hela_paket.pk}/pdf/")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    b"".join(svar.streaming_content)
    logg = Atkomstlogg.objects.get(
        objekttyp="uppfoljning.uppfoljningspaket", objekt_id=str(hela_paket.pk)
    )
    assert (logg.anvandarnamn, logg.handling) == ("ledning", Atkomstlogg.Handling.LADDA_NED)
    assert client.get(f"/uppfoljning/paket/{nordost_paket.pk}/pdf/").status_code == 404

    # The meeting's page (the wheel's extension point) links the pack of the reader's scope.
    mote = client.get(f"/arshjul/handelser/{hela.pk}/mote/")
    assert mote.status_code == 200
    assert f"/uppfoljning/paket/{hela_paket.pk}/pdf/" in mote.content.decode()

    client.force_login(varld["nordost"])
    assert client.get(f"/uppfoljning/paket/{nordost_paket.pk}/pdf/").status_code == 200
    mote = client.get(f"/arshjul/handelser/{hela.pk}/mote/")
    assert f"/uppfoljning/paket/{hela_paket.pk}/pdf/" not in mote.content.decode()
    assert client.get(f"/uppfoljning/paket/{hela_paket.pk}/pdf/").status_code == 404
    # Others who follow up see no pack of the management group; the rest may not follow up.
    for user, status in (
        (varld["polisledning"], 404),
        (varld["samordnare"], 404),
        (varld["handlaggare"], 403),
    ):
        client.force_login(user)
        assert client.get(f"/uppfoljning/paket/{hela_paket.pk}/pdf/").status_code == status
        assert client.get("/uppfoljning/paket/999999/pdf/").status_code == status


def test_the_pack_holds_the_groups_figures(
    varld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    """Slow (a few seconds): one real PDF, read back with pdftotext."""
    mote = _mote(varld, 1)
    ar = timezone.localtime(mote.start).year
    for status in ("GENOMFORD", "GENOMFORD", "GENOMFORD", "PLANERAD"):
        InsatsFabrik(start=uppfoljningsvarld.dag(1, 2, ar), status=status)
    with django_capture_on_commit_callbacks(execute=True):
        assert paket.bestall_uppfoljningspaket() == 1
    rad = Uppfoljningspaket.objects.get(mote=mote)
    text = _text(rad)
    # The document type is set in capitals by the style sheet.
    assert f"Uppföljningspaket inför {mote.titel}".upper() in text
    assert f"Samverkansinsatserna {ar}" in text
    assert "Planerade insatser 4" in text
    assert "Genomförda insatser 3" in text
    for insats in varld["insatser"]:
        assert insats.referens not in text
