from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvarderingConfig(AppConfig):
    name = "utvardering"
    verbose_name = _("Utvärdering")

    def ready(self):
        """Show open improvement areas where objects are looked at: their page, briefings and the
        ranking of the add-object picker; show outcomes on the object's page and link the
        operation's page to its outcomes and feedback; add them to the demo data."""
        from insatser.tillagg import (
            DEMODATA,
            INSATSSIDANS_AVSNITT,
            RANGORDNINGENS_FORBATTRINGAR,
            UNDERLAGETS_FORBATTRINGAR,
        )
        from objekt.tillagg import OBJEKTETS_HISTORIK
        from utvardering import demodata, selectors, views, views_utfall

        OBJEKTETS_HISTORIK.registrera(views.objektets_forbattringsomraden, ordning=20)
        OBJEKTETS_HISTORIK.registrera(views_utfall.objektets_utfall, ordning=30)
        INSATSSIDANS_AVSNITT.registrera(views_utfall.insatsens_utfall)
        DEMODATA.registrera(demodata.skapa_utfall_och_aterkoppling)
        UNDERLAGETS_FORBATTRINGAR.registrera(selectors.underlagets_forbattringar)
        RANGORDNINGENS_FORBATTRINGAR.registrera(selectors.antal_oppna_forbattringsomraden)
