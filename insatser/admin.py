from django.contrib import admin

from insatser import models
from myndigheter.admin import KallaAdmin


@admin.register(models.Installningsorsak)
class InstallningsorsakAdmin(KallaAdmin):
    list_display = ["namn", "kod", "polisorsakad", "kalla", "ej_i_kallorna"]


@admin.register(models.Underlagsbygge)
class UnderlagsbyggeAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
