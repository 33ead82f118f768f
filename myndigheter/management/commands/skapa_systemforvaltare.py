"""``manage.py skapa_systemforvaltare USERNAME --organisation KOD``: the first administrator of
a new installation (a system administrator in an organisation of the reference data), or a
new password for one. The password comes from ``SAMINSATS_ADMIN_PASSWORD`` or is asked for, and
must pass the password validators."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from myndigheter.models import Anvandarprofil, Myndighet
from myndigheter.roles import Roll, rollgrupp


class Command(BaseCommand):
    help = "Skapar en systemförvaltare (eller ger en befintlig ett nytt lösenord)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help="organisationens kod")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, organisation, email, **options):
        try:
            myndighet = Myndighet.objects.get(kod=organisation, aktiv=True)
        except Myndighet.DoesNotExist:
            raise CommandError(
                f"Organisationen {organisation!r} finns inte eller är inaktiv; "
                "kör manage.py ladda_referensdata först."
            ) from None
        user = get_user_model().objects.filter(username=username).first()
        profil = Anvandarprofil.objects.filter(user=user).first() if user else None
        if profil is not None and profil.organisation_id != myndighet.pk:
            raise CommandError(
                f"{username} hör till {profil.organisation.namn}; byt organisation i "
                "administrationen i stället."
            )
        losenord = os.environ.get("SAMINSATS_ADMIN_PASSWORD") or getpass.getpass("Lösenord: ")
        try:
            validate_password(losenord, user)
        except ValidationError as fel:
            raise CommandError(" ".join(fel.messages)) from None
        with transaction.atomic():
            user, skapad = get_user_model().objects.get_or_create(
                username=username, defaults={"email": email}
            )
            user.set_password(losenord)
            user.is_active = True
            user.save()
            user.groups.add(rollgrupp(Roll.ADMIN))
            Anvandarprofil.objects.update_or_create(user=user, defaults={"organisation": myndighet})
        self.stdout.write(
            self.style.SUCCESS(
                f"Systemförvaltaren {username} är {'skapad' if skapad else 'uppdaterad'} "
                f"i {myndighet.namn}."
            )
        )
