"""The extension points of the operations app, filled by the apps above it in their ``apps.py``
(``karna.tillagg``)."""

from karna.tillagg import Plats

# Open improvement areas per object in a briefing: each contribution takes the objects' ids and
# the briefing's readers (``karna.policy.Aktor``) and returns {objekt_id: [row, ...]} with only
# what every reader may see; a row has "text", "fran", "datum" and "ansvarig".
UNDERLAGETS_FORBATTRINGAR = Plats(
    "insatser.underlagets_forbattringar",
    "öppna förbättringsområden per objekt i ett underlag (objekt_ids, läsare -> rader)",
)

# Open improvement areas in the ranking of the add-object picker (``insatser.rangordning``): each
# contribution takes the user and returns an integer database expression counting, for the
# object at ``OuterRef("pk")``, the open improvement areas that user may see.
RANGORDNINGENS_FORBATTRINGAR = Plats(
    "insatser.rangordningens_forbattringar",
    "öppna förbättringsområden per objekt i objektväljarens rangordning (användare -> uttryck)",
)

# Sections on an operation's page from the apps above (its evaluation, the open improvement areas
# that concern it): each contribution takes the user and the operation as the page shows it
# (``visa_detaljer``, ``kan_samordna`` annotated) and returns a ``karna.tillagg.Avsnitt`` or None.
INSATSSIDANS_AVSNITT = Plats(
    "insatser.insatssidans_avsnitt", "avsnitt på insatsens sida (user, insats -> Avsnitt)"
)

# The demo data of the apps above, run by ``manage.py demodata`` after the operations exist, with
# the same effects silenced: each contribution takes the demo users by login and the year, builds
# its rows through its verbs (idempotent, looked up by stable keys) and returns how many it made.
DEMODATA = Plats(
    "insatser.demodata", "demodata från apparna ovanför (användare, år -> antal nya rader)"
)

# Links on the calendar page from the apps above (the calendar feeds): each contribution takes the
# user and returns a ``karna.tillagg.Avsnitt`` or None.
KALENDERSIDANS_AVSNITT = Plats(
    "insatser.kalendersidans_avsnitt", "avsnitt på kalendersidan (user -> Avsnitt)"
)
