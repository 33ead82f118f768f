"""The allowed states of an improvement area, as one declared table."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow
from utvardering.models import Forbattringsomrade

S = Forbattringsomrade.Status
FORBATTRINGSOMRADE_WORKFLOW = Workflow(
    _("förbättringsområdet"),
    Forbattringsomrade.Status,
    [
        Overgang("registrera", frozenset(), S.OPPEN, _("registrera ett förbättringsområde")),
        Overgang("atgarda", frozenset({S.OPPEN}), S.ATGARDAD, _("markera området åtgärdat")),
    ],
)
