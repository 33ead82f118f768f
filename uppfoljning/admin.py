from django.contrib import admin

from uppfoljning.models import Ledningsgrupp, Omradesavgransning


@admin.register(Omradesavgransning)
class OmradesavgransningAdmin(admin.ModelAdmin):
    list_display = ("anvandare", "stadsomrade", "utsatt_omrade")
    autocomplete_fields = ("anvandare",)
    list_select_related = ("anvandare", "stadsomrade", "utsatt_omrade")


@admin.register(Ledningsgrupp)
class LedningsgruppAdmin(admin.ModelAdmin):
    list_display = ("organ", "stadsomrade", "utsatt_omrade")
    list_select_related = ("organ", "stadsomrade", "utsatt_omrade")
