"""The operation's day and after: mark controls, record and correct findings, carry it out."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Fynd, Insats, Kontroll
from insatser.services.gemensamt import (
    _kraver_samordnare,
    _nekad,
    _overga,
    _valideringsfel,
    las_for_tillagg,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.workflow import INSATS_WORKFLOW, KONTROLL_WORKFLOW, REGISTRERBARA
from karna.lasning import Konflikt, las, spara_ny_version
from karna.policy import Aktor
from karna.verb import verb
from objekt import services as objekt_services
from objekt.models import Problemkategori


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


@verb(INSATSEN_ANDRAD)
def markera_kontroll(
    user,
    kontroll: Kontroll,
    genomford: bool,
    orsak: str = "",
    *,
    forvantad_status: str,
) -> Kontroll:
    """Mark a control done, or not done with a reason. ``forvantad_status``, the status the user
    saw, refuses the change when someone else marked the control in between."""
    insats = las_for_tillagg(kontroll.insats)
    _kraver_registrering(user, insats)
    kontroll = Kontroll.objects.select_related("objekt").get(pk=kontroll.pk)
    if kontroll.status != forvantad_status:
        raise Konflikt(
            _(
                "Någon annan har markerat kontrollen sedan du öppnade sidan "
                "(nu: %(status)s). Ladda om och försök igen."
            )
            % {"status": kontroll.get_status_display().lower()}
        )
    if not genomford and not orsak.strip():
        raise _valideringsfel("orsak", _("Ange varför kontrollen inte genomfördes."))
    KONTROLL_WORKFLOW.overga(kontroll, "genomfor" if genomford else "ej_genomford")
    kontroll.ej_genomford_orsak = "" if genomford else orsak.strip()
    kontroll.save(update_fields=["status", "ej_genomford_orsak"])
    skriv_tidslinjepost(
        insats, user, "kontroll_markerad", text=f"{kontroll.objekt}: {kontroll.status}"
    )
    if genomford:
        objekt_services.objekt_kontrollerat(kontroll.objekt)
    return kontroll


@verb(INSATSEN_ANDRAD)
def registrera_fynd(
    user,
    kontroll: Kontroll,
    text: str,
    kategori: Problemkategori | None = None,
    delad: bool = False,
    hot: bool = False,
) -> Fynd:
    """Record a finding for the user's organisation, shared with the participants or not.

    Only a shared finding goes on the timeline, which every participant reads: that an agency
    keeps an unshared finding is its own business. A threat or unlawful influence against
    officials (``hot``) alerts at once, shared or not, through an entry kept off the timeline
    (``fynd_hot``): the recording organisation's security contacts and the police coordinators
    of the operation are told.
    """
    insats = las_for_tillagg(kontroll.insats)
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
        hot=hot,
    )
    if delad:
        skriv_tidslinjepost(insats, user, "fynd_registrerat", text=str(kontroll.objekt))
    if hot:
        skriv_tidslinjepost(insats, user, "fynd_hot")
    return fynd


@verb(INSATSEN_ANDRAD)
def genomfor_insats(user, insats: Insats, version: int) -> Insats:
    """Mark the operation carried out once it has started and every control has an outcome."""
    insats = las_insats(insats, version)
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


@verb(INSATSEN_ANDRAD)
def markera_utvarderad(user, insats: Insats, version: int) -> Insats:
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    _overga(insats, "utvardera", user)
    return insats


def _las_fynd(user, fynd: Fynd, version: int) -> tuple[Insats, Fynd]:
    """Lock the operation and the finding, and check that the user may correct it as it is."""
    insats = las_for_tillagg(fynd.kontroll.insats)
    _kraver_registrering(user, insats)
    if not Fynd.objects.filter(pk=fynd.pk).exists():
        raise Konflikt(_("Fyndet har tagits bort av någon annan."))
    last = Fynd.objects.select_for_update().get(pk=fynd.pk)
    if not access.kan_ratta_fynd(user, last):
        raise _nekad(_("Bara den organisation som registrerade fyndet kan ändra det."))
    las(
        Fynd,
        fynd.pk,
        version,
        _("Någon annan har ändrat fyndet sedan du öppnade det. Ladda om och försök igen."),
    )
    return insats, last


@verb(INSATSEN_ANDRAD)
def ratta_fynd(
    user,
    fynd: Fynd,
    text: str,
    kategori: Problemkategori | None = None,
    delad: bool = False,
    *,
    version: int,
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
    spara_ny_version(fynd, ["text", "kategori", "delad"])
    if var_delad or delad:
        skriv_tidslinjepost(insats, user, "fynd_andrat", text=str(fynd.kontroll.objekt))
    return fynd


@verb(INSATSEN_ANDRAD)
def ta_bort_fynd(user, fynd: Fynd, version: int) -> None:
    """Remove a finding of the user's organisation; its history stays in the audit trail."""
    insats, fynd = _las_fynd(user, fynd, version)
    if fynd.delad:
        skriv_tidslinjepost(insats, user, "fynd_borttaget", text=str(fynd.kontroll.objekt))
    fynd.delete()
