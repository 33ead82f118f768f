"""Co-planned operations (R-068): several coordinating organisations, each with its own
operations, coordinator, LPO and staffing, plan in one synchronized window and follow up together.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from insatser import access
from insatser.models import Insats, Insatsgrupp
from insatser.services.gemensamt import (
    _kontrollera_tidsfonster,
    _kraver_samordnare,
    _las_insats,
    _logga,
    _nekad,
    _valideringsfel,
)
from insatser.workflow import OPPNA_FOR_PLANERING
from myndigheter.models import Myndighet, Samverkansform


def inom_fonster(grupp: Insatsgrupp, start: datetime, slut: datetime) -> bool:
    return grupp.fonster_start <= start and slut <= grupp.fonster_slut


def _kontrollera_fonster(grupp: Insatsgrupp, start: datetime, slut: datetime) -> None:
    if not inom_fonster(grupp, start, slut):
        raise _valideringsfel(
            "insats", _("Insatsens tid ligger utanför gruppens gemensamma fönster.")
        )


@transaction.atomic
def skapa_insatsgrupp(
    user,
    namn: str,
    fonster_start: datetime,
    fonster_slut: datetime,
    samverkansform: Samverkansform | None = None,
) -> Insatsgrupp:
    """A coordinator starts co-planning; their organisation leads it."""
    if not access.kan_skapa_insats(user):
        raise _nekad(_("Endast samordnare kan starta en samplanering."))
    if not namn.strip():
        raise _valideringsfel("namn", _("Ange ett namn."))
    if Insatsgrupp.objects.filter(namn__iexact=namn.strip()).exists():
        raise _valideringsfel("namn", _("Det finns redan en insatsgrupp med det namnet."))
    _kontrollera_tidsfonster(fonster_start, fonster_slut)
    organisation = user.profil.organisation
    grupp = Insatsgrupp.objects.create(
        namn=namn.strip(),
        samverkansform=samverkansform,
        fonster_start=fonster_start,
        fonster_slut=fonster_slut,
        agare=organisation,
        skapad_av=user,
    )
    grupp.organisationer.add(organisation)
    return grupp


@transaction.atomic
def bjud_in_till_grupp(user, grupp: Insatsgrupp, organisation: Myndighet) -> None:
    """The leading organisation asks another coordinating organisation to plan in the group."""
    grupp = Insatsgrupp.objects.select_for_update().get(pk=grupp.pk)
    if not access.kan_hantera_grupp(user, grupp):
        raise _nekad(_("Endast den organisation som leder samplaneringen kan bjuda in."))
    if organisation.ar_polis or not organisation.aktiv:
        raise _valideringsfel(
            "organisation", _("Välj en aktiv organisation som samordnar insatser.")
        )
    grupp.organisationer.add(organisation)


@transaction.atomic
def anslut_till_grupp(user, grupp: Insatsgrupp, insats: Insats, version: int | None = None):
    """A coordinator puts one of their organisation's open operations into the group."""
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if not access.kan_ansluta_till_grupp(user, grupp):
        raise _nekad(_("Din organisation samplanerar inte i den gruppen."))
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Insatsen kan inte längre ändras."))
    if insats.insatsgrupp_id is not None:
        raise _valideringsfel("insats", _("Insatsen ingår redan i en insatsgrupp."))
    _kontrollera_fonster(grupp, insats.start, insats.slut)
    insats.insatsgrupp = grupp
    insats.version = F("version") + 1
    insats.save(update_fields=["insatsgrupp", "version", "andrad"])
    _logga(insats, user, "ansluten_till_grupp", text=grupp.namn)
    return insats


@transaction.atomic
def lamna_grupp(user, insats: Insats, version: int | None = None) -> Insats:
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.insatsgrupp_id is None:
        raise _valideringsfel("insats", _("Insatsen ingår inte i någon insatsgrupp."))
    namn = insats.insatsgrupp.namn
    insats.insatsgrupp = None
    insats.version = F("version") + 1
    insats.save(update_fields=["insatsgrupp", "version", "andrad"])
    _logga(insats, user, "lamnade_grupp", text=namn)
    return insats
