from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjektConfig(AppConfig):
    name = "objekt"
    verbose_name = _("Objekt")

    def ready(self):
        from objekt import tasks
        from objekt.effekter import IMPORT_UPPLADDAD

        IMPORT_UPPLADDAD.prenumerera(tasks.koa_import)
