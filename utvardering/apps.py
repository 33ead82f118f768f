from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtvarderingConfig(AppConfig):
    name = "utvardering"
    verbose_name = _("Utvärdering")

    def ready(self):
        """Open the joint evaluation when an operation is carried out; show open improvement
        areas where objects are looked at (their page, briefings, the ranking of the add-object
        picker) and where operations are planned; show outcomes on the object's page; put the
        evaluation and the outcomes and feedback on the operation's page; add them to the demo
        data."""
        from insatser.effekter import INSATSEN_ANDRAD
        from insatser.tillagg import (
            DEMODATA,
            INSATSSIDANS_AVSNITT,
            RANGORDNINGENS_FORBATTRINGAR,
            UNDERLAGETS_FORBATTRINGAR,
        )
        from objekt.tillagg import OBJEKTETS_HISTORIK
        from utvardering import (
            demodata,
            demodata_utfall,
            selectors,
            services,
            views,
            views_utfall,
            views_utvardering,
        )

        INSATSEN_ANDRAD.prenumerera(services.oppna_efter_genomforande)
        OBJEKTETS_HISTORIK.registrera(views.objektets_forbattringsomraden, ordning=20)
        OBJEKTETS_HISTORIK.registrera(views_utfall.objektets_utfall, ordning=30)
        INSATSSIDANS_AVSNITT.registrera(views_utfall.insatsens_utfall, ordning=30)
        DEMODATA.registrera(demodata_utfall.skapa_utfall_och_aterkoppling)
        UNDERLAGETS_FORBATTRINGAR.registrera(selectors.underlagets_forbattringar)
        RANGORDNINGENS_FORBATTRINGAR.registrera(selectors.antal_oppna_forbattringsomraden)
        INSATSSIDANS_AVSNITT.registrera(views_utvardering.insatsens_forbattringar, ordning=10)
        INSATSSIDANS_AVSNITT.registrera(views_utvardering.insatsens_utvardering, ordning=20)
        DEMODATA.registrera(demodata.skapa_demoutvarderingar)
