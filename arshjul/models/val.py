"""The enumerations the wheel's tables share."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Handelsetyp(models.TextChoices):
    INSATSFONSTER = "INSATSFONSTER", _("Insatsfönster")
    MOTE = "MOTE", _("Möte")
    LAGESBILD = "LAGESBILD", _("Lägesbild")
    UPPFOLJNING = "UPPFOLJNING", _("Uppföljning")
    TRYGGHETSMATNING = "TRYGGHETSMATNING", _("Trygghetsmätning")
    FORUM = "FORUM", _("Forum")
    NATVERKSTRAFF = "NATVERKSTRAFF", _("Nätverksträff")
    UTBILDNING = "UTBILDNING", _("Utbildning")
    INFORMATIONSINSATS = "INFORMATIONSINSATS", _("Informationsinsats")
    DEADLINE = "DEADLINE", _("Tidsfrist")


# Events with a time of day; the others are whole days (a deadline, a measurement period, a window).
TIDSATTA_TYPER = frozenset(
    {
        Handelsetyp.MOTE,
        Handelsetyp.FORUM,
        Handelsetyp.NATVERKSTRAFF,
        Handelsetyp.UTBILDNING,
        Handelsetyp.INFORMATIONSINSATS,
    }
)

# What a recurrence rule creates: an event of one of the types, or a blackout period.
BEGRANSNING = "BEGRANSNING"
REGELTYP_VAL = [*Handelsetyp.choices, (BEGRANSNING, _("Begränsningsperiod"))]


class Regeltyp(models.TextChoices):
    MIN_PER_AR = "MIN_PER_AR", _("Minst ett antal gånger per år")
    INTERVALL_AR = "INTERVALL_AR", _("Vart n:e år från ett ankarår")
    FAST_FONSTER = "FAST_FONSTER", _("Fast period varje år")


class Niva(models.TextChoices):
    VARNA = "VARNA", _("Varna")
    BLOCKERA = "BLOCKERA", _("Blockera")


class Organniva(models.TextChoices):
    STADSOVERGRIPANDE = "STADSOVERGRIPANDE", _("Stadsövergripande")
    LOKAL = "LOKAL", _("Lokal")
    REGIONAL = "REGIONAL", _("Regional")


class Rotationsslag(models.TextChoices):
    ORDFORANDE = "ORDFORANDE", _("Ordförande och sammankallande")
    ANTECKNARE = "ANTECKNARE", _("Antecknare")
