"""The allowed states of a built version of a wheel, as one declared table.

A build creates a version in BYGGS and moves it to KLAR when its files are stored; a coordinator
publishes a ready version; publishing a newer one replaces the old, whose files are kept.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow


class VersionStatus(models.TextChoices):
    BYGGS = "BYGGS", _("Byggs")
    KLAR = "KLAR", _("Klar")
    PUBLICERAD = "PUBLICERAD", _("Publicerad")
    ERSATT = "ERSATT", _("Ersatt")
    AVBRUTEN = "AVBRUTEN", _("Avbruten")
    FEL = "FEL", _("Misslyckad")


class Byggsteg(models.TextChoices):
    """The build's steps in order; the progress shown while it builds."""

    EXPANDERA = "EXPANDERA", _("Expanderar reglerna")
    PLACERA = "PLACERA", _("Placerar insatsfönster")
    ROTATION = "ROTATION", _("Fördelar ordförande och antecknare")
    MINIMIKRAV = "MINIMIKRAV", _("Kontrollerar minimikrav")
    KOLLISIONER = "KOLLISIONER", _("Söker kollisioner")
    SVG = "SVG", _("Ritar hjulet (SVG)")
    PDF = "PDF", _("Skapar PDF")
    ICS = "ICS", _("Skapar kalenderfil (ICS)")
    KLART = "KLART", _("Klart")


V = VersionStatus
VERSION_WORKFLOW = Workflow(
    _("versionen"),
    VersionStatus,
    [
        Overgang("bygg", frozenset(), V.BYGGS, _("börja bygga en version")),
        Overgang("bli_klar", frozenset({V.BYGGS}), V.KLAR, _("markera versionen klar")),
        Overgang("avbryt", frozenset({V.BYGGS}), V.AVBRUTEN, _("avbryta bygget")),
        Overgang("misslyckas", frozenset({V.BYGGS}), V.FEL, _("markera bygget misslyckat")),
        Overgang("publicera", frozenset({V.KLAR}), V.PUBLICERAD, _("publicera versionen")),
        Overgang("ersatt", frozenset({V.KLAR, V.PUBLICERAD}), V.ERSATT, _("ersätta versionen")),
    ],
)
# Versions whose content a later build compares its input with.
FARDIGA = frozenset({V.KLAR, V.PUBLICERAD, V.ERSATT})


class AtgardStatus(models.TextChoices):
    """An action agreed at a meeting: open until its owner (or the organiser) closes it."""

    OPPEN = "OPPEN", _("Öppen")
    KLAR = "KLAR", _("Klar")


ATGARD_WORKFLOW = Workflow(
    _("åtgärden"),
    AtgardStatus,
    [
        Overgang("skapa", frozenset(), AtgardStatus.OPPEN, _("lägga till åtgärden")),
        Overgang("stang", frozenset({AtgardStatus.OPPEN}), AtgardStatus.KLAR, _("klarmarkera")),
    ],
)
