"""The allowed states of the evaluation app's rows, one declared table per status field: an
improvement area, a joint evaluation and an agency's evaluation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow
from utvardering.models import Forbattringsomrade, Gemensamutvardering, Myndighetsutvardering

S = Forbattringsomrade.Status
FORBATTRINGSOMRADE_WORKFLOW = Workflow(
    _("förbättringsområdet"),
    Forbattringsomrade.Status,
    [
        Overgang("registrera", frozenset(), S.OPPEN, _("registrera ett förbättringsområde")),
        Overgang("paborja", frozenset({S.OPPEN}), S.PAGAENDE, _("markera området påbörjat")),
        Overgang(
            "atgarda", frozenset({S.OPPEN, S.PAGAENDE}), S.ATGARDAD, _("markera området åtgärdat")
        ),
    ],
)

G = Gemensamutvardering.Status
GEMENSAM_UTVARDERING_WORKFLOW = Workflow(
    _("den gemensamma utvärderingen"),
    Gemensamutvardering.Status,
    [
        Overgang("oppna", frozenset(), G.OPPEN, _("öppna utvärderingen när insatsen genomförts")),
        Overgang("avsluta", frozenset({G.OPPEN}), G.AVSLUTAD, _("avsluta utvärderingen")),
    ],
)

M = Myndighetsutvardering.Status
# A submitted evaluation may still be corrected; each change after submission is kept and shown.
MYNDIGHETSUTVARDERING_WORKFLOW = Workflow(
    _("myndighetsutvärderingen"),
    Myndighetsutvardering.Status,
    [
        Overgang("skapa", frozenset(), M.UTKAST, _("skapa myndighetens utvärdering")),
        Overgang("lamna_in", frozenset({M.UTKAST}), M.INLAMNAD, _("lämna in utvärderingen")),
    ],
)
