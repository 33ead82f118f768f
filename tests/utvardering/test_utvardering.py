"""The evaluation of a carried-out operation: opening with its due date, the agencies' evaluations
from draft to submitted (and changed, with a trace), reminders once per step, closing, access."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insatser import services as insatstjanster
from insatser.models import Insats
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Samverkansform
from myndigheter.roles import Roll
from notiser.mottagare import mottagare
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org
from tests.varld import aktuell_version
from utvardering import selectors, services
from utvardering.models import (
    Betyg,
    Gemensamutvardering,
    Myndighetsutvardering,
    Paminnelse,
    Utvarderingsfrist,
)
from utvardering.tasks import paminn_om_utvarderingar
from utvardering.workflow import MYNDIGHETSUTVARDERING_WORKFLOW

pytestmark = pytest.mark.django_db

KOMPLETT = {
    **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, Betyg.S),
    "timmar_fore": Decimal("4"),
    "timmar_under": Decimal("10.5"),
    "timmar_efter": Decimal("2"),
    "fritext": "Bra samarbete.",
}


@pytest.fixture
def varld(skapa_anvandare):
    """A confirmed operation of AKC-väst, yesterday: Skatteverket accepted, Arbetsmiljöverket
    declined, LPO City staffed it and Nordost's staffing was withdrawn."""
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"),
        dagar=-1,
        status=InsatsStatus.BEKRAFTAD,
        samverkansform=Samverkansform.objects.order_by("pk").first(),
        lpoer=[lpo("city")],
    )
    DeltagandeFabrik(insats=insats, organisation=org("akc-vast"), svar="ACCEPTERAD")
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar="ACCEPTERAD")
    DeltagandeFabrik(insats=insats, organisation=org("av"), svar="AVBOJD")
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("nordost"), status=BemanningStatus.ATERKALLAD)
    return {
        "insats": insats,
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
    }


def genomfor(varld) -> Gemensamutvardering:
    insats = varld["insats"]
    insatstjanster.genomfor_insats(varld["sam"], insats, version=aktuell_version(insats))
    return Gemensamutvardering.objects.get(insats=insats)


def rad_for(utvardering, kod: str) -> Myndighetsutvardering:
    if kod in ("city", "nordost"):
        return utvardering.myndighetsutvarderingar.get(lpo__kod=kod)
    return utvardering.myndighetsutvarderingar.get(organisation__kod=kod, lpo__isnull=True)


def lamna_in(user, rad, **andringar):
    rad.refresh_from_db()
    return services.spara_myndighetsutvardering(
        user, rad, {**KOMPLETT, **andringar}, version=rad.version, lamna_in=True
    )


def test_carrying_out_opens_the_evaluation_due_30_days_after(varld):
    utvardering = genomfor(varld)
    slutdag = timezone.localtime(varld["insats"].slut).date()
    assert utvardering.status == Gemensamutvardering.Status.OPPEN
    assert utvardering.frist == slutdag + timedelta(days=30)
    namn = {
        (r.organisation.kod, r.lpo.kod if r.lpo else None)
        for r in utvardering.myndighetsutvarderingar.all()
    }
    # Declined organisations and withdrawn staffing do not evaluate; the police per LPO.
    assert namn == {("akc-vast", None), ("skatteverket", None), ("polisen", "city")}
    assert varld["insats"].handelser.filter(typ="utvardering_oppnad").exists()


def test_the_due_date_follows_the_collaboration_form(varld):
    Utvarderingsfrist.objects.create(samverkansform=varld["insats"].samverkansform, dagar=14)
    utvardering = genomfor(varld)
    assert utvardering.frist == timezone.localtime(varld["insats"].slut).date() + timedelta(days=14)


def test_opening_twice_keeps_one_evaluation(varld):
    utvardering = genomfor(varld)
    assert services.oppna_utvardering(varld["insats"]) == utvardering
    assert Gemensamutvardering.objects.filter(insats=varld["insats"]).count() == 1


def _handelser(insats, typ):
    return list(insats.handelser.filter(typ=typ).order_by("pk"))


def test_reminders_fire_once_per_step(varld):
    utvardering = genomfor(varld)
    insats = varld["insats"]
    lamna_in(varld["sam"], rad_for(utvardering, "akc-vast"))
    frist = utvardering.frist
    with time_machine.travel(_klockan_sju(frist - timedelta(days=7))):
        assert paminn_om_utvarderingar() == 2  # Skatteverket and the police of City
        assert paminn_om_utvarderingar() == 0
    paminnelser = _handelser(insats, "utvardering_paminnelse")
    till = {frozenset(mottagare(h).values_list("username", flat=True)) for h in paminnelser}
    assert till == {frozenset({"skv"}), frozenset({"opsam"})}
    lamna_in(varld["skv"], rad_for(utvardering, "skatteverket"))
    with time_machine.travel(_klockan_sju(frist)):
        assert paminn_om_utvarderingar() == 1  # the police have still not filed
        assert paminn_om_utvarderingar() == 0
    with time_machine.travel(_klockan_sju(frist + timedelta(days=1))):
        assert paminn_om_utvarderingar() == 1  # overdue: the coordinator is told
        assert paminn_om_utvarderingar() == 0
    forsenad = _handelser(insats, "utvardering_forsenad")
    assert [set(mottagare(h).values_list("username", flat=True)) for h in forsenad] == [{"sam"}]
    assert Paminnelse.objects.filter(myndighetsutvardering__utvardering=utvardering).count() == 3
    assert Paminnelse.objects.filter(utvardering=utvardering).count() == 1


def _klockan_sju(dag):
    return timezone.make_aware(datetime.combine(dag, time(7)))


def test_a_submitted_evaluation_is_not_reminded_of(varld):
    utvardering = genomfor(varld)
    for kod, vem in (("akc-vast", "sam"), ("skatteverket", "skv"), ("city", "opsam")):
        lamna_in(varld[vem], rad_for(utvardering, kod))
    with time_machine.travel(_klockan_sju(utvardering.frist)):
        assert paminn_om_utvarderingar() == 0


def test_draft_then_submit_then_a_change_leaves_a_trace(varld, client):
    utvardering = genomfor(varld)
    rad = rad_for(utvardering, "skatteverket")
    services.spara_myndighetsutvardering(
        varld["skv"], rad, {"betyg_objektval": Betyg.P}, version=rad.version
    )
    rad.refresh_from_db()
    assert (rad.status, rad.inlamnad, rad.betyg_objektval) == ("UTKAST", None, "P")
    with pytest.raises(ValidationError) as fel:
        services.spara_myndighetsutvardering(
            varld["skv"], rad, {}, version=rad.version, lamna_in=True
        )
    assert "betyg_genomgang" in fel.value.error_dict
    rad = lamna_in(varld["skv"], rad)
    assert rad.status == "INLAMNAD"
    assert rad.inlamnad is not None
    assert selectors.andringar_efter_inlamning(rad) == []
    services.spara_myndighetsutvardering(
        varld["skv"], rad, {"timmar_under": Decimal("12")}, version=rad.version
    )
    rad.refresh_from_db()
    assert rad.status == "INLAMNAD"
    andringar = selectors.andringar_efter_inlamning(rad)
    assert [(str(a["falt"]), a["fore"], a["efter"], a["vem"]) for a in andringar] == [
        ("timmar under", "10.5", "12.0", "skv")
    ]
    client.force_login(varld["skv"])
    sida = client.get(reverse("myndighetsutvardering", args=[rad.pk]))
    assert sida.status_code == 200
    assert sida.context["andringar"] == andringar
    assert "12.0" in sida.content.decode()


def test_a_submitted_evaluation_cannot_be_emptied(varld):
    utvardering = genomfor(varld)
    rad = lamna_in(varld["skv"], rad_for(utvardering, "skatteverket"))
    with pytest.raises(ValidationError):
        services.spara_myndighetsutvardering(
            varld["skv"], rad, {"betyg_samordning": ""}, version=rad.version
        )
    rad.refresh_from_db()
    assert rad.betyg_samordning == "S"


def test_negative_hours_are_refused_on_the_form(varld, client):
    utvardering = genomfor(varld)
    rad = rad_for(utvardering, "skatteverket")
    client.force_login(varld["skv"])
    svar = client.post(
        reverse("myndighetsutvardering", args=[rad.pk]),
        {"version": rad.version, "timmar_fore": "-1", "spara": ""},
    )
    assert svar.status_code == 200
    assert "timmar_fore" in svar.context["form"].errors
    rad.refresh_from_db()
    assert rad.timmar_fore is None


def test_only_the_police_fill_in_police_hours(varld, client):
    utvardering = genomfor(varld)
    skv = rad_for(utvardering, "skatteverket")
    services.spara_myndighetsutvardering(
        varld["skv"], skv, {"polistimmar": Decimal("5")}, version=skv.version
    )
    skv.refresh_from_db()
    assert skv.polistimmar is None
    polis = rad_for(utvardering, "city")
    services.spara_myndighetsutvardering(
        varld["opsam"],
        polis,
        {"polistimmar": Decimal("24"), "lanande_lpoer": ["nordost", "city"]},
        version=polis.version,
    )
    polis.refresh_from_db()
    assert (polis.polistimmar, polis.lanande_lpoer) == (Decimal("24"), ["city", "nordost"])


def test_nobody_sees_another_agencys_draft(varld, client):
    utvardering = genomfor(varld)
    skv = rad_for(utvardering, "skatteverket")
    services.spara_myndighetsutvardering(
        varld["skv"], skv, {"fritext": "Utkast"}, version=skv.version
    )
    adress = reverse("myndighetsutvardering", args=[skv.pk])
    for vem in ("sam", "opsam", "av"):
        client.force_login(varld[vem])
        assert client.get(adress).status_code == 404, vem
    with pytest.raises(Http404):
        services.spara_myndighetsutvardering(varld["opsam"], skv, {}, version=skv.version)
    lamna_in(varld["skv"], skv)
    client.force_login(varld["sam"])
    assert client.get(adress).status_code == 200  # the coordinator reads what was submitted
    assert client.post(adress, {"version": 9}).status_code == 403
    # A declined organisation sees that it was invited, not the evaluation.
    client.force_login(varld["av"])
    assert client.get(reverse("insats_utvardering", args=[varld["insats"].pk])).status_code == 404


def test_closing_moves_the_operation_to_evaluated(varld, client):
    utvardering = genomfor(varld)
    for kod, vem in (("akc-vast", "sam"), ("skatteverket", "skv")):
        lamna_in(varld[vem], rad_for(utvardering, kod))
    with pytest.raises(ValidationError) as fel:
        services.avsluta_utvardering(
            varld["sam"], utvardering, sammanfattning="Bra", version=utvardering.version
        )
    assert "skal_for_saknade" in fel.value.error_dict
    with pytest.raises(PermissionDenied):
        services.avsluta_utvardering(
            varld["skv"],
            utvardering,
            sammanfattning="Bra",
            skal_for_saknade="Polisen",
            version=utvardering.version,
        )
    client.force_login(varld["sam"])
    svar = client.post(
        reverse("insats_utvardering", args=[varld["insats"].pk]),
        {
            "version": utvardering.version,
            "sammanfattning": "Insatsen gick bra.",
            "styrkor": "Samordningen",
            "skal_for_saknade": "Polisen hann inte före semestern.",
        },
    )
    assert svar.status_code == 302
    utvardering.refresh_from_db()
    assert (utvardering.status, utvardering.avslutad_av) == ("AVSLUTAD", varld["sam"])
    assert Insats.objects.get(pk=varld["insats"].pk).status == InsatsStatus.UTVARDERAD
    assert varld["insats"].handelser.filter(typ="utvardera").exists()
    # Closed: nothing more is filed.
    polis = rad_for(utvardering, "city")
    with pytest.raises(ValidationError):
        services.spara_myndighetsutvardering(varld["opsam"], polis, {}, version=polis.version)


def test_the_evaluation_page_shows_each_agencys_state(varld, client, django_assert_max_num_queries):
    utvardering = genomfor(varld)
    lamna_in(varld["skv"], rad_for(utvardering, "skatteverket"))
    client.force_login(varld["skv"])
    adress = reverse("insats_utvardering", args=[varld["insats"].pk])
    with django_assert_max_num_queries(30):
        svar = client.get(adress)
    rader = {r.namn: (r.status, r.kan_lasa, r.kan_fylla_i) for r in svar.context["rader"]}
    assert rader["Skatteverket"] == ("INLAMNAD", True, True)
    assert not any(v[1] for k, v in rader.items() if k != "Skatteverket")
    assert svar.context["form"] is None
    client.force_login(varld["sam"])
    svar = client.get(adress)
    assert svar.context["form"] is not None
    sida = client.get(reverse("insats", args=[varld["insats"].pk])).content.decode()
    assert adress in sida


def test_the_evaluation_page_costs_the_same_for_more_agencies(
    varld, client, django_assert_num_queries
):
    utvardering = genomfor(varld)
    client.force_login(varld["sam"])
    adress = reverse("insats_utvardering", args=[varld["insats"].pk])
    client.get(adress)
    with CaptureQueriesContext(connection) as fore:
        client.get(adress)
    for kod in ("migrationsverket", "miljoforvaltningen"):
        Myndighetsutvardering.objects.create(
            utvardering=utvardering,
            organisation=org(kod),
            status=MYNDIGHETSUTVARDERING_WORKFLOW.skapa("skapa"),
        )
    with django_assert_num_queries(len(fore)):
        client.get(adress)
