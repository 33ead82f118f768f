"""The pages not covered next to their features take as many queries with many rows as with few:
the start page, the police inbox and answer page, the new operation and edit forms, the groups."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp
from insatser import services
from insatser.models import Insats
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from objekt.models import Objekt, Objekttyp
from tests.varld import aktuell_version

pytestmark = pytest.mark.django_db


def lpo():
    return Lokalpolisomrade.objects.get(kod="city")


def fler_insatser(folk, antal: int, fran: int) -> Insats:
    """``antal`` planned operations in City, each in a co-planned group, with an object, an
    invited agency accepting, confirmed staffing and a window of the wheel with room; returns
    the last one."""
    hjul, _ = Arshjul.objects.get_or_create(
        kod="sidhjul", defaults={"namn": "Sidhjul", "agare": Myndighet.objects.get(kod="akc-vast")}
    )
    for nummer in range(fran, fran + antal):
        dag = timezone.localdate() + timedelta(days=30 + nummer)
        start = datetime.combine(dag, time(9), tzinfo=timezone.get_current_timezone())
        Arshjulshandelse.objects.create(
            arshjul=hjul,
            ar=dag.year,
            typ=Handelsetyp.INSATSFONSTER,
            titel=f"Fönster {nummer}",
            lpo=lpo(),
            kapacitet=2,
            start=start,
            slut=start + timedelta(days=1),
        )
        insats = services.skapa_insats(
            user=folk["sam"],
            titel=f"Insats {nummer}",
            start=start,
            slut=start + timedelta(hours=4),
            lpoer=[lpo()],
        )
        objekt = Objekt.objects.create(
            referens=f"S-{nummer}",
            namn=f"Sidbolaget {nummer} AB",
            objekttyp=Objekttyp.FORETAG,
            adress=f"Sidgatan {nummer}",
            kommun=Kommun.objects.get(kod="goteborg"),
            foreslaget_av_organisation=Myndighet.objects.get(kod="skatteverket"),
        )
        grupp = services.skapa_insatsgrupp(
            folk["sam"], f"Grupp {nummer}", start - timedelta(hours=1), start + timedelta(hours=6)
        )
        services.anslut_till_grupp(folk["sam"], grupp, insats)
        services.lagg_till_kontroll(folk["sam"], insats, objekt)
        services.bjud_in(folk["sam"], insats, Myndighet.objects.get(kod="skatteverket"))
        services.planera_insats(folk["sam"], insats, version=aktuell_version(insats))
        begaran = services.begar_bemanning(
            folk["sam"], insats, lpo(), 2, version=aktuell_version(insats)
        )
        services.besvara_inbjudan(
            folk["skv"],
            insats.deltaganden.get(organisation__kod="skatteverket"),
            True,
            version=aktuell_version(insats.deltaganden.get(organisation__kod="skatteverket")),
        )
        services.besvara_bemanning(
            folk["opsam"], begaran, 2, poliser=[folk["polis"]], version=aktuell_version(begaran)
        )
    return insats


def hamta(client, adress: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as fangade:
        svar = client.get(adress)
    assert svar.status_code == 200
    return len(fangade), svar.content.decode()


# (who, page, what the page shows of the later rows; empty for a page about one operation)
SIDOR = [
    ("sam", "/", "Insats 6"),
    ("skv", "/", "Insats 6"),
    ("opsam", "/", "Insats 6"),
    ("opsam", "/polis/begaranden/", "Insats 6"),
    ("opsam", "/polis/begaranden/{begaran}/", ""),
    ("sam", "/insatser/ny/", "City {sista_dag}"),
    ("sam", "/insatser/{insats}/andra/", ""),
    ("sam", "/insatsgrupper/", "Grupp 6"),
]


@pytest.mark.parametrize(("vem", "sida", "senare"), SIDOR)
def test_the_page_takes_constant_queries(client, folk, vem, sida, senare):
    forsta = fler_insatser(folk, 1, 0)
    adress = sida.format(insats=forsta.pk, begaran=forsta.bemanningsbegaranden.get().pk)
    client.force_login(folk[vem])
    client.get(adress)
    fore, _ = hamta(client, adress)
    fler_insatser(folk, 6, 1)
    efter, text = hamta(client, adress)
    sista_dag = date_format(timezone.localdate() + timedelta(days=36), "j F Y")
    assert senare.format(sista_dag=sista_dag) in text
    assert efter == fore
