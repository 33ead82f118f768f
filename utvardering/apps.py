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
        data; build the evaluation reports when the evaluation closes and again after a change;
        prune replaced reports."""
        from insatser.effekter import INSATSEN_ANDRAD
        from insatser.tillagg import (
            DEMODATA,
            INSATSSIDANS_AVSNITT,
            RANGORDNINGENS_FORBATTRINGAR,
            UNDERLAGETS_FORBATTRINGAR,
        )
        from karna.gallring import GALLRINGSREGLER
        from objekt.tillagg import OBJEKTETS_HISTORIK
        from utvardering import (
            demodata,
            demodata_utfall,
            gallring,
            selectors,
            services,
            tasks,
            views,
            views_utfall,
            views_utvardering,
        )
        from utvardering.effekter import RAPPORT_BESTALLD
        from utvardering.services import rapport

        INSATSEN_ANDRAD.prenumerera(services.oppna_efter_genomforande)
        INSATSEN_ANDRAD.prenumerera(rapport.bestall_efter_andring)
        RAPPORT_BESTALLD.prenumerera(tasks.koa_rapportbygge)
        OBJEKTETS_HISTORIK.registrera(views.objektets_forbattringsomraden, ordning=20)
        OBJEKTETS_HISTORIK.registrera(views_utfall.objektets_utfall, ordning=30)
        INSATSSIDANS_AVSNITT.registrera(views_utfall.insatsens_utfall, ordning=30)
        DEMODATA.registrera(demodata_utfall.skapa_utfall_och_aterkoppling)
        UNDERLAGETS_FORBATTRINGAR.registrera(selectors.underlagets_forbattringar)
        RANGORDNINGENS_FORBATTRINGAR.registrera(selectors.antal_oppna_forbattringsomraden)
        INSATSSIDANS_AVSNITT.registrera(views_utvardering.insatsens_forbattringar, ordning=10)
        INSATSSIDANS_AVSNITT.registrera(views_utvardering.insatsens_utvardering, ordning=20)
        DEMODATA.registrera(demodata.skapa_demoutvarderingar)
        GALLRINGSREGLER.registrera(gallring.regler, ordning=60)
