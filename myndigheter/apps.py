from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyndigheterConfig(AppConfig):
    name = "myndigheter"
    verbose_name = _("Myndigheter och referensdata")
