from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    name = "arshjul"
    verbose_name = _("Årshjul")

    def ready(self):
        from arshjul import tasks
        from arshjul.effekter import ARSHJUL_BESTALLT

        ARSHJUL_BESTALLT.prenumerera(tasks.koa_bygge)
