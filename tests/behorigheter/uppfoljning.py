"""Follow-up: the page of figures and its exports, for management, coordinators and focal
points; officers, the police's operational roles, the API client and the administrator are
refused (they follow operations through the operations' own pages). A yearly report is
downloaded by its own audience only: the management group's is missing (404) to the others."""

from django.utils import timezone

from tests.behorigheter import LOGIN, alla


def folja_upp(status, **undantag):
    return alla(
        403,
        ANONYM=LOGIN,
        **{
            "LEDNINGSGRUPP": status,
            "POLISLEDNING": status,
            "SAMORDNARE": status,
            "MYNDIGHETSKONTAKT": status,
            **undantag,
        },
    )


MATRIS = {
    "uppfoljning": {"GET": folja_upp(200), "POST": alla(405, ANONYM=LOGIN)},
    "uppfoljning_export": {"GET": folja_upp(200), "POST": alla(405, ANONYM=LOGIN)},
    # Without a year the order is refused with a message, back on the page.
    "bestall_arsrapport": {"POST": folja_upp(302), "GET": alla(405, ANONYM=LOGIN)},
    "ladda_ned_arsrapport": {
        "GET": folja_upp(404, LEDNINGSGRUPP=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    # A follow-up pack is the management group's (every operation): missing to everyone else.
    "ladda_ned_uppfoljningspaket": {
        "GET": folja_upp(404, LEDNINGSGRUPP=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    # An export job is its orderer's (the management group's here): missing to everyone else.
    "uppfoljning_exportjobb": {
        "GET": folja_upp(404, LEDNINGSGRUPP=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "uppfoljning_exportjobbets_fil": {
        "GET": folja_upp(404, LEDNINGSGRUPP=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "uppfoljning": "/uppfoljning/",
    "uppfoljning_export": f"/uppfoljning/export/kategorier.xlsx?ar={timezone.localdate().year}",
    "bestall_arsrapport": "/uppfoljning/arsrapport/",
    "ladda_ned_arsrapport": "/uppfoljning/arsrapporter/{ARSRAPPORT}/pdf/",
    "uppfoljning_exportjobb": "/uppfoljning/exporter/{EXPORTJOBB}/",
    "ladda_ned_uppfoljningspaket": "/uppfoljning/paket/{UPPFOLJNINGSPAKET}/pdf/",
    "uppfoljning_exportjobbets_fil": "/uppfoljning/exporter/{EXPORTJOBB}/fil/",
}


def platshallare(aktorer) -> dict:
    """The management group's yearly report (the template rendered, the layout stood in for)
    and an export it ordered, built."""
    from unittest import mock

    from myndigheter.roles import Roll
    from tests.conftest import _SnabbPdf
    from uppfoljning import services
    from uppfoljning.access import malgrupp
    from uppfoljning.models import Arsrapport, Arsrapportbygge, Exportjobb

    lasare = malgrupp(aktorer[Roll.LEDNINGSGRUPP])
    bygge = Arsrapportbygge.objects.create(
        ar=timezone.localdate().year, malgrupp=lasare.nyckel(), lasare=lasare.som_data(), nummer=1
    )
    with mock.patch("weasyprint.HTML", _SnabbPdf):
        assert services.bygg_arsrapport(bygge.pk, bygge.nummer) == "byggt"
    jobb = Exportjobb.objects.create(
        anvandare=aktorer[Roll.LEDNINGSGRUPP], tabell="nyckeltal", format="csv"
    )
    assert services.bygg_export(jobb.pk) == "byggt"
    return {
        "UPPFOLJNINGSPAKET": _uppfoljningspaket(),
        "ARSRAPPORT": Arsrapport.objects.get(malgrupp=bygge.malgrupp).pk,
        "EXPORTJOBB": jobb.pk,
    }


def _uppfoljningspaket() -> int:
    """A pack of a meeting of a management group that follows every operation."""
    from datetime import timedelta
    from unittest import mock

    from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp, Samverkansorgan
    from myndigheter.models import Myndighet
    from tests.conftest import _SnabbPdf
    from uppfoljning.models import Ledningsgrupp, Uppfoljningspaket, Uppfoljningspaketbygge
    from uppfoljning.services import paket

    organ = Samverkansorgan.objects.create(kod="matrisledning", namn="Matrisledning", niva="LOKAL")
    Ledningsgrupp.objects.create(organ=organ)
    start = timezone.now() + timedelta(days=2)
    mote = Arshjulshandelse.objects.create(
        arshjul=Arshjul.objects.create(
            kod="matrisledning", namn="Matrisledning", agare=Myndighet.objects.get(kod="slk")
        ),
        ar=start.year,
        titel="Matrismöte",
        typ=Handelsetyp.MOTE,
        start=start,
        slut=start + timedelta(hours=1),
        organ=organ,
    )
    paket.bestall_uppfoljningspaket()
    bygge = Uppfoljningspaketbygge.objects.get(mote=mote)
    with mock.patch("weasyprint.HTML", _SnabbPdf):
        assert paket.bygg_uppfoljningspaket(bygge.pk, bygge.nummer) == "byggt"
    return Uppfoljningspaket.objects.get(mote=mote).pk
