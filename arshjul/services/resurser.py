"""Verbs of resource pledges: an organisation pledges people per operation day and/or
person-days to a window, changes the pledge or withdraws it. The wheel's files do not show
pledges, so no verb asks for a rebuild; the planning warnings read them when they are asked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.access import HANDELSE_POLICY, RESURSLOFTE_POLICY, Handling
from arshjul.models import Arshjulshandelse, Handelsetyp, Resurslofte
from karna import lasning
from karna.verb import verb

# The largest number a pledge takes: far beyond any agency's staff, within the column's range.
STORSTA_ANTAL = 10_000

KONFLIKT = _("Någon annan har ändrat löftet sedan du öppnade det. Ladda om sidan och försök igen.")


def _kontrollera_antal(personer: int | None, persondagar: int | None) -> None:
    if personer is None and persondagar is None:
        raise ValidationError(
            {"personer": _("Ange personer per insatsdag, persondagar i fönstret eller båda.")}
        )
    for falt, varde in (("personer", personer), ("persondagar", persondagar)):
        if varde is not None and not 0 <= varde <= STORSTA_ANTAL:
            raise ValidationError(
                {falt: _("Ange ett antal mellan 0 och %(max)s.") % {"max": STORSTA_ANTAL}}
            )


@verb()
def lova_resurser(
    user,
    fonster: Arshjulshandelse,
    personer: int | None,
    persondagar: int | None,
    version: int | None = None,
) -> Resurslofte:
    """Pledge the user's own organisation's people to a window, or change its pledge. A change
    sends the version it showed; a pledge that was withdrawn meanwhile is a conflict."""
    if fonster.typ != Handelsetyp.INSATSFONSTER:
        raise ValidationError(_("Resurser lovas bara till ett insatsfönster."))
    if not HANDELSE_POLICY.tillater(user, Handling.LOVA, fonster):
        raise PermissionDenied(_("Du kan inte lova resurser till det här insatsfönstret."))
    # Locking the window lets one of two first pledges of an organisation wait for the other.
    fonster = Arshjulshandelse.objects.select_for_update().get(pk=fonster.pk)
    if fonster.installd:
        raise ValidationError(_("Insatsfönstret är inställt."))
    _kontrollera_antal(personer, persondagar)
    organisation = user.profil.organisation
    befintligt = Resurslofte.objects.filter(fonster=fonster, organisation=organisation).first()
    if befintligt is None:
        if version is not None:
            raise lasning.Konflikt(KONFLIKT)
        lofte = Resurslofte(fonster=fonster, organisation=organisation)
    else:
        if version is None:
            raise lasning.Konflikt(KONFLIKT)
        lofte = lasning.las(Resurslofte, befintligt.pk, version, KONFLIKT)
        lofte.version += 1
    lofte.personer = personer
    lofte.persondagar = persondagar
    lofte.andrad = timezone.now()
    lofte.andrad_av = user
    lofte.save()
    return lofte


@verb()
def ta_bort_resurslofte(user, lofte: Resurslofte, version: int) -> None:
    """Withdraw the user's own organisation's pledge."""
    if not RESURSLOFTE_POLICY.tillater(user, Handling.REDIGERA, lofte):
        raise PermissionDenied(_("Du kan inte ta bort det här löftet."))
    lasning.las(Resurslofte, lofte.pk, version, KONFLIKT).delete()
