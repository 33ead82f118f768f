"""Business verbs of evaluations: record improvement areas and mark them resolved."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser.access import kan_samordna, kan_se_insats
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Insats
from insatser.services import las_for_tillagg, skriv_tidslinjepost
from insatser.workflow import InsatsStatus
from karna.verb import verb
from myndigheter.models import Myndighet
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
) -> Forbattringsomrade:
    """The coordinator records what should be done better next time, after the operation."""
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
    omrade = Forbattringsomrade.objects.create(
        insats=insats,
        status=FORBATTRINGSOMRADE_WORKFLOW.skapa("registrera"),
        objekt=objekt,
        text=text.strip(),
        ansvarig_organisation=ansvarig_organisation,
        skapad_av=user,
    )
    skriv_tidslinjepost(insats, user, "forbattringsomrade", text=omrade.text)
    return omrade


@verb(INSATSEN_ANDRAD)
def atgarda_forbattringsomrade(user, omrade: Forbattringsomrade) -> Forbattringsomrade:
    omrade = Forbattringsomrade.objects.select_for_update().get(pk=omrade.pk)
    if not access.synliga_forbattringsomraden(user).filter(pk=omrade.pk).exists():
        raise Http404
    if not access.kan_atgarda(user, omrade):
        raise PermissionDenied(_("Endast insatsens samordnare kan markera området som åtgärdat."))
    if omrade.status == Forbattringsomrade.Status.ATGARDAD:
        raise ValidationError({"status": _("Området är redan markerat som åtgärdat.")})
    FORBATTRINGSOMRADE_WORKFLOW.overga(omrade, "atgarda")
    omrade.atgardad = timezone.now()
    omrade.save(update_fields=["status", "atgardad"])
    skriv_tidslinjepost(omrade.insats, user, "forbattringsomrade_atgardat", text=omrade.text)
    return omrade
