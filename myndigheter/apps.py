from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyndigheterConfig(AppConfig):
    name = "myndigheter"
    verbose_name = _("Myndigheter och referensdata")

    def ready(self):
        from django.db.models.signals import post_migrate

        from karna.gallring import GALLRINGSREGLER
        from karna.policy import AKTORSKALLA
        from myndigheter import (
            gallring,
            signals,  # noqa: F401 - connects the receivers
        )
        from myndigheter.aktorer import Aktorer
        from myndigheter.roles import tilldela_adminbehorigheter
        from myndigheter.tillagg import STARTSIDA
        from myndigheter.views import din_roll

        AKTORSKALLA.registrera(Aktorer())
        STARTSIDA.registrera(din_roll, ordning=50)
        GALLRINGSREGLER.registrera(gallring.regler, ordning=20)

        # After every app's migrations, not only this one's: the permissions of the apps listed
        # after this one are created by then, so a fresh database gets them all at once.
        post_migrate.connect(tilldela_adminbehorigheter, dispatch_uid="tilldela_adminbehorigheter")
