"""Business verbs for organisations: a focal point manages the members of their organisation."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from karna.verb import verb
from myndigheter import access
from myndigheter.roles import Roll, rollgrupp


@verb()
def andra_medlem(user, medlem, aktiv: bool, roller: Iterable[Roll]):
    """Activate or deactivate a member and set the roles a focal point manages."""
    if not access.MEDLEM_POLICY.tillater(user, access.Handling.HANTERA, medlem):
        raise Http404
    if medlem.pk == user.pk:
        raise ValidationError(_("Du kan inte ändra ditt eget konto här."))
    roller = set(roller)
    if not roller <= set(access.ROLLER_SOM_KONTAKT_HANTERAR):
        raise ValidationError(_("Den rollen kan bara en systemförvaltare ge."))
    hanterade = [rollgrupp(r) for r in access.ROLLER_SOM_KONTAKT_HANTERAR]
    medlem.groups.remove(*hanterade)
    medlem.groups.add(*(rollgrupp(r) for r in roller))
    if medlem.is_active != aktiv:
        medlem.is_active = aktiv
        medlem.save(update_fields=["is_active"])
    return medlem
