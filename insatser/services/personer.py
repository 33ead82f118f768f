"""An organisation taking part names the persons it sends, with the hours each prepares.

The names stay within the organisation: nothing of them goes on the timeline, which every
participant reads; the history of ``Utsandperson`` keeps who named whom and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.models import Deltagande, Utsandperson
from insatser.services.gemensamt import _nekad, _valideringsfel, las_for_tillagg
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.lasning import las, spara_ny_version
from karna.verb import verb


def _konflikt() -> str:
    return _("Personerna har ändrats av någon annan sedan du öppnade sidan. Ladda om och se dem.")


def _las_deltagande(user, deltagande: Deltagande, version: int) -> Deltagande:
    """Lock the participation the user saw, and check that they may name its persons and that
    the operation is still being planned."""
    insats = las_for_tillagg(deltagande.insats)
    deltagande = las(Deltagande, deltagande.pk, version, _konflikt())
    if not access.DELTAGANDE_POLICY.tillater(user, access.Handling.NAMNGE_PERSONER, deltagande):
        raise _nekad(_("Du kan bara namnge personer för din egen organisation."))
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel(
            "anvandare", _("Insatsen är avslutad; personerna kan inte längre ändras.")
        )
    return deltagande


@verb()
def namnge_person(
    user, deltagande: Deltagande, anvandare, forberedelse_timmar: Decimal, *, version: int
) -> Utsandperson:
    """Name one person the organisation sends, or change their preparation hours; ``version`` is
    the participation's as the user saw it."""
    deltagande = _las_deltagande(user, deltagande, version)
    personer = access.namngivbara_personer(user).filter(
        profil__organisation_id=deltagande.organisation_id
    )
    if not personer.filter(pk=anvandare.pk).exists():
        raise _valideringsfel("anvandare", _("Välj en aktiv person i organisationen som deltar."))
    if not Decimal("0") <= forberedelse_timmar <= Utsandperson.HOGSTA_FORBEREDELSE:
        raise _valideringsfel(
            "forberedelse_timmar",
            _("Förberedelsen ska vara mellan 0 och %(max)s timmar.")
            % {"max": Utsandperson.HOGSTA_FORBEREDELSE},
        )
    person, _skapad = Utsandperson.objects.update_or_create(
        deltagande=deltagande,
        anvandare=anvandare,
        defaults={"forberedelse_timmar": forberedelse_timmar},
        create_defaults={
            "forberedelse_timmar": forberedelse_timmar,
            "namngiven_av": user,
            "namngiven": timezone.now(),
        },
    )
    spara_ny_version(deltagande, [])
    return person


@verb()
def ta_bort_person(user, person: Utsandperson, *, version: int) -> None:
    """The organisation no longer sends the person; ``version`` is the participation's."""
    _las_deltagande(user, person.deltagande, version)
    person.delete()
    spara_ny_version(person.deltagande, [])
