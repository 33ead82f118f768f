"""Wheels from the default rules, and a build run in the test process (the tasks' bodies)."""

import pytest

from arshjul.models import Arshjul, Arshjulsar
from arshjul.services import bygge
from arshjul.services.ombyggnad import begar_ombyggnad
from arshjul.standardregler import ladda_standardregler

AR = 2026


@pytest.fixture
def standardhjul(db):
    ladda_standardregler()
    return {h.kod: h for h in Arshjul.objects.all()}


@pytest.fixture
def akc(standardhjul):
    return standardhjul["akc-vast-insatser"]


@pytest.fixture
def trygg(standardhjul):
    return standardhjul["trygg-i-goteborg"]


@pytest.fixture
def bygg(django_capture_on_commit_callbacks):
    """Ask for a rebuild and run what the two tasks would run; the version built, if any.

    The request's own callback (enqueueing the task) is not run; the build's are (file removal).
    """

    def bygg_nu(arshjul, ar=AR):
        rad = begar_ombyggnad(arshjul.pk, ar)
        with django_capture_on_commit_callbacks(execute=True):
            version_id = bygge.bygg(rad.pk, rad.begaran)
            if version_id is not None:
                bygge.rendera(version_id)
        return Arshjulsar.objects.get(pk=rad.pk).versioner.order_by("-nummer").first()

    return bygg_nu
