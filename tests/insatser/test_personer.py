"""Named persons: each organisation names who it sends, the names stay within it, a person
booked at two operations or meetings at once is flagged (with the other booking's details only
to those who may see it), free times are suggested, and the load view sums the hours."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp
from arshjul.standardregler import ladda_standardregler
from insatser import personbokning, selectors_personer, services, varningar
from insatser.models import Deltagande, Polisbemanning, Utsandperson, Varningstyp
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from karna.lasning import Konflikt
from myndigheter.roles import Roll
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org

pytestmark = pytest.mark.django_db


@pytest.fixture
def folk(skapa_anvandare):
    return {
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket", enhet="skv-kontroll"),
        "skv2": skapa_anvandare("skv2", Roll.HANDLAGGARE, "skatteverket", enhet="skv-kontroll"),
        "skvk": skapa_anvandare("skvk", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
    }


def _insats(referens, dagar, *, organisationer=("skatteverket",), samordnare="akc-vast"):
    insats = InsatsFabrik(
        referens=referens,
        samordnande_organisation=org(samordnare),
        dagar=dagar,
        timmar=4,
        status=InsatsStatus.PLANERAD,
        lpoer=[lpo("city")],
    )
    DeltagandeFabrik(insats=insats, organisation=org(samordnare), roll=Deltagande.Roll.SAMORDNARE)
    for kod in organisationer:
        DeltagandeFabrik(insats=insats, organisation=org(kod), svar=Svar.ACCEPTERAD)
    return insats


def _deltagande(insats, kod="skatteverket"):
    return Deltagande.objects.get(insats=insats, organisation__kod=kod)


def _namnge(user, insats, person, timmar="3", kod="skatteverket"):
    deltagande = _deltagande(insats, kod)
    return services.namnge_person(
        user, deltagande, person, Decimal(timmar), version=deltagande.version
    )


def _mote(start, deltagare, timmar=2):
    ladda_standardregler()
    mote = Arshjulshandelse.objects.create(
        arshjul=Arshjul.objects.get(kod="akc-vast-insatser"),
        ar=timezone.localtime(start).year,
        typ=Handelsetyp.MOTE,
        titel="Lägesbild",
        start=start,
        slut=start + timedelta(hours=timmar),
        handredigerad=True,
    )
    mote.deltagare.set(deltagare)
    return mote


def test_an_officer_names_a_colleague_whom_only_their_organisation_sees(folk):
    insats = _insats("A", 10)
    person = _namnge(folk["skv"], insats, folk["skv2"])
    assert (person.anvandare, person.forberedelse_timmar) == (folk["skv2"], Decimal("3.0"))
    (egna,) = selectors_personer.egna_personer(folk["skv"], insats)
    assert [p.anvandare for p in egna.personer] == [folk["skv2"]]
    # The coordinator sees its own participation's persons, not Skatteverket's.
    assert [
        e.deltagande.organisation.kod for e in selectors_personer.egna_personer(folk["sam"], insats)
    ] == ["akc-vast"]
    # Naming again changes the hours, not the number of persons.
    _namnge(folk["skv"], insats, folk["skv2"], timmar="5.5")
    assert Utsandperson.objects.get().forberedelse_timmar == Decimal("5.5")


def test_naming_is_refused_outside_the_own_organisation_and_for_a_stale_page(folk):
    insats = _insats("A", 10, organisationer=("skatteverket", "av"))
    with pytest.raises(ValidationError) as fel:
        _namnge(folk["skv"], insats, folk["av"])
    assert "anvandare" in fel.value.error_dict
    with pytest.raises(PermissionDenied):
        _namnge(folk["av"], insats, folk["skv2"])
    with pytest.raises(ValidationError) as fel:
        _namnge(folk["skv"], insats, folk["skv2"], timmar="-1")
    assert "forberedelse_timmar" in fel.value.error_dict
    deltagande = _deltagande(insats)
    with pytest.raises(Konflikt):
        services.namnge_person(
            folk["skv"], deltagande, folk["skv2"], Decimal(1), version=deltagande.version + 1
        )
    assert not Utsandperson.objects.exists()


def test_a_person_named_at_two_overlapping_operations_and_a_meeting_is_flagged(folk):
    a = _insats("A", 10)
    b = _insats("B", 10)
    senare = _insats("C", 12)
    for insats in (a, b, senare):
        _namnge(folk["skv"], insats, folk["skv2"])
    mote = _mote(a.start + timedelta(hours=1), [folk["skv2"]])
    krockar = personbokning.krockar_for_insats(a)
    assert {(k.slag, k.pk) for k in krockar} == {("insats", b.pk), ("mote", mote.pk)}
    (varning,) = [v for v in varningar.varningar(a) if v.typ == Varningstyp.PERSONAL_DUBBELBOKAD]
    # The warning all readers of the operation may see names neither the person nor the rest.
    assert varning.text.startswith("1 person som Skatteverket skickar är samtidigt bokad")
    assert "skv2" not in varning.text
    assert b.referens not in varning.text
    assert not varning.sparrar
    (egna,) = selectors_personer.egna_personer(folk["skv"], a)
    texter = [k.vad for k in egna.personer[0].krockar]
    assert any(b.referens in t for t in texter)
    assert not any(senare.referens in t for t in texter)


def test_a_booking_the_reader_may_not_see_says_only_whom_to_ask(folk):
    """The officer is named by the police to an operation of the environment office that
    Skatteverket is not part of: Skatteverket reads only that he is booked, the police more."""
    egen = _insats("A", 10)
    annan = _insats("M", 10, organisationer=("av",), samordnare="miljoforvaltningen")
    for insats in (egen, annan):
        begaran = BemanningsbegaranFabrik(insats=insats, status=BemanningStatus.BEKRAFTAD)
        Polisbemanning.objects.create(begaran=begaran, anvandare=folk["polis"])
    krockar = personbokning.krockar_for_insats(egen)
    (for_skv,) = personbokning.som_lasaren_ser_dem(folk["skv"], krockar)
    assert not for_skv.synlig
    assert annan.referens not in for_skv.vad
    assert "Fråga" in for_skv.vad
    (for_polisen,) = personbokning.som_lasaren_ser_dem(folk["opsam"], krockar)
    assert for_polisen.synlig
    assert annan.referens in for_polisen.vad
    (polisvarning,) = varningar.polisvarningar(folk["opsam"], egen, [folk["polis"]])
    assert polisvarning.typ == Varningstyp.PERSON_DUBBELBOKAD
    assert annan.referens in polisvarning.text


def test_free_times_avoid_every_booking_and_the_past(folk):
    a = _insats("A", 10)
    _namnge(folk["skv"], a, folk["skv2"])
    upptagen = _insats("B", 3)
    _namnge(folk["skv"], upptagen, folk["skv2"])
    _mote(a.start - timedelta(days=4), [folk["skv2"]], timmar=8)
    namngivna = personbokning.namngivna_i_insats(a)
    lediga = personbokning.lediga_tider(namngivna, a.start, a.slut, "insats", a.pk)
    assert len(lediga) == personbokning.FORSLAG
    bokningar = personbokning.bokningar(namngivna, lediga[0], lediga[-1] + timedelta(days=1))
    for tid in lediga:
        assert tid > timezone.now()
        assert timezone.localtime(tid).weekday() < 5
        assert timezone.localtime(tid).time() == timezone.localtime(a.start).time()
        assert tid != a.start
        assert not any(
            b.start < tid + timedelta(hours=4) and tid < b.slut
            for b in bokningar
            if (b.slag, b.pk) != ("insats", a.pk)
        )


def test_the_load_view_sums_meeting_preparation_and_operation_hours(folk):
    a = _insats("A", 10)
    _namnge(folk["skv"], a, folk["skv2"], timmar="3")
    _namnge(folk["skv"], a, folk["skv"], timmar="1")
    _mote(a.start + timedelta(days=1), [folk["skv2"]], timmar=2)
    fran, till = timezone.localdate(), timezone.localdate() + timedelta(days=30)
    enheter = selectors_personer.belastning(folk["skvk"], fran, till, "utan enhet")
    # The focal point, without a unit, is listed apart from the control unit.
    per_namn = {e.namn: e for e in enheter}
    assert set(per_namn) == {"Skatteverket, utan enhet", str(folk["skv"].profil.enhet)}
    enhet = per_namn[str(folk["skv"].profil.enhet)]
    rader = {r.person.username: r for r in enhet.personer}
    assert (rader["skv2"].moten, rader["skv2"].forberedelse, rader["skv2"].insatser) == (
        2.0,
        3.0,
        4.0,
    )
    assert enhet.totalt == 2 + 3 + 4 + 1 + 4
    # An officer sees their own load only; Arbetsmiljöverket nobody of Skatteverket's.
    (egen,) = selectors_personer.belastning(folk["skv2"], fran, till, "utan enhet")
    assert [r.person.username for r in egen.personer] == ["skv2"]
    assert "skv2" not in {
        r.person.username
        for e in selectors_personer.belastning(folk["av"], fran, till, "utan enhet")
        for r in e.personer
    }


def test_the_load_view_reads_in_a_constant_number_of_queries(
    folk, skapa_anvandare, client, django_assert_max_num_queries
):
    a = _insats("A", 10)
    _namnge(folk["skv"], a, folk["skv2"])
    client.force_login(folk["skvk"])
    with django_assert_max_num_queries(14):
        svar = client.get("/belastning/")
    assert svar.status_code == 200
    for nummer in range(6):
        ny = skapa_anvandare(f"skvx{nummer}", Roll.HANDLAGGARE, "skatteverket")
        _namnge(folk["skv"], a, ny)
    with django_assert_max_num_queries(14):
        svar = client.get("/belastning/")
    assert svar.content.decode().count("skvx") == 6
    fel = client.get("/belastning/", {"fran": "2026-05-01", "till": "2026-04-01"})
    assert fel.status_code == 200
    assert "Slutdatumet måste vara" in fel.content.decode()


def test_the_persons_page_names_and_removes_and_shows_form_errors(folk, client):
    a = _insats("A", 10)
    deltagande = _deltagande(a)
    client.force_login(folk["skv"])
    sida = client.get(f"/insatser/{a.pk}/personer/")
    assert sida.status_code == 200
    assert "Namnge en person" in sida.content.decode()
    data = {"deltagande": deltagande.pk, "version": deltagande.version}
    fel = client.post(
        f"/insatser/{a.pk}/personer/",
        {**data, "anvandare": folk["skv2"].pk, "forberedelse_timmar": "-2"},
    )
    assert fel.status_code == 200
    assert not Utsandperson.objects.exists()
    svar = client.post(
        f"/insatser/{a.pk}/personer/",
        {**data, "anvandare": folk["skv2"].pk, "forberedelse_timmar": "2"},
    )
    assert svar.status_code == 302
    person = Utsandperson.objects.get()
    sida = client.get(f"/insatser/{a.pk}/personer/").content.decode()
    assert "skv2" in sida
    # The coordinator opens the same page and learns neither the name nor the hours; a post
    # naming Skatteverket's participation comes back on its own (AKC-väst's) form, refused.
    client.force_login(folk["sam"])
    assert "skv2" not in client.get(f"/insatser/{a.pk}/personer/").content.decode()
    svar = client.post(
        f"/insatser/{a.pk}/personer/",
        {**data, "anvandare": folk["skv"].pk, "forberedelse_timmar": "1"},
    )
    assert svar.status_code == 200
    assert list(Utsandperson.objects.values_list("anvandare", flat=True)) == [folk["skv2"].pk]
    assert (
        client.post(f"/insatser/{a.pk}/personer/{person.pk}/ta-bort/", {"version": 9}).status_code
        == 404
    )
    client.force_login(folk["skv"])
    version = _deltagande(a).version
    client.post(f"/insatser/{a.pk}/personer/{person.pk}/ta-bort/", {"version": version})
    assert not Utsandperson.objects.exists()


def test_the_meeting_page_shows_invited_persons_booked_elsewhere_and_free_times(folk, client):
    a = _insats("A", 10)
    _namnge(folk["skv"], a, folk["skv2"])
    mote = _mote(a.start, [folk["skv2"], folk["sam"]])
    client.force_login(folk["sam"])
    sida = client.get(f"/arshjul/handelser/{mote.pk}/mote/").content.decode()
    assert "Kallade som är bokade på annat samtidigt" in sida
    # The coordinator of AKC-väst sees the operation it coordinates.
    assert a.referens in sida
    assert "Tider då alla kallade är lediga" in sida
