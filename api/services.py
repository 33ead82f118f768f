"""The API's verbs: issuing and revoking service-account tokens (administrators only, from the
admin site or ``manage.py create_api_token``)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from karna.hemligheter import tokenhash
from karna.verb import verb

PREFIXLANGD = 12
STANDARD_DAGAR = 365


@verb()
def skapa_api_token(
    anvandare, namn: str, omfang: str, dagar: int = STANDARD_DAGAR
) -> tuple[ApiToken, str]:
    """A new token for an active user; the secret is returned only here and kept as a hash."""
    if not anvandare.is_active:
        raise ValidationError({"anvandare": _("Token kan bara ges till aktiva användare.")})
    if omfang not in ApiToken.Omfang.values:
        raise ValidationError({"omfang": _("Okänt omfång.")})
    if not 1 <= dagar <= 3 * STANDARD_DAGAR:
        raise ValidationError({"giltig_till": _("Giltighetstiden ska vara 1–1095 dagar.")})
    hemlighet = "sai_" + secrets.token_urlsafe(32)
    nu = timezone.now()
    token = ApiToken.objects.create(
        anvandare=anvandare,
        namn=namn,
        prefix=hemlighet[:PREFIXLANGD],
        hash=tokenhash(hemlighet),
        omfang=omfang,
        skapad=nu,
        giltig_till=nu + timedelta(days=dagar),
    )
    return token, hemlighet


@verb()
def aterkalla_api_token(token: ApiToken) -> ApiToken:
    """The token stops working at once; the row stays for the record."""
    ApiToken.objects.filter(pk=token.pk, aterkallad__isnull=True).update(aterkallad=timezone.now())
    token.refresh_from_db()
    return token
