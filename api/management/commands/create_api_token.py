"""``manage.py create_api_token USERNAME --scope read [--days N] [--name NAME]``: a token for a
service account, printed once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for an active user and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--scope", choices=ApiToken.Omfang.values, required=True)
        parser.add_argument("--days", type=int, default=services.STANDARD_DAGAR)
        parser.add_argument("--name", default="manage.py create_api_token")

    def handle(self, *args, **options):
        anvandare = get_user_model().objects.filter(username=options["username"]).first()
        if anvandare is None:
            raise CommandError(f"No user {options['username']!r}.")
        try:
            token, hemlighet = services.skapa_api_token(
                anvandare, options["name"], options["scope"], options["days"]
            )
        except ValidationError as fel:
            raise CommandError("; ".join(fel.messages)) from None
        self.stderr.write(f"Token {token.prefix}… ({token.omfang}) valid until {token.giltig_till}")
        self.stdout.write(hemlighet)
