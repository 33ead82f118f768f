"""The allowed states of the evaluation app's rows, one declared table per status field: an
improvement area, a joint evaluation and an agency's evaluation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow
from utvardering.models import (
    Forbattringsomrade,
    Gemensamutvardering,
    Myndighetsutvardering,
    Rapportbygge,
    Utvarderingsrapport,
)

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

R = Utvarderingsrapport.Status
# A report turns stale when what it shows may have changed; a new build confirms or replaces it.
UTVARDERINGSRAPPORT_WORKFLOW = Workflow(
    _("utvärderingsrapporten"),
    Utvarderingsrapport.Status,
    [
        Overgang("bygg", frozenset(), R.AKTUELL, _("bygga en ny version av rapporten")),
        Overgang(
            "bli_inaktuell", frozenset({R.AKTUELL}), R.INAKTUELL, _("markera rapporten inaktuell")
        ),
        Overgang(
            "bekraftas",
            frozenset({R.INAKTUELL}),
            R.AKTUELL,
            _("bekräfta att rapportens innehåll är oförändrat"),
        ),
        Overgang(
            "ersatt",
            frozenset({R.AKTUELL, R.INAKTUELL}),
            R.OGILTIG,
            _("ersätta rapporten med en ny version"),
        ),
    ],
)

RB = Rapportbygge.Status
RAPPORTBYGGE_WORKFLOW = Workflow(
    _("rapportbygget"),
    Rapportbygge.Status,
    [
        Overgang("bestall", frozenset(), RB.VANTAR, _("beställa ett bygge")),
        Overgang("bestall_igen", frozenset(RB), RB.VANTAR, _("beställa ett nytt bygge")),
        Overgang("paborja", frozenset({RB.VANTAR, RB.BYGGER}), RB.BYGGER, _("påbörja bygget")),
        Overgang("bli_klart", frozenset({RB.BYGGER}), RB.KLAR, _("markera bygget klart")),
        Overgang(
            "misslyckas",
            frozenset({RB.VANTAR, RB.BYGGER}),
            RB.MISSLYCKAD,
            _("markera bygget misslyckat"),
        ),
    ],
)
