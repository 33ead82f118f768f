"""A real worker process (not eager) fans out a cancellation: notifications and e-mails.

The worker's e-mail goes to its console backend, out of the test's reach; the rows' sent marks
show that it was sent, and tests/notiser/test_utskick.py reads the contents in-process.
"""

import pytest

from insatser.models import Insatshandelse
from notiser.models import Notis, Utskick
from tests.varld import stall_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_notifies_everyone_of_a_cancellation_at_once(
    celery_arbetare, personer, bekraftad, orsak
):
    arbetare = celery_arbetare()  # listens to the cancellation queue first
    insats, _ = bekraftad
    stall_in(personer, insats, orsak)
    handelse = Insatshandelse.objects.get(insats=insats, typ="stall_in")

    def klart():
        return (
            Utskick.objects.filter(handelse=handelse).exists()
            and Notis.objects.filter(handelse=handelse, epost_skickad__isnull=False).count() == 5
        )

    arbetare.vanta_pa(klart)
    notiser = Notis.objects.filter(handelse=handelse)
    assert set(notiser.values_list("mottagare__username", flat=True)) == {
        "kollega",
        "skv",
        "skv.kontakt",
        "opsam",
        "polis",
    }
    assert not notiser.filter(mottagare=personer["samordnare"]).exists()
