"""Releasing agency information to an operation: release, withdraw, and the logged read.

An information block belongs to the agency that recorded it (``objekt.Objektuppgift``); it
reaches the other participants only through a release to one operation, with the legal basis
stated. Every release and withdrawal, and every read of another agency's information, is written
to the access log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import UNDERLAG_BESTALLDA
from insatser.models import Frislappning, Insats
from insatser.selectors import uppgifter_i_insats
from insatser.services.underlag import markera_inaktuella
from karna.atkomstlogg import logga
from karna.models import Atkomstlogg
from karna.verb import verb
from objekt import access as objekt_access
from objekt.models import Objektuppgift


def _synlig_for(user, uppgift: Objektuppgift) -> Objektuppgift:
    """404, not 403, for information the user may not know exists."""
    if not objekt_access.synliga_objektuppgifter(user).filter(pk=uppgift.pk).exists():
        raise Http404
    return uppgift


@verb(UNDERLAG_BESTALLDA)
def frislapp_objektuppgift(
    user, uppgift: Objektuppgift, insats: Insats, grund: str
) -> Frislappning:
    """Release one information block to the participants of one operation, with a stated basis."""
    _synlig_for(user, uppgift)
    if not objekt_access.kan_frislappa(user, uppgift):
        raise PermissionDenied(_("Endast den ägande organisationen kan frisläppa uppgiften."))
    if not access.kan_se_insats(user, insats):
        raise Http404
    if not grund.strip():
        raise ValidationError({"grund": _("Ange grund eller lagstöd för utlämnandet.")})
    if not insats.kontroller.filter(objekt_id=uppgift.objekt_id).exists():
        raise ValidationError({"insats": _("Objektet ingår inte i den insatsen.")})
    if uppgift.frislappningar.filter(insats=insats, aterkallad__isnull=True).exists():
        raise ValidationError({"insats": _("Uppgiften är redan frisläppt till insatsen.")})
    frislappning = Frislappning.objects.create(
        objektuppgift=uppgift, insats=insats, frislappt_av=user, grund=grund.strip()
    )
    markera_inaktuella([insats.pk])
    logga(user, Atkomstlogg.Handling.FRISLAPPA, [uppgift], f"{insats.referens}: {grund.strip()}")
    return frislappning


@verb(UNDERLAG_BESTALLDA)
def aterkalla_frislappning(user, frislappning: Frislappning, orsak: str) -> Frislappning:
    frislappning = Frislappning.objects.select_for_update().get(pk=frislappning.pk)
    uppgift = _synlig_for(user, frislappning.objektuppgift)
    if not objekt_access.kan_frislappa(user, uppgift):
        raise PermissionDenied(_("Endast den ägande organisationen kan återkalla frisläppningen."))
    if frislappning.aterkallad is not None:
        raise ValidationError({"frislappning": _("Frisläppningen är redan återkallad.")})
    if not orsak.strip():
        raise ValidationError({"orsak": _("Ange varför frisläppningen återkallas.")})
    frislappning.aterkallad = timezone.now()
    frislappning.aterkallad_av = user
    frislappning.save(update_fields=["aterkallad", "aterkallad_av"])
    markera_inaktuella([frislappning.insats_id])
    logga(
        user,
        Atkomstlogg.Handling.ATERKALLA,
        [uppgift],
        f"{frislappning.insats.referens}: {orsak.strip()}",
    )
    return frislappning


def las_objektuppgifter(user, insats: Insats, syfte: str) -> list[Objektuppgift]:
    """The information on the operation's objects that the user may read; each read is logged."""
    if not access.kan_se_insats(user, insats):
        raise Http404
    uppgifter = list(
        uppgifter_i_insats(user, insats)
        .select_related("objekt", "organisation", "mall")
        .order_by("objekt__namn", "organisation__namn")
    )
    if uppgifter:
        logga(user, Atkomstlogg.Handling.LASA, uppgifter, f"{insats.referens}: {syfte}")
    return uppgifter
