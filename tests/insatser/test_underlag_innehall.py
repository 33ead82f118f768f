"""Briefing contents: each audience's PDF shows exactly what every one of its readers may see.

The leak tests read the PDFs with pdftotext (-raw: content order), so they check what a reader of
the file really gets; each secret in the world is a unique word. A first-page image of every
audience's PDF is kept under test-artifacts/underlag/ for review.
"""

import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import access
from insatser import services as insatstjanster
from insatser.access import BEMANNING_POLICY, INSATS_POLICY, Handling
from insatser.models import (
    Deltagande,
    Frislappning,
    Informationsunderlag,
    Kontroll,
    Malgrupp,
    Malgruppstyp,
)
from insatser.selectors import uppgifter_i_insats
from insatser.services.underlag import bygg_underlag, markera_inaktuella
from insatser.underlagsinnehall import underlagsinnehall
from karna.pdf import BAS_URL, hamtare, statisk_fil
from myndigheter.roles import Roll
from tests.insatser.underlagsvarld import (
    aktuella,
    bygg,
    malgrupper,
    nytt_objekt,
    org,
    pdftext,
    spara_sidbild,
    uppgift,
)

pytestmark = pytest.mark.django_db

HEMLIGHETER = {
    "samlingsplats": "Samlingsplatskajen",
    "skv_frislappt": "Skatteskuldfrisläppt",
    "av_egen": "Arbetsmiljöhemligheten",
    "mig_egen": "Migrationsegenuppgiften",
    "av_annan_insats": "Annaninsatsuppgiften",
    "petra": "Petra Polis",
    "city_anteckning": "Citynoteringen",
    "nils": "Nils Nordost",
    "nordost_anteckning": "Nordostnoteringen",
    "sakerhet": "Hundvarningen",
    "tidigare_insats": "TIDIGARE",
    "forbattring": "Tolkbehovet",
    "hemlig_insats": "HEMLIG",
}
# What each audience's briefing shows; every other secret must be absent.
SER = {
    "gemensam": {"samlingsplats", "skv_frislappt"},
    "akc": {"samlingsplats", "skv_frislappt", "sakerhet", "tidigare_insats", "forbattring"},
    "skv": {"samlingsplats", "skv_frislappt", "sakerhet", "tidigare_insats", "forbattring"},
    "av": {
        "samlingsplats",
        "skv_frislappt",
        "av_egen",
        "av_annan_insats",
        "sakerhet",
        "hemlig_insats",
    },
    "mig": {"samlingsplats", "skv_frislappt", "mig_egen"},
    "polis_city": {"samlingsplats", "skv_frislappt", "petra", "city_anteckning", "sakerhet"},
    "polis_nordost": {"samlingsplats", "skv_frislappt", "nils", "nordost_anteckning", "sakerhet"},
}


def test_audiences_follow_the_participants_and_staffing_requests(underlagsvarld):
    v = underlagsvarld
    forvantade = malgrupper(v)
    assert set(access.underlagets_malgrupper(v.egen)) == set(forvantade.values())
    # Tullverket declined and the police take part as police: neither has an agency briefing.


def test_each_audiences_pdf_shows_exactly_what_it_may_see(underlagsvarld):
    v = underlagsvarld
    assert bygg(v.egen) == "byggt"
    underlagen = aktuella(v.egen)
    for namn, malgrupp in malgrupper(v).items():
        underlag = underlagen[malgrupp]
        text = pdftext(underlag)
        spara_sidbild(underlag, namn)
        assert f"Målgrupp: {underlag.malgruppsnamn} · Version 1" in text, namn
        for hemlighet, ord_ in HEMLIGHETER.items():
            assert (ord_ in text) is (hemlighet in SER[namn]), f"{namn}: {hemlighet}"
        assert "Alfapizzerian AB" in text
        assert "Tillträdesgrunden SFL" in text
        assert "Gårdsten: Utsatt område (gäller" in text
        assert "Polisfunktionen City" in text, "the police contact function is for everyone"
        assert "Skatteverketbehovet" in text
        assert "Skatteskulder (obligatorisk)" in text, "the agency's checklist"
        assert f"Sida 1 av {underlag.sidantal}" in text


def test_own_unreleased_information_is_marked_as_the_agencys_own(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    text = pdftext(aktuella(v.egen)[malgrupper(v)["av"]])
    assert "Arbetsmiljöverket: egen uppgift, inte frisläppt – endast för Arbetsmiljöverket" in text
    assert "Skatteverket: frisläppt till insatsen med stöd av OSL 10 kap. 28 §" in text


def test_a_withdrawn_release_is_gone_after_the_rebuild(underlagsvarld):
    """About 5 s: the seven briefings are rendered twice as real PDFs and read back, before and
    after the withdrawal."""
    v = underlagsvarld
    bygg(v.egen)
    frislappning = Frislappning.objects.get(objektuppgift__organisation=org("skatteverket"))
    insatstjanster.aterkalla_frislappning(v.anvandare["skv"], frislappning, "Utredning pågår")
    assert not aktuella(v.egen), "stale at once: the old files are no longer downloadable"
    assert bygg(v.egen) == "byggt"
    underlagen = aktuella(v.egen)
    for namn, malgrupp in malgrupper(v).items():
        text = pdftext(underlagen[malgrupp])
        if namn == "skv":
            assert "Skatteverket: egen uppgift, inte frisläppt" in text
        else:
            assert "Skatteskuldfrisläppt" not in text, namn


def test_no_reader_gets_more_than_the_rules_give_them(underlagsvarld):
    """For every user and every briefing they may download: each part is in their own view."""
    v = underlagsvarld
    malgrupper_ = access.underlagets_malgrupper(v.egen)
    innehall = {m: underlagsinnehall(v.egen, m, lasare) for m, lasare in malgrupper_.items()}
    # Versions without files, only so that the download rule can be asked per audience.
    Informationsunderlag.objects.bulk_create(
        Informationsunderlag(
            insats=v.egen, **m.falt, version=1, fil="x.pdf", sidantal=1, kontrollsumma="x"
        )
        for m in malgrupper_
    )
    kontrollerat = 0
    for user in v.anvandare.values():
        for underlag in access.nedladdningsbara_underlag(user).filter(insats=v.egen):
            data = innehall[Malgrupp.av(underlag)]
            kontrollerat += 1
            egna_uppgifter = set(uppgifter_i_insats(user, v.egen).values_list("pk", flat=True))
            assert set(data["objektuppgifter"]) <= egna_uppgifter, (user, underlag)
            synliga = set(
                INSATS_POLICY.filtrera(user, Handling.SE_DETALJER).values_list(
                    "referens", flat=True
                )
            )
            for kontroll in data["kontroller"]:
                assert {t["referens"] for t in kontroll["tidigare"]} <= synliga, (user, underlag)
            if data["sakerhet"]["visas"]:
                assert INSATS_POLICY.tillater(user, Handling.SE_SAKERHET, v.egen)
            for begaran in data["polis"]["begaranden"]:
                sina = BEMANNING_POLICY.filtrera(user, Handling.SE).filter(
                    insats=v.egen, lpo__namn=begaran["lpo"]
                )
                assert sina.exists(), (user, underlag)
                if begaran["detaljer"]:
                    assert BEMANNING_POLICY.filtrera(user, Handling.SE_POLISDETALJER).filter(
                        insats=v.egen, lpo__namn=begaran["lpo"]
                    )
    assert kontrollerat == sum(len(n) for n in NEDLADDNINGAR.values())


# Which audiences' briefings each user of the world may download.
NEDLADDNINGAR = {
    "samordnare": {"gemensam", "akc"},
    "skv": {"gemensam", "skv"},
    "skv_kontakt": {"gemensam", "skv"},
    "av": {"gemensam", "av"},
    "mig": {"gemensam", "mig"},
    "tull": set(),  # declined
    "miljo": set(),
    "opsam_city": {"gemensam", "polis_city"},
    "opsam_nordost": {"gemensam", "polis_nordost"},
    # Named officers read their own LPO's police briefing, not the other LPO's.
    "petra": {"gemensam", "polis_city"},
    "nils": {"gemensam", "polis_nordost"},
    "polisledning": set(),
    "ledningsgrupp": set(),
    "api": set(),
}


def test_each_user_may_download_exactly_their_audiences(underlagsvarld):
    v = underlagsvarld
    malgrupper_ = malgrupper(v)
    Informationsunderlag.objects.bulk_create(
        Informationsunderlag(
            insats=v.egen, **m.falt, version=1, fil="x.pdf", sidantal=1, kontrollsumma="x"
        )
        for m in malgrupper_.values()
    )
    namn = {m: n for n, m in malgrupper_.items()}
    for vem, forvantat in NEDLADDNINGAR.items():
        far = access.nedladdningsbara_underlag(v.anvandare[vem])
        assert {namn[Malgrupp.av(u)] for u in far} == forvantat, vem


def test_every_relation_that_lets_read_released_information_has_a_reader_kind():
    """A briefing holds the information released to the operation, so its readers are those who
    may read that (``se_frislappt``). A new rule granting it to another role or relation must also
    get readers in underlagets_malgrupper; otherwise a joint briefing could show such a reader too
    much. (Co-planning partners see the details but not what was released: no briefing.)"""
    ger_detaljer = {
        (regel.roll, regel.relation)
        for regel in INSATS_POLICY.regler
        if Handling.SE_FRISLAPPT in regel.handlingar
    }
    assert ger_detaljer == {
        (Roll.SAMORDNARE, "samordnande_organisation"),
        (Roll.SAMORDNARE, "ej_avbojt_deltagande"),
        (Roll.HANDLAGGARE, "ej_avbojt_deltagande"),
        (Roll.MYNDIGHETSKONTAKT, "ej_avbojt_deltagande"),
        (Roll.OPERATIV_SAMORDNARE, "begaran_i_lpo"),
        (Roll.INSATSPOLIS, "tilldelad"),
    }
    assert set(access.LASARROLLER[Malgruppstyp.GEMENSAM]) == {roll for roll, _ in ger_detaljer}


def test_the_area_classification_is_the_one_valid_on_the_operations_date(underlagsvarld):
    v = underlagsvarld
    malgrupp, lasare = next(iter(access.underlagets_malgrupper(v.egen).items()))
    v.egen.start = v.egen.start.replace(year=2020)
    v.egen.slut = v.egen.slut.replace(year=2020)
    v.egen.save()
    alfa = underlagsinnehall(v.egen, malgrupp, lasare)["kontroller"][0]["objekt"]
    # Gårdsten: risk area in the 2019 assessment, vulnerable area from 2021 (Tablå 3).
    assert (alfa["omrade"], alfa["omradesklass"], alfa["omradesar"]) == (
        "Gårdsten",
        "Riskområde",
        2020,
    )


def test_reading_the_content_takes_the_same_queries_for_few_and_many_objects(underlagsvarld):
    v = underlagsvarld
    malgrupper_ = access.underlagets_malgrupper(v.egen)

    def fragor():
        with CaptureQueriesContext(connection) as ctx:
            for malgrupp, lasare in malgrupper_.items():
                underlagsinnehall(v.egen, malgrupp, lasare)
        return len(ctx)

    fore = fragor()
    for nummer in range(8):
        objekt = nytt_objekt(f"U-N{nummer}", f"Nyobjekt{nummer} AB")
        Kontroll.objects.create(insats=v.egen, objekt=objekt, ordning=10 + nummer)
        uppgift(objekt, "skatteverket", {"skulder": "Nej"}, v.egen, v.anvandare["skv"])
        Kontroll.objects.create(insats=v.tidigare, objekt=objekt)
    assert fragor() == fore


def test_a_briefing_over_the_page_cap_is_refused_not_written(underlagsvarld, settings):
    v = underlagsvarld
    settings.UNDERLAG_MAX_SIDOR = 1
    assert bygg(v.egen) == "misslyckat"
    assert not Informationsunderlag.objects.exists()
    assert "ForStortDokument" in v.egen.underlagsbygge.fel


def test_the_pdf_is_tagged_a4_with_a_title(underlagsvarld):
    v = underlagsvarld
    bygg(v.egen)
    underlag = aktuella(v.egen)[malgrupper(v)["gemensam"]]
    with underlag.fil.open("rb") as fil:
        info = subprocess.run(
            ["pdfinfo", "-"], input=fil.read(), capture_output=True, check=True
        ).stdout.decode()
    falt = dict(rad.split(":", 1) for rad in info.splitlines() if ":" in rad)
    assert falt["Tagged"].strip() == "yes"
    assert falt["Pages"].strip() == str(underlag.sidantal)
    assert "A4" in falt["Page size"]
    assert falt["Title"].strip() == "Informationsunderlag EGEN – Gemensamt underlag"
    # Footer and watermark on every page name the audience.
    text = pdftext(underlag)
    assert text.count("Målgrupp: Gemensamt underlag · Version 1") == underlag.sidantal + 1
    # The rotated watermark comes out letter-spaced, so count without spaces.
    assert text.replace(" ", "").count("Gemensamtunderlag") == 2 * underlag.sidantal + 1


def test_the_fetcher_serves_our_static_files_and_refuses_everything_else():
    emblem = statisk_fil(f"{BAS_URL}static/img/emblem.svg")
    assert emblem is not None
    assert emblem.endswith("static/img/emblem.svg")
    svar = hamtare().fetch(f"{BAS_URL}static/css/underlag.css")
    assert b"@page" in svar.read()
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/static/img/emblem.svg",
        "file:///etc/passwd",
        f"{BAS_URL}static/../../../../etc/passwd",
        f"{BAS_URL}static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{BAS_URL}media/underlag/1/x.pdf",
        "data:image/svg+xml,<svg/>",
        f"{BAS_URL}static/finns-inte.png",
    ]:
        assert statisk_fil(url) is None, url
        with pytest.raises(ValueError, match="refused"):
            hamtare().fetch(url)


def test_the_fetcher_finds_the_hashed_copies_production_links_to(settings, tmp_path):
    """With DEBUG off the templates name collected copies with a hash in the name
    (``underlag.<hash>.css``), which are not among the sources."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    hashad = staticfiles_storage.url("css/underlag.css")
    assert hashad != "/static/css/underlag.css"
    assert b"@page" in hamtare().fetch(f"{BAS_URL}{hashad.lstrip('/')}").read()
    assert statisk_fil(f"{BAS_URL}static/../{tmp_path.name}/staticfiles.json") is None


def test_a_coming_operation_without_agencies_still_has_a_joint_briefing(underlagsvarld):
    v = underlagsvarld
    Deltagande.objects.filter(insats=v.annan).exclude(organisation__kod="akc-vast").delete()
    malgrupper_ = access.underlagets_malgrupper(v.annan)
    assert {m.typ for m in malgrupper_} == {Malgruppstyp.GEMENSAM, Malgruppstyp.MYNDIGHET}
    markera_inaktuella([v.annan.pk])
    assert bygg_underlag(v.annan.pk, v.annan.underlagsbygge.nummer, "t", 180) == "byggt"
    assert Informationsunderlag.objects.filter(insats=v.annan).count() == 2
