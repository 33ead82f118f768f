from django.core.management.base import BaseCommand

from karna.dokument import DOKUMENT, DOKUMENTMAPP, generera


class Command(BaseCommand):
    help = "Write the generated documents of docs/ (permissions, workflows, side effects)."

    def handle(self, *args, **options):
        for filnamn in DOKUMENT:
            (DOKUMENTMAPP / filnamn).write_text(generera(filnamn), encoding="utf-8")
            self.stdout.write(f"Skrev {DOKUMENTMAPP / filnamn}")
