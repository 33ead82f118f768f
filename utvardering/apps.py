from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvarderingConfig(AppConfig):
    name = "utvardering"
    verbose_name = _("Utvärdering")

    def ready(self):
        """Show open improvement areas where objects are looked at: their page, briefings and the
        ranking of the add-object picker."""
        from insatser.tillagg import RANGORDNINGENS_FORBATTRINGAR, UNDERLAGETS_FORBATTRINGAR
        from objekt.tillagg import OBJEKTETS_HISTORIK
        from utvardering import selectors, views

        OBJEKTETS_HISTORIK.registrera(views.objektets_forbattringsomraden, ordning=20)
        UNDERLAGETS_FORBATTRINGAR.registrera(selectors.underlagets_forbattringar)
        RANGORDNINGENS_FORBATTRINGAR.registrera(selectors.antal_oppna_forbattringsomraden)
