from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotiserConfig(AppConfig):
    name = "notiser"
    verbose_name = _("Notiser")

    def ready(self):
        """Tell people of what happens to the operations they may see, and show what waits for
        them on the start page."""
        from insatser.effekter import INSATSEN_ANDRAD
        from karna.gallring import GALLRINGSREGLER
        from myndigheter.tillagg import STARTSIDA
        from notiser import gallring, tasks, views

        INSATSEN_ANDRAD.prenumerera(tasks.notifiera_efter_commit)
        STARTSIDA.registrera(views.mina_uppgifter_kort, ordning=10)
        GALLRINGSREGLER.registrera(gallring.regler, ordning=50)
