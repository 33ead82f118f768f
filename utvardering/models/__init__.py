"""The evaluation app's tables, one module per part; every model is importable from here."""

from utvardering.models.forbattring import Forbattringsomrade, Resultattyp
from utvardering.models.rapport import Rapportbygge, Utvarderingsrapport
from utvardering.models.utfall import Aterkoppling, Utfall
from utvardering.models.utvardering import (
    Betyg,
    Gemensamutvardering,
    Informationshinder,
    Myndighetsutvardering,
    Paminnelse,
    Utvarderingsfrist,
)

__all__ = [
    "Aterkoppling",
    "Betyg",
    "Forbattringsomrade",
    "Gemensamutvardering",
    "Informationshinder",
    "Myndighetsutvardering",
    "Paminnelse",
    "Rapportbygge",
    "Resultattyp",
    "Utfall",
    "Utvarderingsfrist",
    "Utvarderingsrapport",
]
