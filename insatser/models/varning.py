"""A coordinator's stated reason for going ahead despite a planning warning."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Insats


class Varningstyp(models.TextChoices):
    BEGRANSNINGSPERIOD = "BEGRANSNINGSPERIOD", _("Begränsningsperiod")
    OBJEKT_NYLIGEN_KONTROLLERAT = "OBJEKT_NYLIGEN_KONTROLLERAT", _("Objektet nyligen kontrollerat")
    OBJEKT_I_ANNAN_INSATS = "OBJEKT_I_ANNAN_INSATS", _("Objektet i en annan öppen insats")
    ENHET_DUBBELBOKAD = "ENHET_DUBBELBOKAD", _("Enheten dubbelbokad")
    PERSON_DUBBELBOKAD = "PERSON_DUBBELBOKAD", _("Personen dubbelbokad")
    PERSONAL_DUBBELBOKAD = "PERSONAL_DUBBELBOKAD", _("Utsända personer dubbelbokade")
    LEDTID_OBJEKT = "LEDTID_OBJEKT", _("Ledtiden för objekt har passerat")
    LEDTID_BEMANNING = "LEDTID_BEMANNING", _("Ledtiden för polisbemanning har passerat")
    POLIS_EJ_BEKRAFTAD = "POLIS_EJ_BEKRAFTAD", _("Polisen har inte bekräftat")
    KONTAKTFUNKTION_SAKNAS = "KONTAKTFUNKTION_SAKNAS", _("Kontaktfunktion saknas")
    SAMMA_ADRESS = "SAMMA_ADRESS", _("En annan insats på samma adress")
    SAMMA_OMRADE = "SAMMA_OMRADE", _("En annan insats i samma stadsområde")
    RESURSER_OVERSKRIDNA = "RESURSER_OVERSKRIDNA", _("Fler personer än organisationen lovat")


@pghistory.track()
class Varningskvittens(models.Model):
    """The warning as it was shown, and why the coordinator went ahead anyway."""

    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="kvittenser"
    )
    typ = models.CharField(_("typ"), max_length=40, choices=Varningstyp.choices)
    nyckel = models.CharField(_("nyckel"), max_length=200)
    text = models.TextField(_("varning"))
    motivering = models.TextField(_("motivering"))
    kvitterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kvitterad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    tid = models.DateTimeField(_("tid"), default=timezone.now)

    class Meta:
        verbose_name = _("kvitterad varning")
        verbose_name_plural = _("kvitterade varningar")
        ordering = ["tid", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "nyckel"], name="varningskvittens_unik")
        ]

    def __str__(self) -> str:
        return f"{self.insats.referens}: {self.get_typ_display()}"
