from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvarderingConfig(AppConfig):
    name = "utvardering"
    verbose_name = _("Utvärdering")

    def ready(self):
        """Show open improvement areas where objects are looked at: their page and briefings."""
        from insatser.tillagg import UNDERLAGETS_FORBATTRINGAR
        from objekt.tillagg import OBJEKTETS_HISTORIK
        from utvardering import selectors, views

        OBJEKTETS_HISTORIK.registrera(views.objektets_forbattringsomraden, ordning=20)
        UNDERLAGETS_FORBATTRINGAR.registrera(selectors.underlagets_forbattringar)
