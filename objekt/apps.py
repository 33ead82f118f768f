from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjektConfig(AppConfig):
    name = "objekt"
    verbose_name = _("Objekt")
