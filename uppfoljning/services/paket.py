"""The management groups' follow-up packs (uppföljningspaket): before each meeting of a management
group on the annual wheel, the year's figures so far as the group's scope counts them, in the
yearly report's layout, kept in versions per meeting.

Beat orders (``bestall_uppfoljningspaket``, daily) a pack for every meeting of a management group
(``Ledningsgrupp``) in the next ``UPPFOLJNINGSPAKET_DAGAR`` days that has none; the build runs as
the yearly report's does (``utvardering.services.rapport.kor_bestallt_bygge``, the same renderer),
and a rebuild with unchanged figures adds no version.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from arshjul.models import Arshjulshandelse, Handelsetyp
from karna.atkomstlogg import logga
from karna.models import Atkomstlogg
from karna.verb import verb
from uppfoljning import access
from uppfoljning.access import Malgrupp, ledningsgruppens_malgrupp
from uppfoljning.arsrapportinnehall import arsrapportinnehall
from uppfoljning.effekter import UPPFOLJNINGSPAKET_BESTALLT
from uppfoljning.models import Ledningsgrupp, Uppfoljningspaket, Uppfoljningspaketbygge
from uppfoljning.services import Resultat, lagra_version, resultat_efter, spara_version
from utvardering.services.rapport import kor_bestallt_bygge
from utvardering.workflow import RAPPORTBYGGE_WORKFLOW


def kommande_moten(fran=None):
    """The meetings of the management groups that begin within the next
    ``UPPFOLJNINGSPAKET_DAGAR`` days and are not cancelled."""
    fran = fran or timezone.now()
    organ = Ledningsgrupp.objects.values("organ")
    return Arshjulshandelse.objects.filter(
        typ=Handelsetyp.MOTE,
        organ__in=organ,
        installd=False,
        arshjul__aktiv=True,
        start__gte=fran,
        start__lt=fran + timedelta(days=settings.UPPFOLJNINGSPAKET_DAGAR),
    )


def _bestall(mote: Arshjulshandelse, malgrupp: Malgrupp) -> Uppfoljningspaketbygge:
    bygge = Uppfoljningspaketbygge.objects.create(
        mote=mote,
        malgrupp=malgrupp.nyckel(),
        lasare=malgrupp.som_data(),
        status=RAPPORTBYGGE_WORKFLOW.skapa("bestall"),
        nummer=1,
    )
    UPPFOLJNINGSPAKET_BESTALLT.utlos(bygge_id=bygge.pk, nummer=bygge.nummer)
    return bygge


@verb(UPPFOLJNINGSPAKET_BESTALLT)
def bestall_uppfoljningspaket(fran=None) -> int:
    """Beat, daily: order a follow-up pack for each coming meeting of a management group that
    has none yet; the number ordered. Running it again orders nothing new."""
    grupper = {g.organ_id: g for g in Ledningsgrupp.objects.all()}
    moten = (
        kommande_moten(fran)
        .exclude(pk__in=Uppfoljningspaketbygge.objects.values("mote"))
        .select_for_update(of=("self",))
        .order_by("start", "pk")
    )
    antal = 0
    for mote in moten:
        _bestall(mote, ledningsgruppens_malgrupp(grupper[mote.organ_id]))
        antal += 1
    return antal


def _innehall(bygge: Uppfoljningspaketbygge) -> dict:
    mote = bygge.mote
    start = timezone.localtime(mote.start)
    # The figures of the meeting's year, as they stand when the pack is built.
    innehall = arsrapportinnehall(Malgrupp.fran_data(bygge.lasare), start.year)
    innehall["mote"] = {"titel": mote.titel, "datum": date_format(start, "j F Y H:i")}
    return innehall


def bygg_uppfoljningspaket(bygge_id: int, nummer: int) -> str:
    """Build one meeting's follow-up pack for build request ``nummer``; idempotent."""
    return kor_bestallt_bygge(
        Uppfoljningspaketbygge.objects.filter(pk=bygge_id),
        nummer,
        _forbered,
        lambda bygge, resultat: spara_version(bygge, nummer, resultat, _ny_version),
    )


def _forbered(bygge: Uppfoljningspaketbygge) -> Resultat:
    senaste = Uppfoljningspaket.objects.filter(mote_id=bygge.mote_id).order_by("-version").first()
    return resultat_efter(_innehall(bygge), senaste)


def _ny_version(bygge: Uppfoljningspaketbygge, rad: Resultat) -> str:
    ar = timezone.localtime(bygge.mote.start).year
    return lagra_version(
        Uppfoljningspaket(mote_id=bygge.mote_id, ar=ar),
        bygge,
        rad,
        f"uppfoljningspaket/{ar}/{bygge.mote_id}-v{rad.version}-{rad.dataversion[:16]}.pdf",
    )


@verb()
def ladda_ned_uppfoljningspaket(user, pk: int, syfte: str) -> Uppfoljningspaket:
    """A version of a follow-up pack written for the user's management group scope; the
    download is logged. 404 for any other scope's pack."""
    paket = access.uppfoljningspaket(user).filter(pk=pk).first()
    if paket is None:
        raise Http404
    logga(user, Atkomstlogg.Handling.LADDA_NED, [paket], syfte)
    return paket
