from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyndigheterConfig(AppConfig):
    name = "myndigheter"
    verbose_name = _("Myndigheter och referensdata")

    def ready(self):
        from django.db.models.signals import post_migrate

        from myndigheter import signals  # noqa: F401 - connects the receivers
        from myndigheter.roles import tilldela_adminbehorigheter

        # After every app, not only this one: the permissions of the apps migrated after
        # myndigheter (insatser, utvardering) exist only once their own signal has run.
        post_migrate.connect(tilldela_adminbehorigheter, dispatch_uid="tilldela_adminbehorigheter")
