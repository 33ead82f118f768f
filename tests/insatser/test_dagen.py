"""The operation's day on a phone: the day page, its live findings partial, the threat flag that
alerts at once and is always read by the coordinating organisation and the operation's police."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.access import synliga_fynd
from insatser.models import Fynd, Insatshandelse
from notiser.models import Notis
from notiser.services import notifiera
from tests.fabriker import KontrollFabrik, ObjektFabrik
from tests.varld import aktuell_version, startsidan, status_av

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _sakerhetskontakt(user):
    user.profil.ar_sakerhetskontakt = True
    user.profil.save(update_fields=["ar_sakerhetskontakt"])
    return user


def _hot(personer, kontroll, delad=False):
    return services.registrera_fynd(
        personer["skv"], kontroll, "Hotade inspektören", delad=delad, hot=True
    )


# --- the threat alert ----------------------------------------------------------------------


def test_a_threat_tells_the_own_security_contact_and_the_police_coordinators_at_once(
    personer, kontroll
):
    _sakerhetskontakt(personer["skv_kontakt"])
    _sakerhetskontakt(personer["kollega"])  # another organisation's security contact
    _hot(personer, kontroll)
    handelse = Insatshandelse.objects.get(typ="fynd_hot")
    notifiera(handelse.pk)
    mottagare = set(Notis.objects.filter(handelse=handelse).values_list("mottagare__username"))
    assert mottagare == {("skv.kontakt",), ("opsam",)}
    notis = Notis.objects.get(handelse=handelse, mottagare=personer["opsam"])
    assert notis.kategori == "HOT"
    assert notis.skicka_epost
    assert "Hotade" not in notis.text


def test_a_finding_without_the_flag_alerts_nobody(personer, kontroll):
    _sakerhetskontakt(personer["skv_kontakt"])
    services.registrera_fynd(personer["skv"], kontroll, "Svartarbete", delad=True)
    assert not Insatshandelse.objects.filter(typ="fynd_hot").exists()


def test_the_threat_alert_stays_off_the_timeline_every_participant_reads(
    client, personer, kontroll
):
    _hot(personer, kontroll)
    client.force_login(personer["skv"])
    svar = client.get(f"/insatser/{kontroll.insats_id}/")
    assert [h.typ for h in svar.context["handelser"] if h.typ == "fynd_hot"] == []


def test_the_threat_flag_is_not_corrected_away(personer, kontroll):
    fynd = _hot(personer, kontroll)
    services.ratta_fynd(
        personer["skv"], fynd, "Hotade inspektören muntligt", version=aktuell_version(fynd)
    )
    assert Fynd.objects.get(pk=fynd.pk).hot


# --- the policy relation -------------------------------------------------------------------


def test_an_unshared_threat_is_read_by_the_coordinators_and_the_operations_police(
    personer, kontroll
):
    hot = _hot(personer, kontroll)
    vanligt = services.registrera_fynd(personer["skv"], kontroll, "Kassaregister saknas")
    for namn in ("samordnare", "kollega", "opsam", "polis", "skv", "skv_kontakt"):
        assert synliga_fynd(personer[namn]).filter(pk=hot.pk).exists(), namn
    for namn in ("opsam_nordost", "av", "samordnare_miljo", "api", "polisledning"):
        assert not synliga_fynd(personer[namn]).filter(pk=hot.pk).exists(), namn
    # Without the flag an unshared finding stays within Skatteverket.
    for namn in ("samordnare", "opsam", "polis"):
        assert not synliga_fynd(personer[namn]).filter(pk=vanligt.pk).exists(), namn


# --- the page ------------------------------------------------------------------------------


def test_the_day_page_shows_each_control_with_the_findings_the_user_may_read(
    client, personer, kontroll
):
    services.registrera_fynd(personer["samordnare"], kontroll, "Delat fynd", delad=True)
    services.registrera_fynd(personer["samordnare"], kontroll, "Eget fynd från AKC")
    client.force_login(personer["skv"])
    svar = client.get(f"/insatser/{kontroll.insats_id}/dagen/")
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Hemliga Pizzerian AB" in text
    assert "Lönngatan 7" in text
    assert "Delat fynd" in text
    assert "Eget fynd från AKC" not in text
    assert 'hx-trigger="every 10s"' in text
    assert f'action="/insatser/{kontroll.insats_id}/dagen/kontroller/{kontroll.pk}/fynd/"' in text


def test_the_day_page_says_when_it_opens_before_the_day(client, personer, bekraftad):
    insats, _ = bekraftad
    client.force_login(personer["skv"])
    svar = client.get(f"/insatser/{insats.pk}/dagen/")
    assert svar.status_code == 200
    assert "Sidan öppnar på insatsens dag" in svar.content.decode()
    assert "kontroller" not in svar.context
    assert client.get(f"/insatser/{insats.pk}/dagen/fynd/").status_code == 404


@pytest.mark.parametrize("namn", ["av", "api", "polisledning", "opsam_nordost"])
def test_the_day_page_is_not_found_for_those_who_do_not_see_the_details(
    client, personer, kontroll, namn
):
    client.force_login(personer[namn])
    assert client.get(f"/insatser/{kontroll.insats_id}/dagen/").status_code == 404
    assert client.get(f"/insatser/{kontroll.insats_id}/dagen/fynd/").status_code == 404


def test_a_finding_recorded_on_the_day_page_comes_back_in_its_list(client, personer, kontroll):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/dagen/kontroller/{kontroll.pk}/fynd/"
    prefix = f"k{kontroll.pk}f"
    svar = client.post(url, {f"{prefix}-text": "Hot vid kassan", f"{prefix}-hot": "on"}, **HTMX)
    text = svar.content.decode()
    assert f'id="fynd-{kontroll.pk}"' in text
    assert "Hot vid kassan" in text
    assert Fynd.objects.get().hot
    svar = client.post(url, {f"{prefix}-text": "  "})
    assert svar.status_code == 302
    assert svar.url.endswith(f"/dagen/#kontroll-{kontroll.pk}")
    assert Fynd.objects.count() == 1


def test_the_operation_page_and_the_start_page_lead_to_the_day_page(client, personer, kontroll):
    client.force_login(personer["skv"])
    adress = f"/insatser/{kontroll.insats_id}/dagen/"
    assert adress in client.get(f"/insatser/{kontroll.insats_id}/").content.decode()
    svar = client.get("/")
    assert [i.pk for i in startsidan(svar, "idag")] == [kontroll.insats_id]
    assert adress in svar.content.decode()


# --- the polling partial -------------------------------------------------------------------


def test_the_partial_runs_the_same_queries_however_many_findings(
    client, personer, kontroll, django_assert_num_queries
):
    client.force_login(personer["skv"])
    url = f"/insatser/{kontroll.insats_id}/dagen/fynd/"
    client.get(url, **HTMX)
    with CaptureQueriesContext(connection) as forst:
        client.get(url, **HTMX)
    andra = KontrollFabrik(insats=kontroll.insats, objekt=ObjektFabrik())
    for nummer in range(5):
        for k in (kontroll, andra):
            services.registrera_fynd(personer["skv"], k, f"Fynd {nummer}", delad=True)
    with django_assert_num_queries(len(forst.captured_queries)):
        svar = client.get(url, **HTMX)
    assert svar.status_code == 200
    assert svar.content.decode().count('hx-swap-oob="true"') == 2


def test_the_partial_stops_the_polling_once_recording_has_closed(client, personer, kontroll):
    insats = kontroll.insats
    services.markera_kontroll(
        personer["samordnare"], kontroll, genomford=True, forvantad_status=status_av(kontroll)
    )
    services.genomfor_insats(personer["samordnare"], insats, version=aktuell_version(insats))
    services.markera_utvarderad(personer["samordnare"], insats, version=aktuell_version(insats))
    client.force_login(personer["skv"])
    assert client.get(f"/insatser/{insats.pk}/dagen/fynd/", **HTMX).status_code == 286
    assert (
        'hx-trigger="every 10s"' not in client.get(f"/insatser/{insats.pk}/dagen/").content.decode()
    )


# --- the follow-up -------------------------------------------------------------------------


def test_management_counts_the_threats_of_the_year(client, personer, kontroll):
    _hot(personer, kontroll)
    services.registrera_fynd(personer["skv"], kontroll, "Inget hot")
    with time_machine.travel(kontroll.insats.start + timedelta(hours=1), tick=False):
        client.force_login(personer["ledningsgrupp"])
        svar = client.get("/")
    assert startsidan(svar, "hot") == 1
    assert "1 fynd om hot eller otillåten påverkan mot tjänsteman" in svar.content.decode()
