"""Outcomes of a carried-out operation: recorded, changed and removed by the agency that owns
them, read only by those its visibility allows, on the operation's page and the object's."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.models import Insats
from insatser.workflow import InsatsStatus
from karna.lasning import Konflikt
from tests.fabriker import KontrollFabrik
from utvardering import access, services_utfall
from utvardering.models import Aterkoppling, Resultattyp, Utfall

pytestmark = pytest.mark.django_db

EGEN, DELTAGARE, AGGREGAT = Utfall.Synlighet.values


def _typ(kod):
    return Resultattyp.objects.get(kod=kod)


def _registrera(v, vem="skv", **falt):
    data = {
        "typ": _typ("skattetillagg"),
        "belopp": Decimal("148000"),
        "beslutsdatum": timezone.localdate(),
        "kontroll": v["kontroll"],
    } | falt
    return services_utfall.registrera_utfall(v[vem], v["insats"], **data)


def test_an_officer_records_an_outcome_of_their_agency_with_history(utfallsvarld):
    v = utfallsvarld
    utfall = _registrera(v, uppskattning=True)
    assert (utfall.organisation.kod, utfall.synlighet, utfall.registrerad_av) == (
        "skatteverket",
        EGEN,
        v["skv"],
    )
    assert (utfall.belopp, utfall.antal, utfall.enhet, utfall.uppskattning) == (
        Decimal("148000"),
        None,
        "",
        True,
    )
    assert utfall.events.count() == 1


def test_a_quantity_takes_the_types_unit_unless_one_is_given(utfallsvarld):
    v = utfallsvarld
    forbud = _registrera(v, "av", typ=_typ("forbud"), belopp=None, antal=Decimal("1"))
    assert forbud.enhet == "antal"
    beslag = _registrera(
        v, "opsam", typ=_typ("beslag"), belopp=None, antal=Decimal("35"), enhet="liter"
    )
    assert (beslag.organisation.kod, beslag.enhet) == ("polisen", "liter")


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"belopp": Decimal("-5")}, "belopp"),
        ({"belopp": Decimal("0")}, "belopp"),
        ({"antal": Decimal("2")}, "antal"),
        ({"belopp": None}, "belopp"),
        ({"belopp": None, "antal": Decimal("2")}, "belopp"),  # a type counted in kronor
        ({"typ": "beslag", "belopp": None, "antal": Decimal("3")}, "enhet"),  # no one unit
        ({"beslutsdatum": "före"}, "beslutsdatum"),
        ({"beslutsdatum": date(1999, 12, 31)}, "beslutsdatum"),
        ({"synlighet": "ALLA"}, "synlighet"),
        ({"kontroll": "annan"}, "kontroll"),
    ],
)
def test_bad_values_are_refused_on_their_field_and_save_nothing(utfallsvarld, falt, fel):
    v = utfallsvarld
    falt = dict(falt)
    if "typ" in falt:
        falt["typ"] = _typ(falt["typ"])
    if falt.get("beslutsdatum") == "före":
        falt["beslutsdatum"] = timezone.localtime(v["insats"].start).date() - timedelta(days=1)
    if falt.get("kontroll") == "annan":
        falt["kontroll"] = KontrollFabrik()
    with pytest.raises(ValidationError) as undantag:
        _registrera(v, **falt)
    assert fel in undantag.value.error_dict
    assert not Utfall.objects.exists()


@pytest.mark.parametrize(
    ("vem", "fel"),
    [
        ("sam", PermissionDenied),  # the coordinator records no agency's outcomes
        ("mig", PermissionDenied),  # invited, never took part
        ("polis", PermissionDenied),  # the police's are recorded by the LPO's coordinator
        ("opsam_syd", Http404),
        ("sam_miljo", Http404),
    ],
)
def test_only_those_answering_for_a_participating_agency_record(utfallsvarld, vem, fel):
    with pytest.raises(fel):
        _registrera(utfallsvarld, vem)
    assert not Utfall.objects.exists()


def test_nothing_is_recorded_before_the_operation_is_carried_out(utfallsvarld):
    Insats.objects.filter(pk=utfallsvarld["insats"].pk).update(status=InsatsStatus.BEKRAFTAD)
    with pytest.raises(ValidationError):
        _registrera(utfallsvarld)


def test_months_later_is_fine(utfallsvarld):
    Insats.objects.filter(pk=utfallsvarld["insats"].pk).update(status=InsatsStatus.UTVARDERAD)
    utfall = _registrera(utfallsvarld, beslutsdatum=timezone.localdate() + timedelta(days=120))
    assert utfall.pk


def test_the_agency_changes_and_removes_its_outcome_with_the_version_it_saw(utfallsvarld):
    v = utfallsvarld
    utfall = _registrera(v)
    data = {
        "typ": _typ("skattetillagg"),
        "belopp": Decimal("150000"),
        "beslutsdatum": timezone.localdate(),
        "synlighet": DELTAGARE,
    }
    andrat = services_utfall.andra_utfall(v["skv_kontakt"], utfall, version=1, **data)
    assert (andrat.belopp, andrat.synlighet, andrat.version, andrat.kontroll) == (
        Decimal("150000"),
        DELTAGARE,
        2,
        None,
    )
    with pytest.raises(Konflikt):
        services_utfall.andra_utfall(v["skv"], utfall, version=1, **data)
    # Shared, so Arbetsmiljöverket reads it, but it is not theirs to change.
    with pytest.raises(PermissionDenied):
        services_utfall.andra_utfall(v["av"], utfall, version=2, **data)
    with pytest.raises(PermissionDenied):
        services_utfall.ta_bort_utfall(v["sam"], utfall, version=2)
    services_utfall.ta_bort_utfall(v["skv"], utfall, version=2)
    assert not Utfall.objects.exists()
    assert utfall.events.filter(pgh_label="delete").exists()


def test_another_agencys_own_outcome_cannot_be_changed_or_learnt_of(utfallsvarld):
    v = utfallsvarld
    utfall = _registrera(v)
    with pytest.raises(Http404):
        services_utfall.ta_bort_utfall(v["av"], utfall, version=1)
    assert Utfall.objects.filter(pk=utfall.pk).exists()


LASARE = ["sam", "skv", "skv_kontakt", "av", "mig", "opsam", "opsam_syd", "polis"]
LASARE += ["polisledning", "api", "sam_miljo"]


@pytest.mark.parametrize(
    ("synlighet", "ser"),
    [
        (EGEN, {"skv", "skv_kontakt"}),
        (AGGREGAT, {"skv", "skv_kontakt"}),
        (DELTAGARE, {"skv", "skv_kontakt", "sam", "av", "opsam", "polis"}),
    ],
)
def test_who_reads_an_outcome_follows_its_visibility(utfallsvarld, client, synlighet, ser):
    v = utfallsvarld
    _registrera(v, synlighet=synlighet)
    for vem in LASARE:
        assert access.synliga_utfall(v[vem]).exists() == (vem in ser), vem
        client.force_login(v[vem])
        svar = client.get(f"/insatser/{v['insats'].pk}/utfall/")
        if svar.status_code == 200:
            assert ("<td>Skattetillägg</td>" in svar.content.decode()) == (vem in ser), vem
        else:
            assert vem not in ser
        objektsida = client.get(f"/objekt/{v['objekt'].pk}/")
        if objektsida.status_code == 200:
            assert ("<td>Skattetillägg</td>" in objektsida.content.decode()) == (vem in ser), vem


def test_the_object_page_shows_each_agencys_outcomes_the_reader_may_see(utfallsvarld, client):
    v = utfallsvarld
    _registrera(v, synlighet=EGEN)
    _registrera(v, "av", typ=_typ("forbud"), belopp=None, antal=Decimal("1"), synlighet=DELTAGARE)
    _registrera(v, "av", typ=_typ("sanktionsavgift"), belopp=Decimal("40000"), synlighet=EGEN)
    _registrera(v, "av", typ=_typ("aterkrav"), belopp=Decimal("9000"), kontroll=None)
    client.force_login(v["av"])
    svar = client.get(f"/objekt/{v['objekt'].pk}/")
    utfall = next(a.kontext["utfall"] for a in svar.context["historik"] if "utfall" in a.kontext)
    assert sorted(u.typ.kod for u in utfall) == ["forbud", "sanktionsavgift"]
    client.force_login(v["skv"])
    svar = client.get(f"/objekt/{v['objekt'].pk}/")
    utfall = next(a.kontext["utfall"] for a in svar.context["historik"] if "utfall" in a.kontext)
    assert sorted(u.typ.kod for u in utfall) == ["forbud", "skattetillagg"]


def _post(client, v, **falt):
    data = {
        "typ": _typ("skattetillagg").pk,
        "belopp": "148000",
        "beslutsdatum": timezone.localdate().isoformat(),
        "synlighet": EGEN,
    } | falt
    return client.post(f"/insatser/{v['insats'].pk}/utfall/", data)


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"belopp": "-100"}, "belopp"),
        ({"belopp": "", "antal": ""}, "belopp"),
        ({"antal": "4"}, "antal"),
        ({"beslutsdatum": "1999-01-01"}, "beslutsdatum"),
        ({"beslutsdatum": "inte ett datum"}, "beslutsdatum"),
        ({"belopp": "mycket"}, "belopp"),
    ],
)
def test_the_form_shows_bad_input_on_its_fields(utfallsvarld, client, falt, fel):
    v = utfallsvarld
    client.force_login(v["skv"])
    svar = _post(client, v, **falt)
    assert svar.status_code == 200
    assert svar.context["utfall_form"].errors[fel]
    assert not Utfall.objects.exists()


def test_the_page_records_an_outcome_and_links_to_its_change_form(utfallsvarld, client):
    v = utfallsvarld
    client.force_login(v["skv"])
    svar = _post(client, v, kontroll=v["kontroll"].pk, synlighet=DELTAGARE)
    assert svar.status_code == 302
    utfall = Utfall.objects.get()
    assert (utfall.kontroll, utfall.synlighet) == (v["kontroll"], DELTAGARE)
    sida = client.get(f"/insatser/{v['insats'].pk}/utfall/").content.decode()
    assert f"/utvardering/utfall/{utfall.pk}/andra/" in sida
    svar = client.post(
        f"/utvardering/utfall/{utfall.pk}/andra/",
        {
            "typ": utfall.typ.pk,
            "belopp": "-1",
            "beslutsdatum": timezone.localdate().isoformat(),
            "synlighet": EGEN,
            "version": 1,
        },
    )
    assert svar.context["form"].errors["belopp"]
    svar = client.post(f"/utvardering/utfall/{utfall.pk}/ta-bort/", {"version": 1})
    assert svar.status_code == 302
    assert not Utfall.objects.exists()
    client.force_login(v["av"])
    sida = client.get(f"/insatser/{v['insats'].pk}/utfall/").content.decode()
    assert "Registrera ett utfall för din organisation" in sida
    client.force_login(v["sam"])
    sida = client.get(f"/insatser/{v['insats'].pk}/utfall/").content.decode()
    assert "Registrera ett utfall för din organisation" not in sida
    assert client.post(f"/insatser/{v['insats'].pk}/utfall/", {}).status_code == 403


def test_the_operation_page_links_to_the_outcomes_once_carried_out(utfallsvarld, client):
    v = utfallsvarld
    client.force_login(v["av"])
    url = f"/insatser/{v['insats'].pk}/utfall/"
    assert url in client.get(f"/insatser/{v['insats'].pk}/").content.decode()
    Insats.objects.filter(pk=v["insats"].pk).update(status=InsatsStatus.BEKRAFTAD)
    assert url not in client.get(f"/insatser/{v['insats'].pk}/").content.decode()


def test_the_page_takes_the_same_queries_however_many_rows(
    utfallsvarld, client, django_assert_max_num_queries
):
    v = utfallsvarld
    url = f"/insatser/{v['insats'].pk}/utfall/"
    client.force_login(v["av"])
    _registrera(v, "av", typ=_typ("sanktionsavgift"), belopp=Decimal("1000"))
    client.get(url)
    with CaptureQueriesContext(connection) as fore:
        client.get(url)
    for nummer in range(8):
        _registrera(v, "av", typ=_typ("sanktionsavgift"), belopp=Decimal(1000 + nummer))
        _registrera(v, "skv", synlighet=DELTAGARE, belopp=Decimal(2000 + nummer))
    for vem in ("sam", "skv", "opsam", "polis"):
        Aterkoppling.objects.create(insats=v["insats"], forfattare=v[vem], betyg=4, anonym=True)
    with django_assert_max_num_queries(len(fore)):
        svar = client.get(url)
    assert len(svar.context["utfall"]) == 17
