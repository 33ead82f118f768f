"""Who a timeline entry concerns: the groups of ``notiser.notistyper`` as policy queries.

Each group asks a policy who may act on the operation, the request or the invitation the entry
names (``Policy.anvandare``), so nobody is told of an operation the policy does not let them see.
The person who acted is never told of their own act.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from insatser import access
from insatser.access import BEMANNING_POLICY, INSATS_POLICY, UPPGIFTSBEGARAN_POLICY, Handling
from insatser.models import Insats, Insatshandelse
from insatser.workflow import BemanningStatus
from myndigheter.models import Anvandarprofil
from myndigheter.roles import Roll
from notiser.notistyper import NOTISTYPER, Mottagare

INGEN = Q(pk__in=[])


def _samordnare(handelse: Insatshandelse) -> Q:
    return Q(pk__in=INSATS_POLICY.anvandare(Handling.SAMORDNA, handelse.insats).values("pk"))


def _inbjudna(handelse: Insatshandelse) -> Q:
    deltagande = handelse.deltagande
    if deltagande is None:
        return INGEN
    far_svara = access.far_besvara_inbjudan(deltagande)
    if deltagande.enhet_id is not None:
        far_svara = far_svara.filter(profil__enhet_id=deltagande.enhet_id)
    return Q(pk__in=far_svara.values("pk"))


def _polis_for(begaran) -> Q:
    return Q(pk__in=BEMANNING_POLICY.anvandare(Handling.BESVARA, begaran).values("pk"))


def _polis_for_begaran(handelse: Insatshandelse) -> Q:
    return INGEN if handelse.begaran is None else _polis_for(handelse.begaran)


def _polis_med_obesvarad(handelse: Insatshandelse) -> Q:
    villkor = INGEN
    for begaran in handelse.insats.bemanningsbegaranden.filter(status=BemanningStatus.SKICKAD):
        villkor |= _polis_for(begaran)
    return villkor


def _ser_detaljer(insats: Insats) -> Q:
    return Q(pk__in=INSATS_POLICY.anvandare(Handling.SE_DETALJER, insats).values("pk"))


def _alla(handelse: Insatshandelse) -> Q:
    return _ser_detaljer(handelse.insats)


def _efterfoljare(handelse: Insatshandelse) -> Q:
    """Those who see the details of the new operation and may see the one it replaces: the
    notification is about the old one, and names it."""
    efterfoljare = Insats.objects.filter(omplanerad_fran_id=handelse.insats_id).first()
    if efterfoljare is None:
        return INGEN
    ser_den_gamla = INSATS_POLICY.anvandare(Handling.SE, handelse.insats).values("pk")
    return _ser_detaljer(efterfoljare) & Q(pk__in=ser_den_gamla)


def _sakerhetskontakt(handelse: Insatshandelse) -> Q:
    """The security contacts of the organisation of the one who recorded the threat."""
    organisation = Anvandarprofil.objects.filter(user_id=handelse.utford_av_id).values(
        "organisation_id"
    )
    return _ser_detaljer(handelse.insats) & Q(
        profil__ar_sakerhetskontakt=True, profil__organisation_id__in=organisation
    )


def _operativa_samordnare(handelse: Insatshandelse) -> Q:
    """The police coordinators who see the operation: those of its LPOs (a staffing request)."""
    har_rollen = get_user_model().objects.filter(groups__name=Roll.OPERATIV_SAMORDNARE.value)
    return _ser_detaljer(handelse.insats) & Q(pk__in=har_rollen.values("pk"))


def _frislappningens_krets(handelse: Insatshandelse) -> Q:
    if handelse.frislappning is None:
        return INGEN
    return access.lasare_av(handelse.frislappning)


def _tillfragade(handelse: Insatshandelse) -> Q:
    begaran = handelse.uppgiftsbegaran
    if begaran is None:
        return INGEN
    return Q(pk__in=UPPGIFTSBEGARAN_POLICY.anvandare(Handling.BESVARA, begaran).values("pk"))


def _fragande(handelse: Insatshandelse) -> Q:
    """Those of the asking organisation who may read the request (not the coordinators of
    another organisation, who read it too but did not ask)."""
    begaran = handelse.uppgiftsbegaran
    if begaran is None:
        return INGEN
    lasare = UPPGIFTSBEGARAN_POLICY.anvandare(Handling.SE, begaran).filter(
        profil__organisation_id=begaran.fragande_organisation_id
    )
    return Q(pk__in=lasare.values("pk"))


GRUPPER: dict[Mottagare, Callable[[Insatshandelse], Q]] = {
    Mottagare.SAMORDNARE: _samordnare,
    Mottagare.INBJUDNA: _inbjudna,
    Mottagare.POLIS_FOR_BEGARAN: _polis_for_begaran,
    Mottagare.POLIS_MED_OBESVARAD: _polis_med_obesvarad,
    Mottagare.ALLA: _alla,
    Mottagare.EFTERFOLJARE: _efterfoljare,
    Mottagare.SAKERHETSKONTAKT: _sakerhetskontakt,
    Mottagare.OPERATIVA_SAMORDNARE: _operativa_samordnare,
    Mottagare.FRISLAPPNINGENS_KRETS: _frislappningens_krets,
    Mottagare.TILLFRAGADE: _tillfragade,
    Mottagare.FRAGANDE: _fragande,
}


def mottagare(handelse: Insatshandelse) -> QuerySet:
    """The users the entry concerns, as one query; none for a kind that notifies nobody."""
    typ = NOTISTYPER.get(handelse.typ)
    villkor = INGEN
    for grupp in typ.mottagare if typ is not None else ():
        villkor |= GRUPPER[grupp](handelse)
    anvandare = get_user_model().objects.filter(villkor)
    if handelse.utford_av_id is not None:
        anvandare = anvandare.exclude(pk=handelse.utford_av_id)
    return anvandare
