from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotiserConfig(AppConfig):
    name = "notiser"
    verbose_name = _("Notiser")
