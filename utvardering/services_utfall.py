"""Business verbs of outcomes and individual feedback: record, change and remove an agency's
outcome; give (and change) one's feedback on an operation.

Neither writes the operation's timeline: it has more readers than an outcome kept within its
agency, and an entry would name the author of anonymous feedback. An outcome's changes are kept
in its history (pghistory); feedback keeps no history, for the same reason.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from insatser.access import kan_se_insats
from insatser.models import Insats, Kontroll
from insatser.services import las_for_tillagg
from insatser.workflow import InsatsStatus
from karna.atkomstlogg import logga
from karna.lasning import Konflikt, las, spara_ny_version
from karna.models import Atkomstlogg
from karna.policy import Aktor
from karna.tid import granstext, inom_granserna
from karna.verb import verb
from utvardering import access
from utvardering.effekter import RAPPORT_BESTALLD
from utvardering.models import Aterkoppling, Resultattyp, Utfall
from utvardering.services import UTFORDA
from utvardering.services.rapport import markera_inaktuella

KRONOR = "SEK"
# A type's unit that is one word ("antal", "personer") is a quantity's unit by default; a
# description ("SEK eller antal", "antal och enhet (liter, ...)") names none, nor does "text".
_ETT_ORD = re.compile(r"[^\W\d_]+")
KOMMENTAR_MAX = 2000


def standardenhet(typ: Resultattyp) -> str:
    """The unit a quantity of this type gets when none is given ("" when the type names none)."""
    if typ.enhet in {KRONOR, "text"} or not _ETT_ORD.fullmatch(typ.enhet):
        return ""
    return typ.enhet


def utfall_mojliga(insats: Insats) -> bool:
    """Outcomes and feedback follow a carried-out operation, however long after."""
    return insats.status in UTFORDA


def logga_lasta_utfall(user, utfall_ids: list[int], syfte: str) -> None:
    """Outcomes handed one by one to another system (the API) are logged as read, as the
    evaluation report's download logs those it discloses: an outcome is a decision about a
    company, often under secrecy (a tax surcharge). One row per outcome, one query."""
    if utfall_ids:
        logga(user, Atkomstlogg.Handling.LASA, [Utfall(pk=pk) for pk in utfall_ids], syfte)


def _las_insats(user, insats: Insats) -> Insats:
    insats = las_for_tillagg(insats)
    if not kan_se_insats(user, insats):
        raise Http404
    return insats


def _kraver_utford(insats: Insats, falt: str) -> None:
    if not utfall_mojliga(insats):
        raise ValidationError({falt: _("Insatsen är inte genomförd ännu.")})


def _granskade_varden(
    insats: Insats,
    *,
    typ: Resultattyp,
    belopp: Decimal | None,
    antal: Decimal | None,
    enhet: str,
    beslutsdatum: date,
    synlighet: str,
    kontroll: Kontroll | None,
    uppskattning: bool,
) -> dict:
    """The outcome's fields as they will be saved, or every reason they cannot be, per field."""
    fel: dict[str, str] = {}
    enhet = enhet.strip()
    if belopp is None and antal is None:
        fel["belopp"] = _("Ange ett belopp i kronor eller ett antal.")
    elif belopp is not None and antal is not None:
        fel["antal"] = _("Ange antingen ett belopp eller ett antal, inte båda.")
    if belopp is not None and belopp <= 0:
        fel["belopp"] = _("Beloppet måste vara större än noll.")
    if antal is not None and antal <= 0:
        fel["antal"] = _("Antalet måste vara större än noll.")
    if typ.enhet == KRONOR and belopp is None and "belopp" not in fel:
        fel["belopp"] = _("Den här typen av utfall anges som ett belopp i kronor.")
    if antal is not None and not enhet:
        enhet = standardenhet(typ)
        if not enhet:
            fel["enhet"] = _("Ange vilken enhet antalet är i.")
    if antal is None:
        enhet = ""
    if not inom_granserna(beslutsdatum):
        fel["beslutsdatum"] = granstext()
    elif beslutsdatum < timezone.localtime(insats.start).date():
        fel["beslutsdatum"] = _("Beslutet kan inte vara fattat före insatsen (%(dag)s).") % {
            "dag": date_format(timezone.localtime(insats.start).date(), "j F Y")
        }
    if synlighet not in Utfall.Synlighet.values:
        fel["synlighet"] = _("Välj vem som ska se utfallet.")
    if kontroll is not None and kontroll.insats_id != insats.pk:
        fel["kontroll"] = _("Kontrollen hör inte till insatsen.")
    if fel:
        raise ValidationError(fel)
    return {
        "typ": typ,
        "belopp": belopp,
        "antal": antal,
        "enhet": enhet,
        "beslutsdatum": beslutsdatum,
        "synlighet": synlighet,
        "kontroll": kontroll,
        "uppskattning": uppskattning,
    }


@verb(RAPPORT_BESTALLD)
def registrera_utfall(
    user,
    insats: Insats,
    *,
    typ: Resultattyp,
    beslutsdatum: date,
    belopp: Decimal | None = None,
    antal: Decimal | None = None,
    enhet: str = "",
    uppskattning: bool = False,
    synlighet: str = Utfall.Synlighet.EGEN,
    kontroll: Kontroll | None = None,
) -> Utfall:
    """Record an outcome of the user's organisation, for the operation or one of its controls."""
    insats = _las_insats(user, insats)
    if not access.kan_registrera_utfall(user, insats):
        raise PermissionDenied(_("Du kan inte registrera utfall för din organisation i insatsen."))
    _kraver_utford(insats, "typ")
    varden = _granskade_varden(
        insats,
        typ=typ,
        belopp=belopp,
        antal=antal,
        enhet=enhet,
        beslutsdatum=beslutsdatum,
        synlighet=synlighet,
        kontroll=kontroll,
        uppskattning=uppskattning,
    )
    markera_inaktuella([insats.pk])
    return Utfall.objects.create(
        insats=insats,
        organisation_id=Aktor.for_user(user).organisation_id,
        registrerad_av=user,
        **varden,
    )


def _las_utfall(user, utfall: Utfall, version: int) -> Utfall:
    """Lock the outcome as the user saw it, and check that the user may change it."""
    if not access.synliga_utfall(user).filter(pk=utfall.pk).exists():
        if Utfall.objects.filter(pk=utfall.pk).exists():
            raise Http404
        raise Konflikt(_("Utfallet har tagits bort av någon annan."))
    last = Utfall.objects.select_for_update().get(pk=utfall.pk)
    if not access.kan_andra_utfall(user, last):
        raise PermissionDenied(_("Bara den organisation som registrerade utfallet kan ändra det."))
    return las(
        Utfall,
        utfall.pk,
        version,
        _("Någon annan har ändrat utfallet sedan du öppnade det. Ladda om och försök igen."),
    )


@verb(RAPPORT_BESTALLD)
def andra_utfall(
    user,
    utfall: Utfall,
    *,
    version: int,
    typ: Resultattyp,
    beslutsdatum: date,
    belopp: Decimal | None = None,
    antal: Decimal | None = None,
    enhet: str = "",
    uppskattning: bool = False,
    synlighet: str = Utfall.Synlighet.EGEN,
    kontroll: Kontroll | None = None,
) -> Utfall:
    """Change an outcome of the user's organisation (a decision taken, an estimate confirmed);
    the earlier values stay in its history."""
    utfall = _las_utfall(user, utfall, version)
    varden = _granskade_varden(
        utfall.insats,
        typ=typ,
        belopp=belopp,
        antal=antal,
        enhet=enhet,
        beslutsdatum=beslutsdatum,
        synlighet=synlighet,
        kontroll=kontroll,
        uppskattning=uppskattning,
    )
    for falt, varde in varden.items():
        setattr(utfall, falt, varde)
    spara_ny_version(utfall, list(varden))
    markera_inaktuella([utfall.insats_id])
    return utfall


@verb(RAPPORT_BESTALLD)
def ta_bort_utfall(user, utfall: Utfall, version: int) -> None:
    """Remove an outcome recorded by mistake; its history stays in the audit trail."""
    utfall = _las_utfall(user, utfall, version)
    markera_inaktuella([utfall.insats_id])
    utfall.delete()


@verb(RAPPORT_BESTALLD)
def ge_aterkoppling(
    user, insats: Insats, *, betyg: int, kommentar: str = "", anonym: bool = False, version: int
) -> Aterkoppling:
    """Give one's rating and comment on a carried-out operation, or change them.

    One per person; ``version`` is the version of the user's feedback the form showed, 0 when
    it showed none. It can be changed until the joint evaluation is closed (Utvärderad).
    """
    insats = _las_insats(user, insats)
    if not access.deltog(user, insats):
        raise PermissionDenied(_("Bara de som deltog i insatsen kan lämna återkoppling."))
    _kraver_utford(insats, "betyg")
    fel = {}
    if not isinstance(betyg, int) or not 1 <= betyg <= 5:
        fel["betyg"] = _("Välj ett betyg från 1 till 5.")
    kommentar = kommentar.strip()
    if len(kommentar) > KOMMENTAR_MAX:
        fel["kommentar"] = _("Kommentaren får vara högst %(antal)s tecken.") % {
            "antal": KOMMENTAR_MAX
        }
    if fel:
        raise ValidationError(fel)
    befintlig = access.egen_aterkoppling(user, insats)
    if befintlig is None:
        if version != 0:
            raise Konflikt()
        markera_inaktuella([insats.pk])
        return Aterkoppling.objects.create(
            insats=insats, forfattare=user, betyg=betyg, kommentar=kommentar, anonym=anonym
        )
    aterkoppling = las(Aterkoppling, befintlig.pk, version)
    if insats.status == InsatsStatus.UTVARDERAD:
        raise ValidationError(
            {
                "betyg": _(
                    "Den gemensamma utvärderingen är avslutad; återkopplingen kan inte ändras."
                )
            }
        )
    aterkoppling.betyg, aterkoppling.kommentar, aterkoppling.anonym = betyg, kommentar, anonym
    spara_ny_version(aterkoppling, ["betyg", "kommentar", "anonym"])
    markera_inaktuella([insats.pk])
    return aterkoppling
