from django.contrib import admin

from uppfoljning.models import Omradesavgransning


@admin.register(Omradesavgransning)
class OmradesavgransningAdmin(admin.ModelAdmin):
    list_display = ("anvandare", "stadsomrade", "utsatt_omrade")
    autocomplete_fields = ("anvandare",)
    list_select_related = ("anvandare", "stadsomrade", "utsatt_omrade")
