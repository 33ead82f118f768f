"""Co-planned operations: several coordinating organisations, each with its own
operations, coordinator, LPO and staffing, plan in one synchronized window and follow up together.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Insats, Insatsgrupp
from insatser.services.gemensamt import (
    _kontrollera_tidsfonster,
    _kraver_samordnare,
    _nekad,
    _valideringsfel,
    las_for_tillagg,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.lasning import spara_ny_version
from karna.verb import verb
from myndigheter.models import Myndighet, Samverkansform


def inom_fonster(grupp: Insatsgrupp, start: datetime, slut: datetime) -> bool:
    return grupp.fonster_start <= start and slut <= grupp.fonster_slut


def _kontrollera_fonster(grupp: Insatsgrupp, start: datetime, slut: datetime) -> None:
    if not inom_fonster(grupp, start, slut):
        raise _valideringsfel(
            "insats", _("Insatsens tid ligger utanför gruppens gemensamma fönster.")
        )


@verb()
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


@verb()
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


@verb(INSATSEN_ANDRAD)
def anslut_till_grupp(user, grupp: Insatsgrupp, insats: Insats):
    """A coordinator puts one of their organisation's open operations into the group; one
    already in a group is refused, so two coordinators cannot both move it."""
    insats = las_for_tillagg(insats)
    _kraver_samordnare(user, insats)
    if not access.kan_ansluta_till_grupp(user, grupp):
        raise _nekad(_("Din organisation samplanerar inte i den gruppen."))
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Insatsen kan inte längre ändras."))
    if insats.insatsgrupp_id is not None:
        raise _valideringsfel("insats", _("Insatsen ingår redan i en insatsgrupp."))
    _kontrollera_fonster(grupp, insats.start, insats.slut)
    insats.insatsgrupp = grupp
    spara_ny_version(insats, ["insatsgrupp", "andrad"])
    skriv_tidslinjepost(insats, user, "ansluten_till_grupp", text=grupp.namn)
    return insats


@verb(INSATSEN_ANDRAD)
def lamna_grupp(user, insats: Insats, version: int) -> Insats:
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.insatsgrupp_id is None:
        raise _valideringsfel("insats", _("Insatsen ingår inte i någon insatsgrupp."))
    namn = insats.insatsgrupp.namn
    insats.insatsgrupp = None
    spara_ny_version(insats, ["insatsgrupp", "andrad"])
    skriv_tidslinjepost(insats, user, "lamnade_grupp", text=namn)
    return insats
