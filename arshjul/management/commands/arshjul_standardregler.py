from django.core.management.base import BaseCommand

from arshjul.standardregler import ladda_standardregler


class Command(BaseCommand):
    help = "Create the default wheels, bodies and rules that are missing (never changes others)."

    def handle(self, *args, **options):
        self.stdout.write(f"Årshjul: {ladda_standardregler()} nya standardrader.")
