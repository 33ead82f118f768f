"""Inspection objects (businesses, premises, housing; never persons), their information, imports."""

from objekt.models.objekt import (
    Informationsmall,
    Myndighetsintresse,
    Objekt,
    Objekttyp,
    Objektuppgift,
    Problemkategori,
    normaliserad_adress,
)
from objekt.models.objektimport import Importrad, Objektimport

__all__ = [
    "Importrad",
    "Informationsmall",
    "Myndighetsintresse",
    "Objekt",
    "Objektimport",
    "Objekttyp",
    "Objektuppgift",
    "Problemkategori",
    "normaliserad_adress",
]
