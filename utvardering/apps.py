from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvarderingConfig(AppConfig):
    name = "utvardering"
    verbose_name = _("Utvärdering")
