"""The evaluation report: one PDF per participating organisation, showing each organisation only
the outcomes, agency evaluations and feedback all its readers may see, built by Celery on request
and when the joint evaluation closes, stale after a later change, downloaded by the
organisation's own people with an access-log row.

One test reads real PDFs back with pdftotext; the others stand in for the layout (``snabb_pdf``).
"""

import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from karna.models import Atkomstlogg
from karna.uppgifter import DiskenFull
from tests.fabriker import org
from utvardering import services, services_utfall
from utvardering.models import (
    Betyg,
    Myndighetsutvardering,
    Rapportbygge,
    Resultattyp,
    Utfall,
    Utvarderingsrapport,
)
from utvardering.services import rapport

pytestmark = pytest.mark.django_db

EGEN, DELTAGARE, AGGREGAT = Utfall.Synlighet.values
Status = Utvarderingsrapport.Status


@pytest.fixture
def rapportvarld(utfallsvarld):
    v = utfallsvarld
    v["utvardering"] = services.oppna_utvardering(v["insats"])
    return v


def _utfall(v, vem, kod, synlighet, **varde):
    return services_utfall.registrera_utfall(
        v[vem],
        v["insats"],
        typ=Resultattyp.objects.get(kod=kod),
        beslutsdatum=timezone.localdate(),
        synlighet=synlighet,
        **varde,
    )


def _lamna_in(v, vem, organisation, fritext=""):
    rad = v["utvardering"].myndighetsutvarderingar.get(organisation=org(organisation))
    services.spara_myndighetsutvardering(
        v[vem],
        rad,
        {
            **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, Betyg.S),
            "timmar_fore": Decimal("3"),
            "timmar_under": Decimal("8"),
            "timmar_efter": Decimal("1.5"),
            "fritext": fritext,
        },
        version=rad.version,
        lamna_in=True,
    )


def _bestall(v, fanga, vem="sam"):
    with fanga(execute=True):
        return rapport.bestall_utvarderingsrapport(v[vem], v["utvardering"])


def _rapporter(v) -> dict[str, Utvarderingsrapport]:
    return {
        r.organisation.kod: r
        for r in Utvarderingsrapport.objects.filter(
            utvardering=v["utvardering"], status=Status.AKTUELL
        ).select_related("organisation")
    }


def _text(rapport_: Utvarderingsrapport) -> str:
    with rapport_.fil.open("rb") as fil:
        innehall = fil.read()
    resultat = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=innehall,
        capture_output=True,
        check=True,
    )
    return " ".join(resultat.stdout.decode().split())


def test_each_organisation_reads_what_it_may_see_and_no_author_is_named(
    rapportvarld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    """Slow (about 10 s): four real PDFs, one per organisation, read back with pdftotext."""
    v = rapportvarld
    _utfall(v, "skv", "beslag", EGEN, antal=Decimal("7"), enhet="Egenenheten")
    _utfall(v, "skv", "skattetillagg", DELTAGARE, belopp=Decimal("148000"))
    _utfall(v, "av", "sanktionsavgift", AGGREGAT, belopp=Decimal("4711"))
    services_utfall.ge_aterkoppling(
        v["av"], v["insats"], betyg=2, kommentar="Anonymkommentaren", anonym=True, version=0
    )
    services_utfall.ge_aterkoppling(
        v["skv"], v["insats"], betyg=4, kommentar="Namnkommentaren", version=0
    )
    _lamna_in(v, "skv", "skatteverket", fritext="Skvfritexten")
    _bestall(v, django_capture_on_commit_callbacks)

    rapporter = _rapporter(v)
    assert set(rapporter) == {"akc-vast", "skatteverket", "av", "polisen"}
    text = {kod: _text(r) for kod, r in rapporter.items()}
    for kod, innehall in text.items():
        assert v["insats"].referens in innehall, kod
        assert "Anonymkommentaren" in innehall, kod
        assert "Namnkommentaren" in innehall, kod
        assert "Medelbetyg 3 av 5 från 2 återkopplingar." in innehall, kod
        assert "Testsson" not in innehall, f"{kod} names an author"
        assert "Skattetillägg" in innehall, f"{kod}: shared with the participants"
    # Skatteverket's own outcome: only in its own report, not even in the coordinator's.
    assert [kod for kod in text if "Egenenheten" in text[kod]] == ["skatteverket"]
    # Arbetsmiljöverket's outcome for the sums: in detail to itself, to the others as a sum.
    assert "Sanktionsavgift" in text["av"]
    for kod in ("akc-vast", "skatteverket", "polisen"):
        assert "Sanktionsavgift" not in text[kod], kod
        assert "Därtill 1 utfall som bara redovisas i sammanställningar" in text[kod], kod
    assert "Därtill" not in text["av"]
    # Skatteverket's evaluation: read by itself and the coordinator, not by the other agencies.
    assert [kod for kod in sorted(text) if "Skvfritexten" in text[kod]] == [
        "akc-vast",
        "skatteverket",
    ]
    assert "Summa (1 inlämnad utvärdering) 3 8 1,5" in text["av"]
    assert rapporter["skatteverket"].sidantal >= 1
    assert rapporter["skatteverket"].utfall_ids == sorted(
        Utfall.objects.filter(organisation=org("skatteverket")).values_list("pk", flat=True)
    )


@pytest.mark.usefixtures("snabb_pdf")
def test_the_build_is_idempotent(rapportvarld, django_capture_on_commit_callbacks):
    v = rapportvarld
    with mock.patch("utvardering.tasks.bygg_utvarderingsrapport.apply_async") as koa:
        bygge = _bestall(v, django_capture_on_commit_callbacks)
    assert koa.call_args.kwargs == {"args": [v["utvardering"].pk, bygge.nummer]}
    assert rapport.bygg_utvarderingsrapport(v["utvardering"].pk, bygge.nummer) == "byggt"
    forsta = {r.pk: r.kontrollsumma for r in Utvarderingsrapport.objects.all()}
    assert len(forsta) == 4
    assert rapport.bygg_utvarderingsrapport(v["utvardering"].pk, bygge.nummer) == "redan klart"
    assert rapport.bygg_utvarderingsrapport(v["utvardering"].pk, bygge.nummer - 1) == "ersatt"
    # A new request with nothing changed confirms the versions and writes nothing.
    with mock.patch("utvardering.tasks.bygg_utvarderingsrapport.apply_async"):
        bygge = _bestall(v, django_capture_on_commit_callbacks)
    assert rapport.bygg_utvarderingsrapport(v["utvardering"].pk, bygge.nummer) == "byggt"
    assert {r.pk: r.kontrollsumma for r in Utvarderingsrapport.objects.all()} == forsta
    assert Rapportbygge.objects.get().status == Rapportbygge.Status.KLAR


@pytest.mark.usefixtures("snabb_pdf")
def test_a_late_outcome_marks_the_reports_stale_and_its_agency_gets_a_new_version(
    rapportvarld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    v = rapportvarld
    _bestall(v, django_capture_on_commit_callbacks)
    with (
        mock.patch("utvardering.tasks.bygg_utvarderingsrapport.apply_async") as koa,
        django_capture_on_commit_callbacks(execute=True),
    ):
        utfall = _utfall(v, "skv", "forbud", EGEN, antal=Decimal("1"))
    assert not Utvarderingsrapport.objects.filter(status=Status.AKTUELL).exists()
    bygge = Rapportbygge.objects.get()
    assert bygge.status == Rapportbygge.Status.VANTAR
    assert koa.call_args.kwargs == {"args": [v["utvardering"].pk, bygge.nummer]}

    assert rapport.bygg_utvarderingsrapport(v["utvardering"].pk, bygge.nummer) == "byggt"
    rader = Utvarderingsrapport.objects.filter(organisation=org("skatteverket"))
    assert dict(rader.values_list("version", "status")) == {1: Status.OGILTIG, 2: Status.AKTUELL}
    assert rader.get(version=2).utfall_ids == [utfall.pk]
    # The others' reports do not show the outcome: the same version, current again.
    assert dict(
        Utvarderingsrapport.objects.exclude(organisation=org("skatteverket")).values_list(
            "organisation__kod", "version"
        )
    ) == {"akc-vast": 1, "av": 1, "polisen": 1}
    assert not Utvarderingsrapport.objects.exclude(organisation=org("skatteverket")).exclude(
        status=Status.AKTUELL
    )


@pytest.mark.usefixtures("snabb_pdf")
def test_closing_the_joint_evaluation_builds_the_reports(
    rapportvarld, uppgifter_i_processen, django_capture_on_commit_callbacks
):
    v = rapportvarld
    utvardering = v["utvardering"]
    with django_capture_on_commit_callbacks(execute=True):
        services.avsluta_utvardering(
            v["sam"],
            utvardering,
            sammanfattning="Avslutningstexten",
            skal_for_saknade="Ingen hann.",
            version=utvardering.version,
        )
    assert set(_rapporter(v)) == {"akc-vast", "skatteverket", "av", "polisen"}
    assert Rapportbygge.objects.get().nummer == 1


@pytest.mark.usefixtures("snabb_pdf")
def test_download_is_for_the_organisations_own_people_and_logged(
    rapportvarld, uppgifter_i_processen, django_capture_on_commit_callbacks, client
):
    v = rapportvarld
    utfall = _utfall(v, "skv", "skattetillagg", DELTAGARE, belopp=Decimal("1000"))
    _bestall(v, django_capture_on_commit_callbacks)
    rapporter = _rapporter(v)
    skv = rapporter["skatteverket"]
    url = reverse("ladda_ned_utvarderingsrapport", args=[skv.pk])

    client.force_login(v["skv_kontakt"])
    svar = client.get(url)
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert b"".join(svar.streaming_content).startswith(b"%PDF")
    loggade = set(
        Atkomstlogg.objects.filter(anvandare_id=v["skv_kontakt"].pk).values_list(
            "objekttyp", "objekt_id", "handling"
        )
    )
    assert loggade == {
        ("utvardering.utvarderingsrapport", str(skv.pk), Atkomstlogg.Handling.LADDA_NED),
        ("utvardering.utfall", str(utfall.pk), Atkomstlogg.Handling.LADDA_NED),
    }
    # Another organisation's version does not exist for the reader, nor for an outsider.
    for vem in ("av", "sam", "opsam", "mig", "sam_miljo", "polisledning"):
        client.force_login(v[vem])
        assert client.get(url).status_code == 404, vem
    # The officer's own organisation's report is theirs; the coordinator gets its own.
    client.force_login(v["sam"])
    sida = client.get(reverse("insats_utvardering", args=[v["insats"].pk]))
    assert reverse("ladda_ned_utvarderingsrapport", args=[rapporter["akc-vast"].pk]) in (
        sida.content.decode()
    )
    # A stale version is refused with a message, back on the evaluation page.
    Utvarderingsrapport.objects.filter(pk=skv.pk).update(status=Status.INAKTUELL)
    client.force_login(v["skv"])
    svar = client.get(url)
    assert svar.status_code == 302
    assert svar["Location"].endswith(
        reverse("insats_utvardering", args=[v["insats"].pk]) + "#rapport"
    )


@pytest.mark.usefixtures("snabb_pdf")
def test_a_reader_narrower_than_the_report_is_refused(
    rapportvarld, uppgifter_i_processen, django_capture_on_commit_callbacks, client
):
    """The police's report was written for the LPO's coordinators, who read its evaluation; the
    named officer, who may not, does not get the file."""
    v = rapportvarld
    rad = v["utvardering"].myndighetsutvarderingar.get(lpo__isnull=False)
    services.spara_myndighetsutvardering(
        v["opsam"],
        rad,
        {
            **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, Betyg.P),
            "timmar_fore": 1,
            "timmar_under": 2,
            "timmar_efter": 0,
        },
        version=rad.version,
        lamna_in=True,
    )
    _bestall(v, django_capture_on_commit_callbacks, vem="opsam")
    polisens = _rapporter(v)["polisen"]
    assert polisens.myndighetsutvardering_ids == [rad.pk]
    url = reverse("ladda_ned_utvarderingsrapport", args=[polisens.pk])
    client.force_login(v["opsam"])
    assert client.get(url).status_code == 200
    client.force_login(v["polis"])
    assert client.get(url).status_code == 403
    assert not Atkomstlogg.objects.filter(anvandare_id=v["polis"].pk).exists()


def test_only_those_who_see_the_evaluation_order_a_build(rapportvarld, client):
    v = rapportvarld
    url = reverse("bestall_utvarderingsrapport", args=[v["insats"].pk])
    client.force_login(v["sam_miljo"])
    assert client.post(url).status_code == 404
    assert not Rapportbygge.objects.exists()
    client.force_login(v["av"])
    with mock.patch("utvardering.tasks.bygg_utvarderingsrapport.apply_async"):
        assert client.post(url).status_code == 302
    assert Rapportbygge.objects.get().nummer == 1


@pytest.mark.usefixtures("snabb_pdf")
def test_a_full_disk_leaves_the_build_waiting_with_a_clear_error_then_writes_each_report_once(
    rapportvarld, full_disk, tillfalliga_filer, django_capture_on_commit_callbacks, client
):
    from utvardering.tasks import bygg_utvarderingsrapport

    v = rapportvarld
    with mock.patch("utvardering.tasks.bygg_utvarderingsrapport.apply_async"):
        bygge = _bestall(v, django_capture_on_commit_callbacks)
    args = [v["utvardering"].pk, bygge.nummer]
    full_disk["antal"] = 1000
    assert isinstance(bygg_utvarderingsrapport.apply(args=args).result, DiskenFull)
    bygge.refresh_from_db()
    assert bygge.status == Rapportbygge.Status.BYGGER
    assert bygge.fel == "DiskenFull: [Errno 28] the disk for generated files is full"
    assert not Utvarderingsrapport.objects.exists()
    mapp = tillfalliga_filer / "utvarderingsrapporter"
    assert not mapp.exists() or not list(mapp.rglob("*.pdf")), "no half-written file is left"
    client.force_login(v["sam"])
    sida = client.get(reverse("insats_utvardering", args=[v["insats"].pk]))
    assert sida.status_code == 200
    assert "Disken för genererade filer är full." in sida.content.decode()

    full_disk["antal"] = 1
    bygg_utvarderingsrapport.apply(args=args)
    bygge.refresh_from_db()
    assert bygge.status == Rapportbygge.Status.KLAR
    rapporter = Utvarderingsrapport.objects.all()
    assert sorted(str(f) for f in mapp.rglob("*.pdf")) == sorted(
        str(tillfalliga_filer / r.fil.name) for r in rapporter
    )
    assert all(r.version == 1 for r in rapporter)
