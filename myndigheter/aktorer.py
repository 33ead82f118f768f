"""Who a user is to the access rules: organisation, roles and LPO scope, read from the profile."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q

from karna.policy import Aktor
from myndigheter.roles import Roll


class Aktorer:
    """The ``karna.policy.Aktorskalla`` of the project, registered in ``apps.py``."""

    def aktor(self, user) -> Aktor:
        if not user.is_authenticated:
            return aktor_av_rad(user, None)
        with connection.cursor() as markor:
            markor.execute(
                f"SELECT {aktorens_sql('u')[0]} FROM {get_user_model()._meta.db_table} u"
                f" {aktorens_sql('u')[1]} WHERE u.id = %s",
                [user.pk],
            )
            return aktor_av_rad(user, markor.fetchone())

    def aktiva_anvandare(self) -> Q:
        # ``aktor`` gives no roles to a user whose organisation is inactive.
        return Q(is_active=True, profil__organisation__aktiv=True)


@functools.cache
def aktorens_sql(anvandare: str) -> tuple[str, str]:
    """The columns and the joins that read the actor of the user row ``anvandare`` (an alias of
    the user table) in a statement: the organisation, the LPO scope and the group names. Every
    request reads them, so they are written out and can be read together with the user (the
    API's token); built with the ORM they cost ten times the query. ``aktor_av_rad`` reads the
    columns back."""
    from myndigheter.models import Anvandarprofil, Myndighet

    scope = Anvandarprofil.lpo_scope.through._meta.db_table
    medlem = get_user_model().groups.through._meta.db_table
    kolumner = (
        "aktor_p.organisation_id, aktor_o.aktiv, aktor_o.kod,"
        f" ARRAY(SELECT s.lokalpolisomrade_id FROM {scope} s"
        " WHERE s.anvandarprofil_id = aktor_p.id),"
        f" ARRAY(SELECT g.name FROM {Group._meta.db_table} g"
        f" JOIN {medlem} m ON m.group_id = g.id WHERE m.user_id = {anvandare}.id)"
    )
    fogar = (
        f"LEFT JOIN {Anvandarprofil._meta.db_table} aktor_p ON aktor_p.user_id = {anvandare}.id"
        f" LEFT JOIN {Myndighet._meta.db_table} aktor_o ON aktor_o.id = aktor_p.organisation_id"
    )
    return kolumner, fogar


def aktor_av_rad(user, rad: tuple | None) -> Aktor:
    """The actor of ``user`` from the columns of ``aktorens_sql``; one without a profile or with
    an inactive organisation has no roles."""
    organisation_id, aktiv, kod, lpo_ids, gruppnamn = rad or (None, False, None, [], [])
    if not aktiv:
        return Aktor(
            user=user,
            organisation_id=None,
            roller=frozenset(),
            lpo_ids=(),
            organisation_kod=kod or "",
        )
    return Aktor(
        user=user,
        organisation_id=organisation_id,
        roller=frozenset(r for r in Roll if r.value in gruppnamn),
        lpo_ids=tuple(sorted(lpo_ids)),
        organisation_kod=kod,
    )
