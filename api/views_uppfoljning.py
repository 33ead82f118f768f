"""The follow-up's figures: the tables of the follow-up page for one view, computed by the page's
own code for the operations the reader's follow-up counts, small counts protected as there."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions

from api import schema
from api import schema_utvardering as utvschema
from api.vyer import ApiVy, fragan, json_svar
from uppfoljning import selectors
from uppfoljning.access import UPPFOLJNING
from uppfoljning.siffror import DOLD, SKYDDAD_SUMMA, Antal, Tabell, Urval


def _cell(varde, raden_dold: bool) -> dict:
    """A cell as the page shows it, a hidden one as null with the flag, never its number: a
    protected count is its shown (rounded) value; a hidden sum, or a change computed from a
    hidden count, null."""
    if isinstance(varde, Antal):
        return {"varde": None if varde.dold else int(varde.text), "dold": varde.dold}
    if isinstance(varde, bool | int):
        return {"varde": varde, "dold": False}
    text = str(varde)
    if text == SKYDDAD_SUMMA:
        return {"varde": None, "dold": True}
    if text == DOLD:
        return {"varde": None, "dold": raden_dold}
    return {"varde": text, "dold": False}


def _tabell(tabell: Tabell) -> dict:
    rader = []
    for rad in tabell.rader:
        raden_dold = any(isinstance(c, Antal) and c.dold for c in rad)
        rader.append([_cell(c, raden_dold) for c in rad])
    return {
        "nyckel": tabell.nyckel,
        "rubrik": str(tabell.rubrik),
        "kolumner": [str(k) for k in tabell.kolumner],
        "rader": rader,
        "forklaring": str(tabell.forklaring),
    }


class Uppfoljning(ApiVy):
    @extend_schema(
        operation_id="uppfoljning_retrieve",
        parameters=[utvschema.Uppfoljningsfraga],
        responses=schema.svar({200: utvschema.Uppfoljning}, 400, 403),
    )
    def get(self, request):
        """The follow-up page's tables for a year (and a quarter or month, and filters): the
        operations the reader's follow-up counts, never one by one. Management, coordinators and
        focal points; others get 403, as on the page."""
        if not UPPFOLJNING.tillater(request.user):
            raise exceptions.PermissionDenied(
                _("Uppföljningen är för ledningen, samordnare och myndighetskontakter.")
            )
        fraga = fragan(request, utvschema.Uppfoljningsfraga)
        urval = Urval(**{"ar": timezone.localdate().year, **fraga})
        tabeller = selectors.siffror(request.user, urval)["tabeller"]
        return json_svar(
            {
                "ar": urval.ar,
                "troskel": settings.UPPFOLJNING_TROSKEL,
                "tabeller": [_tabell(t) for t in tabeller.values()],
            }
        )
