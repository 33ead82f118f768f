from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    name = "arshjul"
    verbose_name = _("Årshjul")

    def ready(self):
        from arshjul import tasks, views_moten
        from arshjul.effekter import ARSHJUL_BESTALLT
        from myndigheter.tillagg import STARTSIDA

        ARSHJUL_BESTALLT.prenumerera(tasks.koa_bygge)
        STARTSIDA.registrera(views_moten.mina_atgarder, ordning=15)
