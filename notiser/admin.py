from django.contrib import admin

from karna.admin import SkrivskyddadAdmin
from notiser import models


@admin.register(models.Notis)
class NotisAdmin(SkrivskyddadAdmin):
    """Read-only, for support: whether someone was notified and whether the e-mail went out."""

    list_display = ["skapad", "mottagare", "insats", "typ", "last", "skicka_epost", "epost_skickad"]
    list_filter = ["kategori", "skicka_epost", ("skapad", admin.DateFieldListFilter)]
    list_select_related = ["mottagare", "insats"]
    search_fields = ["mottagare__username", "insats__referens"]
    date_hierarchy = "skapad"
