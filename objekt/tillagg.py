"""The extension points of the object pool, filled by the apps above it in their ``apps.py``
(``karna.tillagg``)."""

from karna.tillagg import Plats

# Parts of the history section of an object's page: each contribution takes the user and the
# object and returns a ``karna.tillagg.Avsnitt`` (e.g. the operations' earlier controls).
OBJEKTETS_HISTORIK = Plats(
    "objekt.objektets_historik", "delar av historiken på objektets sida (user, objekt -> Avsnitt)"
)
