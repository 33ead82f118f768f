"""Who a user is to the access rules: organisation, roles and LPO scope, read from the profile."""

from __future__ import annotations

from django.db.models import Q

from karna.policy import Aktor
from myndigheter.roles import roller_for


class Aktorer:
    """The ``karna.policy.Aktorskalla`` of the project, registered in ``apps.py``."""

    def aktor(self, user) -> Aktor:
        from myndigheter.models import Anvandarprofil

        profil = None
        if user.is_authenticated:
            profil = (
                Anvandarprofil.objects.filter(user=user)
                .prefetch_related("lpo_scope")
                .select_related("organisation")
                .first()
            )
        aktiv = profil is not None and profil.organisation.aktiv
        return Aktor(
            user=user,
            organisation_id=profil.organisation_id if aktiv else None,
            roller=frozenset(roller_for(user)) if aktiv else frozenset(),
            lpo_ids=tuple(lpo.pk for lpo in profil.lpo_scope.all()) if aktiv else (),
            organisation_kod=profil.organisation.kod if profil is not None else "",
        )

    def aktiva_anvandare(self) -> Q:
        # ``aktor`` gives no roles to a user whose organisation is inactive.
        return Q(is_active=True, profil__organisation__aktiv=True)
