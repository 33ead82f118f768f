"""The default wheels, bodies and recurrence rules (``fixtures/arshjul.json``), with sources.

They are editable defaults: loading creates what does not exist yet and never changes a row that
does, so coordinators' edits survive every new load.
"""

from __future__ import annotations

from django.conf import settings
from django.core import serializers
from django.db import transaction

FIXTUR = settings.BASE_DIR / "fixtures" / "arshjul.json"


@transaction.atomic
def ladda_standardregler() -> int:
    """Create the default rows that are missing; the number created."""
    skapade = 0
    with FIXTUR.open(encoding="utf-8") as fil:
        for objekt in serializers.deserialize("json", fil):
            # A natural key found in the database gives the object its primary key: it exists.
            if objekt.object.pk is None:
                objekt.save()
                skapade += 1
    return skapade
