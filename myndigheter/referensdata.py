"""Loading of the reference-data fixtures (agencies, geography, categories).

The fixtures in ``fixtures/`` use natural keys, so loading them again updates rows in place.
"""

from django.core.management import call_command

# Load order: later files refer to rows of earlier ones.
REFERENSDATA_FIXTURES = ["myndigheter", "geografi", "kategorier"]


def ladda_referensdata(verbosity: int = 0) -> None:
    call_command("loaddata", *REFERENSDATA_FIXTURES, verbosity=verbosity)
