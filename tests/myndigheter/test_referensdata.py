"""The reference-data fixtures against their sources (docs/kallor.md)."""

from __future__ import annotations

import pytest
from django.db.models import Count

from insatser.models import Installningsorsak
from myndigheter.models import (
    Enhet,
    Kommun,
    Lokalpolisomrade,
    Medlemskap,
    Myndighet,
    Omradesbedomning,
    Polisomrade,
    Polisregion,
    Samverkansform,
    Stadsomrade,
    UtsattOmrade,
)
from myndigheter.referensdata import REFERENSDATA_FIXTURES, ladda_referensdata
from objekt.models import Problemkategori
from utvardering.models import Resultattyp

pytestmark = pytest.mark.django_db

REFERENSMODELLER = [
    Myndighet,
    Samverkansform,
    Enhet,
    Medlemskap,
    Polisregion,
    Polisomrade,
    Kommun,
    Lokalpolisomrade,
    Stadsomrade,
    UtsattOmrade,
    Omradesbedomning,
    Problemkategori,
    Installningsorsak,
    Resultattyp,
]

# [004] footnote 44, in the order of the footnote.
KARNMYNDIGHETER = {
    "af",
    "ebm",
    "fk",
    "kriminalvarden",
    "kfm",
    "kustbevakningen",
    "migrationsverket",
    "polisen",
    "skatteverket",
    "sapo",
    "tullverket",
    "aklagarmyndigheten",
}
NATVERKSMYNDIGHETER = {
    "av",
    "bolagsverket",
    "csn",
    "fi",
    "ivo",
    "pensionsmyndigheten",
    "sis",
    "transportstyrelsen",
    "lst-stockholm",
}
# [000] section 2.1.
AKC_MYNDIGHETER = {
    "af",
    "av",
    "ebm",
    "fk",
    "jamstalldhetsmyndigheten",
    "migrationsverket",
    "polisen",
    "skatteverket",
    "aklagarmyndigheten",
}

# Every row that does not come from the sources, per model (natural key).
FLAGGADE = {
    Myndighet: {"lst-ostergotland", "raddningstjansten"},
    Samverkansform: set(),
    Enhet: {"akc-vast-samordning", "skv-kontroll", "av-inspektion", "mig-kontroll"},
    Polisregion: {"nord", "bergslagen"},
    Polisomrade: {"malmo"},
    Kommun: set(),
    Lokalpolisomrade: {"linkoping"},
    Stadsomrade: set(),
    UtsattOmrade: set(),
    Problemkategori: set(),
    Installningsorsak: {"myndighet-forhindrad", "objekt-ej-aktuellt"},
    Resultattyp: {
        "forbud",
        "forelaggande",
        "sanktionsavgift",
        "skattetillagg",
        "tillstand-aterkallat",
    },
}

ANTAL = {
    Myndighet: 53,
    Samverkansform: 14,
    Enhet: 14,
    Medlemskap: 30,
    Polisregion: 7,
    Polisomrade: 2,
    Kommun: 15,
    Lokalpolisomrade: 14,
    Stadsomrade: 4,
    UtsattOmrade: 12,
    Omradesbedomning: 24,
    Problemkategori: 31,
    Installningsorsak: 8,
    Resultattyp: 20,
}

# [004]: area, LPO, municipality, classification 2019 and 2021, trend 2021.
UTSATTA_OMRADEN = [
    ("fisksatra", "Fisksätra", "nacka", "nacka", "EJ", "UO", "OKAND"),
    ("grantorp-visattra", "Grantorp/Visättra", "huddinge", None, "EJ", "UO", "OKAND"),
    ("sigtuna-valsta", "Sigtuna/Valsta", "sollentuna", "sigtuna", "EJ", "RO", "OKAND"),
    ("karlslund", "Karlslund", "landskrona", None, "SUO", "RO", "OKAND"),
    ("araby", "Araby", "vaxjo", None, "SUO", "RO", "OKAND"),
    ("rannebergen", "Rannebergen", "nordost", "goteborg", "UO", "EJ", "OKAND"),
    ("gardsten", "Gårdsten", "nordost", "goteborg", "RO", "UO", "POSITIV"),
    (
        "tynnered-grevegarden-opaltorget",
        "Tynnered/Grevegården/Opaltorget",
        "syd",
        "goteborg",
        "SUO",
        "RO",
        "OKAND",
    ),
    (
        "kronogarden-lextorp-sylte",
        "Kronogården/Lextorp/Sylte",
        "ostra-fyrbodal",
        None,
        "UO",
        "RO",
        "OKAND",
    ),
    ("klockaretorpet", "Klockaretorpet", "norrkoping", "norrkoping", "UO", "EJ", "OKAND"),
    ("ostberga", "Östberga", None, None, "EJ_ANGIVEN", "EJ_ANGIVEN", "POSITIV"),
    ("alvsjo", "Älvsjö", None, None, "EJ_ANGIVEN", "EJ_ANGIVEN", "POSITIV"),
]


def _snapshot() -> dict[str, object]:
    """All field values of every reference row, plus the LPO–municipality links."""
    data: dict[str, object] = {
        modell._meta.label: list(modell.objects.order_by("pk").values())
        for modell in REFERENSMODELLER
    }
    data["lpo_kommuner"] = sorted(
        Lokalpolisomrade.kommuner.through.objects.values_list(
            "lokalpolisomrade__kod", "kommun__kod"
        )
    )
    return data


def _koder(qs) -> set[str]:
    return set(qs.values_list("kod", flat=True))


def test_fixture_names_in_load_order():
    assert REFERENSDATA_FIXTURES == ["myndigheter", "geografi", "kategorier"]


@pytest.mark.parametrize(("modell", "antal"), list(ANTAL.items()), ids=lambda v: str(v))
def test_row_count_per_model(modell, antal):
    assert modell.objects.count() == antal


@pytest.mark.parametrize("modell", REFERENSMODELLER, ids=lambda m: m.__name__)
def test_every_row_has_a_source(modell):
    utan_kalla = modell.objects.filter(kalla__regex=r"^\s*$")
    assert list(utan_kalla) == []


def _id(varde) -> str:
    """A test id that is the same in every process (a set's order is not)."""
    if isinstance(varde, set):
        return ",".join(sorted(varde))
    return getattr(varde, "__name__", str(varde))


@pytest.mark.parametrize(("modell", "flaggade"), list(FLAGGADE.items()), ids=_id)
def test_exactly_the_expected_rows_are_flagged(modell, flaggade):
    assert _koder(modell.objects.filter(ej_i_kallorna=True)) == flaggade
    for rad in modell.objects.filter(ej_i_kallorna=True):
        assert "ej i källorna" in rad.kalla, rad.kod


def test_membership_and_assessment_rows_are_all_sourced():
    assert not Medlemskap.objects.filter(ej_i_kallorna=True).exists()
    assert not Omradesbedomning.objects.filter(ej_i_kallorna=True).exists()


def test_satsning_ob_has_12_core_and_9_network_agencies():
    medlemmar = Medlemskap.objects.filter(samverkansform__kod="satsning-ob")
    karna = set(medlemmar.filter(roll="KARNA").values_list("organisation__kod", flat=True))
    natverk = set(medlemmar.filter(roll="NATVERK").values_list("organisation__kod", flat=True))
    assert len(karna) == 12
    assert len(natverk) == 9
    assert karna == KARNMYNDIGHETER
    assert natverk == NATVERKSMYNDIGHETER
    assert medlemmar.count() == 21


def test_akc_has_the_9_mandated_agencies():
    medlemmar = Medlemskap.objects.filter(samverkansform__kod="akc")
    assert medlemmar.count() == 9
    assert set(medlemmar.values_list("roll", flat=True)) == {"KARNA"}
    koder = set(medlemmar.values_list("organisation__kod", flat=True))
    assert koder == AKC_MYNDIGHETER
    assert "jamstalldhetsmyndigheten" in koder
    # Jämställdhetsmyndigheten is the only AKC agency outside the joint initiative.
    assert koder - KARNMYNDIGHETER - NATVERKSMYNDIGHETER == {"jamstalldhetsmyndigheten"}


def test_core_and_network_agencies_are_state_agencies():
    typer = set(
        Myndighet.objects.filter(kod__in=KARNMYNDIGHETER | NATVERKSMYNDIGHETER).values_list(
            "typ", flat=True
        )
    )
    assert typer == {Myndighet.Typ.STATLIG}


def test_police_organisations():
    assert _koder(Myndighet.objects.filter(ar_polis=True)) == {"polisen", "granspolisen"}
    granspolisen = Myndighet.objects.get(kod="granspolisen")
    assert granspolisen.overordnad.kod == "polisen"
    assert Myndighet.objects.get(kod="polisen").informationsbehov != ""


@pytest.mark.parametrize(
    ("kod", "typ", "overordnad", "kortnamn"),
    [
        ("skatteverket", "STATLIG", None, "SKV"),
        ("av", "STATLIG", None, "AV"),
        ("migrationsverket", "STATLIG", None, "MIG"),
        ("akc-vast", "STATLIG", None, "AKC-väst"),
        ("goteborgs-stad", "KOMMUNAL", None, ""),
        ("miljoforvaltningen", "KOMMUNAL", "goteborgs-stad", "Miljö"),
        ("slk", "KOMMUNAL", "goteborgs-stad", "SLK"),
        ("stadsbyggnadskontoret", "KOMMUNAL", "goteborgs-stad", ""),
        ("framtiden", "KOMMUNALT_BOLAG", "goteborgs-stad", ""),
        ("trafikkontoret", "KOMMUNAL", "stockholms-stad", ""),
        ("raddningstjansten", "KOMMUNAL", None, ""),
        ("region-stockholm", "REGION", None, ""),
        ("region-skane", "REGION", None, ""),
        ("skr", "OVRIG", None, "SKR"),
    ],
)
def test_organisation_kind_parent_and_short_name(kod, typ, overordnad, kortnamn):
    org = Myndighet.objects.get(kod=kod)
    assert org.typ == typ
    assert (org.overordnad.kod if org.overordnad else None) == overordnad
    assert org.kortnamn == kortnamn


def test_no_government_or_police_internal_units_as_organisations():
    assert not Myndighet.objects.filter(
        kod__in=["regeringen", "noa", "nfc", "storgoteborg", "city"]
    ).exists()
    assert not Myndighet.objects.filter(namn__icontains="Regeringen").exists()


@pytest.mark.parametrize(
    ("kod", "organisation", "mandat", "standard"),
    [
        (
            "miljo-osund-konkurrens",
            "miljoforvaltningen",
            "Gemensamma insatser mot osund konkurrens",
            "osund-konkurrens",
        ),
        ("miljo-tillstandsenheten", "miljoforvaltningen", "Ordinarie tillsyn", "tillsyn-ordinarie"),
        ("slk-gvi", "slk", None, "gvi"),
        (
            "akc-vast-samordning",
            "akc-vast",
            "Samordning av myndighetsgemensamma kontroller mot arbetslivskriminalitet",
            "akc",
        ),
        ("skv-kontroll", "skatteverket", None, "akc"),
        ("av-inspektion", "av", None, "akc"),
        ("mig-kontroll", "migrationsverket", None, "akc"),
        ("polisen-lpo-city", "polisen", None, None),
        ("polisen-lpo-nordost", "polisen", None, None),
    ],
)
def test_units_and_mandates(kod, organisation, mandat, standard):
    enhet = Enhet.objects.get(kod=kod)
    assert enhet.organisation.kod == organisation
    assert enhet.mandat
    if mandat is not None:
        assert enhet.mandat == mandat
    assert (
        enhet.samverkansform_standard.kod if enhet.samverkansform_standard else None
    ) == standard


def test_unit_names_the_request_shows():
    assert (
        Enhet.objects.get(kod="miljo-osund-konkurrens").namn == "Samordnaren mot osund konkurrens"
    )
    assert Enhet.objects.get(kod="miljo-tillstandsenheten").namn == "Tillståndsenheten"
    assert str(Enhet.objects.get(kod="miljo-tillstandsenheten")) == "Miljö: Tillståndsenheten"


def test_seven_police_regions_two_of_them_flagged():
    assert Polisregion.objects.count() == 7
    assert _koder(Polisregion.objects.all()) == {
        "stockholm",
        "vast",
        "syd",
        "ost",
        "mitt",
        "nord",
        "bergslagen",
    }
    assert Polisregion.objects.filter(ej_i_kallorna=True).count() == 2


def test_police_areas():
    assert Polisomrade.objects.get(kod="storgoteborg").region.kod == "vast"
    malmo = Polisomrade.objects.get(kod="malmo")
    assert malmo.region.kod == "syd"
    assert malmo.ej_i_kallorna is True


@pytest.mark.parametrize(
    ("kod", "region", "polisomrade", "kommuner"),
    [
        ("city", "vast", "storgoteborg", {"goteborg"}),
        ("hisingen", "vast", "storgoteborg", {"goteborg"}),
        ("syd", "vast", "storgoteborg", {"goteborg"}),
        ("nordost", "vast", "storgoteborg", {"goteborg"}),
        ("ostra-fyrbodal", "vast", None, set()),
        ("boras", "vast", None, set()),
        ("nacka", "stockholm", None, {"nacka"}),
        ("huddinge", "stockholm", None, set()),
        ("sollentuna", "stockholm", None, {"sigtuna"}),
        ("landskrona", "syd", None, set()),
        ("vaxjo", "syd", None, set()),
        ("norrkoping", "ost", None, {"norrkoping"}),
        ("arlanda", None, None, set()),
        ("linkoping", "ost", None, {"linkoping"}),
    ],
)
def test_local_police_areas(kod, region, polisomrade, kommuner):
    lpo = Lokalpolisomrade.objects.get(kod=kod)
    assert (lpo.region.kod if lpo.region else None) == region
    assert (lpo.polisomrade.kod if lpo.polisomrade else None) == polisomrade
    assert _koder(lpo.kommuner.all()) == kommuner


def test_goteborg_has_exactly_its_four_lpos():
    assert _koder(Kommun.objects.get(kod="goteborg").lokalpolisomraden.all()) == {
        "city",
        "hisingen",
        "syd",
        "nordost",
    }


def test_municipalities_named_in_the_sources():
    assert _koder(Kommun.objects.all()) == {
        "goteborg",
        "stockholm",
        "linkoping",
        "norrkoping",
        "nacka",
        "sigtuna",
        "malmo",
        "uppsala",
        "orebro",
        "umea",
        "helsingborg",
        "sodertalje",
        "ystad",
        "taby",
        "danderyd",
    }
    for kod in ("taby", "danderyd"):
        assert "ytjämförelse" in Kommun.objects.get(kod=kod).kalla


@pytest.mark.parametrize(
    ("stadsomrade", "lpo", "socialforvaltning"),
    [
        ("Centrum", "city", "socialforvaltning-centrum"),
        ("Hisingen", "hisingen", "socialforvaltning-hisingen"),
        ("Sydväst", "syd", "socialforvaltning-sydvast"),
        ("Nordost", "nordost", "socialforvaltning-nordost"),
    ],
)
def test_goteborg_city_district_paired_with_its_lpo(stadsomrade, lpo, socialforvaltning):
    omrade = Stadsomrade.objects.get(namn=stadsomrade)
    assert omrade.kommun.kod == "goteborg"
    assert omrade.lpo.kod == lpo
    assert omrade.socialforvaltning.kod == socialforvaltning
    assert omrade.socialforvaltning.namn == f"Socialförvaltning {stadsomrade}"
    assert omrade.socialforvaltning.organisation.kod == "goteborgs-stad"


def test_four_goteborg_city_districts():
    assert Stadsomrade.objects.filter(kommun__kod="goteborg").count() == 4


@pytest.mark.parametrize(
    ("kod", "namn", "lpo", "kommun", "klass_2019", "klass_2021", "trend_2021"),
    UTSATTA_OMRADEN,
    ids=[rad[0] for rad in UTSATTA_OMRADEN],
)
def test_vulnerable_area(kod, namn, lpo, kommun, klass_2019, klass_2021, trend_2021):
    omrade = UtsattOmrade.objects.get(kod=kod)
    assert omrade.namn == namn
    assert (omrade.lpo.kod if omrade.lpo else None) == lpo
    assert (omrade.kommun.kod if omrade.kommun else None) == kommun
    assert omrade.klass_for_ar(2021) == klass_2021
    assert omrade.klass_for_ar(2019) == klass_2019
    assert sorted(omrade.bedomningar.values_list("ar", flat=True)) == [2019, 2021]
    assert omrade.bedomningar.get(ar=2021).trend == trend_2021


def test_vulnerable_area_table_is_complete():
    assert _koder(UtsattOmrade.objects.all()) == {rad[0] for rad in UTSATTA_OMRADEN}


@pytest.mark.parametrize(
    ("kod", "fore", "efter"),
    [
        ("fisksatra", "EJ", "UO"),
        ("grantorp-visattra", "EJ", "UO"),
        ("sigtuna-valsta", "EJ", "RO"),
        ("karlslund", "SUO", "RO"),
        ("araby", "SUO", "RO"),
        ("rannebergen", "UO", "EJ"),
        ("gardsten", "RO", "UO"),
        ("tynnered-grevegarden-opaltorget", "SUO", "RO"),
        ("kronogarden-lextorp-sylte", "UO", "RO"),
        ("klockaretorpet", "UO", "EJ"),
    ],
)
def test_tabla_3_change_resolved_by_year(kod, fore, efter):
    omrade = UtsattOmrade.objects.get(kod=kod)
    assert omrade.klass_for_ar(2018) is None
    assert omrade.klass_for_ar(2019) == fore
    assert omrade.klass_for_ar(2020) == fore
    assert omrade.klass_for_ar(2021) == efter
    assert omrade.klass_for_ar(2024) == efter


def test_tabla_3_changes_reproduce_the_tabla_2_count_differences():
    """Tablå 2: SUO 22→19, RO 10→14, UO 28→28, total 60→61."""

    def antal(ar):
        rader = (
            Omradesbedomning.objects.filter(ar=ar)
            .exclude(klass="EJ_ANGIVEN")
            .values("klass")
            .annotate(n=Count("pk"))
        )
        return {rad["klass"]: rad["n"] for rad in rader}

    fore, efter = antal(2019), antal(2021)
    skillnad = {k: efter.get(k, 0) - fore.get(k, 0) for k in ("SUO", "RO", "UO")}
    assert skillnad == {"SUO": 19 - 22, "RO": 14 - 10, "UO": 28 - 28}
    utsatta_fore = sum(fore.get(k, 0) for k in ("SUO", "RO", "UO"))
    utsatta_efter = sum(efter.get(k, 0) for k in ("SUO", "RO", "UO"))
    assert utsatta_efter - utsatta_fore == 61 - 60


def test_areas_without_stated_category():
    for kod in ("ostberga", "alvsjo"):
        omrade = UtsattOmrade.objects.get(kod=kod)
        assert omrade.lpo is None
        assert omrade.kommun is None
        assert set(omrade.bedomningar.values_list("klass", flat=True)) == {"EJ_ANGIVEN"}


def test_fourteen_collaboration_forms():
    assert _koder(Samverkansform.objects.all()) == {
        "akc",
        "satsning-ob",
        "gvi",
        "sspf",
        "sig",
        "otillaten-paverkan",
        "los",
        "ros",
        "est",
        "redex",
        "osund-konkurrens",
        "tillsyn-ordinarie",
        "pilot-naringsverksamhet-2021",
        "pilot-valfardsbrott-kommuner-2021",
    }
    assert not Samverkansform.objects.filter(beskrivning="").exists()


def test_eight_cancellation_reasons_two_flagged():
    assert Installningsorsak.objects.count() == 8
    assert _koder(Installningsorsak.objects.filter(polisorsakad=True)) == {
        "skjutning",
        "stor-olycka",
        "resurskravande-handelse",
        "kommendering",
        "sasongsomprioritering",
        "nationell-omprioritering",
    }
    assert _koder(Installningsorsak.objects.filter(ej_i_kallorna=True)) == {
        "myndighet-forhindrad",
        "objekt-ej-aktuellt",
    }
    assert Installningsorsak.objects.get(kod="skjutning").kalla == "[000] fn 5"


def test_outcome_types():
    assert Resultattyp.objects.count() == 20
    assert Resultattyp.objects.filter(ej_i_kallorna=False).count() == 15
    assert _koder(Resultattyp.objects.filter(ar_uppskattning=True)) == {"forhindrad-utbetalning"}
    skatt = Resultattyp.objects.get(kod="skattehojning")
    assert (skatt.enhet, skatt.exempel_organisation) == ("SEK", "Skatteverket")
    assert not Resultattyp.objects.filter(enhet="").exists()
    assert not Resultattyp.objects.filter(exempel_organisation="").exists()


def test_problem_categories():
    assert Problemkategori.objects.count() == 31
    namn = set(Problemkategori.objects.values_list("namn", flat=True))
    assert {
        "Olaglig arbetskraftsinvandring",
        "Exploatering av arbetskraft",
        "Skattebrott",
        "Bidragsbrott",
        "Narkotikabrott",
        "Välfärdsbrott",
        "Olovliga boenden",
    } <= namn
    # Object types (§5.10 last bullet) are not categories.
    assert not namn & {"Växlingskontor", "Festvåning/klubb", "Boende", "Lokal"}


def test_loading_again_changes_no_row():
    fore = _snapshot()
    ladda_referensdata()
    efter = _snapshot()
    assert efter == fore
    assert sum(len(rader) for namn, rader in fore.items() if namn != "lpo_kommuner") == sum(
        ANTAL.values()
    )
