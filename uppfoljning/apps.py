from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Uppföljning")

    def ready(self):
        """Put the year's headline figures on the start page of those who follow up; build a
        yearly report, a follow-up pack and a large export when they are ordered; add the
        demo management group's pack to the demo data, and a meeting's packs to its page."""
        from arshjul.tillagg import MOTESSIDANS_AVSNITT
        from insatser.tillagg import DEMODATA
        from myndigheter.tillagg import STARTSIDA
        from uppfoljning import demodata, tasks, views
        from uppfoljning.effekter import (
            ARSRAPPORT_BESTALLD,
            EXPORT_BESTALLD,
            UPPFOLJNINGSPAKET_BESTALLT,
        )

        STARTSIDA.registrera(views.startsidans_siffror, ordning=55)
        ARSRAPPORT_BESTALLD.prenumerera(tasks.koa_arsrapport)
        EXPORT_BESTALLD.prenumerera(tasks.koa_export)
        UPPFOLJNINGSPAKET_BESTALLT.prenumerera(tasks.koa_uppfoljningspaket)
        DEMODATA.registrera(demodata.skapa_demopaket)
        MOTESSIDANS_AVSNITT.registrera(views.motets_uppfoljningspaket)
