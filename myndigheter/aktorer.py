"""Who a user is to the access rules: organisation, roles and LPO scope, read from the profile."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q

from karna.policy import Aktor
from myndigheter.roles import Roll


class Aktorer:
    """The ``karna.policy.Aktorskalla`` of the project, registered in ``apps.py``."""

    def aktor(self, user) -> Aktor:
        profil = _profil(user) if user.is_authenticated else None
        aktiv = profil is not None and profil.organisation.aktiv
        return Aktor(
            user=user,
            organisation_id=profil.organisation_id if aktiv else None,
            roller=frozenset(r for r in Roll if r.value in profil.gruppnamn)
            if aktiv
            else frozenset(),
            lpo_ids=tuple(sorted(profil.lpo_idn)) if aktiv else (),
            organisation_kod=profil.organisation.kod if profil is not None else "",
        )

    def aktiva_anvandare(self) -> Q:
        # ``aktor`` gives no roles to a user whose organisation is inactive.
        return Q(is_active=True, profil__organisation__aktiv=True)


def _profil(user):
    """The profile with its organisation, LPO scope and the user's group names: one query,
    because every request reads it."""
    from myndigheter.models import Anvandarprofil

    return (
        Anvandarprofil.objects.filter(user=user)
        .select_related("organisation")
        .annotate(
            lpo_idn=ArraySubquery(
                Anvandarprofil.lpo_scope.through.objects.filter(
                    anvandarprofil_id=OuterRef("pk")
                ).values("lokalpolisomrade_id")
            ),
            gruppnamn=ArraySubquery(Group.objects.filter(user=OuterRef("user_id")).values("name")),
        )
        .first()
    )
