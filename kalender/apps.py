from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KalenderConfig(AppConfig):
    name = "kalender"
    verbose_name = _("Kalenderprenumerationer")

    def ready(self):
        """Link the subscription page from the operations' calendar."""
        from insatser.tillagg import KALENDERSIDANS_AVSNITT
        from kalender import views

        KALENDERSIDANS_AVSNITT.registrera(views.kalendersidans_lank)
