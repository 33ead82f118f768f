from django.core.management.base import BaseCommand

from myndigheter.behorighetsdokument import DOKUMENT, generera


class Command(BaseCommand):
    help = "Write docs/behorigheter.md from the permission policies."

    def handle(self, *args, **options):
        DOKUMENT.write_text(generera(), encoding="utf-8")
        self.stdout.write(f"Skrev {DOKUMENT}")
