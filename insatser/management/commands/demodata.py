from django.core.management.base import BaseCommand

from insatser.demodata import Demodata


class Command(BaseCommand):
    help = "Create demo logins, fictitious objects and a year of operations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ar", type=int, help="Year of the demo operations (default: this year)."
        )

    def handle(self, *args, ar=None, **options):
        skapade = Demodata(ar).kor()
        self.stdout.write(f"Demodata klar: {skapade} nya rader.")
