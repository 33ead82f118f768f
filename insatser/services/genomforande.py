"""The operation's day and after: mark controls, record and correct findings, carry it out."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.models import Fynd, Insats, Kontroll
from insatser.services.gemensamt import (
    Konflikt,
    _kraver_samordnare,
    _las_insats,
    _logga,
    _nekad,
    _overga,
    _valideringsfel,
)
from insatser.workflow import INSATS_WORKFLOW, InsatsStatus
from myndigheter.policy import Aktor
from objekt import services as objekt_services
from objekt.models import Problemkategori

REGISTRERBARA = frozenset({InsatsStatus.BEKRAFTAD, InsatsStatus.GENOMFORD})


def registrering_mojlig(insats: Insats) -> bool:
    """Controls are marked and findings recorded on the operation's day and after it."""
    return (
        insats.status in REGISTRERBARA and timezone.localdate(insats.start) <= timezone.localdate()
    )


def _kraver_registrering(user, insats: Insats) -> None:
    if not access.kan_registrera_i_kontroll(user, insats):
        raise _nekad(_("Du deltar inte i insatsen."))
    if insats.status not in REGISTRERBARA:
        raise _valideringsfel("status", _("Kontroller kan bara markeras i en bekräftad insats."))
    if not registrering_mojlig(insats):
        raise _valideringsfel("status", _("Det går inte att registrera före insatsens dag."))


@transaction.atomic
def markera_kontroll(
    user,
    kontroll: Kontroll,
    genomford: bool,
    orsak: str = "",
    forvantad_status: str | None = None,
) -> Kontroll:
    """Mark a control done, or not done with a reason. ``forvantad_status``, the status the user
    saw, refuses the change when someone else marked the control in between."""
    insats = _las_insats(kontroll.insats)
    _kraver_registrering(user, insats)
    kontroll = Kontroll.objects.select_related("objekt").get(pk=kontroll.pk)
    if forvantad_status is not None and kontroll.status != forvantad_status:
        raise Konflikt(
            _(
                "Någon annan har markerat kontrollen sedan du öppnade sidan "
                "(nu: %(status)s). Ladda om och försök igen."
            )
            % {"status": kontroll.get_status_display().lower()}
        )
    if not genomford and not orsak.strip():
        raise _valideringsfel("orsak", _("Ange varför kontrollen inte genomfördes."))
    kontroll.status = Kontroll.Status.GENOMFORD if genomford else Kontroll.Status.EJ_GENOMFORD
    kontroll.ej_genomford_orsak = "" if genomford else orsak.strip()
    kontroll.save(update_fields=["status", "ej_genomford_orsak"])
    _logga(insats, user, "kontroll_markerad", text=f"{kontroll.objekt}: {kontroll.status}")
    if genomford:
        objekt_services.objekt_kontrollerat(kontroll.objekt)
    return kontroll


@transaction.atomic
def registrera_fynd(
    user,
    kontroll: Kontroll,
    text: str,
    kategori: Problemkategori | None = None,
    delad: bool = False,
) -> Fynd:
    """Record a finding for the user's organisation, shared with the participants or not.

    Only a shared finding goes on the timeline, which every participant reads: that an agency
    keeps an unshared finding is its own business (domain.md 6.8).
    """
    insats = _las_insats(kontroll.insats)
    _kraver_registrering(user, insats)
    if not text.strip():
        raise _valideringsfel("text", _("Beskriv fyndet."))
    kontroll = Kontroll.objects.select_related("objekt").get(pk=kontroll.pk)
    fynd = Fynd.objects.create(
        kontroll=kontroll,
        organisation_id=Aktor.for_user(user).organisation_id,
        registrerad_av=user,
        kategori=kategori,
        text=text.strip(),
        delad=delad,
    )
    if delad:
        _logga(insats, user, "fynd_registrerat", text=str(kontroll.objekt))
    return fynd


@transaction.atomic
def genomfor_insats(user, insats: Insats, version: int | None = None) -> Insats:
    """Mark the operation carried out once it has started and every control has an outcome."""
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "genomfor")
    if insats.start > timezone.now():
        raise _valideringsfel("start", _("Insatsen kan inte markeras genomförd före sin start."))
    # A reserve object that was not needed stays unmarked.
    if insats.kontroller.filter(status=Kontroll.Status.PLANERAD, reserv=False).exists():
        raise _valideringsfel(
            "kontroller", _("Markera varje kontroll som genomförd eller ej genomförd först.")
        )
    _overga(insats, "genomfor", user)
    return insats


@transaction.atomic
def markera_utvarderad(user, insats: Insats, version: int | None = None) -> Insats:
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    _overga(insats, "utvardera", user)
    return insats


def _las_fynd(user, fynd: Fynd, version: int | None) -> tuple[Insats, Fynd]:
    """Lock the operation and the finding, and check that the user may correct it as it is."""
    insats = _las_insats(fynd.kontroll.insats)
    _kraver_registrering(user, insats)
    last = Fynd.objects.select_for_update().filter(pk=fynd.pk).first()
    if last is None:
        raise Konflikt(_("Fyndet har tagits bort av någon annan."))
    if not access.kan_ratta_fynd(user, last):
        raise _nekad(_("Bara den organisation som registrerade fyndet kan ändra det."))
    if version is not None and last.version != version:
        raise Konflikt(
            _("Någon annan har ändrat fyndet sedan du öppnade det. Ladda om och försök igen.")
        )
    return insats, last


@transaction.atomic
def ratta_fynd(
    user,
    fynd: Fynd,
    text: str,
    kategori: Problemkategori | None = None,
    delad: bool = False,
    version: int | None = None,
) -> Fynd:
    """Correct a finding of the user's organisation, or share it or take the sharing back.

    The timeline notes it when the finding is or was shared, as for recording one; the text
    stays off the timeline, which has more readers than an unshared finding.
    """
    insats, fynd = _las_fynd(user, fynd, version)
    if not text.strip():
        raise _valideringsfel("text", _("Beskriv fyndet."))
    var_delad = fynd.delad
    fynd.text, fynd.kategori, fynd.delad = text.strip(), kategori, delad
    fynd.version = F("version") + 1
    fynd.save(update_fields=["text", "kategori", "delad", "version"])
    fynd.refresh_from_db(fields=["version"])
    if var_delad or delad:
        _logga(insats, user, "fynd_andrat", text=str(fynd.kontroll.objekt))
    return fynd


@transaction.atomic
def ta_bort_fynd(user, fynd: Fynd, version: int | None = None) -> None:
    """Remove a finding of the user's organisation; its history stays in the audit trail."""
    insats, fynd = _las_fynd(user, fynd, version)
    if fynd.delad:
        _logga(insats, user, "fynd_borttaget", text=str(fynd.kontroll.objekt))
    fynd.delete()
