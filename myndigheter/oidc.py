"""Login through OpenID Connect (e-identification: Freja eID, SITHS via an identity provider).

The identity provider is the source of truth for who a person is, which organisation they work
for and which roles they hold: the claims are mapped onto the profile and the role groups on every
login. Administrators and service accounts are managed locally, never granted by claims.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from myndigheter.models import Anvandarprofil, Myndighet
from myndigheter.roles import Roll, rollgrupp

ROLLER_FRAN_IDP = {
    Roll.SAMORDNARE,
    Roll.MYNDIGHETSKONTAKT,
    Roll.HANDLAGGARE,
    Roll.OPERATIV_SAMORDNARE,
    Roll.INSATSPOLIS,
    Roll.POLISLEDNING,
    Roll.LEDNINGSGRUPP,
}


def _organisation(claims) -> Myndighet | None:
    kod = claims.get(settings.OIDC_CLAIM_ORGANISATION)
    return Myndighet.objects.filter(kod=kod, aktiv=True).first() if kod else None


def _roller(claims) -> set[Roll]:
    varden = claims.get(settings.OIDC_CLAIM_ROLLER) or []
    if isinstance(varden, str):
        varden = varden.split()
    return {Roll(v) for v in varden if v in Roll.values and Roll(v) in ROLLER_FRAN_IDP}


def _username(claims) -> str:
    return f"oidc:{claims['sub']}"


class SaminsatsOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        """A login needs a subject, a known active organisation and at least one role."""
        return (
            bool(claims.get("sub")) and _organisation(claims) is not None and bool(_roller(claims))
        )

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(username=_username(claims))

    def create_user(self, claims):
        user = get_user_model().objects.create_user(_username(claims))
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        if not user.is_active:
            return None
        user.first_name = claims.get("given_name", "")[:150]
        user.last_name = claims.get("family_name", "")[:150]
        user.email = claims.get("email", "")
        user.save(update_fields=["first_name", "last_name", "email"])
        organisation = _organisation(claims)
        profil = Anvandarprofil.objects.filter(user=user).first()
        if profil is None:
            Anvandarprofil.objects.create(user=user, organisation=organisation)
        elif profil.organisation_id != organisation.pk:
            profil.organisation = organisation
            profil.enhet = None
            profil.save()
        roller = _roller(claims)
        lokala = user.groups.exclude(name__in=[r.value for r in ROLLER_FRAN_IDP])
        user.groups.set([*lokala, *(rollgrupp(roll) for roll in roller)])
        return user


class SaminsatsCallbackView(OIDCAuthenticationCallbackView):
    """Back at the login page with a message in Swedish when the provider's login is refused."""

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggningen med e-legitimation gick inte igenom: kontot saknar organisation "
                "eller roll i Saminsats, eller är inaktiverat. Kontakta din myndighetskontakt."
            ),
        )
        return super().login_failure()
