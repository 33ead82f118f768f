"""Business verbs for organisations: a focal point manages the members of their organisation and
keeps its profile: mandate, needs, contact points and the provisions it may share under."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from karna.verb import verb
from myndigheter import access
from myndigheter.models import Delningsgrund, Mottagarslag, Myndighet
from myndigheter.roles import Roll, rollgrupp


@verb()
def andra_medlem(user, medlem, aktiv: bool, roller: Iterable[Roll], sakerhetskontakt: bool = False):
    """Activate or deactivate a member, set the roles a focal point manages, and whether the
    member is a security contact (alerted when an official meets threats)."""
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
    profil = medlem.profil
    if profil.ar_sakerhetskontakt != sakerhetskontakt:
        profil.ar_sakerhetskontakt = sakerhetskontakt
        profil.save(update_fields=["ar_sakerhetskontakt"])
    return medlem


def _kraver_profilansvar(user, organisation: Myndighet) -> None:
    if not access.synliga_profiler(user).filter(pk=organisation.pk).exists():
        raise Http404
    if not access.kan_andra_profil(user, organisation):
        raise PermissionDenied(_("Bara organisationens kontaktperson kan ändra profilen."))


@verb()
def andra_profil(
    user, organisation: Myndighet, mandat: str, informationsbehov: str, kontaktvagar: str
) -> Myndighet:
    """Keep the organisation's profile: its mandate, what it needs from others, its contacts."""
    _kraver_profilansvar(user, organisation)
    organisation.mandat = mandat.strip()
    organisation.informationsbehov = informationsbehov.strip()
    organisation.kontaktvagar = kontaktvagar.strip()
    organisation.save(update_fields=["mandat", "informationsbehov", "kontaktvagar"])
    return organisation


@verb()
def lagg_till_delningsgrund(
    user, organisation: Myndighet, bestammelse: str, beskrivning: str, mottagarslag: list[str]
) -> Delningsgrund:
    """A provision the organisation may disclose under, and the kinds of recipient it covers."""
    _kraver_profilansvar(user, organisation)
    if not bestammelse.strip():
        raise ValidationError({"bestammelse": _("Ange bestämmelsen.")})
    slag = sorted(set(mottagarslag))
    if not slag or not set(slag) <= set(Mottagarslag.values):
        raise ValidationError({"mottagarslag": _("Välj vilka slags mottagare grunden gäller.")})
    if organisation.delningsgrunder.filter(
        bestammelse__iexact=bestammelse.strip(), aktiv=True
    ).exists():
        raise ValidationError({"bestammelse": _("Den bestämmelsen finns redan i profilen.")})
    return Delningsgrund.objects.create(
        organisation=organisation,
        bestammelse=bestammelse.strip(),
        beskrivning=beskrivning.strip(),
        mottagarslag=slag,
    )


@verb()
def avveckla_delningsgrund(user, grund: Delningsgrund) -> Delningsgrund:
    """Stop offering a provision; releases made under it keep it as their basis."""
    _kraver_profilansvar(user, grund.organisation)
    grund.aktiv = False
    grund.save(update_fields=["aktiv"])
    return grund
