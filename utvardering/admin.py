from django.contrib import admin

from myndigheter.admin import KallaAdmin
from utvardering import models


@admin.register(models.Resultattyp)
class ResultattypAdmin(KallaAdmin):
    list_display = ["namn", "kod", "enhet", "exempel_organisation", "ej_i_kallorna"]
