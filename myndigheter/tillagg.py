"""The extension points of the organisations app, filled by the apps above it in their
``apps.py`` (``karna.tillagg``)."""

from karna.tillagg import Plats

# Sections of the start page after the user's own role: each contribution takes the request and
# returns a ``karna.tillagg.Avsnitt`` (or None). ``ordning`` below 50 puts it above the role.
STARTSIDA = Plats("myndigheter.startsida", "avsnitt på startsidan (request -> Avsnitt)")

# Further signs of unusual access for the monthly log review: each contribution takes the period's
# access-log rows and returns a list of deviations (``logguppfoljning.avvikelse``).
LOGGKONTROLLER = Plats(
    "myndigheter.loggkontroller",
    "kontroller i den månatliga logguppföljningen (rader -> avvikelser)",
)
