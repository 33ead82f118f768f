"""Who to call on the day: a participant names its contact function and function phone, the
police name their commander on site per LPO. Functions, never persons: the briefings show them
to every reader (docs/informationsunderlag.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Deltagande, Insats, Polisbefal
from insatser.models.telefon import validera_telefon
from insatser.services.gemensamt import (
    _nekad,
    _valideringsfel,
    las_for_tillagg,
    skriv_tidslinjepost,
)
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.lasning import Konflikt, las, spara_ny_version
from karna.verb import verb
from myndigheter.models import Lokalpolisomrade

FUNKTION_MAXLANGD = 200


def _konflikt() -> str:
    return _(
        "Kontaktuppgiften har ändrats av någon annan sedan du öppnade sidan. Ladda om och se den."
    )


def _kontrollera(
    insats: Insats, funktion: str, telefon: str, falt: tuple[str, str]
) -> tuple[str, str]:
    """The function and phone as they are saved, or the Swedish reason they cannot be."""
    funktionsfalt, telefonfalt = falt
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel(
            funktionsfalt, _("Insatsen är avslutad; kontaktuppgifterna kan inte längre ändras.")
        )
    funktion, telefon = funktion.strip(), " ".join(telefon.split())
    fel = {}
    if not funktion:
        fel[funktionsfalt] = _("Ange funktionen, till exempel ”Skatteverkets insatsledare”.")
    elif len(funktion) > FUNKTION_MAXLANGD:
        fel[funktionsfalt] = _("Funktionen får vara högst %(max)s tecken.") % {
            "max": FUNKTION_MAXLANGD
        }
    if not telefon:
        fel[telefonfalt] = _("Ange funktionens telefonnummer.")
    else:
        try:
            validera_telefon(telefon)
        except ValidationError as e:
            fel[telefonfalt] = e.messages
    if fel:
        raise ValidationError(fel)
    return funktion, telefon


@verb(INSATSEN_ANDRAD)
def ange_kontaktfunktion(
    user, deltagande: Deltagande, kontaktfunktion: str, kontakttelefon: str, *, version: int
) -> Deltagande:
    """An organisation taking part names its contact function on site and its function phone;
    ``version`` is the participation's as the user saw it."""
    insats = las_for_tillagg(deltagande.insats)
    deltagande = las(Deltagande, deltagande.pk, version, _konflikt())
    if not access.DELTAGANDE_POLICY.tillater(
        user, access.Handling.ANGE_KONTAKTFUNKTION, deltagande
    ):
        raise _nekad(_("Du kan bara ange kontaktfunktionen för din egen organisation."))
    funktion, telefon = _kontrollera(
        insats, kontaktfunktion, kontakttelefon, ("kontaktfunktion", "kontakttelefon")
    )
    if (funktion, telefon) == (deltagande.kontaktfunktion, deltagande.kontakttelefon):
        return deltagande
    deltagande.kontaktfunktion, deltagande.kontakttelefon = funktion, telefon
    spara_ny_version(deltagande, ["kontaktfunktion", "kontakttelefon"])
    skriv_tidslinjepost(
        insats,
        user,
        "kontaktfunktion_angiven",
        text=f"{deltagande.enhet or deltagande.organisation}: {funktion}, {telefon}",
        deltagande=deltagande,
    )
    return deltagande


@verb(INSATSEN_ANDRAD)
def ange_polisbefal(
    user, insats: Insats, lpo: Lokalpolisomrade, funktion: str, telefon: str, *, version: int
) -> Polisbefal:
    """The operational coordinator of an LPO with an active staffing request names the police
    commander function on site and its phone. ``version`` is the commander's as the user saw it,
    0 when none was named yet."""
    insats = las_for_tillagg(insats)
    if not access.befalsbegaranden(user, insats).filter(lpo=lpo).exists():
        raise _nekad(
            _(
                "Endast operativ samordnare för ett lokalpolisområde med en aktiv "
                "bemanningsbegäran kan ange polisens befäl."
            )
        )
    funktion, telefon = _kontrollera(insats, funktion, telefon, ("funktion", "telefon"))
    befal = insats.polisbefal.filter(lpo=lpo).first()
    if befal is None:
        if version != 0:
            raise Konflikt(_konflikt())
        befal = Polisbefal(insats=insats, lpo=lpo, version=0)
    else:
        befal = las(Polisbefal, befal.pk, version, _konflikt())
        if (funktion, telefon) == (befal.funktion, befal.telefon):
            return befal
    befal.funktion, befal.telefon = funktion, telefon
    befal.andrad_av, befal.andrad = user, timezone.now()
    befal.version += 1
    befal.save()
    skriv_tidslinjepost(
        insats, user, "polisbefal_angivet", text=f"{lpo.namn}: {funktion}, {telefon}"
    )
    return befal
