"""Which timeline entries notify whom: one declared table.

Each notifying kind of entry on an operation's timeline (``insatser.tidslinje``) has a row here
with the kind of notification it gives and who is told. Who is told is named by group;
``notiser.mottagare`` turns each group into a query through the access policies, so a recipient
is always someone the policy lets see the operation. Entries without a row notify nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
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
    HOT = "HOT", _("Hot eller otillåten påverkan mot tjänsteman under en insats")
    UPPGIFTER = "UPPGIFTER", _("Begäranden om uppgifter mellan myndigheter")


# Cancellation, rescheduling and a threat against officials must reach people at once, so they
# also go by e-mail unless the user opts out, and their fan-out runs on its own queue (see
# notiser.tasks).
STANDARD_EPOST = (Notiskategori.INSTALLD, Notiskategori.OMPLANERAD, Notiskategori.HOT)
AKUTA = frozenset(STANDARD_EPOST)


class Mottagare(StrEnum):
    """Groups of people an event concerns; each is a policy query in ``notiser.mottagare``."""

    SAMORDNARE = "samordnare"  # may coordinate the operation
    INBJUDNA = "inbjudna"  # may answer the invitation the entry names (its unit, if named)
    POLIS_FOR_BEGARAN = "polis_for_begaran"  # may answer the staffing request the entry names
    POLIS_MED_OBESVARAD = "polis_med_obesvarad"  # may answer an unanswered request of it
    ALLA = "alla"  # may see the operation's details
    EFTERFOLJARE = "efterfoljare"  # may see the details of the successor of a rescheduling
    SAKERHETSKONTAKT = "sakerhetskontakt"  # security contact of the actor's organisation
    OPERATIVA_SAMORDNARE = "operativa_samordnare"  # police coordinators of the operation's LPOs
    FRISLAPPNINGENS_KRETS = "frislappningens_krets"  # those the release the entry names reached
    TILLFRAGADE = "tillfragade"  # may answer the request for information the entry names
    FRAGANDE = "fragande"  # the asking organisation's readers of that request


@dataclass(frozen=True)
class Notistyp:
    kod: str
    kategori: Notiskategori
    mottagare: tuple[Mottagare, ...]

    @property
    def akut(self) -> bool:
        return self.kategori in AKUTA


M = Mottagare
K = Notiskategori
_TYPER = [
    Notistyp("inbjudan", K.INBJUDAN, (M.INBJUDNA,)),
    Notistyp("inbjudan_besvarad", K.SVAR, (M.SAMORDNARE,)),
    Notistyp("uppgifter_andrade", K.ANDRAD, (M.ALLA,)),
    Notistyp("begar_bemanning", K.BEMANNING_BEGARD, (M.POLIS_FOR_BEGARAN,)),
    Notistyp("bemanning_begard", K.BEMANNING_BEGARD, (M.POLIS_FOR_BEGARAN,)),
    Notistyp("bemanning_bekrafta", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_delvis_bekrafta", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_avboj", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_aterkallad", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_hojd", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_sankt", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_poliser_andrade", K.BEMANNING, (M.SAMORDNARE,)),
    Notistyp("bemanning_paminnelse", K.PAMINNELSE, (M.POLIS_FOR_BEGARAN, M.SAMORDNARE)),
    Notistyp("obekraftad_paminnelse", K.PAMINNELSE, (M.SAMORDNARE, M.POLIS_MED_OBESVARAD)),
    Notistyp("bekrafta", K.BEKRAFTAD, (M.ALLA,)),
    Notistyp("stall_in", K.INSTALLD, (M.ALLA,)),
    Notistyp("omplanera", K.OMPLANERAD, (M.ALLA, M.EFTERFOLJARE)),
    Notistyp("frislappning_aterkallad", K.ANDRAD, (M.FRISLAPPNINGENS_KRETS,)),
    Notistyp("fynd_hot", K.HOT, (M.SAKERHETSKONTAKT, M.OPERATIVA_SAMORDNARE)),
    Notistyp("uppgifter_begarda", K.UPPGIFTER, (M.TILLFRAGADE,)),
    Notistyp("uppgiftsbegaran_besvarad", K.UPPGIFTER, (M.FRAGANDE,)),
    Notistyp("uppgiftsbegaran_avbojd", K.UPPGIFTER, (M.FRAGANDE,)),
    # The evaluation of a carried-out operation: the agency that has not filed is reminded (its
    # invitation's answerers, or for the police the LPO's coordinators through its staffing
    # request); the coordinators are told when it is overdue and what an agency filed.
    Notistyp("utvardering_paminnelse", K.PAMINNELSE, (M.INBJUDNA, M.POLIS_FOR_BEGARAN)),
    Notistyp("utvardering_forsenad", K.PAMINNELSE, (M.SAMORDNARE,)),
    Notistyp("myndighetsutvardering_inlamnad", K.SVAR, (M.SAMORDNARE,)),
    Notistyp("forbattring_paminnelse", K.PAMINNELSE, (M.INBJUDNA, M.SAMORDNARE)),
]
NOTISTYPER: dict[str, Notistyp] = {typ.kod: typ for typ in _TYPER}
if len(NOTISTYPER) != len(_TYPER):
    raise ValueError("a notifying timeline code is declared twice")

NOTIFIERANDE = frozenset(NOTISTYPER)
