from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from myndigheter import models


class KallaAdmin(admin.ModelAdmin):
    list_filter = ["ej_i_kallorna"]
    search_fields = ["namn", "kod"]
    list_display = ["namn", "kod", "kalla", "ej_i_kallorna"]


@admin.register(models.Myndighet)
class MyndighetAdmin(KallaAdmin):
    list_display = ["namn", "kortnamn", "typ", "overordnad", "ar_polis", "aktiv", "ej_i_kallorna"]
    list_filter = ["typ", "ar_polis", "aktiv", "ej_i_kallorna"]
    list_select_related = ["overordnad"]
    autocomplete_fields = ["overordnad"]


@admin.register(models.Enhet)
class EnhetAdmin(KallaAdmin):
    list_display = ["namn", "organisation", "mandat", "ej_i_kallorna"]
    list_select_related = ["organisation"]
    list_filter = ["organisation", "ej_i_kallorna"]
    search_fields = ["namn", "mandat", "organisation__namn"]


@admin.register(models.Samverkansform)
class SamverkansformAdmin(KallaAdmin):
    list_display = ["namn", "kod", "status", "kalla"]


@admin.register(models.Medlemskap)
class MedlemskapAdmin(admin.ModelAdmin):
    list_display = ["organisation", "samverkansform", "roll", "kalla"]
    list_filter = ["samverkansform", "roll"]
    list_select_related = ["organisation", "samverkansform"]


@admin.register(models.Polisregion)
class PolisregionAdmin(KallaAdmin):
    pass


@admin.register(models.Polisomrade)
class PolisomradeAdmin(KallaAdmin):
    list_display = ["namn", "region", "kalla", "ej_i_kallorna"]
    list_select_related = ["region"]


@admin.register(models.Kommun)
class KommunAdmin(KallaAdmin):
    pass


@admin.register(models.Lokalpolisomrade)
class LokalpolisomradeAdmin(KallaAdmin):
    list_display = ["namn", "polisomrade", "region", "kalla", "ej_i_kallorna"]
    list_select_related = ["polisomrade", "region"]
    filter_horizontal = ["kommuner"]


@admin.register(models.Stadsomrade)
class StadsomradeAdmin(KallaAdmin):
    list_display = ["namn", "kommun", "lpo", "kalla"]
    list_select_related = ["kommun", "lpo"]


class OmradesbedomningInline(admin.TabularInline):
    model = models.Omradesbedomning
    extra = 0


@admin.register(models.UtsattOmrade)
class UtsattOmradeAdmin(KallaAdmin):
    list_display = ["namn", "lpo", "kommun", "ej_i_kallorna"]
    list_select_related = ["lpo", "kommun"]
    inlines = [OmradesbedomningInline]


class AnvandarprofilInline(admin.StackedInline):
    model = models.Anvandarprofil
    can_delete = False
    filter_horizontal = ["lpo_scope"]
    autocomplete_fields = ["organisation", "enhet"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class SaminsatsUserAdmin(UserAdmin):
    """Roles are groups; the admin site opens for the administrator role, not for Django's staff
    flag, and no account is a superuser (one would pass every permission check of the admin), so
    neither flag nor single permissions are offered."""

    inlines = [AnvandarprofilInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active", "groups"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personuppgifter"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Behörighet"), {"fields": ["is_active", "groups"]}),
        (_("Viktiga datum"), {"fields": ["last_login", "date_joined"]}),
    ]


@admin.register(models.Logguppfoljning)
class LogguppfoljningAdmin(admin.ModelAdmin):
    list_display = ["period_fran", "period_till", "antal_lasningar", "antal_avvikelser", "skapad"]
    readonly_fields = ["period_fran", "period_till", "skapad", "antal_lasningar", "avvikelser"]

    @admin.display(description=_("avvikelser"))
    def antal_avvikelser(self, obj):
        return len(obj.avvikelser)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
