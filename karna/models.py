"""The append-only access and disclosure log, the one table of the shared machinery."""

from __future__ import annotations

import pgtrigger
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Atkomstlogg(models.Model):
    """Append-only log of reads of confidential data and of disclosures to other agencies.

    Who, in which organisation and role, did what to which object, why (purpose or legal basis),
    when and in which request. A database trigger refuses updates and deletes.
    """

    class Handling(models.TextChoices):
        LASA = "LASA", _("Läsning")
        FRISLAPPA = "FRISLAPPA", _("Frisläppning till insats")
        ATERKALLA = "ATERKALLA", _("Återkallad frisläppning")
        LADDA_NED = "LADDA_NED", _("Nedladdning")
        EXPORTERA = "EXPORTERA", _("Export")

    tid = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    # Plain values rather than foreign keys: the log must outlive and not follow later changes.
    anvandare_id = models.IntegerField(_("användar-id"), null=True, db_index=True)
    anvandarnamn = models.CharField(_("användare"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=60, db_index=True)
    roller = models.CharField(_("roller"), max_length=300)
    objekttyp = models.CharField(_("objekttyp"), max_length=100)
    objekt_id = models.CharField(_("objekt-id"), max_length=64, db_index=True)
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    syfte = models.TextField(_("syfte eller rättslig grund"))
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("åtkomstloggpost")
        verbose_name_plural = _("åtkomstlogg")
        ordering = ["-tid"]
        triggers = [
            pgtrigger.Protect(
                name="atkomstlogg_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.tid:%Y-%m-%d %H:%M} {self.anvandarnamn} {self.handling} {self.objekttyp}"
