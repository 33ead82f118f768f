from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    name = "arshjul"
    verbose_name = _("Årshjul")
