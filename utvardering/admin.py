from django.contrib import admin

from myndigheter.admin import KallaAdmin
from utvardering import models


@admin.register(models.Resultattyp)
class ResultattypAdmin(KallaAdmin):
    list_display = ["namn", "kod", "enhet", "exempel_organisation", "ej_i_kallorna"]


@admin.register(models.Forbattringsomrade)
class ForbattringsomradeAdmin(admin.ModelAdmin):
    """The status changes by the transitions of its workflow (on the evaluation pages), never
    by hand here."""

    readonly_fields = ["status", "atgardad", "skapad"]
    filter_horizontal = ["myndigheter"]
    list_display = ["text", "insats", "objekt", "ansvarig_organisation", "status", "skapad"]
    list_filter = ["status", "ansvarig_organisation"]
    list_select_related = ["insats", "objekt", "ansvarig_organisation"]
    raw_id_fields = ["insats", "objekt", "ansvarig_person"]


@admin.register(models.Utvarderingsfrist)
class UtvarderingsfristAdmin(admin.ModelAdmin):
    """How many days after an operation of each collaboration form its evaluation is due (30
    for a form without a row)."""

    list_display = ["samverkansform", "dagar"]
    list_select_related = ["samverkansform"]
