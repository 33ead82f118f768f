from django.contrib import admin

from insatser import models
from myndigheter.admin import KallaAdmin


@admin.register(models.Installningsorsak)
class InstallningsorsakAdmin(KallaAdmin):
    list_display = ["namn", "kod", "polisorsakad", "kalla", "ej_i_kallorna"]
