"""The shapes of the evaluation, outcome and follow-up answers, for the OpenAPI document (the
views write them with ``.values()`` and orjson, not through these serializers)."""

from __future__ import annotations

from rest_framework import serializers

from karna.tid import SENAST, TIDIGAST
from myndigheter.models import Omradesbedomning
from utvardering.models import Betyg, Gemensamutvardering, Informationshinder, Myndighetsutvardering
from utvardering.models.utfall import Synlighet

TIMMAR = {"max_digits": 7, "decimal_places": 1, "min_value": 0, "max_value": 99999}


class Utvarderingsrad(serializers.Serializer):
    id = serializers.IntegerField()
    insats = serializers.IntegerField()
    status = serializers.ChoiceField(Gemensamutvardering.Status.choices)
    frist = serializers.DateField(help_text="the agencies evaluate by this date")
    forsenad = serializers.BooleanField(help_text="open and past its due date")
    oppnad = serializers.DateTimeField()
    avslutad = serializers.DateTimeField(allow_null=True)
    myndigheter = serializers.IntegerField(help_text="agency evaluations expected")
    inlamnade = serializers.IntegerField(help_text="agency evaluations submitted")
    andrad = serializers.DateTimeField(
        help_text="the latest of opening, closing, the agencies' submissions and the saves "
        "of the agency evaluations the reader may read"
    )


class Myndighetsutvarderingsinnehall(serializers.Serializer):
    betyg_objektval = serializers.CharField(allow_blank=True)
    betyg_information_fore = serializers.CharField(allow_blank=True)
    betyg_genomgang = serializers.CharField(allow_blank=True)
    betyg_polisbemanning = serializers.CharField(allow_blank=True)
    betyg_samordning = serializers.CharField(allow_blank=True)
    betyg_informationsdelning = serializers.CharField(allow_blank=True)
    timmar_fore = serializers.DecimalField(**TIMMAR, allow_null=True)
    timmar_under = serializers.DecimalField(**TIMMAR, allow_null=True)
    timmar_efter = serializers.DecimalField(**TIMMAR, allow_null=True)
    polistimmar = serializers.DecimalField(**TIMMAR, allow_null=True)
    lanande_lpoer = serializers.ListField(child=serializers.CharField(), help_text="LPO codes")
    informationshinder = serializers.ListField(child=serializers.CharField())
    informationshinder_annat = serializers.CharField(allow_blank=True)
    fritext = serializers.CharField(allow_blank=True)


class Myndighetsutvardering(serializers.Serializer):
    id = serializers.IntegerField()
    utvardering = serializers.IntegerField()
    insats = serializers.IntegerField()
    organisation = serializers.IntegerField()
    lpo = serializers.IntegerField(allow_null=True, help_text="for the police: the LPO")
    status = serializers.ChoiceField(Myndighetsutvardering.Status.choices)
    paborjad = serializers.BooleanField(help_text="saved at least once (else not begun)")
    inlamnad = serializers.DateTimeField(allow_null=True)
    andrad = serializers.DateTimeField(
        allow_null=True, help_text="last saved; null where the reader sees the state only"
    )
    kan_fylla_i = serializers.BooleanField(help_text="the reader may save it (PUT)")
    innehall = Myndighetsutvarderingsinnehall(
        allow_null=True, help_text="null where the reader may see its state only"
    )


class Forbattringsrad(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    ansvarig_organisation = serializers.IntegerField(allow_null=True)
    objekt = serializers.IntegerField(allow_null=True)
    slutdatum = serializers.DateField(allow_null=True)


class Utvarderingsdetalj(Utvarderingsrad):
    sammanfattning = serializers.CharField(allow_blank=True)
    styrkor = serializers.CharField(allow_blank=True)
    skal_for_saknade = serializers.CharField(allow_blank=True)
    myndighetsutvarderingar = Myndighetsutvardering(many=True)
    forbattringsomraden = Forbattringsrad(many=True)


def _betyg():
    return serializers.ChoiceField(Betyg.choices, allow_blank=True, default="")


def _timmar():
    return serializers.DecimalField(**TIMMAR, allow_null=True, default=None)


class Myndighetsutvarderingssvar(serializers.Serializer):
    """The whole evaluation as the agency's form has it: a field left out is saved empty."""

    betyg_objektval = _betyg()
    betyg_information_fore = _betyg()
    betyg_genomgang = _betyg()
    betyg_polisbemanning = _betyg()
    betyg_samordning = _betyg()
    betyg_informationsdelning = _betyg()
    timmar_fore = _timmar()
    timmar_under = _timmar()
    timmar_efter = _timmar()
    polistimmar = _timmar()
    lanande_lpoer = serializers.ListField(
        child=serializers.CharField(max_length=60),
        default=list,
        max_length=200,
        help_text="the police only: codes of the LPOs that lent officers",
    )
    informationshinder = serializers.ListField(
        child=serializers.ChoiceField(Informationshinder.values), default=list, max_length=10
    )
    informationshinder_annat = serializers.CharField(max_length=500, allow_blank=True, default="")
    fritext = serializers.CharField(max_length=5000, allow_blank=True, default="")
    lamna_in = serializers.BooleanField(
        default=False,
        help_text="submit it (every rating and the three hour fields are then required)",
    )


class Utfallsrad(serializers.Serializer):
    id = serializers.IntegerField()
    insats = serializers.IntegerField()
    kontroll = serializers.IntegerField(allow_null=True)
    organisation = serializers.IntegerField()
    typ = serializers.IntegerField()
    belopp = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    antal = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    enhet = serializers.CharField(allow_blank=True)
    uppskattning = serializers.BooleanField()
    beslutsdatum = serializers.DateField()
    synlighet = serializers.ChoiceField(Synlighet.values)
    registrerad = serializers.DateTimeField()
    version = serializers.IntegerField()


class Nyttutfall(serializers.Serializer):
    typ = serializers.IntegerField(min_value=1, help_text="a result type (Resultattyp)")
    beslutsdatum = serializers.DateField()
    belopp = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, default=None, help_text="in SEK"
    )
    antal = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, default=None, help_text="with enhet"
    )
    enhet = serializers.CharField(max_length=60, allow_blank=True, default="")
    uppskattning = serializers.BooleanField(default=False)
    synlighet = serializers.ChoiceField(Synlighet.values, default=Synlighet.EGEN)
    kontroll = serializers.IntegerField(
        allow_null=True, min_value=1, default=None, help_text="one control of the operation"
    )


class Cell(serializers.Serializer):
    varde = serializers.JSONField(
        allow_null=True, help_text="a number, or a text as the page shows it; null when hidden"
    )
    dold = serializers.BooleanField(help_text="hidden to protect a small count or sum")


class Uppfoljningstabell(serializers.Serializer):
    nyckel = serializers.CharField()
    rubrik = serializers.CharField()
    kolumner = serializers.ListField(child=serializers.CharField())
    rader = serializers.ListField(child=Cell(many=True))
    forklaring = serializers.CharField(allow_blank=True)


class Uppfoljning(serializers.Serializer):
    ar = serializers.IntegerField()
    troskel = serializers.IntegerField(help_text="counts below this are hidden")
    tabeller = Uppfoljningstabell(many=True)


class Uppfoljningsfraga(serializers.Serializer):
    ar = serializers.IntegerField(
        required=False,
        min_value=TIDIGAST.year,
        max_value=SENAST.year,
        help_text="this year if left out",
    )
    kvartal = serializers.IntegerField(required=False, min_value=1, max_value=4)
    manad = serializers.IntegerField(required=False, min_value=1, max_value=12)
    samverkansform = serializers.IntegerField(required=False, min_value=1)
    lpo = serializers.IntegerField(required=False, min_value=1)
    kommun = serializers.IntegerField(required=False, min_value=1)
    klass = serializers.ChoiceField(Omradesbedomning.Klass.values, required=False)
    kategori = serializers.IntegerField(required=False, min_value=1)
    myndighet = serializers.IntegerField(required=False, min_value=1)
