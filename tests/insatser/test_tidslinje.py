"""Every timeline code has a row in insatser.tidslinje, and the page shows the Swedish label."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from insatser import services
from insatser.models import Insatshandelse
from insatser.services.eskalering import paminn_om_begaran, paminn_om_obekraftad
from insatser.tidslinje import TIDSLINJETYPER, etikett
from insatser.workflow import INSATS_WORKFLOW
from tests.varld import aktuell_version, las, lpo, org, status_av

ROT = Path(__file__).resolve().parents[2]
APPAR = ["insatser", "objekt", "myndigheter", "utvardering", "arshjul", "notiser"]


def _anrop_till_tidslinjen():
    """(file, code node) for every call that writes a timeline entry:
    skriv_tidslinjepost(insats, user, CODE) and _overga(insats, CODE, ...)."""
    for app in APPAR:
        for fil in sorted((ROT / app).rglob("*.py")):
            for nod in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
                if not isinstance(nod, ast.Call) or not isinstance(
                    nod.func, ast.Name | ast.Attribute
                ):
                    continue
                namn = nod.func.id if isinstance(nod.func, ast.Name) else nod.func.attr
                if namn == "skriv_tidslinjepost" and len(nod.args) >= 3:
                    yield fil, nod.args[2]
                elif namn == "_overga" and len(nod.args) >= 2:
                    yield fil, nod.args[1]


def test_every_literal_code_written_by_a_verb_has_a_row():
    koder = {
        (fil.name, nod.value)
        for fil, nod in _anrop_till_tidslinjen()
        if isinstance(nod, ast.Constant)
    }
    assert len(koder) > 10, "the scan found the verbs"
    saknas = {kod for kod in koder if kod[1] not in TIDSLINJETYPER}
    assert saknas == set(), "declare these codes in insatser/tidslinje.py"


def test_every_operation_transition_has_a_row():
    """_overga logs the transition's name, also when a caller passes it as a variable; a
    transition that creates the operation is logged by the verb that creates it."""
    assert set(INSATS_WORKFLOW.overgangar) - set(TIDSLINJETYPER) == set()


def test_computed_codes_are_exercised_by_the_lifecycle_test():
    """A code built at run time (an f-string) cannot be read from the source; the lifecycle test
    below must produce it. This lists the prefixes it has to cover."""
    prefix = {
        nod.values[0].value
        for _fil, nod in _anrop_till_tidslinjen()
        if isinstance(nod, ast.JoinedStr) and isinstance(nod.values[0], ast.Constant)
    }
    assert prefix == {"bemanning_"}, "cover the new computed codes in the lifecycle test"


@pytest.mark.django_db
def test_every_code_the_verbs_write_through_a_lifecycle_has_a_row(personer, begard, orsak, objekt):
    samordnare = personer["samordnare"]
    insats, begaran = begard
    paminn_om_begaran(begaran)
    paminn_om_obekraftad(insats)
    services.besvara_bemanning(personer["opsam"], begaran, 0, version=aktuell_version(begaran))
    services.begar_bemanning(
        samordnare, las(insats), lpo("city"), 2, version=aktuell_version(las(insats))
    )
    andra = insats.bemanningsbegaranden.get(status="SKICKAD")
    services.begar_bemanning(
        samordnare, las(insats), lpo("nordost"), 2, version=aktuell_version(las(insats))
    )
    services.besvara_bemanning(personer["opsam"], andra, 1, version=aktuell_version(andra))
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(
        personer["skv"], deltagande, accepterad=True, version=aktuell_version(deltagande)
    )
    services.besvara_bemanning(
        personer["opsam_nordost"],
        insats.bemanningsbegaranden.get(lpo__kod="nordost"),
        2,
        version=aktuell_version(insats.bemanningsbegaranden.get(lpo__kod="nordost")),
    )
    services.aterkalla_bemanning(personer["opsam"], andra, orsak, version=aktuell_version(andra))
    services.begar_bemanning(
        samordnare, las(insats), lpo("city"), 1, version=aktuell_version(las(insats))
    )
    services.besvara_bemanning(
        personer["opsam"],
        insats.bemanningsbegaranden.get(status="SKICKAD"),
        1,
        version=aktuell_version(insats.bemanningsbegaranden.get(status="SKICKAD")),
    )
    insats = las(insats)
    efterfoljare = services.omplanera_insats(
        samordnare,
        insats,
        insats.start + timedelta(days=3),
        insats.slut + timedelta(days=3),
        orsak,
        version=aktuell_version(insats),
    )
    services.stall_in_insats(samordnare, efterfoljare, orsak, version=aktuell_version(efterfoljare))
    kontroll_insats = _genomford(personer, objekt)
    ovriga = services.skapa_insats(
        user=samordnare, titel="Avslås", start=insats.start, slut=insats.slut
    )
    services.avsla_insats(samordnare, ovriga, "Redan kontrollerat", version=aktuell_version(ovriga))
    koder = set(Insatshandelse.objects.values_list("typ", flat=True))
    assert koder - set(TIDSLINJETYPER) == set()
    assert {"bemanning_bekrafta", "bemanning_delvis_bekrafta", "bemanning_avboj"} <= koder
    assert "fynd_registrerat" in set(kontroll_insats.handelser.values_list("typ", flat=True))


def _genomford(personer, objekt):
    """Another operation carried out and evaluated, with a control marked and a shared finding."""
    samordnare = personer["samordnare"]
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=samordnare,
        titel="Genomförs",
        start=start,
        slut=start + timedelta(hours=2),
        lpoer=[lpo("city")],
    )
    services.bjud_in(samordnare, insats, org("skatteverket"))
    services.lagg_till_kontroll(samordnare, insats, objekt)
    services.planera_insats(samordnare, insats, version=aktuell_version(insats))
    begaran = services.begar_bemanning(
        samordnare, insats, lpo("city"), 1, version=aktuell_version(insats)
    )
    services.besvara_inbjudan(
        personer["skv"],
        insats.deltaganden.get(organisation__kod="skatteverket"),
        True,
        version=aktuell_version(insats.deltaganden.get(organisation__kod="skatteverket")),
    )
    services.besvara_bemanning(personer["opsam"], begaran, 1, version=aktuell_version(begaran))
    with time_machine.travel(insats.start + timedelta(minutes=10)):
        kontroll = insats.kontroller.get()
        services.registrera_fynd(personer["skv"], kontroll, "Svartarbete", delad=True)
        services.markera_kontroll(
            personer["skv"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
        )
        services.genomfor_insats(samordnare, las(insats), version=aktuell_version(las(insats)))
        services.markera_utvarderad(samordnare, las(insats), version=aktuell_version(las(insats)))
    return insats


@pytest.mark.django_db
def test_the_timeline_shows_swedish_labels_not_codes(client, personer, bekraftad):
    insats, _ = bekraftad
    client.force_login(personer["samordnare"])
    text = client.get(f"/insatser/{insats.pk}/").content.decode()
    for kod in ("inbjudan", "bemanning_bekrafta", "bekrafta", "begar_bemanning"):
        assert str(etikett(kod)) in text
    assert "bemanning_bekrafta" not in text
    assert "Polisbemanning bekräftad" in text


def test_an_undeclared_code_shows_as_itself():
    assert etikett("ny_kod_utan_rad") == "ny_kod_utan_rad"
