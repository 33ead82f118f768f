"""Briefing pages: the operation's section, the logged download, the week's batch and its ZIP,
and the safety note on the operation page."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.models import Informationsunderlag, Insats, Insatshandelse, Underlagsbygge
from insatser.services.underlag import markera_inaktuella
from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from objekt.models import Objektuppgift
from tests.insatser.underlagsvarld import delta, malgrupper, ny_insats, ny_version, org

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("snabb_pdf")]
Status = Informationsunderlag.Status
LADDA_NED = Atkomstlogg.Handling.LADDA_NED


@pytest.fixture
def versioner(underlagsvarld):
    """A current version per audience of EGEN; the joint one discloses Skatteverket's block."""
    v = underlagsvarld
    frislappt = Objektuppgift.objects.get(organisation__kod="skatteverket")
    return {
        namn: ny_version(v.egen, m, uppgifter=[frislappt] if namn == "gemensam" else [])
        for namn, m in malgrupper(v).items()
    }


def _hamta(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


def test_the_section_lists_the_users_briefings_with_version_and_checksum(
    client, underlagsvarld, versioner
):
    v = underlagsvarld
    text = _hamta(client, v.anvandare["samordnare"], f"/insatser/{v.egen.pk}/").content.decode()
    assert 'id="underlag"' in text
    for namn in ("gemensam", "akc"):
        underlag = versioner[namn]
        assert f'href="/underlag/{underlag.pk}/pdf/"' in text
        assert underlag.kontrollsumma in text
    for namn in ("skv", "av", "mig", "polis_city", "polis_nordost"):
        assert f"/underlag/{versioner[namn].pk}/pdf/" not in text
    assert "Ladda ned underlaget för Gemensamt underlag, version 1 (PDF)" in text
    assert "Bygg underlagen på nytt" in text


def test_those_without_the_details_get_no_section_and_no_sign_of_one(
    client, underlagsvarld, versioner
):
    v = underlagsvarld
    svar = _hamta(client, v.anvandare["api"], f"/insatser/{v.egen.pk}/")
    assert svar.status_code == 200
    assert 'id="underlag"' not in svar.content.decode()
    for vem in ("api", "polisledning", "miljo"):
        sektion = _hamta(client, v.anvandare[vem], f"/insatser/{v.egen.pk}/underlag/")
        assert sektion.status_code == 404, vem


def test_a_pending_build_polls_with_htmx_and_offers_a_reload_link(
    client, underlagsvarld, versioner
):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    svar = _hamta(
        client, v.anvandare["skv"], f"/insatser/{v.egen.pk}/underlag/", HTTP_HX_REQUEST="true"
    )
    text = svar.content.decode()
    assert "<html" not in text, "htmx gets the partial"
    assert f'hx-get="/insatser/{v.egen.pk}/underlag/"' in text
    assert 'hx-trigger="every 3s"' in text
    assert f'href="/insatser/{v.egen.pk}/#underlag"' in text
    assert "/pdf/" not in text, "a stale version has no download link"
    assert "Inaktuell, byggs om" in text
    helsida = _hamta(client, v.anvandare["skv"], f"/insatser/{v.egen.pk}/underlag/")
    assert "<html" in helsida.content.decode(), "without JavaScript: a whole page"
    Underlagsbygge.objects.filter(insats=v.egen).update(status=Underlagsbygge.Status.KLAR)
    Informationsunderlag.objects.update(status=Status.AKTUELL)
    klar = _hamta(
        client, v.anvandare["skv"], f"/insatser/{v.egen.pk}/underlag/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in klar, "polling stops once the build is done"


def test_a_failed_build_says_so(client, underlagsvarld, versioner):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    Underlagsbygge.objects.update(status=Underlagsbygge.Status.MISSLYCKAD, fel="RuntimeError: x")
    text = _hamta(client, v.anvandare["samordnare"], f"/insatser/{v.egen.pk}/").content.decode()
    assert "Det senaste bygget av underlagen misslyckades." in text
    assert "RuntimeError" not in text, "technical detail stays in the admin"


@pytest.mark.parametrize(
    ("vem", "malgrupp", "status"),
    [
        ("samordnare", "gemensam", 200),
        ("samordnare", "akc", 200),
        ("samordnare", "skv", 404),
        ("samordnare", "polis_city", 404),
        ("skv", "skv", 200),
        ("skv_kontakt", "skv", 200),
        ("skv", "av", 404),
        ("av", "av", 200),
        ("mig", "mig", 200),
        ("tull", "gemensam", 404),  # declined: out of the operation
        ("tull", "skv", 404),
        ("opsam_city", "polis_city", 200),
        ("opsam_city", "polis_nordost", 404),
        ("opsam_nordost", "polis_nordost", 200),
        ("petra", "gemensam", 200),
        ("petra", "polis_city", 200),  # named in City's staffing: City's police briefing
        ("petra", "polis_nordost", 404),
        ("nils", "polis_nordost", 200),
        ("nils", "polis_city", 404),
        ("polisledning", "polis_city", 404),
        ("polisledning", "gemensam", 404),
        ("miljo", "gemensam", 404),
        ("ledningsgrupp", "gemensam", 404),
        ("api", "skv", 404),
    ],
)
def test_download_access_for_every_role(client, underlagsvarld, versioner, vem, malgrupp, status):
    v = underlagsvarld
    underlag = versioner[malgrupp]
    svar = _hamta(client, v.anvandare[vem], f"/underlag/{underlag.pk}/pdf/")
    assert svar.status_code == status
    loggat = Atkomstlogg.objects.filter(handling=LADDA_NED, objekt_id=str(underlag.pk))
    if status == 200:
        assert svar["Content-Type"] == "application/pdf"
        assert {"no-store", "private"} <= {d.strip() for d in svar["Cache-Control"].split(",")}
        assert b"".join(svar.streaming_content).startswith(b"%PDF")
        assert loggat.get().anvandarnamn == v.anvandare[vem].username
    else:
        assert not loggat.exists()


def test_a_download_is_logged_with_its_purpose_and_the_information_it_discloses(
    client, underlagsvarld, versioner
):
    v = underlagsvarld
    underlag = versioner["gemensam"]
    svar = _hamta(
        client, v.anvandare["av"], f"/underlag/{underlag.pk}/pdf/", HTTP_X_REQUEST_ID="req-1"
    )
    assert svar["Content-Disposition"] == (
        'attachment; filename="Informationsunderlag-EGEN-gemensamt-underlag-v1.pdf"'
    )
    rader = Atkomstlogg.objects.filter(handling=LADDA_NED).order_by("objekttyp")
    assert [(r.objekttyp, r.anvandarnamn, r.organisation, r.request_id) for r in rader] == [
        ("insatser.informationsunderlag", "av", "av", "req-1"),
        ("objekt.objektuppgift", "av", "av", "req-1"),
    ]
    assert {r.syfte for r in rader} == {"EGEN: Förberedelse inför insatsen: informationsunderlag"}


@pytest.mark.parametrize("status", [Status.INAKTUELL, Status.OGILTIG])
def test_only_the_current_version_can_be_downloaded(client, underlagsvarld, versioner, status):
    v = underlagsvarld
    underlag = versioner["skv"]
    Informationsunderlag.objects.filter(pk=underlag.pk).update(status=status)
    svar = _hamta(client, v.anvandare["skv"], f"/underlag/{underlag.pk}/pdf/")
    assert svar.status_code == 302
    assert svar["Location"] == f"/insatser/{v.egen.pk}/#underlag"
    meddelande = client.get(svar["Location"]).content.decode()
    assert "Underlaget har ändrats och byggs om." in meddelande
    assert not Atkomstlogg.objects.filter(handling=LADDA_NED).exists()


@pytest.mark.parametrize("pk", ["999999999", "0"])
def test_an_unknown_briefing_is_not_found(client, underlagsvarld, pk):
    assert (
        _hamta(client, underlagsvarld.anvandare["skv"], f"/underlag/{pk}/pdf/").status_code == 404
    )


def test_the_operation_page_takes_the_same_queries_with_one_or_many_versions(
    client, underlagsvarld
):
    v = underlagsvarld
    malgrupp = malgrupper(v)["gemensam"]
    ny_version(v.egen, malgrupp, version=1)
    client.force_login(v.anvandare["samordnare"])
    client.get(f"/insatser/{v.egen.pk}/")
    with CaptureQueriesContext(connection) as fore:
        client.get(f"/insatser/{v.egen.pk}/")
    Informationsunderlag.objects.update(status=Status.OGILTIG)
    for version in range(2, 12):
        ny_version(v.egen, malgrupp, version=version, status=Status.OGILTIG)
    Informationsunderlag.objects.filter(version=11).update(status=Status.AKTUELL)
    ny_version(v.egen, malgrupper(v)["akc"])
    markera_inaktuella([v.egen.pk])
    with CaptureQueriesContext(connection) as efter:
        text = client.get(f"/insatser/{v.egen.pk}/").content.decode()
    assert "version 11" not in text, "stale now"
    assert ">11<" in text
    assert len(efter) == len(fore)


def _veckans_insatser(v, antal):
    insatser = []
    for nummer in range(antal):
        insats = ny_insats(f"V{nummer}", dagar=1 + nummer % 6)
        delta(insats, "akc-vast")
        for namn in ("gemensam", "akc", "skv"):
            ny_version(insats, malgrupper(v)[namn])
        insatser.append(insats)
    return insatser


def test_the_weeks_batch_lists_the_coordinated_operations_in_the_next_seven_days(
    client, underlagsvarld
):
    v = underlagsvarld
    (vecka,) = _veckans_insatser(v, 1)
    senare = ny_insats("SENARE", dagar=8)
    annans = ny_insats("ANNANS", samordnare="miljoforvaltningen", dagar=2)
    ny_version(annans, malgrupper(v)["gemensam"])
    text = _hamta(client, v.anvandare["samordnare"], "/underlag/nasta-vecka/").content.decode()
    for insats in (vecka, v.egen):
        assert f"{insats.referens} {insats.titel}" in text
    for insats in (senare, annans, v.annan):
        assert f">{insats.referens} " not in text
    gemensam = vecka.informationsunderlag.get(malgrupp="GEMENSAM")
    skv = vecka.informationsunderlag.get(organisation__kod="skatteverket")
    assert f"/underlag/{gemensam.pk}/pdf/" in text
    assert f"/underlag/{skv.pk}/pdf/" not in text, "another agency's briefing"
    assert "Ladda ned alla 2 aktuella underlag som en ZIP-fil" in text


def test_the_weeks_batch_takes_the_same_queries_for_few_and_many_briefings(client, underlagsvarld):
    v = underlagsvarld
    _veckans_insatser(v, 1)
    client.force_login(v.anvandare["samordnare"])
    client.get("/underlag/nasta-vecka/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/underlag/nasta-vecka/")
    _veckans_insatser_fler = [ny_insats(f"W{n}", dagar=2) for n in range(6)]
    for insats in _veckans_insatser_fler:
        for namn in ("gemensam", "akc"):
            ny_version(insats, malgrupper(v)[namn])
        markera_inaktuella([insats.pk])
    with CaptureQueriesContext(connection) as efter:
        svar = client.get("/underlag/nasta-vecka/")
    assert len(svar.context["insatser"]) == 8
    assert len(efter) == len(fore)


@pytest.mark.parametrize("vem", ["skv", "opsam_city", "polisledning", "ledningsgrupp", "api"])
def test_the_weeks_batch_is_for_coordinators(client, underlagsvarld, vem):
    for url in ("/underlag/nasta-vecka/", "/underlag/nasta-vecka/zip/"):
        assert _hamta(client, underlagsvarld.anvandare[vem], url).status_code == 403


def test_the_zip_holds_every_current_briefing_and_logs_each(client, underlagsvarld, versioner):
    v = underlagsvarld
    (vecka,) = _veckans_insatser(v, 1)
    Informationsunderlag.objects.filter(insats=vecka, malgrupp="MYNDIGHET").update(
        status=Status.INAKTUELL
    )
    svar = _hamta(client, v.anvandare["samordnare"], "/underlag/nasta-vecka/zip/")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/zip"
    arkiv = zipfile.ZipFile(io.BytesIO(b"".join(svar.streaming_content)))
    assert sorted(arkiv.namelist()) == [
        "EGEN/Informationsunderlag-EGEN-center-mot-arbetslivskriminalitet-i-vast-v1.pdf",
        "EGEN/Informationsunderlag-EGEN-gemensamt-underlag-v1.pdf",
        "V0/Informationsunderlag-V0-gemensamt-underlag-v1.pdf",
    ]
    assert arkiv.read("EGEN/Informationsunderlag-EGEN-gemensamt-underlag-v1.pdf").startswith(
        b"%PDF"
    )
    loggade = Atkomstlogg.objects.filter(handling=LADDA_NED)
    assert sorted(loggade.values_list("objekttyp", flat=True)) == [
        "insatser.informationsunderlag",
        "insatser.informationsunderlag",
        "insatser.informationsunderlag",
        "objekt.objektuppgift",
    ]


def test_no_current_briefing_means_no_zip(client, underlagsvarld):
    svar = _hamta(client, underlagsvarld.anvandare["samordnare"], "/underlag/nasta-vecka/zip/")
    assert svar.status_code == 302
    assert svar["Location"] == "/underlag/nasta-vecka/"
    assert "Det finns inga aktuella underlag" in client.get(svar["Location"]).content.decode()
    assert not Atkomstlogg.objects.exists()


def test_the_coordinator_asks_for_a_rebuild(client, underlagsvarld, versioner):
    v = underlagsvarld
    client.force_login(v.anvandare["skv"])
    assert client.post(f"/insatser/{v.egen.pk}/underlag/bygg/").status_code == 403
    client.force_login(v.anvandare["samordnare"])
    svar = client.post(f"/insatser/{v.egen.pk}/underlag/bygg/")
    assert svar["Location"] == f"/insatser/{v.egen.pk}/#underlag"
    assert Underlagsbygge.objects.get(insats=v.egen).status == Underlagsbygge.Status.VANTAR
    assert Insatshandelse.objects.filter(insats=v.egen, typ="underlag_begarda").exists()


def test_the_safety_note_is_shown_to_those_taking_part_only(client, underlagsvarld):
    v = underlagsvarld
    for vem, ser in [
        ("samordnare", True),
        ("skv", True),
        ("opsam_city", True),
        ("petra", True),
        ("mig", False),  # invited, has not accepted
        ("tull", False),  # declined
        ("polisledning", False),
    ]:
        text = _hamta(client, v.anvandare[vem], f"/insatser/{v.egen.pk}/").content.decode()
        assert ("Hundvarningen" in text) is ser, vem
    text = _hamta(client, v.anvandare["skv"], f"/insatser/{v.egen.pk}/").content.decode()
    assert 'name="sakerhetsanteckning"' not in text, "only the coordinator edits it"


def test_the_coordinator_edits_the_safety_note_without_it_reaching_the_timeline(
    client, underlagsvarld
):
    v = underlagsvarld
    client.force_login(v.anvandare["samordnare"])
    sida = client.get(f"/insatser/{v.egen.pk}/").content.decode()
    assert 'name="sakerhetsanteckning"' in sida
    assert "Skriv inte underrättelseuppgifter" in sida
    svar = client.post(
        f"/insatser/{v.egen.pk}/sakerhet/",
        {"sakerhetsanteckning": "  Aggressiv hund  ", "version": v.egen.version},
    )
    assert svar.status_code == 302
    v.egen.refresh_from_db()
    assert (v.egen.sakerhetsanteckning, v.egen.version) == ("Aggressiv hund", 2)
    handelse = Insatshandelse.objects.get(insats=v.egen, typ="sakerhetsanteckning_andrad")
    assert "hund" not in handelse.text.lower()


@pytest.mark.parametrize(
    ("data", "meddelande"),
    [
        ({"sakerhetsanteckning": "Ny", "version": 99}, "Insatsen har ändrats av någon annan"),
        ({"sakerhetsanteckning": "x" * 2001, "version": 1}, "som mest 2000 tecken"),
        ({"sakerhetsanteckning": "Ny", "version": "inte-ett-tal"}, "Formuläret är inaktuellt"),
    ],
)
def test_a_refused_safety_note_changes_nothing(client, underlagsvarld, data, meddelande):
    v = underlagsvarld
    client.force_login(v.anvandare["samordnare"])
    svar = client.post(f"/insatser/{v.egen.pk}/sakerhet/", data, follow=True)
    assert meddelande in svar.content.decode()
    v.egen.refresh_from_db()
    assert (v.egen.sakerhetsanteckning, v.egen.version) == ("Hundvarningen", 1)
    assert not Underlagsbygge.objects.exists()


def test_only_the_coordinator_may_edit_the_safety_note(client, underlagsvarld):
    v = underlagsvarld
    for vem, status in [("skv", 403), ("opsam_city", 403), ("miljo", 404)]:
        client.force_login(v.anvandare[vem])
        svar = client.post(
            f"/insatser/{v.egen.pk}/sakerhet/", {"sakerhetsanteckning": "X", "version": 1}
        )
        assert svar.status_code == status, vem
    v.egen.refresh_from_db()
    assert v.egen.sakerhetsanteckning == "Hundvarningen"


def test_the_new_pages_have_no_inline_script_style_or_handlers(client, underlagsvarld, versioner):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    client.force_login(v.anvandare["samordnare"])
    for url in (
        f"/insatser/{v.egen.pk}/",
        f"/insatser/{v.egen.pk}/underlag/",
        "/underlag/nasta-vecka/",
    ):
        text = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), url
        assert not re.search(r"\sstyle=", text), url
        assert not re.search(r"\son[a-z]+=", text), url
        assert "<th>" not in text, "every header cell has a scope"


def test_time_window_boundary_of_the_batch(client, underlagsvarld):
    v = underlagsvarld
    precis = ny_insats("PRECIS", dagar=0)
    precis.start = timezone.now() + timedelta(days=7, minutes=-5)
    precis.slut = precis.start + timedelta(hours=1)
    precis.save()
    text = _hamta(client, v.anvandare["samordnare"], "/underlag/nasta-vecka/").content.decode()
    assert "PRECIS Titel PRECIS" in text


def test_administrators_read_why_a_build_failed_and_change_nothing(
    client, underlagsvarld, skapa_anvandare
):
    v = underlagsvarld
    markera_inaktuella([v.egen.pk])
    Underlagsbygge.objects.update(status=Underlagsbygge.Status.MISSLYCKAD, fel="RuntimeError: x")
    client.force_login(skapa_anvandare("adm", Roll.ADMIN, "akc-vast"))
    bygge = Underlagsbygge.objects.get(insats=v.egen)
    text = client.get(f"/admin/insatser/underlagsbygge/{bygge.pk}/change/").content.decode()
    assert "RuntimeError: x" in text
    assert "Titel EGEN" not in text
    assert client.get("/admin/insatser/underlagsbygge/add/").status_code == 403
    assert client.post(f"/admin/insatser/underlagsbygge/{bygge.pk}/delete/").status_code == 403


def test_a_co_planning_partner_sees_the_operation_but_no_briefing(
    client, underlagsvarld, versioner, skapa_anvandare
):
    """Partners in a co-planned group see each other's operations but not the agency
    information released to one of them, which every briefing holds."""
    from insatser.models import Insatsgrupp

    v = underlagsvarld
    partner = skapa_anvandare("partner", Roll.SAMORDNARE, "norrkopings-kommun")
    grupp = Insatsgrupp.objects.create(
        namn="Samplanerad",
        fonster_start=v.egen.start,
        fonster_slut=v.egen.slut,
        agare=org("akc-vast"),
    )
    grupp.organisationer.add(org("akc-vast"), org("norrkopings-kommun"))
    Insats.objects.filter(pk=v.egen.pk).update(insatsgrupp=grupp)
    text = _hamta(client, partner, f"/insatser/{v.egen.pk}/").content.decode()
    assert "Samlingsplatskajen" in text
    for underlag in versioner.values():
        assert f"/underlag/{underlag.pk}/pdf/" not in text
        assert client.get(f"/underlag/{underlag.pk}/pdf/").status_code == 404
