"""Business verbs of the improvement plan: record improvement areas, start and resolve them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser.access import kan_samordna, kan_se_insats
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Insats
from insatser.services import las_for_tillagg, skriv_tidslinjepost
from insatser.workflow import InsatsStatus
from karna.tid import kontrollera_tidpunkt
from karna.verb import verb
from myndigheter.models import Anvandarprofil, Myndighet, Samverkansform, Stadsomrade, UtsattOmrade
from objekt.models import Objekt
from utvardering import access
from utvardering.models import Forbattringsomrade
from utvardering.workflow import FORBATTRINGSOMRADE_WORKFLOW

UTFORDA = frozenset({InsatsStatus.GENOMFORD, InsatsStatus.UTVARDERAD})


def registrering_mojlig(insats: Insats) -> bool:
    """Improvement areas are recorded once the operation has been carried out."""
    return insats.status in UTFORDA


@verb(INSATSEN_ANDRAD)
def registrera_forbattringsomrade(
    user,
    insats: Insats,
    text: str,
    ansvarig_organisation: Myndighet | None = None,
    objekt: Objekt | None = None,
    *,
    ansvarig_person=None,
    startdatum: date | None = None,
    slutdatum: date | None = None,
    stadsomrade: Stadsomrade | None = None,
    utsatt_omrade: UtsattOmrade | None = None,
    samverkansform: Samverkansform | None = None,
    myndigheter: Iterable[Myndighet] = (),
) -> Forbattringsomrade:
    """The coordinator records what should be done better next time, after the operation: an
    item of the improvement plan with who answers for it, when, and what it concerns."""
    insats = las_for_tillagg(insats)
    if not kan_se_insats(user, insats):
        raise Http404
    if not kan_samordna(user, insats):
        raise PermissionDenied(
            _("Endast samordnare för den samordnande organisationen kan göra detta.")
        )
    if not registrering_mojlig(insats):
        raise ValidationError(
            {"text": _("Förbättringsområden registreras när insatsen är genomförd.")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Beskriv förbättringsområdet.")})
    if objekt is not None and not insats.kontroller.filter(objekt=objekt).exists():
        raise ValidationError({"objekt": _("Objektet kontrollerades inte i insatsen.")})
    _kontrollera_datum(startdatum, slutdatum)
    if ansvarig_person is not None and (
        ansvarig_organisation is None
        or not Anvandarprofil.objects.filter(
            user=ansvarig_person, organisation=ansvarig_organisation
        ).exists()
    ):
        raise ValidationError(
            {
                "ansvarig_person": _(
                    "Den ansvariga personen ska höra till den ansvariga organisationen."
                )
            }
        )
    omrade = Forbattringsomrade.objects.create(
        insats=insats,
        status=FORBATTRINGSOMRADE_WORKFLOW.skapa("registrera"),
        objekt=objekt,
        text=text.strip(),
        ansvarig_organisation=ansvarig_organisation,
        ansvarig_person=ansvarig_person,
        startdatum=startdatum,
        slutdatum=slutdatum,
        stadsomrade=stadsomrade,
        utsatt_omrade=utsatt_omrade,
        samverkansform=samverkansform,
        skapad_av=user,
    )
    omrade.myndigheter.set(myndigheter)
    skriv_tidslinjepost(insats, user, "forbattringsomrade", text=omrade.text)
    return omrade


def _kontrollera_datum(startdatum: date | None, slutdatum: date | None) -> None:
    for falt, datum in (("startdatum", startdatum), ("slutdatum", slutdatum)):
        if datum is not None:
            kontrollera_tidpunkt(falt, datum)
    if startdatum and slutdatum and slutdatum < startdatum:
        raise ValidationError({"slutdatum": _("Slutdatumet kan inte vara före startdatumet.")})


def _las_for_uppfoljning(user, omrade: Forbattringsomrade) -> Forbattringsomrade:
    omrade = Forbattringsomrade.objects.select_for_update().get(pk=omrade.pk)
    if not access.synliga_forbattringsomraden(user).filter(pk=omrade.pk).exists():
        raise Http404
    if not access.kan_atgarda(user, omrade):
        raise PermissionDenied(
            _(
                "Endast insatsens samordnare och den ansvariga organisationens samordnare kan "
                "följa upp området."
            )
        )
    return omrade


@verb(INSATSEN_ANDRAD)
def paborja_forbattringsomrade(user, omrade: Forbattringsomrade) -> Forbattringsomrade:
    """The work on an item has started: it stays open, as under way."""
    omrade = _las_for_uppfoljning(user, omrade)
    if omrade.status != Forbattringsomrade.Status.OPPEN:
        raise ValidationError({"status": _("Arbetet med området är redan påbörjat eller klart.")})
    FORBATTRINGSOMRADE_WORKFLOW.overga(omrade, "paborja")
    if omrade.startdatum is None:
        omrade.startdatum = timezone.localdate()
    omrade.save(update_fields=["status", "startdatum"])
    skriv_tidslinjepost(omrade.insats, user, "forbattringsomrade_paborjat", text=omrade.text)
    return omrade


@verb(INSATSEN_ANDRAD)
def atgarda_forbattringsomrade(user, omrade: Forbattringsomrade) -> Forbattringsomrade:
    omrade = _las_for_uppfoljning(user, omrade)
    if omrade.status == Forbattringsomrade.Status.ATGARDAD:
        raise ValidationError({"status": _("Området är redan markerat som åtgärdat.")})
    FORBATTRINGSOMRADE_WORKFLOW.overga(omrade, "atgarda")
    omrade.atgardad = timezone.now()
    omrade.save(update_fields=["status", "atgardad"])
    skriv_tidslinjepost(omrade.insats, user, "forbattringsomrade_atgardat", text=omrade.text)
    return omrade
