"""Business verbs for agency-owned object information: record it, and read one's own (logged).

Releasing it to an operation is the operations app's (``insatser.services.frislappning``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from karna.atkomstlogg import logga
from karna.models import Atkomstlogg
from karna.policy import Aktor
from karna.verb import verb
from objekt import access
from objekt.mallar import saknade_obligatoriska
from objekt.models import Informationsmall, Objekt, Objektuppgift


@verb()
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


def logga_lasta_objektuppgifter(user, objekt: Objekt, uppgift_ids: list[int], syfte: str) -> None:
    """A read of these blocks of the object, shown a page at a time (the API): logged as the
    object's page logs its own."""
    if uppgift_ids:
        logga(
            user,
            Atkomstlogg.Handling.LASA,
            [Objektuppgift(pk=pk) for pk in uppgift_ids],
            f"{objekt.referens}: {syfte}",
        )
