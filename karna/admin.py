from django.contrib import admin

from karna.models import Atkomstlogg, Gallringslogg


class SkrivskyddadAdmin(admin.ModelAdmin):
    """An admin page that only reads: the rows are written by the application, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Atkomstlogg)
class AtkomstloggAdmin(SkrivskyddadAdmin):
    """Read-only: the log is append-only, also in the database."""

    list_display = ["tid", "anvandarnamn", "organisation", "handling", "objekttyp", "objekt_id"]
    list_filter = ["handling", "organisation", "objekttyp", ("tid", admin.DateFieldListFilter)]
    search_fields = ["anvandarnamn", "objekt_id", "syfte", "request_id"]
    date_hierarchy = "tid"


@admin.register(Gallringslogg)
class GallringsloggAdmin(SkrivskyddadAdmin):
    """Read-only: what the retention job removed, by rule and count."""

    list_display = ["tid", "regel", "fore", "antal"]
    list_filter = ["regel", ("tid", admin.DateFieldListFilter)]
    date_hierarchy = "tid"
