"""The form of a resource pledge: the reader's own organisation's numbers for one window."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.services.resurser import STORSTA_ANTAL
from karna.formular import Formular, versionsfalt


class ResursForm(Formular):
    """People per operation day and/or person-days; a change sends back the version it showed."""

    personer = forms.IntegerField(
        label=_("Personer per insatsdag"),
        min_value=0,
        max_value=STORSTA_ANTAL,
        required=False,
        help_text=_("Hur många ni kan ställa upp med varje dag en insats genomförs i fönstret."),
    )
    persondagar = forms.IntegerField(
        label=_("Persondagar i fönstret"),
        min_value=0,
        max_value=STORSTA_ANTAL,
        required=False,
        help_text=_("Hur många persondagar ni kan avsätta i fönstret sammanlagt."),
    )
    version = versionsfalt(min_value=1)

    def __init__(self, *args, nytt: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if nytt:
            del self.fields["version"]


class TaBortResursForm(Formular):
    version = versionsfalt(min_value=1)
