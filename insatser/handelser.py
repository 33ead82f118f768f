"""The kinds of entry on an operation's timeline: one declared table.

Every code a verb writes to ``Insatshandelse.typ`` has a row here with its Swedish label, the
kind of notification it gives (none for routine planning steps) and who is told. Who is told is
named here by group; ``notiser.mottagare`` turns each group into a query through the access
policies, so a recipient is always someone the policy lets see the operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Notiskategori(models.TextChoices):
    """What a user chooses e-mail for; in-app notifications are always given."""

    INBJUDAN = "INBJUDAN", _("Inbjudningar till insatser")
    SVAR = "SVAR", _("Svar på inbjudningar")
    BEMANNING_BEGARD = "BEMANNING_BEGARD", _("Nya bemanningsbegäranden")
    BEMANNING = "BEMANNING", _("Polisens svar och återkallelser")
    BEKRAFTAD = "BEKRAFTAD", _("Bekräftade insatser")
    INSTALLD = "INSTALLD", _("Inställda insatser")
    OMPLANERAD = "OMPLANERAD", _("Omplanerade insatser")
    ANDRAD = "ANDRAD", _("Ändrade uppgifter om insatser (tid, samlingsplats)")
    PAMINNELSE = "PAMINNELSE", _("Påminnelser om svarsfrister och obekräftad polis")


# Cancellation and rescheduling must reach people at once, so they also go by e-mail unless the
# user opts out, and their fan-out runs on its own queue (see insatser.tasks).
STANDARD_EPOST = (Notiskategori.INSTALLD, Notiskategori.OMPLANERAD)
AKUTA = frozenset(STANDARD_EPOST)


class Mottagare(StrEnum):
    """Groups of people an event concerns; each is a policy query in ``notiser.mottagare``."""

    SAMORDNARE = "samordnare"  # may coordinate the operation
    INBJUDNA = "inbjudna"  # may answer the invitation the entry names (its unit, if named)
    POLIS_FOR_BEGARAN = "polis_for_begaran"  # may answer the staffing request the entry names
    POLIS_MED_OBESVARAD = "polis_med_obesvarad"  # may answer an unanswered request of it
    ALLA = "alla"  # may see the operation's details
    EFTERFOLJARE = "efterfoljare"  # may see the details of the successor of a rescheduling


@dataclass(frozen=True)
class Handelsetyp:
    kod: str
    etikett: str | Promise
    kategori: Notiskategori | None = None
    mottagare: tuple[Mottagare, ...] = ()

    @property
    def akut(self) -> bool:
        return self.kategori in AKUTA


M = Mottagare
K = Notiskategori
_TYPER = [
    Handelsetyp("skapad", _("Insatsen skapades")),
    Handelsetyp("inbjudan", _("Organisation inbjuden"), K.INBJUDAN, (M.INBJUDNA,)),
    Handelsetyp("inbjudan_besvarad", _("Inbjudan besvarad"), K.SVAR, (M.SAMORDNARE,)),
    Handelsetyp("kontroll_tillagd", _("Objekt tillagt")),
    Handelsetyp("reservobjekt_tillagt", _("Reservobjekt tillagt")),
    Handelsetyp("uppgifter_andrade", _("Insatsens uppgifter ändrades"), K.ANDRAD, (M.ALLA,)),
    Handelsetyp("varningar_kvitterade", _("Varningar kvitterade med motivering")),
    # Not notified: not everyone who sees the operation may see the note, or know it changed.
    Handelsetyp("sakerhetsanteckning_andrad", _("Säkerhetsanteckningen ändrades")),
    Handelsetyp("underlag_begarda", _("Nya informationsunderlag begärda")),
    Handelsetyp("ansluten_till_grupp", _("Insatsen samplaneras i en insatsgrupp")),
    Handelsetyp("lamnade_grupp", _("Insatsen ingår inte längre i insatsgruppen")),
    Handelsetyp("planera", _("Insatsen planerades")),
    Handelsetyp("avsla", _("Förslaget avslogs")),
    Handelsetyp(
        "begar_bemanning", _("Polisbemanning begärd"), K.BEMANNING_BEGARD, (M.POLIS_FOR_BEGARAN,)
    ),
    Handelsetyp(
        "bemanning_begard", _("Polisbemanning begärd"), K.BEMANNING_BEGARD, (M.POLIS_FOR_BEGARAN,)
    ),
    Handelsetyp("bemanning_bekrafta", _("Polisbemanning bekräftad"), K.BEMANNING, (M.SAMORDNARE,)),
    Handelsetyp(
        "bemanning_delvis_bekrafta",
        _("Polisbemanning delvis bekräftad"),
        K.BEMANNING,
        (M.SAMORDNARE,),
    ),
    Handelsetyp("bemanning_avboj", _("Polisbemanning avböjd"), K.BEMANNING, (M.SAMORDNARE,)),
    # The system's step back to planned follows a decline, whose own entry already told them.
    Handelsetyp("bemanning_avbojd", _("Åter till planerad efter avböjd bemanning")),
    Handelsetyp(
        "bemanning_aterkallad", _("Polisbemanning återkallad"), K.BEMANNING, (M.SAMORDNARE,)
    ),
    Handelsetyp(
        "bemanning_paminnelse",
        _("Obesvarad bemanningsbegäran nära svarsfristen"),
        K.PAMINNELSE,
        (M.POLIS_FOR_BEGARAN, M.SAMORDNARE),
    ),
    Handelsetyp(
        "obekraftad_paminnelse",
        _("Insatsen närmar sig utan bekräftad polis"),
        K.PAMINNELSE,
        (M.SAMORDNARE, M.POLIS_MED_OBESVARAD),
    ),
    Handelsetyp("bekrafta", _("Insatsen bekräftades"), K.BEKRAFTAD, (M.ALLA,)),
    Handelsetyp("kontroll_markerad", _("Kontroll markerad")),
    Handelsetyp("fynd_registrerat", _("Delat fynd registrerat")),
    Handelsetyp("fynd_andrat", _("Delat fynd ändrat")),
    Handelsetyp("fynd_borttaget", _("Delat fynd borttaget")),
    Handelsetyp("genomfor", _("Insatsen genomfördes")),
    Handelsetyp("utvardera", _("Insatsen utvärderades")),
    Handelsetyp("stall_in", _("Insatsen ställdes in"), K.INSTALLD, (M.ALLA,)),
    Handelsetyp("omplanera", _("Insatsen planerades om"), K.OMPLANERAD, (M.ALLA, M.EFTERFOLJARE)),
    Handelsetyp("omplanerad_fran", _("Skapad genom omplanering")),
    Handelsetyp("forbattringsomrade", _("Förbättringsområde registrerat")),
    Handelsetyp("forbattringsomrade_atgardat", _("Förbättringsområde åtgärdat")),
    # The demo data sets statuses directly, as seed data, and says so on the timeline.
    Handelsetyp("demodata", _("Status satt av demodata")),
]
HANDELSETYPER: dict[str, Handelsetyp] = {typ.kod: typ for typ in _TYPER}
if len(HANDELSETYPER) != len(_TYPER):
    raise ValueError("a timeline code is declared twice")

NOTIFIERANDE = frozenset(kod for kod, typ in HANDELSETYPER.items() if typ.kategori is not None)


def etikett(kod: str) -> str | Promise:
    """The Swedish label of a code; an undeclared code shows as itself (and fails a test)."""
    typ = HANDELSETYPER.get(kod)
    return typ.etikett if typ is not None else kod
