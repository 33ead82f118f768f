"""The read resources: what each reader sees (the UI's policies), paging, filters, and a
constant number of queries per page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp
from arshjul.standardregler import ladda_standardregler
from insatser.models import Frislappning, Insats, Mottagarkrets, Uppgiftsbegaran
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from objekt.models import Informationsmall, Objekttyp, Objektuppgift
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DelningsgrundFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    ObjektFabrik,
    insats_med,
    lpo,
    org,
)
from tests.varld import aktuell_version
from utvardering import services as utvarderingstjanster
from utvardering.models import Resultattyp, Utfall

pytestmark = pytest.mark.django_db


def _insatser(antal: int, **falt) -> list[Insats]:
    """``antal`` operations Skatteverket is invited to, each with an LPO."""
    insatser = []
    for i in range(antal):
        insats = InsatsFabrik(dagar=5 + i, lpoer=[lpo("city")], **falt)
        DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
        insatser.append(insats)
    return insatser


@pytest.fixture
def api_klient(api, token, personer):
    api.hemlighet = token(personer["api"])
    return api


def test_the_schedule_lists_what_the_reader_sees_by_start_without_the_details_it_may_not(
    api_klient,
):
    synliga = _insatser(3)
    InsatsFabrik(referens="DOLD", dagar=4)  # Skatteverket not invited
    svar = api_klient.get("/api/v1/insatser")
    assert svar.status_code == 200
    rader = svar.json()["items"]
    assert [r["id"] for r in rader] == [i.pk for i in synliga]
    forsta = rader[0]
    assert forsta["detaljer"] is False
    assert forsta["start"] is None
    assert forsta["datum"] == timezone.localtime(synliga[0].start).date().isoformat()
    assert forsta["lpoer"] == [lpo("city").pk]
    assert forsta["samordnande_organisation"] == org("akc-vast").pk
    assert forsta["andrad"].endswith("+00:00")
    assert svar.json()["next"] is None


def test_a_reader_with_the_details_gets_the_times_with_their_offset(api, token, personer, begard):
    insats, _ = begard
    api.hemlighet = token(personer["samordnare"])
    rad = api.get("/api/v1/insatser").json()["items"][0]
    assert rad["detaljer"] is True
    assert rad["start"] == insats.start.isoformat()
    detalj = api.get(f"/api/v1/insatser/{insats.pk}").json()
    assert detalj["samlingsplats"] == "Bakom Centralstationen"
    assert [k["objekt"] for k in detalj["kontroller"]] == [insats.kontroller.get().objekt_id]
    assert {d["organisation"] for d in detalj["deltaganden"]} >= {org("skatteverket").pk}


def test_the_detail_of_an_invited_api_client_hides_the_meeting_point(api_klient, personer, begard):
    insats, _ = begard
    detalj = api_klient.get(f"/api/v1/insatser/{insats.pk}").json()
    assert detalj["samlingsplats"] == ""
    assert detalj["kontroller"] == []
    assert detalj["deltaganden"] == []


def test_an_operation_out_of_scope_answers_exactly_as_a_missing_one(api_klient):
    dold = InsatsFabrik()
    saknad = dold.pk + 1000
    ute = api_klient.get(f"/api/v1/insatser/{dold.pk}")
    borta = api_klient.get(f"/api/v1/insatser/{saknad}")
    assert ute.status_code == borta.status_code == 404
    assert ute.json() | {"instance": ""} == borta.json() | {"instance": ""}


def test_the_filters_narrow_the_schedule(api_klient):
    tidig, mellan, sen = _insatser(3)
    Insats.objects.filter(pk=mellan.pk).update(status=InsatsStatus.AVSLAGEN)
    dag = timezone.localtime(mellan.start).date().isoformat()
    assert _ids(api_klient, {"from": dag, "to": dag}) == [mellan.pk]
    assert _ids(api_klient, {"status": "AVSLAGEN"}) == [mellan.pk]
    assert _ids(api_klient, {"lpo": lpo("nordost").pk}) == []
    assert _ids(api_klient, {"lpo": lpo("city").pk}) == [tidig.pk, mellan.pk, sen.pk]
    assert _ids(api_klient, {"organisation": org("akc-vast").pk}) == [tidig.pk, mellan.pk, sen.pk]
    assert _ids(api_klient, {"organisation": org("polisen").pk}) == []


def _ids(api, fraga) -> list[int]:
    svar = api.get("/api/v1/insatser", fraga)
    assert svar.status_code == 200, svar.content
    return [r["id"] for r in svar.json()["items"]]


@pytest.mark.parametrize(
    ("fraga", "namn"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"from": "igår"}, "from"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "to"),
        ({"status": "OKAND"}, "status"),
        ({"cursor": "inte-en-markör"}, "cursor"),
        ({"cursor": "WyJ4IiwgMV0"}, "cursor"),
        ({"cursor": "e30"}, "cursor"),
    ],
)
def test_bad_query_parameters_are_itemised_problems(api_klient, fraga, namn):
    svar = api_klient.get("/api/v1/insatser", fraga)
    assert svar.status_code == 400
    assert svar["Content-Type"] == "application/problem+json"
    fel = svar.json()["errors"]
    assert {f["name"] for f in fel} == {namn}
    assert all(f["in"] == "query" and f["code"] and f["detail"] for f in fel)


def test_a_query_is_refused_each_time_in_the_callers_language(api_klient):
    """Validated queries are kept per query string; a refusal is not, so its text follows the
    caller's language."""
    fraga = {"status": "OKAND"}
    svenska = api_klient.get("/api/v1/insatser", fraga, **{"Accept-Language": "sv"})
    engelska = api_klient.get("/api/v1/insatser", fraga, **{"Accept-Language": "en"})
    assert svenska.status_code == engelska.status_code == 400
    assert svenska.json()["errors"][0]["detail"] != engelska.json()["errors"][0]["detail"]


def test_a_repeated_query_filters_alike(api_klient):
    insatser = _insatser(3)
    fraga = {"from": timezone.localdate(insatser[1].start).isoformat()}
    forsta = _ids(api_klient, fraga)
    assert forsta == _ids(api_klient, fraga)
    assert forsta == [i.pk for i in insatser[1:]]


def test_the_cursor_walks_every_row_once_in_order(api_klient):
    insatser = _insatser(5)
    # Two operations at the same start: the id breaks the tie.
    insatser[2].start = insatser[1].start
    insatser[2].save()
    sett, adress = [], "/api/v1/insatser?limit=2"
    while adress:
        svar = api_klient.get(adress)
        sett += [r["id"] for r in svar.json()["items"]]
        adress = svar.json()["next"]
        if adress:
            assert svar["Link"] == f'<{adress}>; rel="next"'
    ordning = sorted(insatser, key=lambda i: (Insats.objects.get(pk=i.pk).start, i.pk))
    assert sett == [i.pk for i in ordning]


def test_staffing_requests_show_the_police_note_to_the_police_only(api, token, personer, begard):
    _, begaran = begard
    begaran.intern_anteckning = "Endast polis"
    begaran.save()
    api.hemlighet = token(personer["opsam"])
    polisen = api.get(f"/api/v1/bemanningsbegaran/{begaran.pk}")
    assert polisen.json()["intern_anteckning"] == "Endast polis"
    assert polisen["ETag"] == f'"{aktuell_version(begaran)}"'
    api.hemlighet = token(personer["samordnare"])
    samordnaren = api.get("/api/v1/bemanningsbegaran").json()["items"]
    assert [(r["id"], r["intern_anteckning"]) for r in samordnaren] == [(begaran.pk, "")]
    api.hemlighet = token(personer["skv"])
    assert api.get(f"/api/v1/bemanningsbegaran/{begaran.pk}").status_code == 404


def test_the_pool_lists_objects_with_the_relevance_markings_the_reader_may_read(
    api, token, personer
):
    from objekt.models import Myndighetsintresse

    objekt = ObjektFabrik(status="REDO")
    Myndighetsintresse.objects.create(
        objekt=objekt, organisation=org("skatteverket"), relevans="HOG"
    )
    api.hemlighet = token(personer["samordnare"])
    rader = {r["id"]: r for r in api.get("/api/v1/objekt").json()["items"]}
    assert rader[objekt.pk]["relevans"] == [
        {"organisation": org("skatteverket").pk, "relevans": "HOG"}
    ]


def _skapa_rader(namn: str, personer):
    """At least 50 rows of the list ``namn`` for the reader returned, and the list's address."""
    if namn == "insatser":
        _insatser(50)
        return personer["api"], namn
    if namn == "mina-insatser":
        _insatser(50)
        return personer["skv"], namn
    if namn == "utvarderingar":
        for insats in _insatser(50, status=InsatsStatus.GENOMFORD):
            insats.deltaganden.update(svar=Svar.ACCEPTERAD)
            utvarderingstjanster.oppna_utvardering(insats)
        return personer["skv"], namn
    if namn == "utfall":
        insats = _insatser(1, status=InsatsStatus.GENOMFORD)[0]
        Utfall.objects.bulk_create(
            Utfall(
                insats=insats,
                organisation=org("skatteverket"),
                typ=Resultattyp.objects.get(kod="skattetillagg"),
                belopp=100 + i,
                beslutsdatum=timezone.localdate(),
            )
            for i in range(50)
        )
        return personer["skv"], namn
    if namn == "bemanningsbegaran":
        for insats in _insatser(50):
            BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.SKICKAD)
        return personer["opsam"], namn
    if namn == "objekt":
        ObjektFabrik.create_batch(50, status="REDO")
        return personer["samordnare"], namn
    if namn == "arshjul/handelser":
        hjulet = _standardhjulet()
        for i in range(50):
            _handelse(hjulet, Handelsetyp.MOTE, dagar=i)
        return personer["api"], namn
    if namn == "informationsmallar":
        for version in range(50):
            Informationsmall.objects.create(
                organisation=org("skatteverket"),
                objekttyp=Objekttyp.FORETAG,
                version=version,
                aktiv=False,
                faltdefinition=[{"namn": "not", "etikett": "Not", "typ": "text"}],
            )
        return personer["api"], namn
    if namn == "objekt/information":
        objekt = ObjektFabrik()
        _block(objekt, 50)
        return personer["skv"], f"objekt/{objekt.pk}/information"
    if namn == "insatser/frislappningar":
        objekt = ObjektFabrik()
        insats = insats_med(objekt, ["skatteverket", "av"])
        grund = DelningsgrundFabrik()
        for uppgift in _block(objekt, 50):
            frislappning = Frislappning.objects.create(
                objektuppgift=uppgift,
                insats=insats,
                frislappt_av=personer["skv"],
                delningsgrund=grund,
                grund=grund.bestammelse,
                krets=Mottagarkrets.NAMNGIVNA,
            )
            frislappning.mottagare.set([org("av")])
        return personer["skv"], f"insatser/{insats.pk}/frislappningar"
    if namn == "insatser/uppgiftsbegaranden":
        objekt = ObjektFabrik()
        insats = insats_med(objekt, ["skatteverket", "av"])
        for i in range(50):
            Uppgiftsbegaran.objects.create(
                insats=insats,
                objekt=objekt,
                fragande_organisation=org("av"),
                fragad_av=personer["av"],
                tillfragad_organisation=org("skatteverket"),
                fraga=f"Fråga {i}",
            )
        return personer["skv"], f"insatser/{insats.pk}/uppgiftsbegaranden"
    return personer["api"], namn


def _block(objekt, antal: int) -> list[Objektuppgift]:
    return [
        Objektuppgift.objects.create(
            objekt=objekt, organisation=org("skatteverket"), innehall={"not": str(i)}
        )
        for i in range(antal)
    ]


def _standardhjulet():
    ladda_standardregler()
    return Arshjul.objects.get(kod="akc-vast-insatser")


def _handelse(arshjul, typ, dagar=0, **falt):
    start = timezone.now() + timedelta(days=dagar)
    return Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=timezone.localtime(start).year,
        typ=typ,
        titel=f"{typ} {dagar}",
        start=start,
        slut=start + timedelta(hours=2),
        handredigerad=True,
        **falt,
    )


def test_the_wheel_events_show_meetings_and_only_the_windows_the_reader_may_see(
    api, token, personer
):
    hjulet = _standardhjulet()
    Arshjulshandelse.objects.all().delete()
    mote = _handelse(hjulet, Handelsetyp.MOTE, dagar=1)
    fonster = _handelse(hjulet, Handelsetyp.INSATSFONSTER, dagar=2, lpo=lpo("city"), kapacitet=2)
    api.hemlighet = token(personer["api"])
    assert [r["id"] for r in api.get("/api/v1/arshjul/handelser").json()["items"]] == [mote.pk]
    api.hemlighet = token(personer["samordnare"])
    rader = api.get("/api/v1/arshjul/handelser").json()["items"]
    assert [r["id"] for r in rader] == [mote.pk, fonster.pk]
    assert rader[1]["kapacitet"] == 2
    fonsterdag = timezone.localtime(fonster.start).date().isoformat()
    svar = api.get("/api/v1/arshjul/handelser", {"from": fonsterdag, "typ": "INSATSFONSTER"})
    assert [r["id"] for r in svar.json()["items"]] == [fonster.pk]


MED_FEMTIO_RADER = [
    "insatser",
    "mina-insatser",
    "bemanningsbegaran",
    "objekt",
    "arshjul/handelser",
    "myndigheter",
    "utvarderingar",
    "utfall",
    "informationsmallar",
    "objekt/information",
    "insatser/frislappningar",
    "insatser/uppgiftsbegaranden",
]


@pytest.mark.parametrize("namn", [*MED_FEMTIO_RADER, "lokalpolisomraden"])
def test_a_page_costs_the_same_queries_for_one_row_as_for_fifty(
    api, token, personer, namn, django_assert_max_num_queries
):
    anvandare, adress = _skapa_rader(namn, personer)
    api.hemlighet = token(anvandare)
    api.get(f"/api/v1/{adress}")  # the token's first use is recorded once
    antal = {}
    for grans in (1, 50):
        with django_assert_max_num_queries(8) as fragor:
            svar = api.get(f"/api/v1/{adress}", {"limit": grans})
        assert svar.status_code == 200
        assert len(svar.json()["items"]) == min(grans, _totalt(api, adress))
        antal[grans] = len(fragor)
    assert antal[1] == antal[50]


def _totalt(api, adress) -> int:
    return len(api.get(f"/api/v1/{adress}", {"limit": 200}).json()["items"])


@pytest.mark.parametrize("namn", MED_FEMTIO_RADER)
def test_a_list_endpoint_has_at_least_fifty_rows_where_the_query_count_is_compared(
    api, token, personer, namn
):
    """The comparison above means something only where there are 50 rows to show."""
    anvandare, adress = _skapa_rader(namn, personer)
    api.hemlighet = token(anvandare)
    assert _totalt(api, adress) >= 50
