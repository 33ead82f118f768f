"""The admin site: open to the administrator role only, with the history of reference data.

The admin is for reference data, users and logs. It is not a way around the access policy: the
site asks the policy (``ADMINISTRATION``) who may open it, not Django's ``is_staff`` flag, and its
history pages show the changes of reference data only. The history of operations, objects,
findings and evaluations holds what agencies may not share with each other; it is read on the
app's own pages, through the same policy as the live data.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from pghistory.admin import EventsAdmin

from karna.formular import Modellformular
from myndigheter.access import ADMINISTRATION
from myndigheter.roles import REFERENSDATA


class Adminplats(admin.AdminSite):
    site_header = _("Saminsats – administration")
    site_title = "Saminsats"
    index_title = _("Referensdata och användare")

    def has_permission(self, request):
        return request.user.is_active and ADMINISTRATION.tillater(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        """An admin page without a form of its own gets the project's: control characters are
        removed from text and dates kept within bounds, as on every other page."""
        if (admin_class or admin.ModelAdmin).form is forms.ModelForm:
            options.setdefault("form", Modellformular)
        super().register(model_or_iterable, admin_class, **options)


def _referensdatans_modeller() -> set[str]:
    """The labels of the reference-data models (``app.Model``), as the events name them."""
    from django.apps import apps

    return {
        apps.get_model(app, modell)._meta.label
        for app, modeller in REFERENSDATA.items()
        for modell in modeller
    }


class ReferensdataHistorik(EventsAdmin):
    """pghistory's events page, limited to the events of reference data.

    The page's filters name an object or a model in the query string (``obj``, ``model``); one
    outside reference data answers 404, so the page neither lists nor names it.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pgh_obj_model__in=_referensdatans_modeller())

    def changelist_view(self, request, extra_context=None):
        fragade = {request.GET.get(namn, "").partition(":")[0] for namn in ("obj", "model")} - {""}
        if fragade - _referensdatans_modeller():
            raise Http404
        return super().changelist_view(request, extra_context)
