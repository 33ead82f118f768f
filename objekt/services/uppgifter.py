"""Business verbs for agency-owned object information: record, release, withdraw, read (logged)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access as insats_access
from insatser.models import Insats
from insatser.services.underlag import markera_inaktuella
from myndigheter.atkomst import logga
from myndigheter.models import Atkomstlogg
from myndigheter.policy import Aktor
from objekt import access
from objekt.mallar import saknade_obligatoriska
from objekt.models import Frislappning, Informationsmall, Objekt, Objektuppgift
from objekt.selectors import uppgifter_i_insats


def _synlig_for(user, uppgift: Objektuppgift) -> Objektuppgift:
    """404, not 403, for information the user may not know exists."""
    if not access.synliga_objektuppgifter(user).filter(pk=uppgift.pk).exists():
        raise Http404
    return uppgift


@transaction.atomic
def frislapp_objektuppgift(
    user, uppgift: Objektuppgift, insats: Insats, grund: str
) -> Frislappning:
    """Release one information block to the participants of one operation, with a stated basis."""
    _synlig_for(user, uppgift)
    if not access.kan_frislappa(user, uppgift):
        raise PermissionDenied(_("Endast den ägande organisationen kan frisläppa uppgiften."))
    if not insats_access.kan_se_insats(user, insats):
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


@transaction.atomic
def aterkalla_frislappning(user, frislappning: Frislappning, orsak: str) -> Frislappning:
    frislappning = Frislappning.objects.select_for_update().get(pk=frislappning.pk)
    uppgift = _synlig_for(user, frislappning.objektuppgift)
    if not access.kan_frislappa(user, uppgift):
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
    if not insats_access.kan_se_insats(user, insats):
        raise Http404
    uppgifter = list(
        uppgifter_i_insats(user, insats)
        .select_related("objekt", "organisation", "mall")
        .order_by("objekt__namn", "organisation__namn")
    )
    if uppgifter:
        logga(user, Atkomstlogg.Handling.LASA, uppgifter, f"{insats.referens}: {syfte}")
    return uppgifter


@transaction.atomic
def registrera_objektuppgift(user, objekt: Objekt, mall: Informationsmall, innehall: dict):
    """Record the answers to one's organisation's template; owned by it, internal until released."""
    organisation_id = Aktor.for_user(user).organisation_id
    if not access.kan(user, access.Handling.SE, objekt):
        raise Http404
    if not access.ar_poolanvandare(user):
        raise PermissionDenied(_("Du kan inte registrera uppgifter om objekt."))
    if mall.organisation_id != organisation_id or not mall.aktiv:
        raise ValidationError({"mall": _("Mallen är inte din organisations aktiva mall.")})
    if mall.objekttyp != objekt.objekttyp:
        raise ValidationError({"mall": _("Mallen gäller en annan objekttyp.")})
    saknas = saknade_obligatoriska(mall.faltdefinition, innehall)
    if saknas:
        raise ValidationError(
            {"mall": _("Obligatoriska uppgifter saknas: %(falt)s.") % {"falt": ", ".join(saknas)}}
        )
    return Objektuppgift.objects.create(
        objekt=objekt,
        organisation_id=organisation_id,
        mall=mall,
        innehall=innehall,
        upprattad_av=user,
    )


def las_egna_objektuppgifter(user, objekt: Objekt, syfte: str) -> list[Objektuppgift]:
    """The user's own organisation's information on the object; the read is logged."""
    uppgifter = list(
        access.synliga_objektuppgifter(user)
        .filter(objekt=objekt, organisation_id=Aktor.for_user(user).organisation_id)
        .select_related("mall", "upprattad_av")
        .order_by("-skapad", "-pk")
    )
    if uppgifter:
        logga(user, Atkomstlogg.Handling.LASA, uppgifter, f"{objekt.referens}: {syfte}")
    return uppgifter
