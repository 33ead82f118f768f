"""The kinds of entry on an operation's timeline: one declared table.

Every code a verb writes to ``Insatshandelse.typ`` has a row here with its Swedish label. A verb
writes its entries with ``insatser.services.skriv_tidslinjepost``, which triggers
``INSATSEN_ANDRAD``. Which entries notify whom is the notifications app's table
(``notiser/notistyper.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tidslinjetyp:
    kod: str
    etikett: str | Promise
    # An entry kept for its notifications only: every participant reads the timeline, and not
    # every participant may know of what it records.
    pa_tidslinjen: bool = True


_TYPER = [
    Tidslinjetyp("skapad", _("Insatsen skapades")),
    Tidslinjetyp("inbjudan", _("Organisation inbjuden")),
    Tidslinjetyp("inbjudan_besvarad", _("Inbjudan besvarad")),
    Tidslinjetyp("kontroll_tillagd", _("Objekt tillagt")),
    Tidslinjetyp("reservobjekt_tillagt", _("Reservobjekt tillagt")),
    Tidslinjetyp("uppgifter_andrade", _("Insatsens uppgifter ändrades")),
    Tidslinjetyp("varningar_kvitterade", _("Varningar kvitterade med motivering")),
    # Not notified: not everyone who sees the operation may see the note, or know it changed.
    Tidslinjetyp("sakerhetsanteckning_andrad", _("Säkerhetsanteckningen ändrades")),
    Tidslinjetyp("kontaktfunktion_angiven", _("Kontaktfunktion under insatsen angiven")),
    Tidslinjetyp("polisbefal_angivet", _("Polisens befäl på plats angivet")),
    # Only who asked whom: the question and the answer stay with the two organisations.
    Tidslinjetyp("uppgifter_begarda", _("Uppgifter begärda av en annan organisation")),
    Tidslinjetyp("uppgiftsbegaran_besvarad", _("Begäran om uppgifter besvarad")),
    Tidslinjetyp("uppgiftsbegaran_avbojd", _("Begäran om uppgifter avböjd")),
    Tidslinjetyp("underlag_begarda", _("Nya informationsunderlag begärda")),
    Tidslinjetyp("ansluten_till_grupp", _("Insatsen samplaneras i en insatsgrupp")),
    Tidslinjetyp("lamnade_grupp", _("Insatsen ingår inte längre i insatsgruppen")),
    Tidslinjetyp("planera", _("Insatsen planerades")),
    Tidslinjetyp("avsla", _("Förslaget avslogs")),
    Tidslinjetyp("begar_bemanning", _("Polisbemanning begärd")),
    Tidslinjetyp("bemanning_begard", _("Polisbemanning begärd")),
    Tidslinjetyp("bemanning_bekrafta", _("Polisbemanning bekräftad")),
    Tidslinjetyp("bemanning_delvis_bekrafta", _("Polisbemanning delvis bekräftad")),
    Tidslinjetyp("bemanning_avboj", _("Polisbemanning avböjd")),
    # The system's step back to planned follows a decline, whose own entry already told them.
    Tidslinjetyp("bemanning_avbojd", _("Åter till planerad efter avböjd bemanning")),
    Tidslinjetyp("bemanning_aterkallad", _("Polisbemanning återkallad")),
    Tidslinjetyp("bemanning_hojd", _("Polisbemanningen utökad")),
    Tidslinjetyp("bemanning_sankt", _("Polisbemanningen minskad")),
    Tidslinjetyp("bemanning_poliser_andrade", _("Polisbemanningens namngivna poliser ändrade")),
    Tidslinjetyp("bemanning_paminnelse", _("Obesvarad bemanningsbegäran nära svarsfristen")),
    Tidslinjetyp("obekraftad_paminnelse", _("Insatsen närmar sig utan bekräftad polis")),
    Tidslinjetyp("bekrafta", _("Insatsen bekräftades")),
    Tidslinjetyp("kontroll_markerad", _("Kontroll markerad")),
    Tidslinjetyp("fynd_registrerat", _("Delat fynd registrerat")),
    Tidslinjetyp("fynd_andrat", _("Delat fynd ändrat")),
    Tidslinjetyp("fynd_borttaget", _("Delat fynd borttaget")),
    # The threat alert: a finding that may be unshared, so off the timeline.
    Tidslinjetyp(
        "frislappning_aterkallad",
        _("Frisläppt myndighetsuppgift återkallad"),
        pa_tidslinjen=False,
    ),
    Tidslinjetyp(
        "fynd_hot",
        _("Hot eller otillåten påverkan mot tjänsteman registrerat"),
        pa_tidslinjen=False,
    ),
    Tidslinjetyp("genomfor", _("Insatsen genomfördes")),
    Tidslinjetyp("utvardera", _("Insatsen utvärderades")),
    Tidslinjetyp("stall_in", _("Insatsen ställdes in")),
    Tidslinjetyp("omplanera", _("Insatsen planerades om")),
    Tidslinjetyp("omplanerad_fran", _("Skapad genom omplanering")),
    Tidslinjetyp("forbattringsomrade", _("Förbättringsområde registrerat")),
    Tidslinjetyp("forbattringsomrade_paborjat", _("Arbetet med ett förbättringsområde påbörjat")),
    Tidslinjetyp("forbattringsomrade_atgardat", _("Förbättringsområde åtgärdat")),
    Tidslinjetyp("utvardering_oppnad", _("Gemensam utvärdering öppnad")),
    Tidslinjetyp("myndighetsutvardering_inlamnad", _("Myndighetens utvärdering inlämnad")),
    # Reminders are for the one reminded: the timeline shows what was filed, not who was late.
    Tidslinjetyp(
        "utvardering_paminnelse",
        _("Påminnelse om myndighetens utvärdering"),
        pa_tidslinjen=False,
    ),
    Tidslinjetyp(
        "utvardering_forsenad",
        _("Den gemensamma utvärderingen har passerat sin frist"),
        pa_tidslinjen=False,
    ),
    Tidslinjetyp(
        "forbattring_paminnelse",
        _("Påminnelse om förbättringsområde nära sitt slutdatum"),
        pa_tidslinjen=False,
    ),
]
TIDSLINJETYPER: dict[str, Tidslinjetyp] = {typ.kod: typ for typ in _TYPER}
if len(TIDSLINJETYPER) != len(_TYPER):
    raise ValueError("a timeline code is declared twice")


DOLDA_TYPER = frozenset(typ.kod for typ in _TYPER if not typ.pa_tidslinjen)


def etikett(kod: str) -> str | Promise:
    """The Swedish label of a code; an undeclared code shows as itself (and fails a test)."""
    typ = TIDSLINJETYPER.get(kod)
    return typ.etikett if typ is not None else kod
