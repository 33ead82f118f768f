"""Evaluation of operations: outcome types, improvement areas, outcomes and individual feedback."""

from utvardering.models.forbattring import Forbattringsomrade, Resultattyp
from utvardering.models.utfall import Aterkoppling, Utfall

__all__ = ["Aterkoppling", "Forbattringsomrade", "Resultattyp", "Utfall"]
