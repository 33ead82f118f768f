from django.contrib import admin

from myndigheter.admin import KallaAdmin
from objekt import models


@admin.register(models.Problemkategori)
class ProblemkategoriAdmin(KallaAdmin):
    pass


@admin.register(models.Informationsmall)
class InformationsmallAdmin(admin.ModelAdmin):
    list_display = ["organisation", "objekttyp", "version", "aktiv"]
    list_filter = ["organisation", "objekttyp", "aktiv"]
    list_select_related = ["organisation"]
