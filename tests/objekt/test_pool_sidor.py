"""The pool's pages in the browser's terms: forms without JavaScript, htmx parts, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.models import Kontroll
from insatser.workflow import InsatsStatus
from karna.models import Atkomstlogg
from myndigheter.models import Kommun, Myndighet, Stadsomrade
from objekt.models import Myndighetsintresse, Objekt, Objektuppgift
from tests.objekt.conftest import R, markera, skapa_insats
from utvardering.models import Forbattringsomrade

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _forslag(**extra):
    return {
        "objekttyp": "FORETAG",
        "namn": "Sidbolaget AB",
        "organisationsnummer": "",
        "adress": "Sidvägen 3",
        "postnummer": "411 05",
        "postort": "Göteborg",
        "kommun": "goteborg",
        "stadsomrade": "centrum",
        **extra,
    }


def test_without_javascript_the_type_is_chosen_first(client, varld, skv_mall):
    client.force_login(varld["skv"])
    steg1 = client.get("/objekt/nytt/")
    text = steg1.content.decode()
    assert steg1.context["steg"] == 1
    assert "aldrig enskilda personer" in text
    steg2 = client.get("/objekt/nytt/?objekttyp=FORETAG").content.decode()
    assert "F-skatt registrerad" in steg2
    assert "underrättelseuppgifter" in steg2
    annan = client.get("/objekt/nytt/?objekttyp=BOENDE").content.decode()
    assert "ingen informationsmall för den här objekttypen" in annan
    assert client.get("/objekt/nytt/?objekttyp=PÅHITT").context["steg"] == 1


def test_with_htmx_the_templates_fieldset_is_swapped_in(client, varld, skv_mall):
    client.force_login(varld["skv"])
    svar = client.get("/objekt/nytt/?objekttyp=FORETAG", HTTP_HX_TARGET="mallfalt", **HTMX)
    text = svar.content.decode()
    assert text.startswith('<fieldset id="mallfalt"')
    assert "F-skatt registrerad" in text
    assert "<html" not in text


def test_proposal_is_saved_with_the_template_answers(client, varld, skv_mall):
    client.force_login(varld["skv"])
    svar = client.post(
        "/objekt/nytt/",
        _forslag(**{"uppgift-f_skatt": "ja", "uppgift-anstallda": "7", "uppgift-bransch": "Bygg"}),
    )
    objekt = Objekt.objects.get(namn="Sidbolaget AB")
    assert svar["Location"] == f"/objekt/{objekt.pk}/"
    assert objekt.lpo.kod == "city"
    uppgift = Objektuppgift.objects.get(objekt=objekt)
    assert uppgift.innehall == {"f_skatt": True, "anstallda": 7, "bransch": "Bygg"}
    sida = client.get(svar["Location"]).content.decode()
    assert "F-skatt registrerad" in sida
    assert "Bygg" in sida
    assert Atkomstlogg.objects.filter(
        objekt_id=str(uppgift.pk), handling=Atkomstlogg.Handling.LASA
    ).exists()


def test_bad_input_is_shown_on_the_fields_and_nothing_saved(client, varld, skv_mall):
    client.force_login(varld["skv"])
    svar = client.post(
        "/objekt/nytt/",
        _forslag(
            namn="", organisationsnummer="123", kommun="atlantis", **{"uppgift-anstallda": "x"}
        ),
    )
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "Organisationsnumret ska ha 10 eller 12 siffror" in text
    assert "Det här fältet är obligatoriskt." in text
    assert "Välj ett giltigt alternativ." in text
    assert "Fyll i ett tal." in text
    assert not Objekt.objects.filter(adress="Sidvägen 3").exists()


def test_a_possible_duplicate_needs_save_anyway(client, varld):
    client.force_login(varld["mig"])
    forsta = client.post("/objekt/nytt/", _forslag(organisationsnummer="556016-0680"))
    text = forsta.content.decode()
    assert "Möjliga dubbletter" in text
    assert f'href="/objekt/{varld["pool"].pk}/"' in text
    assert "Spara ändå" in text
    assert not Objekt.objects.filter(namn="Sidbolaget AB").exists()
    client.post("/objekt/nytt/", _forslag(organisationsnummer="556016-0680", spara_anda="on"))
    assert Objekt.objects.get(namn="Sidbolaget AB").dubblett_kvitterad_av == varld["mig"]


def test_a_duplicate_the_user_may_not_see_is_not_revealed(client, varld):
    client.force_login(varld["mig"])
    text = client.post(
        "/objekt/nytt/", _forslag(adress="Avförda Kioskengatan 1", stadsomrade="")
    ).content.decode()
    assert "1 objekt som du inte har behörighet att se" in text
    assert varld["avfort"].referens not in text
    assert f'href="/objekt/{varld["avfort"].pk}/"' not in text


def test_edit_page_refuses_a_stale_form_and_overwrites_nothing(client, varld):
    client.force_login(varld["skv"])
    sida = client.get(f"/objekt/{varld['pool'].pk}/andra/")
    assert sida.context["form"]["version"].value() == 1
    data = {**_forslag(namn="Nytt namn", organisationsnummer="556016-0680"), "version": 1}
    assert client.post(f"/objekt/{varld['pool'].pk}/andra/", data).status_code == 302
    gammal = client.post(f"/objekt/{varld['pool'].pk}/andra/", {**data, "namn": "Gammal"})
    assert "har ändrats av någon annan" in gammal.content.decode()
    varld["pool"].refresh_from_db()
    assert (varld["pool"].namn, varld["pool"].version) == ("Nytt namn", 2)


def test_inline_relevance_without_javascript_returns_to_the_list(client, varld):
    client.force_login(varld["skv"])
    svar = client.post(
        f"/objekt/{varld['nordost'].pk}/relevans/",
        {
            "relevans": R.RELEVANT,
            "grund": "Svartarbete",
            "lagstod": "",
            "version": 0,
            "nasta": "/objekt/?reserv=ja",
        },
    )
    assert svar["Location"] == "/objekt/?reserv=ja"
    assert Myndighetsintresse.objects.get(objekt=varld["nordost"]).grund == "Svartarbete"
    extern = client.post(
        f"/objekt/{varld['nordost'].pk}/relevans/",
        {"relevans": R.OKANT, "version": 1, "nasta": "https://example.com/"},
    )
    assert extern["Location"] == f"/objekt/{varld['nordost'].pk}/"


def test_inline_relevance_with_htmx_swaps_the_cell_and_shows_errors_there(client, varld):
    client.force_login(varld["skv"])
    mal = f"relevans-{varld['nordost'].pk}"
    fel = client.post(
        f"/objekt/{varld['nordost'].pk}/relevans/",
        {"relevans": R.RELEVANT, "grund": "", "version": 0},
        HTTP_HX_TARGET=mal,
        **HTMX,
    ).content.decode()
    assert fel.startswith(f'<td id="{mal}">')
    assert "Ange varför objektet är eller inte är relevant för er." in fel
    assert 'aria-invalid="true"' in fel
    ok = client.post(
        f"/objekt/{varld['nordost'].pk}/relevans/",
        {"relevans": R.RELEVANT, "grund": "Skäl", "version": 0},
        HTTP_HX_TARGET=mal,
        **HTMX,
    ).content.decode()
    assert "Er bedömning: Relevant för oss" in ok


def test_a_stale_relevance_form_shows_the_newer_mark(client, varld):
    client.force_login(varld["kontakt_skv"])
    svar = client.post(
        f"/objekt/{varld['pool'].pk}/relevans/",
        {"relevans": R.EJ_RELEVANT, "grund": "Min syn", "version": 0},
    )
    text = svar.content.decode()
    assert "Någon i din organisation har bedömt objektet" in text
    assert svar.context["relevans_form"].data["version"] == 1
    markering = Myndighetsintresse.objects.get(
        objekt=varld["pool"], organisation__kod="skatteverket"
    )
    assert markering.relevans == R.RELEVANT


def test_the_list_filter_is_a_plain_get_form_and_an_htmx_part(client, varld):
    client.force_login(varld["sam"])
    sida = client.get("/objekt/?reserv=ja").content.decode()
    assert 'method="get"' in sida
    assert 'hx-push-url="true"' in sida
    delen = client.get("/objekt/?reserv=ja", HTTP_HX_TARGET="objekttabell", **HTMX)
    assert delen.content.decode().startswith('<div id="objekttabell">')
    historik = client.get(
        "/objekt/?reserv=ja",
        HTTP_HX_TARGET="objekttabell",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        **HTMX,
    )
    assert "<html" in historik.content.decode()


def test_object_page_shows_place_class_history_and_open_improvement_areas(client, varld):
    from myndigheter.models import UtsattOmrade

    nordost = varld["nordost"]
    tidigare = skapa_insats("TIDIGARE", status=InsatsStatus.GENOMFORD, dagar=-30)
    Kontroll.objects.create(insats=tidigare, objekt=nordost, status=Kontroll.Status.GENOMFORD)
    dold = skapa_insats("DOLD", deltagare=("migrationsverket",), dagar=-60)
    Kontroll.objects.create(insats=dold, objekt=nordost)
    Forbattringsomrade.objects.create(insats=tidigare, objekt=nordost, text="Tolk behövs")
    Forbattringsomrade.objects.create(insats=dold, objekt=nordost, text="Hemlig brist")
    client.force_login(varld["skv"])
    text = client.get(f"/objekt/{nordost.pk}/").content.decode()
    klass = UtsattOmrade.objects.get(kod="gardsten").klass_for_ar(timezone.localdate().year)
    assert f"klassning i dag: {klass}" in text
    assert "TIDIGARE" in text
    assert f'href="/insatser/{tidigare.pk}/"' in text
    assert "Tolk behövs" in text
    assert "DOLD" not in text
    assert "Hemlig brist" not in text
    assert "Arbetsmiljöverket" in text, "the proposing organisation is shown"


def test_coordinator_actions_on_the_page(client, varld):
    client.force_login(varld["sam"])
    text = client.get(f"/objekt/{varld['pool'].pk}/").content.decode()
    assert 'value="bereda"' in text
    assert 'value="avfora"' in text
    assert 'value="planera"' not in text
    client.post(f"/objekt/{varld['pool'].pk}/status/", {"overgang": "bereda", "version": 1})
    client.post(f"/objekt/{varld['pool'].pk}/reserv/", {"reserv": "on", "version": 2})
    varld["pool"].refresh_from_db()
    assert (varld["pool"].status, varld["pool"].reserv) == (Objekt.Status.UNDER_BEREDNING, True)
    gammal = client.post(
        f"/objekt/{varld['pool'].pk}/status/", {"overgang": "avfora", "version": 1}, follow=True
    )
    assert "har ändrats av någon annan" in gammal.content.decode()
    client.force_login(varld["skv"])
    assert (
        "Samordnarens åtgärder" not in client.get(f"/objekt/{varld['pool'].pk}/").content.decode()
    )


def _detaljfragor(client, pk):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get(f"/objekt/{pk}/")
    assert svar.status_code == 200
    return len(fragor)


@pytest.mark.parametrize("vem", ["sam", "skv"])
def test_object_page_takes_constant_queries(client, varld, skv_mall, vem):
    objekt = varld["nordost"]
    client.force_login(varld[vem])
    Objektuppgift.objects.create(
        objekt=objekt, organisation=Myndighet.objects.get(kod="skatteverket"), mall=skv_mall
    )
    insats = skapa_insats("H-0", status=InsatsStatus.GENOMFORD, dagar=-5)
    Kontroll.objects.create(insats=insats, objekt=objekt)
    Forbattringsomrade.objects.create(insats=insats, objekt=objekt, text="Ett")
    markera(objekt, "av", R.RELEVANT, "Skäl")
    _detaljfragor(client, objekt.pk)
    fore = _detaljfragor(client, objekt.pk)
    for nummer in range(1, 12):
        insats = skapa_insats(f"H-{nummer}", status=InsatsStatus.GENOMFORD, dagar=-5 - nummer)
        Kontroll.objects.create(insats=insats, objekt=objekt)
        Forbattringsomrade.objects.create(insats=insats, objekt=objekt, text=f"Område {nummer}")
        Objektuppgift.objects.create(
            objekt=objekt, organisation=Myndighet.objects.get(kod="skatteverket"), mall=skv_mall
        )
    for kod in ("migrationsverket", "fk", "tullverket", "kfm"):
        markera(objekt, kod, R.RELEVANT, "Skäl")
    assert _detaljfragor(client, objekt.pk) == fore


def test_a_proposal_in_another_municipality_derives_nothing_it_should_not(client, varld):
    client.force_login(varld["skv"])
    client.post(
        "/objekt/nytt/",
        _forslag(kommun="nacka", stadsomrade="", namn="Nackabolaget", adress="Nackavägen 1"),
    )
    objekt = Objekt.objects.get(namn="Nackabolaget")
    assert objekt.kommun == Kommun.objects.get(kod="nacka")
    assert objekt.stadsomrade is None
    svar = client.post("/objekt/nytt/", _forslag(kommun="nacka", namn="Fel", adress="Felvägen 1"))
    assert "Stadsområdet ligger inte i Nacka" in svar.content.decode()
    assert Stadsomrade.objects.get(kod="centrum").kommun.kod == "goteborg"
    assert timezone.now() - objekt.skapad < timedelta(minutes=5)


def test_police_see_the_object_without_relevance_or_agency_sections(client, varld):
    client.force_login(varld["opsam"])
    text = client.get(f"/objekt/{varld['kontrollerat'].pk}/").content.decode()
    assert "Kontrollerade Krogen" in text
    assert "Relevans för myndigheterna" not in text
    assert "Er organisations uppgifter om objektet" not in text
    lista = client.get("/objekt/").content.decode()
    assert "Kontrollerade Krogen" in lista
    assert "Relevans" not in lista
