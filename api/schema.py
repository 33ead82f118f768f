"""The shapes of the API's answers, for the OpenAPI document (the views write them with
``.values()`` and orjson, not through these serializers)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from api.problem import Problem
from insatser.models import Mottagarkrets

PROBLEM_TYP = "application/problem+json"


class Bearerschema(OpenApiAuthenticationExtension):
    target_class = "api.auth.BearerAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "a token from the administrator (manage.py create_api_token)",
        }


class Sessionsschema(OpenApiAuthenticationExtension):
    target_class = "api.auth.Sessionsinloggning"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


def svar(ok: dict, *problem: int) -> dict:
    """An operation's answers: its own, and every problem it can give."""
    ut = dict(ok)
    for status in sorted({401, 429, *problem}):
        ut[(status, PROBLEM_TYP)] = OpenApiResponse(Problem)
    return ut


class Borttagen(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.ChoiceField(["out_of_scope"])


def sidlista(namn: str, rad: type[serializers.Serializer], **falt) -> type[serializers.Serializer]:
    return type(
        namn,
        (serializers.Serializer,),
        {"items": rad(many=True), "next": serializers.URLField(allow_null=True), **falt},
    )


ETAG = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER, required=False, description="304 if unchanged"
)
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False, description="the ETag read (required)"
)
IDEMPOTENS = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    OpenApiParameter.HEADER,
    required=False,
    description="repeats with the same key and body get the first answer",
)


class Insatsrad(serializers.Serializer):
    id = serializers.IntegerField()
    referens = serializers.CharField()
    titel = serializers.CharField()
    status = serializers.CharField()
    datum = serializers.DateField()
    start = serializers.DateTimeField(allow_null=True, help_text="null without the details")
    slut = serializers.DateTimeField(allow_null=True, help_text="null without the details")
    syfte = serializers.CharField()
    samordnande_organisation = serializers.IntegerField()
    samverkansform = serializers.IntegerField(allow_null=True)
    lpoer = serializers.ListField(child=serializers.IntegerField())
    bemanning_bekraftad = serializers.BooleanField()
    detaljer = serializers.BooleanField(help_text="whether the reader sees the details")
    andrad = serializers.DateTimeField()


class Fyndrad(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField()
    kategori = serializers.IntegerField(allow_null=True)
    tid = serializers.DateTimeField()
    text = serializers.CharField()
    delad = serializers.BooleanField()


class Nyttfynd(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    kategori = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    delad = serializers.BooleanField(default=False, help_text="shared with the participants")
    hot = serializers.BooleanField(
        default=False, help_text="threat or unlawful influence against officials (alerts at once)"
    )


class Kontrollrad(serializers.Serializer):
    id = serializers.IntegerField()
    objekt = serializers.IntegerField()
    ordning = serializers.IntegerField()
    status = serializers.CharField()
    fynd = Fyndrad(many=True)


class Deltagarrad(serializers.Serializer):
    organisation = serializers.IntegerField()
    roll = serializers.CharField()
    svar = serializers.CharField()
    planerat_antal = serializers.IntegerField()


class Objektuppgiftsrad(serializers.Serializer):
    id = serializers.IntegerField()
    objekt = serializers.IntegerField()
    organisation = serializers.IntegerField()
    sekretessniva = serializers.CharField()
    innehall = serializers.DictField(help_text="the fields of the organisation's template")


class Insatsdetalj(Insatsrad):
    samlingsplats = serializers.CharField(allow_blank=True)
    sakerhetsanteckning = serializers.CharField(allow_blank=True)
    installd_kommentar = serializers.CharField(allow_blank=True)
    kontroller = Kontrollrad(many=True)
    deltaganden = Deltagarrad(many=True)
    objektuppgifter = Objektuppgiftsrad(
        many=True, help_text="the agency information the reader may read; each read is logged"
    )


class Inbjudan(serializers.Serializer):
    insats = serializers.IntegerField()
    organisation = serializers.IntegerField()
    svar = serializers.CharField()
    planerat_antal = serializers.IntegerField()
    besvarad = serializers.DateTimeField(allow_null=True)


class Inbjudningssvar(serializers.Serializer):
    accepterad = serializers.BooleanField()
    planerat_antal = serializers.IntegerField(min_value=0, max_value=1000, default=0)


class Begaransrad(serializers.Serializer):
    id = serializers.IntegerField()
    insats = serializers.IntegerField()
    lpo = serializers.IntegerField()
    status = serializers.CharField()
    begart_antal = serializers.IntegerField()
    kompetenser = serializers.ListField(child=serializers.CharField())
    svarsfrist = serializers.DateField(allow_null=True)
    bekraftat_antal = serializers.IntegerField(allow_null=True)
    besvarad = serializers.DateTimeField(allow_null=True)
    intern_anteckning = serializers.CharField(
        allow_blank=True, help_text="empty without the police's details"
    )


class Bemanningssvar(serializers.Serializer):
    bekraftat_antal = serializers.IntegerField(min_value=0, max_value=1000)
    poliser = serializers.ListField(
        child=serializers.IntegerField(min_value=1), default=list, max_length=100
    )
    intern_anteckning = serializers.CharField(allow_blank=True, default="", max_length=5000)


class Relevansrad(serializers.Serializer):
    organisation = serializers.IntegerField()
    relevans = serializers.CharField()


class Objektrad(serializers.Serializer):
    id = serializers.IntegerField()
    referens = serializers.CharField()
    namn = serializers.CharField()
    objekttyp = serializers.CharField()
    organisationsnummer = serializers.CharField(allow_blank=True)
    adress = serializers.CharField()
    postnummer = serializers.CharField(allow_blank=True)
    postort = serializers.CharField(allow_blank=True)
    kommun = serializers.IntegerField()
    lpo = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    relevans = Relevansrad(many=True)


class Myndighetsrad(serializers.Serializer):
    id = serializers.IntegerField()
    kod = serializers.CharField()
    namn = serializers.CharField()
    kortnamn = serializers.CharField(allow_blank=True)
    typ = serializers.CharField()
    ar_polis = serializers.BooleanField()


class Lporad(serializers.Serializer):
    id = serializers.IntegerField()
    kod = serializers.CharField()
    namn = serializers.CharField()
    polisomrade = serializers.IntegerField(allow_null=True)
    region = serializers.IntegerField(allow_null=True)


class Handelserad(serializers.Serializer):
    id = serializers.IntegerField()
    arshjul = serializers.IntegerField()
    typ = serializers.CharField()
    titel = serializers.CharField()
    beskrivning = serializers.CharField(allow_blank=True)
    start = serializers.DateTimeField()
    slut = serializers.DateTimeField()
    heldag = serializers.BooleanField()
    organ = serializers.IntegerField(allow_null=True)
    lpo = serializers.IntegerField(allow_null=True)
    kapacitet = serializers.IntegerField(allow_null=True)
    installd = serializers.BooleanField()


class Informationsmallrad(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField()
    objekttyp = serializers.CharField()
    version = serializers.IntegerField()
    aktiv = serializers.BooleanField(help_text="the template the organisation writes with now")
    schema = serializers.DictField(
        help_text="the template's fields as JSON Schema (draft 2020-12) of a block's content"
    )


class Informationsblock(Objektuppgiftsrad):
    mall = serializers.IntegerField(allow_null=True, help_text="the template it was written with")
    skapad = serializers.DateTimeField()


INFORMATION = serializers.DictField(
    help_text="the answers, valid against the JSON Schema of the organisation's active template "
    "for the object's type (GET /informationsmallar)"
)
IF_NONE_MATCH_SKAPA = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="`*` for the organisation's first block on the object (If-Match otherwise)",
)


class Frislappningsrad(serializers.Serializer):
    id = serializers.IntegerField()
    objektuppgift = serializers.IntegerField()
    objekt = serializers.IntegerField()
    organisation = serializers.IntegerField(help_text="the organisation that owns the block")
    krets = serializers.CharField()
    mottagare = serializers.ListField(
        child=serializers.IntegerField(), help_text="the organisations named (krets NAMNGIVNA)"
    )
    delningsgrund = serializers.IntegerField(allow_null=True)
    grund = serializers.CharField()
    tidpunkt = serializers.DateTimeField()
    aterkallad = serializers.DateTimeField(allow_null=True)


class Nyfrislappning(serializers.Serializer):
    objektuppgift = serializers.IntegerField(min_value=1, help_text="a block of the reader's own")
    delningsgrund = serializers.IntegerField(
        min_value=1, help_text="one of the organisation's disclosure provisions"
    )
    krets = serializers.ChoiceField(
        Mottagarkrets.values, default=Mottagarkrets.ALLA, help_text="who it reaches"
    )
    namngivna = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        default=list,
        max_length=100,
        help_text="the organisations, for krets NAMNGIVNA",
    )


class Aterkallelse(serializers.Serializer):
    orsak = serializers.CharField(
        max_length=500, help_text="why the release is taken back (told to those it reached)"
    )


class Nekadfrislappning(serializers.Serializer):
    id = serializers.IntegerField()
    objektuppgift = serializers.IntegerField()
    krets = serializers.CharField()
    delningsgrund = serializers.IntegerField(allow_null=True)
    hinder = serializers.CharField(help_text="the recipients the provision does not cover")
    tidpunkt = serializers.DateTimeField()


class Uppgiftsbegaransrad(serializers.Serializer):
    id = serializers.IntegerField()
    insats = serializers.IntegerField()
    objekt = serializers.IntegerField(allow_null=True)
    fragande_organisation = serializers.IntegerField()
    tillfragad_organisation = serializers.IntegerField()
    fraga = serializers.CharField()
    status = serializers.CharField()
    svar = serializers.CharField(allow_blank=True, help_text="the answer, or the reason declined")
    frislappning = serializers.IntegerField(allow_null=True, help_text="the release that answers")
    skapad = serializers.DateTimeField()
    besvarad = serializers.DateTimeField(allow_null=True)


class Uppgiftssvar(serializers.Serializer):
    avboj = serializers.BooleanField(default=False, help_text="decline; `svar` gives the reason")
    svar = serializers.CharField(max_length=5000, help_text="the answer (or the reason)")
    frislappning = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="an active release of the organisation's own here that reaches the asker",
    )
