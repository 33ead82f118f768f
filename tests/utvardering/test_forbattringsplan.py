"""The improvement plan followed to closure: items with what they concern, reminders before
their due date (once per step), the overview per organisation, and the items shown when a
coordinator plans an operation with the same objects, area or agencies."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insatser.workflow import InsatsStatus
from myndigheter.models import Samverkansform, Stadsomrade
from myndigheter.roles import Roll
from notiser.mottagare import mottagare
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, KontrollFabrik, ObjektFabrik, lpo, org
from utvardering import selectors, services
from utvardering.models import Forbattringsomrade, Paminnelse

pytestmark = pytest.mark.django_db


@pytest.fixture
def varld(skapa_anvandare):
    """A carried-out operation of AKC-väst in LPO City with Skatteverket, an object inspected,
    and a coming operation being planned."""
    form = Samverkansform.objects.order_by("pk").first()
    insats = InsatsFabrik(
        dagar=-3, status=InsatsStatus.GENOMFORD, lpoer=[lpo("city")], samverkansform=form
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar="ACCEPTERAD")
    objekt = ObjektFabrik(foreslaget_av_organisation=org("akc-vast"))
    KontrollFabrik(insats=insats, objekt=objekt)
    planerad = InsatsFabrik(dagar=20, status=InsatsStatus.PLANERAD, lpoer=[lpo("nordost")])
    return {
        "insats": insats,
        "objekt": objekt,
        "planerad": planerad,
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv_sam": skapa_anvandare("skv.sam", Roll.SAMORDNARE, "skatteverket"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
    }


def registrera(varld, **falt):
    return services.registrera_forbattringsomrade(
        varld["sam"],
        varld["insats"],
        falt.pop("text", "Tolk behövs"),
        ansvarig_organisation=falt.pop("ansvarig_organisation", org("skatteverket")),
        **falt,
    )


def test_an_item_records_who_when_and_what_it_concerns(varld):
    idag = timezone.localdate()
    omrade = registrera(
        varld,
        ansvarig_person=varld["skv"],
        startdatum=idag,
        slutdatum=idag + timedelta(days=30),
        stadsomrade=Stadsomrade.objects.filter(lpo=lpo("city")).first(),
        samverkansform=varld["insats"].samverkansform,
        myndigheter=[org("skatteverket"), org("av")],
    )
    omrade.refresh_from_db()
    assert omrade.ansvarig_person == varld["skv"]
    assert set(omrade.myndigheter.values_list("kod", flat=True)) == {"skatteverket", "av"}


@pytest.mark.parametrize(
    ("falt", "fel"),
    [
        ({"ansvarig_person": "sam"}, "ansvarig_person"),
        ({"startdatum": 5, "slutdatum": 1}, "slutdatum"),
    ],
)
def test_inconsistent_items_are_refused(varld, falt, fel):
    idag = timezone.localdate()
    varden = {
        k: varld[v] if k == "ansvarig_person" else idag + timedelta(days=v) for k, v in falt.items()
    }
    with pytest.raises(ValidationError) as undantag:
        registrera(varld, **varden)
    assert fel in undantag.value.error_dict
    assert not Forbattringsomrade.objects.exists()


def _klockan_sju(dag):
    return timezone.make_aware(datetime.combine(dag, time(7)))


def test_items_are_reminded_of_once_a_week_before_and_on_the_day(varld):
    slut = timezone.localdate() + timedelta(days=20)
    omrade = registrera(varld, slutdatum=slut)
    for dag, antal in [(slut - timedelta(days=8), 0), (slut - timedelta(days=7), 1), (slut, 1)]:
        with time_machine.travel(_klockan_sju(dag)):
            assert services.paminn_om_utvarderingar() == antal
            assert services.paminn_om_utvarderingar() == 0
    assert set(
        Paminnelse.objects.filter(forbattringsomrade=omrade).values_list("steg", flat=True)
    ) == {
        Paminnelse.Steg.FORE,
        Paminnelse.Steg.DAGEN,
    }
    handelse = varld["insats"].handelser.filter(typ="forbattring_paminnelse").first()
    assert {"skv", "skv.sam", "sam"} <= set(mottagare(handelse).values_list("username", flat=True))
    assert "mig" not in set(mottagare(handelse).values_list("username", flat=True))


def test_a_resolved_item_is_not_reminded_of(varld):
    slut = timezone.localdate() + timedelta(days=3)
    omrade = registrera(varld, slutdatum=slut)
    services.atgarda_forbattringsomrade(varld["sam"], omrade)
    assert services.paminn_om_utvarderingar() == 0


def test_the_responsible_organisation_follows_its_items_on_the_overview(
    varld, client, django_assert_max_num_queries
):
    for nummer in range(3):
        registrera(varld, text=f"Område {nummer}")
    registrera(varld, text="AKC:s eget", ansvarig_organisation=org("akc-vast"))
    client.force_login(varld["skv_sam"])
    with django_assert_max_num_queries(20):
        svar = client.get(reverse("forbattringar"))
    assert sorted(f.text for f in svar.context["egna"]) == ["Område 0", "Område 1", "Område 2"]
    assert all(f.kan_atgarda for f in svar.context["egna"])
    omrade = svar.context["egna"][0]
    assert client.post(reverse("paborja_forbattringsomrade", args=[omrade.pk])).status_code == 302
    omrade.refresh_from_db()
    assert omrade.status == Forbattringsomrade.Status.PAGAENDE
    assert omrade.startdatum == timezone.localdate()
    client.force_login(varld["sam"])
    svar = client.get(reverse("forbattringar"))
    assert [f.text for f in svar.context["egna"]] == ["AKC:s eget"]
    assert len(svar.context["samordnade"]) == 3
    client.force_login(varld["mig"])
    svar = client.get(reverse("forbattringar"))
    assert (list(svar.context["egna"]), list(svar.context["samordnade"])) == ([], [])


def test_the_overview_costs_the_same_for_more_items(varld, client, django_assert_num_queries):
    registrera(varld)
    client.force_login(varld["skv_sam"])
    client.get(reverse("forbattringar"))
    with CaptureQueriesContext(connection) as fore:
        client.get(reverse("forbattringar"))
    for nummer in range(5):
        registrera(varld, text=f"Fler {nummer}", ansvarig_person=varld["skv"])
    with django_assert_num_queries(len(fore)):
        client.get(reverse("forbattringar"))


@pytest.mark.parametrize("koppling", ["objekt", "omrade", "myndighet", "samverkansform"])
def test_open_items_show_when_planning_with_the_same_things(varld, client, koppling):
    planerad = varld["planerad"]
    if koppling == "objekt":
        KontrollFabrik(insats=planerad, objekt=varld["objekt"])
        registrera(varld, objekt=varld["objekt"])
    elif koppling == "omrade":
        registrera(varld, stadsomrade=Stadsomrade.objects.filter(lpo=lpo("nordost")).first())
    elif koppling == "myndighet":
        DeltagandeFabrik(insats=planerad, organisation=org("migrationsverket"))
        registrera(varld, myndigheter=[org("migrationsverket")])
    else:
        planerad.samverkansform = varld["insats"].samverkansform
        planerad.save(update_fields=["samverkansform"])
        registrera(varld, samverkansform=varld["insats"].samverkansform)
    registrera(varld, text="Gäller något annat")
    assert [f.text for f in selectors.forbattringar_som_beror(varld["sam"], planerad)] == [
        "Tolk behövs"
    ]
    client.force_login(varld["sam"])
    sida = client.get(reverse("insats", args=[planerad.pk])).content.decode()
    assert "Tolk behövs" in sida
    assert "Gäller något annat" not in sida
