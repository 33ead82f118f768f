from django.contrib import admin

from insatser import models
from karna.admin import SkrivskyddadAdmin
from myndigheter.admin import KallaAdmin


@admin.register(models.Installningsorsak)
class InstallningsorsakAdmin(KallaAdmin):
    list_display = ["namn", "kod", "polisorsakad", "kalla", "ej_i_kallorna"]


@admin.register(models.Underlagsbygge)
class UnderlagsbyggeAdmin(SkrivskyddadAdmin):
    """Read-only: why a briefing build failed or hangs. The operation only by id: the admin site
    shows no operation content."""

    list_display = ["insats_id", "status", "nummer", "begard", "paborjad", "forsok", "klar"]
    list_filter = ["status"]
    fields = [
        "insats_id",
        "status",
        "nummer",
        "begard",
        "koad",
        "paborjad",
        "forsok",
        "klar",
        "fel",
    ]
    readonly_fields = fields
