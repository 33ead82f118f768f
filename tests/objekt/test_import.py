"""Import of objects from CSV and Excel: the same rules as the form, a report per row, limits
(checked at upload without parsing, and by the worker while it reads), hostile files, resumption
without duplicates, progress, and a run in a real worker."""

import zipfile
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from objekt import importfil, services
from objekt.importfil import MAX_KOLUMNER, MAX_RADER, las_fil
from objekt.models import Importrad, Objekt, Objektimport
from objekt.services import importera
from tests.importfiler import (
    csv_fil,
    xlsx_fil,
    xlsx_med_dimension,
    xlsx_med_entiteter,
    xlsx_zipbomb,
)

RUBRIK = [
    "Namn",
    "Objekttyp",
    "Organisationsnummer",
    "Adress",
    "Postnummer",
    "Kommun",
    "Stadsområde",
    "Misstänkta problem",
    "Reservobjekt",
]
BRA = [
    "Importkiosken AB",
    "Företag eller verksamhet",
    "5592621022",
    "Importgatan 1",
    "41104",
    "Göteborg",
    "Sydväst",
    "Svartjobb, Skattebrott",
    "ja",
]
FEL = ["Felbolaget", "Raket", "556016-0681", "Felgatan 2", "", "Atlantis", "", "Trolleri", "kanske"]
UTAN_NAMN = ["", "LOKAL", "", "Tomvägen 3", "", "goteborg", "", "", ""]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _rad(n: int, namn: str = "Bolag") -> list[str]:
    return [f"{namn} {n}", "Lokal", "", f"{namn}gatan {n}", "", "Göteborg", "", "", ""]


def _utan_tolkning():
    """Fail the test if the file is unpacked or parsed before the worker reads it."""
    return (
        mock.patch("openpyxl.load_workbook", side_effect=AssertionError("parsed at upload")),
        mock.patch.object(
            zipfile.ZipFile, "open", side_effect=AssertionError("unpacked at upload")
        ),
    )


def _ladda_upp(user, namn, data, dubbletter=False) -> Objektimport:
    """Upload as the form does: the request stores the file and parses nothing."""
    tolka, packa_upp = _utan_tolkning()
    with tolka, packa_upp:
        return services.skapa_import(user, SimpleUploadedFile(namn, data), dubbletter)


def _importera(user, namn, data, dubbletter=False) -> Objektimport:
    objektimport = _ladda_upp(user, namn, data, dubbletter)
    services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    return objektimport


def _rapport(objektimport):
    return {
        (r.radnummer, r.utfall): [(f["kolumn"], f["meddelande"]) for f in r.fel]
        for r in objektimport.rader.exclude(utfall=Importrad.Utfall.SKAPAD)
    }


@pytest.mark.django_db
def test_utf8_semicolon_csv_creates_good_rows_and_reports_bad_ones(
    varld, django_capture_on_commit_callbacks
):
    # The patch is left last, after the commit callbacks have run.
    with (
        mock.patch("objekt.tasks.importera_objekt.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        objektimport = services.skapa_import(
            varld["skv"],
            SimpleUploadedFile("objekt.csv", csv_fil([RUBRIK, BRA, FEL, UTAN_NAMN])),
            False,
        )
    assert len(callbacks) == 1
    delay.assert_called_once_with(objektimport.pk)
    # The rows are counted by the worker, which reads the file.
    assert (objektimport.status, objektimport.totalt_rader) == (Objektimport.Status.VANTAR, 0)
    services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert (
        objektimport.status,
        objektimport.totalt_rader,
        objektimport.behandlade,
        objektimport.skapade,
    ) == ("KLAR", 3, 3, 1)
    objekt = Objekt.objects.get(namn="Importkiosken AB")
    assert (objekt.organisationsnummer, objekt.postnummer, objekt.lpo.kod, objekt.reserv) == (
        "559262-1022",
        "411 04",
        "syd",
        True,
    )
    assert set(objekt.problemkategorier.values_list("kod", flat=True)) == {
        "svartjobb",
        "skattebrott",
    }
    assert objekt.foreslaget_av_organisation.kod == "skatteverket"
    rapport = _rapport(objektimport)
    fel = dict(rapport[(3, "FEL")])
    assert "kontrollsiffran stämmer inte" in fel["Organisationsnummer"]
    assert "Välj ett giltigt alternativ" in fel["Objekttyp"]
    assert "Raket" in fel["Objekttyp"]
    assert "Atlantis" in fel["Kommun"]
    assert "Trolleri" in fel["Misstänkta problem"]
    assert fel["Reservobjekt"] == "Skriv ja eller nej."
    assert dict(rapport[(4, "FEL")])["Namn"] == "Det här fältet är obligatoriskt."


@pytest.mark.django_db
def test_windows_1252_comma_csv_as_older_excel_writes_it(varld):
    data = csv_fil([RUBRIK, BRA], avgransare=",", kodning="cp1252")
    assert "Sydväst".encode("cp1252") in data
    objektimport = _importera(varld["skv"], "export.csv", data)
    assert objektimport.skapade == 1
    assert Objekt.objects.get(namn="Importkiosken AB").stadsomrade.kod == "sydvast"


@pytest.mark.django_db
def test_xlsx_with_numbers_in_cells(varld):
    rad = [*BRA]
    rad[2], rad[4] = 5592621022, 41104
    objektimport = _importera(varld["skv"], "objekt.xlsx", xlsx_fil([RUBRIK, rad, [None] * 9, FEL]))
    assert (objektimport.totalt_rader, objektimport.skapade) == (2, 1)
    assert Objekt.objects.get(namn="Importkiosken AB").organisationsnummer == "559262-1022"
    assert list(_rapport(objektimport)) == [(4, "FEL")], "rows keep the spreadsheet's numbers"


@pytest.mark.django_db
def test_duplicates_of_existing_objects_and_earlier_rows_are_skipped_and_reported(varld):
    i_poolen = [*BRA]
    i_poolen[0], i_poolen[2], i_poolen[3] = "Kopia av pool", "556016-0680", "Annangatan 1"
    dubbel = [*BRA]
    dubbel[0], dubbel[3] = "Samma nummer igen", "Tredje gatan 5"
    objektimport = _importera(varld["skv"], "d.csv", csv_fil([RUBRIK, BRA, i_poolen, dubbel]))
    assert objektimport.skapade == 1
    rapport = _rapport(objektimport)
    assert "Poolbolaget AB" in rapport[(3, "DUBBLETT")][0][1]
    assert "(rad 2 i filen)" in rapport[(4, "DUBBLETT")][0][1]
    assert not Objekt.objects.filter(namn__in=["Kopia av pool", "Samma nummer igen"]).exists()


@pytest.mark.django_db
def test_duplicates_are_imported_when_asked_and_the_confirmation_recorded(varld):
    dubbel = [*BRA]
    dubbel[0] = "Samma nummer igen"
    objektimport = _importera(
        varld["mig"], "d.csv", csv_fil([RUBRIK, BRA, dubbel]), dubbletter=True
    )
    assert objektimport.skapade == 2
    assert Objekt.objects.get(namn="Samma nummer igen").dubblett_kvitterad_av == varld["mig"]


@pytest.mark.django_db
def test_a_duplicate_the_uploader_may_not_see_is_not_named(varld):
    rad = [*BRA]
    rad[2], rad[3], rad[6] = "", "Avförda Kioskengatan 1", ""
    meddelande = _rapport(_importera(varld["mig"], "d.csv", csv_fil([RUBRIK, rad])))[
        (2, "DUBBLETT")
    ]
    assert "1 objekt som du inte kan se" in meddelande[0][1]
    assert varld["avfort"].referens not in meddelande[0][1]


@pytest.mark.parametrize(
    ("namn", "data", "meddelande"),
    [
        ("stor.csv", b"x" * (5 * 1024 * 1024 + 1), "högst 5 MB"),
        ("bild.pdf", b"%PDF-1.4", "Filtypen stöds inte"),
        ("gammal.xls", b"\xd0\xcf\x11\xe0", ".xls stöds inte"),
        ("trasig.xlsx", b"inte en excelfil", "kunde inte läsas som en Excelfil"),
        ("binar.csv", b"PK\x03\x04\x00\x00", "inte en textfil"),
        ("tom.csv", b"", "Filen är tom"),
        ("tom.xlsx", xlsx_fil([]), "Filen är tom"),
        ("rubrik.csv", b"Namn;Objekttyp;Adress;Kommun\r\n", "inga rader"),
        ("kolumner.csv", b"Namn;Adress\r\nA;B\r\n", "Kolumnerna Objekttyp, Kommun saknas"),
        ("dubbel.csv", b"Namn;namn;Objekttyp;Adress;Kommun\r\n", "flera gånger"),
        (
            "bred.csv",
            ";".join(RUBRIK + [f"Extra {n}" for n in range(MAX_KOLUMNER)]).encode(),
            "fler än 50 kolumner",
        ),
        (
            "tomma.csv",
            b"Namn;Objekttyp;Adress;Kommun\r\nA;Lokal;B;Kiruna" + b"\r\n" * 100_001,
            "fler än 100 000 rader, tomma rader medräknade",
        ),
    ],
)
def test_file_limits_get_clear_swedish_messages(namn, data, meddelande):
    with pytest.raises(ValidationError, match=meddelande):
        las_fil(namn, data)


def test_more_than_the_row_limit_is_refused_in_both_formats():
    rader = [RUBRIK] + [BRA] * (MAX_RADER + 1)
    for namn, data in (("m.csv", csv_fil(rader)), ("m.xlsx", xlsx_fil(rader))):
        with pytest.raises(ValidationError, match="fler än 5 000 rader"):
            las_fil(namn, data)
    assert len(las_fil("m.csv", csv_fil(rader[:-1])).rader) == MAX_RADER


def test_unknown_columns_are_listed_and_ignored():
    inlast = las_fil("a.csv", csv_fil([[*RUBRIK, "Hemlig anteckning"], [*BRA, "x"]]))
    assert inlast.okanda_kolumner == ["Hemlig anteckning"]
    assert "Hemlig anteckning" not in inlast.rader[0][1]


def _sparade(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_at_upload_unparsed_and_nothing_is_saved(client, varld, media):
    bomb = xlsx_zipbomb(RUBRIK, 130 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    client.force_login(varld["skv"])
    tolka, packa_upp = _utan_tolkning()
    with tolka, packa_upp:
        svar = client.post("/objekt/import/", {"fil": SimpleUploadedFile("bomb.xlsx", bomb)})
    assert svar.status_code == 200
    assert "Excelfilen blir större än 50 MB när den packas upp." in svar.content.decode()
    assert not Objektimport.objects.exists()
    assert not _sparade(media)
    # Should it reach the worker anyway, the worker checks the same before it unpacks anything.
    with tolka, packa_upp, pytest.raises(ValidationError, match="större än 50 MB"):
        las_fil("bomb.xlsx", bomb)


NEKAS_VID_UPPLADDNING = [
    ("stor.csv", lambda: b"x" * (5 * 1024 * 1024 + 1), "högst 5 MB"),
    ("bild.pdf", lambda: b"%PDF-1.4", "Filtypen stöds inte"),
    ("gammal.xls", lambda: b"\xd0\xcf\x11\xe0", ".xls stöds inte"),
    ("trasig.xlsx", lambda: b"inte en excelfil", "kunde inte läsas som en Excelfil"),
    ("binar.csv", lambda: b"PK\x03\x04\x00\x00", "inte en textfil"),
    ("tom.csv", lambda: b"", "Filen är tom"),
    # Well under 50 MB unpacked, but one member of 2 MB packed a thousand to one.
    ("hart.xlsx", lambda: xlsx_zipbomb(RUBRIK, 2 * 1024 * 1024), "misstänkt hårt packad"),
]


@pytest.mark.parametrize(
    ("namn", "bygg", "meddelande"),
    NEKAS_VID_UPPLADDNING,
    ids=[namn for namn, _, _ in NEKAS_VID_UPPLADDNING],
)
@pytest.mark.django_db
def test_an_upload_is_refused_from_its_size_type_and_container_alone(
    varld, media, namn, bygg, meddelande
):
    with pytest.raises(ValidationError, match=meddelande):
        _ladda_upp(varld["skv"], namn, bygg())
    assert not Objektimport.objects.exists()
    assert not _sparade(media)


@pytest.mark.django_db
def test_an_xlsx_of_too_many_members_is_refused_at_upload(varld, monkeypatch):
    monkeypatch.setattr(importfil, "MAX_DELAR", 5)
    with pytest.raises(ValidationError, match="består av för många delar"):
        _ladda_upp(varld["skv"], "delar.xlsx", xlsx_fil([RUBRIK, BRA]))
    assert not Objektimport.objects.exists()


def _bred(rubriker: list[str], bredd: int) -> list[str]:
    return rubriker + [f"Extra {n}" for n in range(bredd - len(rubriker))]


NEKAS_AV_ARBETAREN = [
    (
        "rader.xlsx",
        lambda: xlsx_fil([RUBRIK] + [BRA] * (MAX_RADER + 1)),
        "Filen har fler än 5 000 rader. Dela upp den i flera filer.",
    ),
    (
        "rader.csv",
        lambda: csv_fil([RUBRIK] + [BRA] * (MAX_RADER + 1)),
        "Filen har fler än 5 000 rader. Dela upp den i flera filer.",
    ),
    (
        "bred.xlsx",
        lambda: xlsx_fil([_bred(RUBRIK, MAX_KOLUMNER + 1), BRA]),
        "Filen har fler än 50 kolumner.",
    ),
    (
        "entiteter.xlsx",
        lambda: xlsx_med_entiteter([RUBRIK, BRA]),
        "Excelfilen innehåller otillåtna XML-definitioner",
    ),
    (
        "formaterad.xlsx",
        lambda: xlsx_med_dimension([RUBRIK, BRA], "A1:I200000"),
        "Filen har fler än 100 000 rader, tomma rader medräknade.",
    ),
    (
        "kolumner.csv",
        lambda: b"Namn;Adress\r\nA;B\r\n",
        "Kolumnerna Objekttyp, Kommun saknas.",
    ),
]


@pytest.mark.parametrize(
    ("namn", "bygg", "meddelande"),
    NEKAS_AV_ARBETAREN,
    ids=[namn for namn, _, _ in NEKAS_AV_ARBETAREN],
)
@pytest.mark.django_db
def test_a_file_the_worker_refuses_fails_the_import_with_the_reason(
    client, varld, namn, bygg, meddelande
):
    from objekt.tasks import importera_objekt

    objektimport = _ladda_upp(varld["skv"], namn, bygg())
    assert objektimport.status == Objektimport.Status.VANTAR
    assert not importera_objekt.apply(args=[objektimport.pk]).failed()
    objektimport.refresh_from_db()
    assert objektimport.status == Objektimport.Status.MISSLYCKAD
    assert meddelande in objektimport.felmeddelande
    assert (objektimport.totalt_rader, objektimport.rader.count()) == (0, 0)
    assert objektimport.klar is not None
    client.force_login(varld["skv"])
    sida = client.get(f"/objekt/import/{objektimport.pk}/")
    assert sida.status_code == 200
    text = sida.content.decode()
    assert "Status: Misslyckad." in text
    assert meddelande in text
    assert "hx-trigger" not in text
    assert "Alla rader importerades" not in text


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_reading_stops_at_the_first_row_over_the_limit(monkeypatch):
    """The rows come one at a time from the file; none is read after the one over the limit."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    monkeypatch.setattr(importfil, "MAX_RADER", 3)
    lasta = []

    def raknad(radkalla):
        def radvis(*args, **kwargs):
            for rad in radkalla(*args, **kwargs):
                lasta.append(rad)
                yield rad

        return radvis

    monkeypatch.setattr(importfil.csv, "reader", raknad(importfil.csv.reader))
    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", raknad(ReadOnlyWorksheet._cells_by_row))
    rader = [RUBRIK] + [BRA] * 50
    for namn, data in (("m.csv", csv_fil(rader)), ("m.xlsx", xlsx_fil(rader))):
        lasta.clear()
        with pytest.raises(ValidationError, match="fler än 5 000 rader"):
            las_fil(namn, data)
        assert len(lasta) == 1 + 3 + 1, namn


def test_a_sheet_declaring_too_many_rows_is_refused_before_a_row_is_read(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    monkeypatch.setattr(
        ReadOnlyWorksheet, "_cells_by_row", mock.Mock(side_effect=AssertionError("a row read"))
    )
    with pytest.raises(ValidationError, match="fler än 100 000 rader"):
        las_fil("d.xlsx", xlsx_med_dimension([RUBRIK, BRA], "A1:I100001"))


def test_a_sheet_declaring_too_small_a_dimension_is_read_to_its_end():
    inlast = las_fil("d.xlsx", xlsx_med_dimension([RUBRIK, BRA, _rad(1)], "A1:B2"))
    assert [nummer for nummer, _ in inlast.rader] == [2, 3]


@pytest.mark.parametrize(("namn", "bygg"), [("b.csv", csv_fil), ("b.xlsx", xlsx_fil)])
def test_a_heading_beyond_the_column_limit_is_refused_not_cut(namn, bygg):
    bred = _bred(RUBRIK, MAX_KOLUMNER)
    inlast = las_fil(namn, bygg([bred, BRA]))
    assert inlast.okanda_kolumner == bred[len(RUBRIK) :]
    for for_bred in ([*bred, "Kolumn 51"], [*RUBRIK] + [""] * 50 + ["Anteckning"]):
        with pytest.raises(ValidationError, match="fler än 50 kolumner"):
            las_fil(namn, bygg([for_bred, BRA]))
    # A cell right of the headings has no column, and is ignored like an unknown column.
    inlast = las_fil(namn, bygg([RUBRIK, [*BRA] + [""] * 60 + ["utanför"]]))
    assert inlast.rader == las_fil(namn, bygg([RUBRIK, BRA])).rader


@pytest.mark.django_db
def test_a_second_run_and_a_run_after_a_crash_create_no_row_twice(varld):
    rader = [RUBRIK] + [_rad(n) for n in range(6)]
    objektimport = services.skapa_import(
        varld["skv"], SimpleUploadedFile("r.csv", csv_fil(rader)), False
    )
    riktig = importera._importera_rad
    korda = []

    def krasch_efter_tre(*args):
        if len(korda) == 3:
            raise SystemExit("the worker died")
        korda.append(args)
        riktig(*args)

    with (
        mock.patch.object(importera, "_importera_rad", krasch_efter_tre),
        pytest.raises(SystemExit),
    ):
        services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert (objektimport.status, objektimport.behandlade, objektimport.skapade) == ("PAGAR", 3, 3)
    services.kor_import(objektimport.pk)
    Objektimport.objects.filter(pk=objektimport.pk).update(status=Objektimport.Status.PAGAR)
    services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert (objektimport.status, objektimport.behandlade, objektimport.skapade) == ("KLAR", 6, 6)
    assert Objekt.objects.filter(namn__startswith="Bolag ").count() == 6


@pytest.mark.django_db
def test_an_uploader_who_lost_the_role_stops_the_import(varld):
    objektimport = services.skapa_import(
        varld["skv"], SimpleUploadedFile("r.csv", csv_fil([RUBRIK, BRA])), False
    )
    varld["skv"].groups.clear()
    varld["skv"]._saminsats_aktor = None
    del varld["skv"]._saminsats_aktor
    services.kor_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert objektimport.status == Objektimport.Status.MISSLYCKAD
    assert "kan inte längre" in objektimport.felmeddelande
    assert not Objekt.objects.filter(namn="Importkiosken AB").exists()


@pytest.mark.django_db
def test_only_the_uploaders_organisation_sees_the_import_and_its_report(client, varld):
    objektimport = _importera(varld["skv"], "o.csv", csv_fil([RUBRIK, BRA, FEL]))
    for vem, status in (
        ("kontakt_skv", 200),
        ("skv", 200),
        ("sam", 404),
        ("av", 404),
        ("opsam", 404),
    ):
        client.force_login(varld[vem])
        assert client.get(f"/objekt/import/{objektimport.pk}/").status_code == status
        assert client.get(f"/objekt/import/{objektimport.pk}/rapport.csv").status_code == status
        lista = client.get("/objekt/import/")
        if lista.status_code == 200:
            assert ("o.csv" in lista.content.decode()) is (status == 200)
    client.force_login(varld["skv"])
    rapport = client.get(f"/objekt/import/{objektimport.pk}/rapport.csv")
    text = rapport.content.decode("utf-8-sig")
    assert rapport["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "Rad;Utfall;Kolumn;Meddelande"
    assert "3;Fel;Organisationsnummer;Organisationsnumret är felaktigt" in text


@pytest.mark.django_db
def test_progress_is_polled_while_running_and_the_report_shown_after(client, varld):
    objektimport = services.skapa_import(
        varld["skv"], SimpleUploadedFile("p.csv", csv_fil([RUBRIK, BRA, FEL])), False
    )
    client.force_login(varld["skv"])
    pagar = client.get(f"/objekt/import/{objektimport.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in pagar
    assert ">Uppdatera<" in pagar
    # Until the worker has read the file its rows are not counted.
    assert "Status: Väntar. Filen läses in …" in pagar
    assert "0 av 0 rader" not in pagar
    services.kor_import(objektimport.pk)
    delen = client.get(
        f"/objekt/import/{objektimport.pk}/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert delen.startswith('<div id="importforlopp">')
    assert "hx-trigger" not in delen
    assert "2 av 2 rader behandlade, 1 objekt skapade" in delen
    assert "kontrollsiffran stämmer inte" in delen


@pytest.mark.django_db
def test_templates_download_in_both_formats_and_read_back(client, varld):
    client.force_login(varld["skv"])
    for format in ("csv", "xlsx"):
        svar = client.get(f"/objekt/import/mall.{format}")
        assert svar.status_code == 200
        assert las_fil(f"mall.{format}", svar.content).rader[0][1]["namn"] == "Exempelkiosken AB"
    assert client.get("/objekt/import/mall.pdf").status_code == 404


def _statusfragor(client, pk):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as fragor:
        assert client.get(f"/objekt/import/{pk}/").status_code == 200
    return len(fragor)


@pytest.mark.django_db
def test_import_page_takes_constant_queries(client, varld):
    liten = _importera(varld["skv"], "l.csv", csv_fil([RUBRIK, FEL]))
    stor = _importera(varld["skv"], "s.csv", csv_fil([RUBRIK] + [FEL] * 150))
    client.force_login(varld["skv"])
    _statusfragor(client, liten.pk)
    assert _statusfragor(client, liten.pk) == _statusfragor(client, stor.pk)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_file(client, skapa_anvandare, celery_arbetare, media):
    from myndigheter.roles import Roll

    user = skapa_anvandare("skv.arbetare", Roll.HANDLAGGARE, "skatteverket")
    client.force_login(user)
    arbetare = celery_arbetare(miljo={"MEDIA_ROOT": str(media)})
    rader = [RUBRIK, BRA, FEL] + [_rad(n, "Arbetsbolag") for n in range(20)]
    svar = client.post(
        "/objekt/import/", {"fil": SimpleUploadedFile("arbete.xlsx", xlsx_fil(rader))}
    )
    objektimport = Objektimport.objects.get()
    assert svar["Location"] == f"/objekt/import/{objektimport.pk}/"
    arbetare.vanta_pa(
        lambda: Objektimport.objects.get(pk=objektimport.pk).status == Objektimport.Status.KLAR,
        sekunder=120,
    )
    objektimport.refresh_from_db()
    assert (objektimport.behandlade, objektimport.skapade) == (22, 21)
    assert Objekt.objects.filter(foreslaget_av=user).count() == 21
    assert objektimport.rader.get(utfall=Importrad.Utfall.FEL).radnummer == 3


@pytest.mark.django_db
def test_a_too_large_upload_is_refused_before_it_is_read(varld):
    fil = mock.Mock(size=6 * 1024 * 1024)
    fil.name = "stor.csv"
    with pytest.raises(ValidationError, match="högst 5 MB"):
        services.skapa_import(varld["skv"], fil, False)
    fil.read.assert_not_called()
    assert not Objektimport.objects.exists()


def _uppgiften_med(user, kor_import) -> tuple[Objektimport, bool]:
    """Upload a one-row file and run the task with `kor_import` in place; (import, failed)."""
    from objekt.tasks import importera_objekt

    objektimport = services.skapa_import(
        user, SimpleUploadedFile("u.csv", csv_fil([RUBRIK, BRA])), False
    )
    with mock.patch.object(importera, "kor_import", kor_import):
        resultat = importera_objekt.apply(args=[objektimport.pk])
    objektimport.refresh_from_db()
    return objektimport, resultat.failed()


@pytest.mark.parametrize(
    ("fel", "forsok_innan_stopp"),
    [
        (OperationalError("the database went away"), 6),
        (SoftTimeLimitExceeded(), 6),
        (ValueError("a bug"), 1),
    ],
    ids=["database-error-every-time", "out-of-time-every-time", "unexpected-error"],
)
@pytest.mark.django_db
def test_an_import_the_task_gives_up_on_is_marked_failed_not_left_running(
    varld, fel, forsok_innan_stopp
):
    forsok = []

    def misslyckas(import_id):
        Objektimport.objects.filter(pk=import_id).update(status=Objektimport.Status.PAGAR)
        forsok.append(import_id)
        raise fel

    objektimport, misslyckades = _uppgiften_med(varld["skv"], misslyckas)
    assert misslyckades
    assert len(forsok) == forsok_innan_stopp
    assert objektimport.status == Objektimport.Status.MISSLYCKAD
    assert "kunde inte slutföras" in objektimport.felmeddelande
    assert objektimport.klar is not None


@pytest.mark.django_db
def test_an_import_that_failed_half_way_does_not_say_every_row_was_imported(client, varld):
    def halvvags(import_id):
        Objektimport.objects.filter(pk=import_id).update(
            status=Objektimport.Status.PAGAR, totalt_rader=3, behandlade=1
        )
        raise ValueError("a bug")

    objektimport, misslyckades = _uppgiften_med(varld["skv"], halvvags)
    assert misslyckades
    client.force_login(varld["skv"])
    text = client.get(f"/objekt/import/{objektimport.pk}/").content.decode()
    assert "Alla rader importerades." not in text
    assert "Inga fel i de 1 av 3 rader som behandlades innan importen avbröts" in text


@pytest.mark.django_db
def test_a_passing_database_error_is_retried_and_the_import_finishes(varld):
    riktig = importera.kor_import
    forsok = []

    def forst_borta(import_id):
        forsok.append(import_id)
        if len(forsok) == 1:
            raise OperationalError("a moment's outage")
        riktig(import_id)

    objektimport, misslyckades = _uppgiften_med(varld["skv"], forst_borta)
    assert not misslyckades
    assert len(forsok) == 2
    assert (objektimport.status, objektimport.skapade) == (Objektimport.Status.KLAR, 1)


@pytest.mark.django_db
def test_giving_up_leaves_a_finished_import_as_it_was(varld):
    objektimport = _importera(varld["skv"], "f.csv", csv_fil([RUBRIK, BRA]))
    importera.avbryt_import(objektimport.pk)
    objektimport.refresh_from_db()
    assert (objektimport.status, objektimport.felmeddelande) == (Objektimport.Status.KLAR, "")
