from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KarnaConfig(AppConfig):
    name = "karna"
    verbose_name = _("Åtkomstlogg")
