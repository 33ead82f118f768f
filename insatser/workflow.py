"""The allowed state transitions of an operation and of a police staffing request.

Each workflow is one declared table. Services ask it before they change a status; nothing else
writes a status field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class OgiltigOvergang(Exception):  # noqa: N818 - a domain name, read as "invalid transition"
    """Raised when a transition is not allowed from the current status."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InsatsStatus(models.TextChoices):
    FORESLAGEN = "FORESLAGEN", _("Föreslagen")
    AVSLAGEN = "AVSLAGEN", _("Avslagen")
    PLANERAD = "PLANERAD", _("Planerad")
    BEMANNING_BEGARD = "BEMANNING_BEGARD", _("Bemanning begärd")
    BEKRAFTAD = "BEKRAFTAD", _("Bekräftad")
    GENOMFORD = "GENOMFORD", _("Genomförd")
    UTVARDERAD = "UTVARDERAD", _("Utvärderad")
    INSTALLD = "INSTALLD", _("Inställd")
    OMPLANERAD = "OMPLANERAD", _("Omplanerad")


class BemanningStatus(models.TextChoices):
    UTKAST = "UTKAST", _("Utkast")
    SKICKAD = "SKICKAD", _("Skickad")
    BEKRAFTAD = "BEKRAFTAD", _("Bekräftad")
    DELVIS_BEKRAFTAD = "DELVIS_BEKRAFTAD", _("Delvis bekräftad")
    AVBOJD = "AVBOJD", _("Avböjd")
    ATERKALLAD = "ATERKALLAD", _("Återkallad")
    MAKULERAD = "MAKULERAD", _("Makulerad")


@dataclass(frozen=True)
class Overgang:
    namn: str
    fran: frozenset[str]
    till: str
    beskrivning: str


class Workflow:
    def __init__(self, label, statuses: type[models.TextChoices], overgangar: list[Overgang]):
        self.label = label
        self.statuses = statuses
        self.overgangar = {o.namn: o for o in overgangar}

    def tillatna(self, status: str) -> list[Overgang]:
        """Transitions allowed from ``status``, in declaration order."""
        return [o for o in self.overgangar.values() if status in o.fran]

    def kontrollera(self, status: str, namn: str) -> Overgang:
        """Return the transition or raise OgiltigOvergang with a message for the user."""
        overgang = self.overgangar[namn]
        if status not in overgang.fran:
            raise OgiltigOvergang(
                _("Det går inte att %(handling)s när %(vad)s har status %(status)s.")
                % {
                    "handling": overgang.beskrivning,
                    "vad": self.label,
                    "status": self.statuses(status).label.lower(),
                }
            )
        return overgang


S = InsatsStatus
AKTIVA_FORE_GENOMFORANDE = frozenset({S.PLANERAD, S.BEMANNING_BEGARD, S.BEKRAFTAD})
# Objects, invitations and answers can change until the operation is carried out or ended.
OPPNA_FOR_PLANERING = AKTIVA_FORE_GENOMFORANDE | {S.FORESLAGEN}
# Ended without being carried out: nothing more happens in these.
AVSLUTADE = frozenset({S.AVSLAGEN, S.INSTALLD, S.OMPLANERAD})

INSATS_WORKFLOW = Workflow(
    _("insatsen"),
    InsatsStatus,
    [
        Overgang("planera", frozenset({S.FORESLAGEN}), S.PLANERAD, _("planera insatsen")),
        Overgang("avsla", frozenset({S.FORESLAGEN}), S.AVSLAGEN, _("avslå förslaget")),
        Overgang(
            "begar_bemanning",
            frozenset({S.PLANERAD}),
            S.BEMANNING_BEGARD,
            _("begära polisbemanning"),
        ),
        Overgang("bekrafta", frozenset({S.BEMANNING_BEGARD}), S.BEKRAFTAD, _("bekräfta insatsen")),
        Overgang(
            "bemanning_avbojd",
            frozenset({S.BEMANNING_BEGARD}),
            S.PLANERAD,
            _("återgå till planerad efter avböjd bemanning"),
        ),
        Overgang(
            "bemanning_aterkallad",
            frozenset({S.BEKRAFTAD}),
            S.BEMANNING_BEGARD,
            _("återgå till begärd bemanning efter återkallad bemanning"),
        ),
        Overgang(
            "genomfor", frozenset({S.BEKRAFTAD}), S.GENOMFORD, _("markera insatsen genomförd")
        ),
        Overgang(
            "utvardera", frozenset({S.GENOMFORD}), S.UTVARDERAD, _("markera insatsen utvärderad")
        ),
        Overgang("stall_in", AKTIVA_FORE_GENOMFORANDE, S.INSTALLD, _("ställa in insatsen")),
        Overgang("omplanera", AKTIVA_FORE_GENOMFORANDE, S.OMPLANERAD, _("planera om insatsen")),
    ],
)

B = BemanningStatus
BESVARADE = frozenset({B.BEKRAFTAD, B.DELVIS_BEKRAFTAD})

BEMANNING_WORKFLOW = Workflow(
    _("bemanningsbegäran"),
    BemanningStatus,
    [
        Overgang("skicka", frozenset({B.UTKAST}), B.SKICKAD, _("skicka begäran")),
        Overgang("bekrafta", frozenset({B.SKICKAD}), B.BEKRAFTAD, _("bekräfta bemanningen")),
        Overgang(
            "delvis_bekrafta",
            frozenset({B.SKICKAD}),
            B.DELVIS_BEKRAFTAD,
            _("delvis bekräfta bemanningen"),
        ),
        Overgang("avboj", frozenset({B.SKICKAD}), B.AVBOJD, _("avböja begäran")),
        Overgang("aterkalla", BESVARADE, B.ATERKALLAD, _("återkalla bemanningen")),
        Overgang(
            "makulera",
            frozenset({B.UTKAST, B.SKICKAD, B.BEKRAFTAD, B.DELVIS_BEKRAFTAD}),
            B.MAKULERAD,
            _("makulera begäran"),
        ),
    ],
)
