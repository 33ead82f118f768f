from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from karna.admin import SkrivskyddadAdmin
from notiser import models


@admin.register(models.Notis)
class NotisAdmin(SkrivskyddadAdmin):
    """Read-only, for support: whether someone was notified and whether the e-mail went out.
    The operation only by its reference: the admin site shows no operation content."""

    list_display = [
        "skapad",
        "mottagare",
        "insatsens_referens",
        "typ",
        "last",
        "skicka_epost",
        "epost_skickad",
    ]
    fields = list_display
    list_filter = ["kategori", "skicka_epost", ("skapad", admin.DateFieldListFilter)]
    list_select_related = ["mottagare", "insats"]
    search_fields = ["mottagare__username", "insats__referens"]
    date_hierarchy = "skapad"

    @admin.display(description=_("insats"), ordering="insats__referens")
    def insatsens_referens(self, notis) -> str:
        return notis.insats.referens
