"""Evaluation of operations. For now: the reference list of outcome types."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from myndigheter.models import KodModell


@pghistory.track()
class Resultattyp(KodModell):
    """A kind of outcome reported after an operation (seizure, tax increase, injunction, ...)."""

    namn_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    enhet = models.CharField(_("enhet"), max_length=100, blank=True)
    exempel_organisation = models.CharField(
        _("exempel på organisation"), max_length=200, blank=True
    )
    ar_uppskattning = models.BooleanField(_("är normalt en uppskattning"), default=False)

    class Meta(KodModell.Meta):
        verbose_name = _("resultattyp")
        verbose_name_plural = _("resultattyper")
