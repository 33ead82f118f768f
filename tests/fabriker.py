"""Factories (factory-boy) for the rows the tests build by hand.

Reference data (organisations, LPOs, municipalities) is part of every test database, so the
factories look it up by code; users come from the ``skapa_anvandare`` fixture (tests/conftest.py).
A status given to a factory must be one the workflow table can reach (``Workflow.nadd``): tests may
start a row in any reachable state, never in an invented one.
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from insatser.models import Bemanningsbegaran, Deltagande, Insats, Kontroll
from insatser.workflow import (
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
    KONTROLL_WORKFLOW,
    SVAR_WORKFLOW,
)
from myndigheter.models import Delningsgrund, Kommun, Lokalpolisomrade, Mottagarslag, Myndighet
from objekt.models import Objekt, Objekttyp
from objekt.workflow import OBJEKT_WORKFLOW


def org(kod: str) -> Myndighet:
    return Myndighet.objects.get(kod=kod)


def lpo(kod: str) -> Lokalpolisomrade:
    return Lokalpolisomrade.objects.get(kod=kod)


class InsatsFabrik(factory.django.DjangoModelFactory):
    """An operation coordinated by AKC-väst, in ``dagar`` days (5) for ``timmar`` hours (2), in
    any reachable status; ``lpoer=[...]`` sets its LPOs. The parameters spare each test its own
    date arithmetic."""

    class Meta:
        model = Insats
        skip_postgeneration_save = True  # lpoer is a relation: no second save, no history row

    class Params:
        dagar = 5
        timmar = 2

    referens = factory.Sequence(lambda n: f"T-{n:04d}")
    titel = factory.LazyAttribute(lambda o: f"Insats {o.referens}")
    samordnande_organisation = factory.LazyFunction(lambda: org("akc-vast"))
    start = factory.LazyAttribute(lambda o: timezone.now() + timedelta(days=o.dagar))
    slut = factory.LazyAttribute(lambda o: o.start + timedelta(hours=o.timmar))
    status = factory.LazyFunction(lambda: INSATS_WORKFLOW.skapa("skapad"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["status"] = INSATS_WORKFLOW.nadd(kwargs["status"])
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def lpoer(self, create, extracted, **kwargs):
        if create and extracted:
            self.lpoer.set(extracted)


class DeltagandeFabrik(factory.django.DjangoModelFactory):
    class Meta:
        model = Deltagande

    insats = factory.SubFactory(InsatsFabrik)
    organisation = factory.LazyFunction(lambda: org("skatteverket"))
    svar = factory.LazyFunction(lambda: SVAR_WORKFLOW.skapa("bjud_in"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["svar"] = SVAR_WORKFLOW.nadd(kwargs["svar"])
        return super()._create(model_class, *args, **kwargs)


class BemanningsbegaranFabrik(factory.django.DjangoModelFactory):
    """A staffing request sent to LPO City for two officers."""

    class Meta:
        model = Bemanningsbegaran

    insats = factory.SubFactory(InsatsFabrik)
    lpo = factory.LazyFunction(lambda: lpo("city"))
    begart_antal = 2
    status = factory.LazyFunction(lambda: BEMANNING_WORKFLOW.nadd("SKICKAD"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["status"] = BEMANNING_WORKFLOW.nadd(kwargs["status"])
        return super()._create(model_class, *args, **kwargs)


class ObjektFabrik(factory.django.DjangoModelFactory):
    """A business in Göteborg proposed by Skatteverket."""

    class Meta:
        model = Objekt

    referens = factory.Sequence(lambda n: f"O-{n:04d}")
    namn = factory.Sequence(lambda n: f"Testbolaget {n} AB")
    objekttyp = Objekttyp.FORETAG
    adress = factory.Sequence(lambda n: f"Testgatan {n}")
    kommun = factory.LazyFunction(lambda: Kommun.objects.get(kod="goteborg"))
    foreslaget_av_organisation = factory.LazyFunction(lambda: org("skatteverket"))
    status = factory.LazyFunction(lambda: OBJEKT_WORKFLOW.skapa("foresla"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["status"] = OBJEKT_WORKFLOW.nadd(kwargs["status"])
        return super()._create(model_class, *args, **kwargs)


class KontrollFabrik(factory.django.DjangoModelFactory):
    class Meta:
        model = Kontroll

    insats = factory.SubFactory(InsatsFabrik)
    objekt = factory.SubFactory(ObjektFabrik)
    status = factory.LazyFunction(lambda: KONTROLL_WORKFLOW.skapa("lagg_till"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["status"] = KONTROLL_WORKFLOW.nadd(kwargs["status"])
        return super()._create(model_class, *args, **kwargs)


class DelningsgrundFabrik(factory.django.DjangoModelFactory):
    """A provision of an organisation's profile; by default it covers every kind of recipient."""

    class Meta:
        model = Delningsgrund

    organisation = factory.LazyFunction(lambda: org("skatteverket"))
    bestammelse = factory.Sequence(lambda n: f"10 kap. {n + 1} § OSL")
    mottagarslag = factory.LazyFunction(lambda: list(Mottagarslag.values))


def insats_med(objekt: Objekt, deltagare: tuple[str, ...] | list[str], **falt) -> Insats:
    """An operation of AKC-väst inspecting ``objekt``, with the organisations ``deltagare`` (by
    code) invited."""
    insats = InsatsFabrik(samordnande_organisation=org("akc-vast"), **falt)
    KontrollFabrik(insats=insats, objekt=objekt)
    for kod in deltagare:
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    return insats
