from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = _("Insatser")

    def ready(self):
        """Subscribe to the effects that concern operations, and fill the lower apps'
        extension points with what only the operations know."""
        from arshjul.tillagg import INSATSKALLA
        from insatser import gallring, hjulkoppling, loggkontroll, tasks, views
        from insatser.access.utokningar import utoka_policyer
        from insatser.effekter import INSATSEN_ANDRAD, UNDERLAG_BESTALLDA
        from insatser.services import underlag
        from karna.gallring import GALLRINGSREGLER
        from myndigheter.tillagg import LOGGKONTROLLER, STARTSIDA
        from objekt.effekter import OBJEKT_ANDRAT
        from objekt.tillagg import OBJEKTETS_HISTORIK

        INSATSEN_ANDRAD.prenumerera(underlag.markera_efter_andring)
        INSATSEN_ANDRAD.prenumerera(hjulkoppling.bygg_om_hjulen)
        UNDERLAG_BESTALLDA.prenumerera(tasks.koa_underlagsbyggen)
        OBJEKT_ANDRAT.prenumerera(underlag.markera_objektets_insatser)
        utoka_policyer()
        INSATSKALLA.registrera(hjulkoppling.Insatskalla())
        STARTSIDA.registrera(views.kommande_insatser, ordning=70)
        STARTSIDA.registrera(views.insatser_i_siffror, ordning=60)
        STARTSIDA.registrera(views.insatser_idag, ordning=5)
        OBJEKTETS_HISTORIK.registrera(views.objektets_kontroller, ordning=10)
        LOGGKONTROLLER.registrera(loggkontroll.lasningar_utanfor_insatser)
        GALLRINGSREGLER.registrera(gallring.regler, ordning=40)
