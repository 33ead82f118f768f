"""Every allowed transition through the services, and every refused one changes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from insatser import services
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Installningsorsak, Kontroll
from insatser.workflow import BemanningStatus, InsatsStatus
from karna.arbetsflode import OgiltigOvergang
from karna.lasning import Konflikt
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from objekt.models import Objekt, Objekttyp
from tests.varld import aktuell_version, bekrafta, status_av

S = InsatsStatus


@pytest.fixture
def personer(skapa_anvandare):
    return {
        "samordnare": skapa_anvandare(
            "samordnare", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"
        ),
        "annan_samordnare": skapa_anvandare("samordnare2", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "opsam_nordost": skapa_anvandare(
            "opsam2", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("nordost",)
        ),
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
    }


@pytest.fixture
def objekt(db):
    return Objekt.objects.create(
        referens="T-1",
        namn="Testbolaget AB",
        objekttyp=Objekttyp.FORETAG,
        organisationsnummer="556016-0680",
        adress="Testgatan 1",
        kommun=Kommun.objects.get(kod="goteborg"),
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        foreslaget_av_organisation=Myndighet.objects.get(kod="skatteverket"),
    )


@pytest.fixture
def orsak(db):
    return Installningsorsak.objects.get(kod="skjutning")


@pytest.fixture
def ny_insats(personer, objekt):
    def skapa():
        start = timezone.now() + timedelta(days=30)
        insats = services.skapa_insats(
            user=personer["samordnare"],
            titel="Restauranger i City",
            start=start,
            slut=start + timedelta(hours=4),
            lpoer=[Lokalpolisomrade.objects.get(kod="city")],
        )
        services.bjud_in(personer["samordnare"], insats, Myndighet.objects.get(kod="skatteverket"))
        services.lagg_till_kontroll(personer["samordnare"], insats, objekt)
        insats.refresh_from_db()
        return insats

    return skapa


def _city():
    return Lokalpolisomrade.objects.get(kod="city")


def till_status(status, insats, personer, orsak):
    """Drive an operation to ``status`` through the services only."""
    samordnare = personer["samordnare"]
    if status == S.FORESLAGEN:
        return insats
    if status == S.AVSLAGEN:
        return services.avsla_insats(
            samordnare, insats, "Redan kontrollerat", version=aktuell_version(insats)
        )
    services.planera_insats(samordnare, insats, version=aktuell_version(insats))
    if status == S.PLANERAD:
        return _las(insats)
    begaran = services.begar_bemanning(
        samordnare, insats, _city(), 4, version=aktuell_version(insats)
    )
    if status == S.BEMANNING_BEGARD:
        return _las(insats)
    bekrafta(personer, insats, begaran, 4)
    if status == S.BEKRAFTAD:
        return _las(insats)
    if status == S.INSTALLD:
        return services.stall_in_insats(samordnare, insats, orsak, version=aktuell_version(insats))
    if status == S.OMPLANERAD:
        services.omplanera_insats(
            samordnare,
            insats,
            insats.start + timedelta(days=7),
            insats.slut + timedelta(days=7),
            orsak,
            version=aktuell_version(insats),
        )
        return _las(insats)
    with time_machine.travel(insats.start + timedelta(hours=1)):
        for kontroll in insats.kontroller.all():
            services.markera_kontroll(
                samordnare, kontroll, genomford=True, forvantad_status=status_av(kontroll)
            )
        services.genomfor_insats(samordnare, insats, version=aktuell_version(insats))
        if status == S.GENOMFORD:
            return _las(insats)
        services.markera_utvarderad(samordnare, insats, version=aktuell_version(insats))
        return _las(insats)


def _las(insats):
    return Insats.objects.get(pk=insats.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(InsatsStatus))
def test_every_status_is_reachable_through_services(status, ny_insats, personer, orsak):
    insats = till_status(status, ny_insats(), personer, orsak)
    assert _las(insats).status == status
    assert insats.handelser.filter(till_status=status).exists()


def _atgarder(personer, orsak):
    samordnare = personer["samordnare"]
    return {
        "planera": lambda i: services.planera_insats(samordnare, i, version=aktuell_version(i)),
        "avsla": lambda i: services.avsla_insats(
            samordnare, i, "Motivering", version=aktuell_version(i)
        ),
        "begar_bemanning": lambda i: services.begar_bemanning(
            samordnare,
            i,
            Lokalpolisomrade.objects.get(kod="hisingen"),
            2,
            version=aktuell_version(i),
        ),
        "genomfor": lambda i: services.genomfor_insats(samordnare, i, version=aktuell_version(i)),
        "utvardera": lambda i: services.markera_utvarderad(
            samordnare, i, version=aktuell_version(i)
        ),
        "stall_in": lambda i: services.stall_in_insats(
            samordnare, i, orsak, version=aktuell_version(i)
        ),
        "omplanera": lambda i: services.omplanera_insats(
            samordnare,
            i,
            i.start + timedelta(days=3),
            i.slut + timedelta(days=3),
            orsak,
            version=aktuell_version(i),
        ),
    }


ANVANDARSTYRDA_TILLATNA = {
    "planera": {S.FORESLAGEN},
    "avsla": {S.FORESLAGEN},
    "begar_bemanning": {S.PLANERAD, S.BEMANNING_BEGARD},
    "genomfor": {S.BEKRAFTAD},
    "utvardera": {S.GENOMFORD},
    "stall_in": {S.PLANERAD, S.BEMANNING_BEGARD, S.BEKRAFTAD},
    "omplanera": {S.PLANERAD, S.BEMANNING_BEGARD, S.BEKRAFTAD},
}


def _ogiltiga_par():
    return [
        (status, atgard)
        for atgard, tillatna in ANVANDARSTYRDA_TILLATNA.items()
        for status in InsatsStatus
        if status not in tillatna
    ]


def _ogiltiga_id(par):
    return f"{par[0]}-{par[1]}" if isinstance(par, tuple) else None


def _ogonblicksbild(insats):
    insats = _las(insats)
    return (
        insats.status,
        insats.version,
        insats.handelser.count(),
        Insats.objects.count(),
        list(insats.bemanningsbegaranden.values_list("status", flat=True).order_by("pk")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "atgard"), _ogiltiga_par())
def test_every_refused_transition_changes_nothing(status, atgard, ny_insats, personer, orsak):
    insats = till_status(status, ny_insats(), personer, orsak)
    fore = _ogonblicksbild(insats)
    with (
        time_machine.travel(insats.start + timedelta(hours=1)),
        pytest.raises(OgiltigOvergang),
    ):
        _atgarder(personer, orsak)[atgard](_las(insats))
    assert _ogonblicksbild(insats) == fore


@pytest.mark.django_db
def test_planning_requires_an_object_and_an_invited_agency(personer):
    start = timezone.now() + timedelta(days=10)
    insats = services.skapa_insats(
        user=personer["samordnare"], titel="Tom", start=start, slut=start + timedelta(hours=2)
    )
    with pytest.raises(ValidationError) as fel:
        services.planera_insats(personer["samordnare"], insats, version=aktuell_version(insats))
    assert "minst ett objekt" in str(fel.value)
    assert _las(insats).status == S.FORESLAGEN


@pytest.mark.django_db
def test_only_the_coordinating_organisation_plans(ny_insats, personer):
    insats = ny_insats()
    with pytest.raises(PermissionDenied):
        services.planera_insats(
            personer["annan_samordnare"], insats, version=aktuell_version(insats)
        )
    assert _las(insats).status == S.FORESLAGEN


@pytest.mark.django_db
def test_confirmation_needs_police_and_another_agency(ny_insats, personer, orsak):
    insats = till_status(S.BEMANNING_BEGARD, ny_insats(), personer, orsak)
    begaran = insats.bemanningsbegaranden.get()
    services.besvara_bemanning(personer["opsam"], begaran, 4, version=aktuell_version(begaran))
    assert _las(insats).status == S.BEMANNING_BEGARD, "no other agency has accepted yet"
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(
        personer["skv"], deltagande, accepterad=True, version=aktuell_version(deltagande)
    )
    assert _las(insats).status == S.BEKRAFTAD


@pytest.mark.django_db
def test_partial_confirmation_counts_as_confirmed(ny_insats, personer, orsak):
    insats = till_status(S.BEMANNING_BEGARD, ny_insats(), personer, orsak)
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(
        personer["skv"], deltagande, accepterad=True, version=aktuell_version(deltagande)
    )
    begaran = services.besvara_bemanning(
        personer["opsam"],
        insats.bemanningsbegaranden.get(),
        2,
        version=aktuell_version(insats.bemanningsbegaranden.get()),
    )
    assert begaran.status == BemanningStatus.DELVIS_BEKRAFTAD
    assert begaran.bekraftat_antal == 2
    assert _las(insats).status == S.BEKRAFTAD


@pytest.mark.django_db
def test_declined_staffing_returns_the_operation_to_planned(ny_insats, personer, orsak):
    insats = till_status(S.BEMANNING_BEGARD, ny_insats(), personer, orsak)
    begaran = services.besvara_bemanning(
        personer["opsam"],
        insats.bemanningsbegaranden.get(),
        0,
        version=aktuell_version(insats.bemanningsbegaranden.get()),
    )
    assert begaran.status == BemanningStatus.AVBOJD
    assert _las(insats).status == S.PLANERAD
    # Staffing can be requested again after a decline.
    services.begar_bemanning(
        personer["samordnare"], _las(insats), _city(), 2, version=aktuell_version(_las(insats))
    )
    assert _las(insats).status == S.BEMANNING_BEGARD


@pytest.mark.django_db
def test_police_withdrawal_sends_a_confirmed_operation_back(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    begaran = insats.bemanningsbegaranden.get()
    services.aterkalla_bemanning(
        personer["opsam"],
        begaran,
        orsak,
        intern_anteckning="Kommendering",
        version=aktuell_version(begaran),
    )
    begaran.refresh_from_db()
    assert begaran.status == BemanningStatus.ATERKALLAD
    assert begaran.aterkallad_orsak == orsak
    assert _las(insats).status == S.BEMANNING_BEGARD


@pytest.mark.django_db
def test_only_the_lpo_coordinator_answers_staffing(ny_insats, personer, orsak):
    insats = till_status(S.BEMANNING_BEGARD, ny_insats(), personer, orsak)
    begaran = insats.bemanningsbegaranden.get()
    with pytest.raises(PermissionDenied):
        services.besvara_bemanning(
            personer["opsam_nordost"], begaran, 4, version=aktuell_version(begaran)
        )
    begaran.refresh_from_db()
    assert begaran.status == BemanningStatus.SKICKAD


@pytest.mark.django_db
def test_confirming_more_officers_than_requested_is_refused(ny_insats, personer, orsak):
    insats = till_status(S.BEMANNING_BEGARD, ny_insats(), personer, orsak)
    begaran = insats.bemanningsbegaranden.get()
    with pytest.raises(ValidationError) as fel:
        services.besvara_bemanning(personer["opsam"], begaran, 5, version=aktuell_version(begaran))
    assert "mellan 0 och 4" in str(fel.value)


@pytest.mark.django_db
def test_police_coordinator_may_cancel_an_operation_they_staff(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    services.stall_in_insats(
        personer["opsam"], insats, orsak, kommentar="Skottlossning", version=aktuell_version(insats)
    )
    insats = _las(insats)
    assert insats.status == S.INSTALLD
    assert insats.installd_orsak == orsak
    assert insats.bemanningsbegaranden.get().status == BemanningStatus.MAKULERAD
    with pytest.raises(PermissionDenied):
        services.stall_in_insats(
            personer["opsam_nordost"], _las(insats), orsak, version=aktuell_version(_las(insats))
        )


@pytest.mark.django_db
def test_cancellation_requires_a_reason(ny_insats, personer, orsak):
    insats = till_status(S.PLANERAD, ny_insats(), personer, orsak)
    with pytest.raises(ValidationError):
        services.stall_in_insats(
            personer["samordnare"], insats, None, version=aktuell_version(insats)
        )
    assert _las(insats).status == S.PLANERAD


@pytest.mark.django_db
def test_rescheduling_creates_a_linked_successor_with_copies(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    ny_start = insats.start + timedelta(days=14)
    efterfoljare = services.omplanera_insats(
        personer["samordnare"],
        insats,
        ny_start,
        ny_start + timedelta(hours=3),
        orsak,
        version=aktuell_version(insats),
    )
    assert _las(insats).status == S.OMPLANERAD
    assert efterfoljare.omplanerad_fran_id == insats.pk
    assert efterfoljare.start == ny_start
    assert list(efterfoljare.kontroller.values_list("objekt", flat=True)) == list(
        insats.kontroller.values_list("objekt", flat=True)
    )
    svar = dict(efterfoljare.deltaganden.values_list("organisation__kod", "svar"))
    assert svar == {
        "akc-vast": Deltagande.Svar.ACCEPTERAD,
        "skatteverket": Deltagande.Svar.INBJUDEN,
    }
    # Staffing is requested again for the new date; the old request is void.
    assert insats.bemanningsbegaranden.get().status == BemanningStatus.MAKULERAD
    ny_begaran = efterfoljare.bemanningsbegaranden.get()
    assert (ny_begaran.status, ny_begaran.lpo.kod, ny_begaran.begart_antal) == (
        BemanningStatus.SKICKAD,
        "city",
        4,
    )
    assert efterfoljare.status == S.BEMANNING_BEGARD


@pytest.mark.django_db
def test_rescheduling_after_a_police_withdrawal_asks_that_lpo_again(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    aterkallad = services.aterkalla_bemanning(
        personer["opsam"],
        insats.bemanningsbegaranden.get(),
        orsak,
        version=aktuell_version(insats.bemanningsbegaranden.get()),
    )
    insats = _las(insats)
    ny_start = insats.start + timedelta(days=14)
    efterfoljare = services.omplanera_insats(
        personer["samordnare"],
        insats,
        ny_start,
        ny_start + timedelta(hours=3),
        orsak,
        version=aktuell_version(insats),
    )
    aterkallad.refresh_from_db()
    assert aterkallad.status == BemanningStatus.ATERKALLAD, "the old date keeps its withdrawal"
    ny_begaran = efterfoljare.bemanningsbegaranden.get()
    assert (ny_begaran.status, ny_begaran.lpo.kod, ny_begaran.begart_antal) == (
        BemanningStatus.SKICKAD,
        "city",
        4,
    )
    assert efterfoljare.status == S.BEMANNING_BEGARD


@pytest.mark.django_db
def test_an_lpo_withdrawn_and_asked_again_is_asked_once_for_the_new_date(
    ny_insats, personer, orsak
):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    services.aterkalla_bemanning(
        personer["opsam"],
        insats.bemanningsbegaranden.get(),
        orsak,
        version=aktuell_version(insats.bemanningsbegaranden.get()),
    )
    services.begar_bemanning(
        personer["samordnare"], _las(insats), _city(), 2, version=aktuell_version(_las(insats))
    )
    insats = _las(insats)
    ny_start = insats.start + timedelta(days=14)
    efterfoljare = services.omplanera_insats(
        personer["samordnare"],
        insats,
        ny_start,
        ny_start + timedelta(hours=3),
        orsak,
        version=aktuell_version(insats),
    )
    ny_begaran = efterfoljare.bemanningsbegaranden.get()
    assert (ny_begaran.status, ny_begaran.begart_antal) == (BemanningStatus.SKICKAD, 2)


@pytest.mark.django_db
def test_carrying_out_needs_every_control_marked(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    with time_machine.travel(insats.start + timedelta(hours=1)):
        with pytest.raises(ValidationError):
            services.genomfor_insats(
                personer["samordnare"], insats, version=aktuell_version(insats)
            )
        kontroll = insats.kontroller.get()
        with pytest.raises(ValidationError):
            services.markera_kontroll(
                personer["skv"],
                kontroll,
                genomford=False,
                orsak=" ",
                forvantad_status=status_av(kontroll),
            )
        services.markera_kontroll(
            personer["skv"],
            kontroll,
            genomford=False,
            orsak="Stängt",
            forvantad_status=status_av(kontroll),
        )
        services.genomfor_insats(personer["samordnare"], insats, version=aktuell_version(insats))
    assert _las(insats).status == S.GENOMFORD
    assert Kontroll.objects.get(pk=kontroll.pk).ej_genomford_orsak == "Stängt"


@pytest.mark.django_db
def test_carrying_out_before_the_start_is_refused(ny_insats, personer, orsak):
    insats = till_status(S.BEKRAFTAD, ny_insats(), personer, orsak)
    with pytest.raises(ValidationError) as fel:
        services.genomfor_insats(personer["samordnare"], insats, version=aktuell_version(insats))
    assert "före sin start" in str(fel.value)


@pytest.mark.django_db
def test_stale_version_is_a_conflict(ny_insats, personer):
    insats = ny_insats()
    gammal_version = insats.version
    services.planera_insats(personer["samordnare"], insats, version=gammal_version)
    with pytest.raises(Konflikt):
        services.stall_in_insats(
            personer["samordnare"],
            insats,
            Installningsorsak.objects.get(kod="stor-olycka"),
            version=gammal_version,
        )
    assert _las(insats).status == S.PLANERAD


@pytest.mark.django_db
def test_references_are_numbered_per_year(ny_insats):
    forsta, andra = ny_insats(), ny_insats()
    ar = timezone.localtime(forsta.start).year
    assert forsta.referens == f"INS-{ar}-0001"
    assert andra.referens == f"INS-{ar}-0002"


@pytest.mark.django_db
def test_end_before_start_is_refused(personer):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as fel:
        services.skapa_insats(user=personer["samordnare"], titel="X", start=start, slut=start)
    assert "Sluttiden" in str(fel.value)
    assert not Insats.objects.exists()


@pytest.mark.django_db
def test_an_officer_cannot_create_operations(personer):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(PermissionDenied):
        services.skapa_insats(
            user=personer["skv"], titel="X", start=start, slut=start + timedelta(hours=1)
        )
    assert not Bemanningsbegaran.objects.exists()
