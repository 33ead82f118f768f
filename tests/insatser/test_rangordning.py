"""The add-object picker: the pool ranked for one operation, each row with its reasons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser import rangordning
from insatser.models import Deltagande, Kontroll
from insatser.views_planering import VALJARENS_SIDSTORLEK
from insatser.workflow import InsatsStatus, KontrollStatus
from myndigheter.models import Kommun, Omradesbedomning, UtsattOmrade
from myndigheter.roles import Roll
from objekt.models import Myndighetsintresse, Objekt
from tests.fabriker import DeltagandeFabrik, InsatsFabrik, KontrollFabrik, ObjektFabrik, lpo, org
from utvardering.models import Forbattringsomrade

pytestmark = pytest.mark.django_db

R = Myndighetsintresse.Relevans


@pytest.fixture
def sam(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast")


def _relevant(objekt, *organisationer, relevans=R.RELEVANT):
    for kod in organisationer:
        Myndighetsintresse.objects.create(
            objekt=objekt, organisation=org(kod), relevans=relevans, grund="Skäl"
        )


def _kontrollerat(objekt, dagar_sedan: int):
    """A control carried out in a carried-out operation of AKC-väst ``dagar_sedan`` days ago."""
    tidigare = InsatsFabrik(
        status=InsatsStatus.GENOMFORD, start=timezone.now() - timedelta(days=dagar_sedan)
    )
    return KontrollFabrik(insats=tidigare, objekt=objekt, status=KontrollStatus.GENOMFORD)


def _sarskilt_utsatt():
    omrade = UtsattOmrade.objects.create(kod="testomradet", namn="Testområdet")
    Omradesbedomning.objects.create(
        omrade=omrade, ar=timezone.localdate().year, klass=Omradesbedomning.Klass.SUO
    )
    return omrade


@pytest.fixture
def varld(sam):
    """A proposed operation in LPO City and Göteborg with Skatteverket invited, Arbetsmiljö-
    verket accepted and Migrationsverket declined, and a small pool whose order is known:

    Alfa 10 (2 invited relevant 6, never controlled 4); Gamma 6 (controlled 10 days ago 0, one
    open improvement area 2, in Göteborg 1, särskilt utsatt 3); Beta 4 (only the declined agency
    found it relevant 0, controlled 2.5 years ago 2, in LPO City 2); Delta 4 (never controlled
    4, in Stockholm). Beta and Delta tie and go by name. The operation's own object and a
    removed one are not offered.
    """
    insats = InsatsFabrik(status=InsatsStatus.FORESLAGEN, lpoer=[lpo("city")])
    insats.kommuner.set([Kommun.objects.get(kod="goteborg")])
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    DeltagandeFabrik(insats=insats, organisation=org("av"), svar=Deltagande.Svar.ACCEPTERAD)
    DeltagandeFabrik(
        insats=insats, organisation=org("migrationsverket"), svar=Deltagande.Svar.AVBOJD
    )
    stockholm = Kommun.objects.get(kod="stockholm")
    alfa = ObjektFabrik(namn="Alfa AB", kommun=stockholm)
    _relevant(alfa, "skatteverket", "av")
    gamma = ObjektFabrik(namn="Gamma AB", utsatt_omrade=_sarskilt_utsatt())
    kontroll = _kontrollerat(gamma, 10)
    Forbattringsomrade.objects.create(insats=kontroll.insats, objekt=gamma, text="Tolk behövs")
    Forbattringsomrade.objects.create(
        insats=kontroll.insats,
        objekt=gamma,
        text="Redan åtgärdat",
        status=Forbattringsomrade.Status.ATGARDAD,
        atgardad=timezone.now(),
    )
    beta = ObjektFabrik(namn="Beta AB", lpo=lpo("city"))
    _relevant(beta, "migrationsverket")
    _relevant(beta, "skatteverket", relevans=R.EJ_RELEVANT)
    _kontrollerat(beta, 900)
    ObjektFabrik(namn="Delta AB", kommun=stockholm)
    KontrollFabrik(insats=insats, objekt=ObjektFabrik(namn="Redan med AB"))
    ObjektFabrik(namn="Avfört AB", status=Objekt.Status.AVFORT)
    return insats


def test_the_pool_is_ranked_for_the_operation_with_its_reasons(sam, varld):
    rader = list(rangordning.rangordnad_objektpool(sam, varld))
    antal_inbjudna = rangordning.inbjudna_organisationer(varld).count()
    assert antal_inbjudna == 2
    assert [(o.namn, o.poang) for o in rader] == [
        ("Alfa AB", 10),
        ("Gamma AB", 6),
        ("Beta AB", 4),
        ("Delta AB", 4),
    ]
    skal = {o.namn: rangordning.skal(o, antal_inbjudna) for o in rader}
    assert skal["Alfa AB"] == [
        "2 av 2 inbjudna myndigheter markerade relevant",
        "aldrig kontrollerat",
    ]
    assert skal["Gamma AB"][0] == "0 av 2 inbjudna myndigheter markerade relevant"
    assert skal["Gamma AB"][1].startswith("senast kontrollerat ")
    assert skal["Gamma AB"][2:] == [
        "1 öppet förbättringsområde",
        "i insatsens kommun",
        "särskilt utsatt område",
    ]
    assert skal["Beta AB"][2:] == ["i insatsens lokalpolisområde"]
    assert skal["Delta AB"] == [
        "0 av 2 inbjudna myndigheter markerade relevant",
        "aldrig kontrollerat",
    ]


def test_the_weights_make_up_the_score(sam, varld):
    """The score is the documented sum: a change of a weight changes the ranking's numbers."""
    alfa = rangordning.rangordnad_objektpool(sam, varld).get(namn="Alfa AB")
    assert alfa.poang == 2 * rangordning.VIKT_RELEVANT + rangordning.VIKT_ALDRIG_KONTROLLERAT


def test_the_picker_page_shows_the_ranking_and_adds_from_a_row(client, sam, varld):
    client.force_login(sam)
    adress = f"/insatser/{varld.pk}/objekt/valj/"
    svar = client.get(adress)
    assert svar.status_code == 200
    text = svar.content.decode()
    assert text.index("Alfa AB") < text.index("Gamma AB") < text.index("Beta AB")
    assert "2 av 2 inbjudna myndigheter markerade relevant · aldrig kontrollerat" in text
    assert "Redan med AB" not in text
    delta = Objekt.objects.get(namn="Delta AB")
    svar = client.post(
        f"/insatser/{varld.pk}/objekt/",
        {"objekt": delta.pk, "reserv": "on", "nasta": adress + "?q=delta"},
    )
    assert svar.status_code == 302
    assert svar["Location"] == adress + "?q=delta"
    assert Kontroll.objects.get(insats=varld, objekt=delta).reserv is True
    assert "Delta AB" not in client.get(adress).content.decode()


def test_a_foreign_return_address_is_ignored(client, sam, varld):
    client.force_login(sam)
    delta = Objekt.objects.get(namn="Delta AB")
    svar = client.post(
        f"/insatser/{varld.pk}/objekt/", {"objekt": delta.pk, "nasta": "https://ond.example/"}
    )
    assert svar["Location"] == f"/insatser/{varld.pk}/"
    assert Kontroll.objects.get(insats=varld, objekt=delta).reserv is False


def test_filters_and_search_of_the_pool_narrow_the_ranking(client, sam, varld):
    client.force_login(sam)
    adress = f"/insatser/{varld.pk}/objekt/valj/"
    text = client.get(adress, {"q": "gamma"}).content.decode()
    assert "Gamma AB" in text
    assert "Alfa AB" not in text
    text = client.get(adress, {"klass": "SUO"}).content.decode()
    assert "Gamma AB" in text
    assert "Beta AB" not in text
    delvis = client.get(adress, {"lpo": lpo("city").pk}, HTTP_HX_REQUEST="true")
    assert delvis.content.decode().startswith('<div id="rangordning">')
    assert "Beta AB" in delvis.content.decode()
    assert "Alfa AB" not in delvis.content.decode()


def test_the_page_reads_a_fixed_number_of_queries(
    client, sam, varld, django_assert_max_num_queries
):
    client.force_login(sam)
    adress = f"/insatser/{varld.pk}/objekt/valj/"
    client.get(adress)
    with django_assert_max_num_queries(16) as fa:
        client.get(adress)
    for n in range(30):
        objekt = ObjektFabrik(namn=f"Fler {n} AB")
        _relevant(objekt, "skatteverket")
    with django_assert_max_num_queries(len(fa.captured_queries)):
        svar = client.get(adress)
    assert svar.content.decode().count('name="objekt"') == VALJARENS_SIDSTORLEK


def test_others_are_refused_as_on_the_add_route(client, skapa_anvandare, varld):
    """Outside the operation 404; seeing it but not coordinating it 403."""
    adress = f"/insatser/{varld.pk}/objekt/valj/"
    client.force_login(skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"))
    assert client.get(adress).status_code == 403
    client.force_login(skapa_anvandare("tull", Roll.HANDLAGGARE, "tullverket"))
    assert client.get(adress).status_code == 404
    assert client.get("/insatser/999999/objekt/valj/").status_code == 404


def test_a_closed_operation_offers_nothing(client, sam):
    insats = InsatsFabrik(status=InsatsStatus.GENOMFORD)
    ObjektFabrik(namn="Alfa AB")
    client.force_login(sam)
    text = client.get(f"/insatser/{insats.pk}/objekt/valj/").content.decode()
    assert "inte längre öppen för planering" in text
    assert "Alfa AB" not in text
