"""Contact functions of the operation's day: each organisation taking part names its contact
function and function phone, the police their commander on site per LPO; the operation page and
every briefing show them, and a missing one is a planning warning."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import access, services, varningar
from insatser.forms import PlaneraForm
from insatser.models import Deltagande, Insatshandelse, Polisbefal, Varningstyp
from insatser.underlagsinnehall import underlagsinnehall
from karna.lasning import Konflikt
from tests.fabriker import DeltagandeFabrik, lpo, org
from tests.varld import aktuell_version, las, stall_in

pytestmark = pytest.mark.django_db
TELEFONFEL = "Ange ett svenskt telefonnummer"


def _skv(insats) -> Deltagande:
    return insats.deltaganden.get(organisation__kod="skatteverket")


def _ange(user, deltagande, funktion="Skatteverkets insatsledare", telefon="010-574 10 00"):
    return services.ange_kontaktfunktion(
        user, deltagande, funktion, telefon, version=aktuell_version(deltagande)
    )


def _befal(user, insats, funktion="Yttre befäl LPO City", telefon="010-563 00 00", version=0):
    return services.ange_polisbefal(user, insats, lpo("city"), funktion, telefon, version=version)


def test_a_participant_names_its_contact_function_with_a_timeline_entry(personer, bekraftad):
    insats, _ = bekraftad
    deltagande = _ange(
        personer["skv"], _skv(insats), "  Skatteverkets insatsledare ", "010-574  10 00"
    )
    assert (deltagande.kontaktfunktion, deltagande.kontakttelefon) == (
        "Skatteverkets insatsledare",
        "010-574 10 00",
    )
    handelse = Insatshandelse.objects.get(insats=insats, typ="kontaktfunktion_angiven")
    assert "Skatteverkets insatsledare" in handelse.text
    assert handelse.deltagande_id == deltagande.pk


def test_the_coordinator_names_the_coordinating_organisations_contact(personer, bekraftad):
    insats, _ = bekraftad
    egen = insats.deltaganden.get(roll=Deltagande.Roll.SAMORDNARE)
    assert _ange(personer["samordnare"], egen, "AKC-västs samordnare", "031-365 00 00")
    assert access.egna_deltaganden(personer["samordnare"], insats).get() == egen


@pytest.mark.parametrize("vem", ["samordnare", "av", "opsam", "polis", "skv_kontakt_avbojt"])
def test_others_may_not_name_an_organisations_contact(personer, bekraftad, vem):
    insats, _ = bekraftad
    deltagande = _skv(insats)
    if vem == "skv_kontakt_avbojt":
        services.besvara_inbjudan(
            personer["skv_kontakt"], deltagande, False, version=aktuell_version(deltagande)
        )
        vem = "skv_kontakt"
    with pytest.raises(PermissionDenied):
        _ange(personer[vem], deltagande)
    assert _skv(insats).kontaktfunktion == ""


def test_a_stale_form_changes_nothing(personer, bekraftad):
    insats, _ = bekraftad
    deltagande = _skv(insats)
    gammal = aktuell_version(deltagande)
    _ange(personer["skv"], deltagande)
    with pytest.raises(Konflikt):
        services.ange_kontaktfunktion(
            personer["skv_kontakt"], deltagande, "Annan funktion", "010-1234567", version=gammal
        )
    assert _skv(insats).kontaktfunktion == "Skatteverkets insatsledare"


@pytest.mark.parametrize("telefon", ["0701234567x", "ring Kalle", "12", "+1 555 123 4567", ""])
def test_a_bad_phone_number_is_refused_in_swedish_and_nothing_is_saved(
    personer, bekraftad, telefon
):
    insats, _ = bekraftad
    with pytest.raises(ValidationError) as fel:
        _ange(personer["skv"], _skv(insats), telefon=telefon)
    assert "kontakttelefon" in fel.value.error_dict
    assert _skv(insats).kontaktfunktion == ""
    assert not Insatshandelse.objects.filter(typ="kontaktfunktion_angiven").exists()


def test_nothing_is_named_after_the_operation_ended(personer, bekraftad, orsak):
    insats, _ = bekraftad
    stall_in(personer, insats, orsak)
    with pytest.raises(ValidationError):
        _ange(personer["skv"], _skv(insats))
    # Cancelling voids the staffing request: the police no longer have one to name it for.
    with pytest.raises(PermissionDenied):
        _befal(personer["opsam"], insats)


def test_the_lpos_operational_coordinator_names_the_police_commander(personer, bekraftad):
    insats, _ = bekraftad
    befal = _befal(personer["opsam"], insats)
    assert (befal.funktion, befal.telefon, befal.version) == (
        "Yttre befäl LPO City",
        "010-563 00 00",
        1,
    )
    with pytest.raises(Konflikt):
        _befal(personer["opsam"], insats, "Annat befäl", version=0)
    _befal(personer["opsam"], insats, "Insatsledare City", version=1)
    assert Polisbefal.objects.get(insats=insats).funktion == "Insatsledare City"
    assert Insatshandelse.objects.filter(insats=insats, typ="polisbefal_angivet").count() == 2
    for vem in ("opsam_nordost", "samordnare", "skv", "polis"):
        with pytest.raises(PermissionDenied):
            _befal(personer[vem], insats, version=2)


def test_the_page_shows_every_contact_with_phone_links(client, personer, bekraftad):
    insats, _ = bekraftad
    _ange(personer["skv"], _skv(insats))
    _befal(personer["opsam"], insats)
    for vem in ("skv", "samordnare", "opsam", "polis"):
        client.force_login(personer[vem])
        html = client.get(f"/insatser/{insats.pk}/").content.decode()
        assert "Kontaktfunktioner under insatsen" in html
        assert 'href="tel:0105741000"' in html
        assert "Yttre befäl LPO City" in html
        assert 'href="tel:0105630000"' in html
    client.force_login(personer["skv"])
    assert (
        f'action="/insatser/{insats.pk}/kontaktfunktion/"'
        in client.get(f"/insatser/{insats.pk}/").content.decode()
    )


def test_outside_the_operation_the_page_and_the_form_answer_404(client, personer, bekraftad):
    insats, _ = bekraftad
    client.force_login(personer["samordnare_miljo"])
    assert client.get(f"/insatser/{insats.pk}/").status_code == 404
    svar = client.post(f"/insatser/{insats.pk}/kontaktfunktion/", {})
    assert svar.status_code == 404


def _post(deltagande, funktion, telefon):
    prefix = f"d{deltagande.pk}"
    return {
        f"{prefix}-deltagande": deltagande.pk,
        f"{prefix}-kontaktfunktion": funktion,
        f"{prefix}-kontakttelefon": telefon,
        f"{prefix}-version": aktuell_version(deltagande),
    }


def test_the_form_saves_without_javascript_and_shows_a_bad_number_with_htmx(
    client, personer, bekraftad
):
    insats, _ = bekraftad
    client.force_login(personer["skv_kontakt"])
    url = f"/insatser/{insats.pk}/kontaktfunktion/"
    svar = client.post(
        url, _post(_skv(insats), "SKV insatsledning", "ring mig"), HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 200
    assert TELEFONFEL in svar.content.decode()
    assert _skv(insats).kontaktfunktion == ""
    svar = client.post(url, _post(_skv(insats), "SKV insatsledning", "+46 10 574 10 00"))
    assert svar.status_code == 302
    assert svar["Location"].endswith("#kontaktfunktioner")
    assert _skv(insats).kontakttelefon == "+46 10 574 10 00"


def test_every_briefing_shows_the_contacts_and_the_police_commander(personer, bekraftad):
    insats, _ = bekraftad
    _ange(personer["skv"], _skv(insats))
    _befal(personer["opsam"], insats)
    malgrupper = access.underlagets_malgrupper(las(insats))
    assert len(malgrupper) >= 3
    for malgrupp, lasare in malgrupper.items():
        innehall = underlagsinnehall(insats, malgrupp, lasare)
        skv = next(
            d for d in innehall["deltagare"] if d["organisation"] == org("skatteverket").namn
        )
        assert (skv["kontaktfunktion"], skv["kontakttelefon"]) == (
            "Skatteverkets insatsledare",
            "010-574 10 00",
        )
        assert innehall["polis"]["befal"] == [
            {
                "lpo": lpo("city").namn,
                "funktion": "Yttre befäl LPO City",
                "telefon": "010-563 00 00",
            }
        ]
        # Functions only: no person's name or e-mail reaches the contacts.
        kontakter = str(innehall["deltagare"]) + str(innehall["polis"]["befal"])
        assert personer["opsam"].email not in kontakter
        assert personer["skv"].email not in kontakter


def _kontaktvarningar(insats):
    return {
        v.nyckel
        for v in varningar.okvitterade(las(insats))
        if v.typ == Varningstyp.KONTAKTFUNKTION_SAKNAS
    }


def test_a_missing_contact_is_a_warning_until_it_is_named(personer, bekraftad):
    insats, _ = bekraftad
    skv = org("skatteverket")
    assert _kontaktvarningar(insats) == {
        f"KONTAKTFUNKTION_SAKNAS:{skv.pk}:",
        f"KONTAKTFUNKTION_SAKNAS:lpo:{lpo('city').pk}",
    }
    _ange(personer["skv"], _skv(insats))
    assert _kontaktvarningar(insats) == {f"KONTAKTFUNKTION_SAKNAS:lpo:{lpo('city').pk}"}
    _befal(personer["opsam"], insats)
    assert _kontaktvarningar(insats) == set()


def test_the_coordinator_sees_the_warning_on_the_page(client, personer, bekraftad):
    insats, _ = bekraftad
    client.force_login(personer["samordnare"])
    html = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Skatteverket har inte angett sin kontaktfunktion" in html


def _sidans_fragor(client, insats) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/insatser/{insats.pk}/").status_code == 200
    return len(ctx)


def test_the_page_takes_the_same_queries_for_few_and_many_participants(client, personer, bekraftad):
    insats, _ = bekraftad
    client.force_login(personer["samordnare"])
    _sidans_fragor(client, insats)  # caches warmed
    fore = _sidans_fragor(client, insats)
    for kod in ("av", "migrationsverket", "tullverket"):
        DeltagandeFabrik(
            insats=insats,
            organisation=org(kod),
            kontaktfunktion=f"Funktion {kod}",
            kontakttelefon="010-100 00 00",
        )
    assert _sidans_fragor(client, insats) == fore


def test_a_missing_contact_does_not_block_going_ahead_and_is_acknowledged_when_shown(
    personer, begard
):
    insats, _ = begard
    visade = _kontaktvarningar(insats)
    assert visade == {f"KONTAKTFUNKTION_SAKNAS:lpo:{lpo('city').pk}"}
    services.begar_bemanning(
        personer["samordnare"],
        las(insats),
        lpo("nordost"),
        2,
        motivering="Befälet utses veckan före",
        kvitterade=sorted(visade),
        version=aktuell_version(las(insats)),
    )
    assert set(las(insats).kvittenser.values_list("nyckel", flat=True)) == visade
    assert _kontaktvarningar(insats) == {f"KONTAKTFUNKTION_SAKNAS:lpo:{lpo('nordost').pk}"}


def test_a_form_showing_only_a_missing_contact_asks_for_no_reason():
    """A warning that does not block going ahead is shown, but the form asks for no reason."""
    saknas = varningar.Varning(Varningstyp.KONTAKTFUNKTION_SAKNAS, "K:1:", "Kontakt saknas.")
    sparrande = varningar.Varning(Varningstyp.POLIS_EJ_BEKRAFTAD, "P:1", "Polisen saknas.")
    assert "motivering" not in PlaneraForm(varningar=[saknas]).fields
    assert "motivering" in PlaneraForm(varningar=[saknas, sparrande]).fields
