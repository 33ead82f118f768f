"""Who may see and do what with operations. Every rule is written here once.

Visibility follows relationships (the coordinating organisation, the participating organisations,
the LPOs of staffing requests, named police assignments) and is expressed as ``Exists``
subqueries, so the same rule filters lists and checks single objects.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from insatser.models import Bemanningsbegaran, Deltagande, Insats, Polisbemanning
from insatser.workflow import BemanningStatus
from myndigheter.roles import Roll, roller_for

AKTIVA_BEMANNINGSSTATUSAR = [
    BemanningStatus.SKICKAD,
    BemanningStatus.BEKRAFTAD,
    BemanningStatus.DELVIS_BEKRAFTAD,
]


def _profil(user):
    return getattr(user, "profil", None) if user.is_authenticated else None


def _lpo_ids(user) -> list[int]:
    profil = _profil(user)
    return list(profil.lpo_scope.values_list("pk", flat=True)) if profil else []


def synlighetsvillkor(user) -> Q:
    """The condition an operation must meet to be visible to ``user``."""
    profil = _profil(user)
    if profil is None:
        return Q(pk__in=[])
    roller = set(roller_for(user))
    villkor = Q(pk__in=[])
    if roller & {Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT, Roll.API_KLIENT}:
        deltar = Deltagande.objects.filter(insats=OuterRef("pk"), organisation=profil.organisation)
        villkor |= Q(samordnande_organisation=profil.organisation) | Exists(deltar)
    if Roll.OPERATIV_SAMORDNARE in roller:
        begaran_i_lpo = Bemanningsbegaran.objects.filter(
            insats=OuterRef("pk"), lpo__in=_lpo_ids(user)
        ).exclude(status=BemanningStatus.UTKAST)
        villkor |= Exists(begaran_i_lpo)
    if Roll.INSATSPOLIS in roller:
        villkor |= Exists(
            Polisbemanning.objects.filter(begaran__insats=OuterRef("pk"), anvandare=user)
        )
    if Roll.POLISLEDNING in roller:
        villkor |= Exists(
            Bemanningsbegaran.objects.filter(insats=OuterRef("pk"), lpo__in=_lpo_ids(user))
        )
    return villkor


def synliga_insatser(user) -> QuerySet[Insats]:
    return Insats.objects.filter(synlighetsvillkor(user))


def kan_se_insats(user, insats: Insats) -> bool:
    return synliga_insatser(user).filter(pk=insats.pk).exists()


def kan_samordna(user, insats: Insats) -> bool:
    """Coordinators of the coordinating organisation plan and steer the operation."""
    profil = _profil(user)
    return (
        profil is not None
        and Roll.SAMORDNARE in roller_for(user)
        and profil.organisation_id == insats.samordnande_organisation_id
    )


def kan_skapa_insats(user) -> bool:
    return _profil(user) is not None and Roll.SAMORDNARE in roller_for(user)


def kan_besvara_inbjudan(user, deltagande: Deltagande) -> bool:
    """The invited organisation's focal point or officers answer its invitation."""
    profil = _profil(user)
    return (
        profil is not None
        and profil.organisation_id == deltagande.organisation_id
        and bool(
            {Roll.MYNDIGHETSKONTAKT, Roll.HANDLAGGARE, Roll.SAMORDNARE} & set(roller_for(user))
        )
    )


def kan_besvara_bemanning(user, begaran: Bemanningsbegaran) -> bool:
    """The operational coordinator of the request's LPO answers and withdraws it."""
    return Roll.OPERATIV_SAMORDNARE in roller_for(user) and begaran.lpo_id in _lpo_ids(user)


def kan_stalla_in(user, insats: Insats) -> bool:
    """Coordinators cancel; so may the police coordinator of an LPO asked to staff it."""
    if kan_samordna(user, insats):
        return True
    if Roll.OPERATIV_SAMORDNARE not in roller_for(user):
        return False
    return insats.bemanningsbegaranden.filter(
        lpo__in=_lpo_ids(user), status__in=AKTIVA_BEMANNINGSSTATUSAR
    ).exists()


def kan_registrera_i_kontroll(user, insats: Insats) -> bool:
    """Participants record control results and findings once the operation is under way."""
    profil = _profil(user)
    if profil is None:
        return False
    if kan_samordna(user, insats):
        return True
    return insats.deltaganden.filter(
        organisation=profil.organisation, svar=Deltagande.Svar.ACCEPTERAD
    ).exists()
