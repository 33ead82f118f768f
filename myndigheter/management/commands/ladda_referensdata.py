"""``manage.py ladda_referensdata``: load or refresh the reference-data fixtures."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from myndigheter.referensdata import REFERENSDATA_FIXTURES, ladda_referensdata


class Command(BaseCommand):
    help = "Laddar referensdata (organisationer, geografi, kategorier). Kan köras flera gånger."

    def handle(self, *args, **options):
        ladda_referensdata(verbosity=options["verbosity"])
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(f"Referensdata laddad: {', '.join(REFERENSDATA_FIXTURES)}")
            )
