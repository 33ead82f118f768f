"""The side effects the operation verbs declare (``karna.effekter``).

Subscribers are registered in ``insatser/apps.py`` and in the apps above (``notiser/apps.py``).
"""

from karna.effekter import Effekt

INSATSEN_ANDRAD = Effekt(
    "insatser.insatsen_andrad",
    "en insats ändrades och fick en post på sin tidslinje (data: handelse)",
)
UNDERLAG_BESTALLDA = Effekt(
    "insatser.underlag_bestallda",
    "informationsunderlag ska byggas (data: bestallningar, fordrojning)",
)
