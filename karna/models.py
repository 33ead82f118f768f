"""The tables of the shared machinery: the append-only access and disclosure log, and the
one-time keys that make a create form safe to send twice."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
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
            pgtrigger.Protect(name="atkomstlogg_append_only", operation=pgtrigger.Update),
            pgtrigger.Protect(
                name="atkomstlogg_gallras_bara_av_gallringen",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Condition(
                    "NULLIF(current_setting('saminsats.gallra_fore', true), '') IS NULL"
                    " OR OLD.tid >= NULLIF(current_setting('saminsats.gallra_fore', true), '')"
                    "::timestamptz"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tid:%Y-%m-%d %H:%M} {self.anvandarnamn} {self.handling} {self.objekttyp}"


class Engangsnyckel(models.Model):
    """A create form's one-time key: the first post with it does the work and keeps where it
    led; a repeat (a double click, a resent request) is sent there instead of creating again.
    Kept a day (``karna.tasks.rensa_engangsnycklar``)."""

    nyckel = models.UUIDField(_("nyckel"), unique=True)
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    adress = models.CharField(_("resultatets adress"), max_length=300)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("engångsnyckel")
        verbose_name_plural = _("engångsnycklar")

    def __str__(self) -> str:
        return str(self.nyckel)


class Gallringslogg(models.Model):
    """What the retention job removed: which rule, rows older than when, how many. Never what
    the rows held. Append-only like the access log."""

    tid = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    regel = models.CharField(_("regel"), max_length=60)
    fore = models.DateTimeField(_("äldre än"))
    antal = models.PositiveIntegerField(_("antal borttagna"))

    class Meta:
        verbose_name = _("gallringsloggpost")
        verbose_name_plural = _("gallringslogg")
        ordering = ["-tid", "regel"]
        triggers = [
            pgtrigger.Protect(
                name="gallringslogg_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.tid:%Y-%m-%d %H:%M} {self.regel}: {self.antal}"
