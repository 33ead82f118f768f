"""The side effects the evaluation verbs declare (``karna.effekter``); subscribers are registered
in ``utvardering/apps.py``."""

from karna.effekter import Effekt

RAPPORT_BESTALLD = Effekt(
    "utvardering.rapport_bestalld",
    "utvärderingsrapporterna ska byggas (data: utvardering_id, nummer)",
)
