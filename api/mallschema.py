"""An agency's information template (``objekt.Informationsmall``) as JSON Schema (draft
2020-12), so that another system can check a block before it writes it, and the checks of a
written block: the JSON types the schema states, then the template's own form (``MallForm``),
which the page uses too, for everything else (lengths, dates, options, required answers)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from objekt.mallar import FRITEXTVARNING, MallForm

DIALEKT = "https://json-schema.org/draft/2020-12/schema"
# The limits of the template's form fields (objekt.mallar._formfalt).
TEXTLANGD = {"text": 500, "textarea": 4000}
# A number has at most 15 digits, 2 of them decimals (the form's DecimalField).
TALGRANS = 10**13

JSONTYPER = {
    "text": "string",
    "textarea": "string",
    "number": "number",
    "date": "string",
    "boolean": "boolean",
    "choice": "string",
}


def _faltschema(falt: dict) -> dict:
    typ = falt["typ"]
    schema = {"type": JSONTYPER[typ], "title": falt["etikett"]}
    beskrivning = [falt.get("hjalptext", "")]
    if typ == "textarea":
        beskrivning.append(str(FRITEXTVARNING))
    if any(beskrivning):
        schema["description"] = " ".join(filter(None, beskrivning))
    if typ in TEXTLANGD:
        schema["maxLength"] = TEXTLANGD[typ]
        if falt.get("obligatorisk"):
            schema["minLength"] = 1
    elif typ == "number":
        schema["exclusiveMinimum"] = -TALGRANS
        schema["exclusiveMaximum"] = TALGRANS
    elif typ == "date":
        schema["format"] = "date"
    elif typ == "choice":
        schema["enum"] = list(falt["val"])
    return schema


def json_schema(faltdefinition: list, titel: str, id_url: str = "") -> dict:
    """A template's fields as one JSON Schema of an object: each field a property with its
    label as title, its help text as description, its options as enum; the required fields
    listed; no other property allowed."""
    schema = {
        "$schema": DIALEKT,
        "title": titel,
        "type": "object",
        "properties": {falt["namn"]: _faltschema(falt) for falt in faltdefinition},
        "required": [falt["namn"] for falt in faltdefinition if falt.get("obligatorisk")],
        "additionalProperties": False,
    }
    if id_url:
        schema["$id"] = id_url
    return schema


def _typfel(varde, jsontyp: str) -> bool:
    if jsontyp == "number":
        return isinstance(varde, bool) or not isinstance(varde, int | float)
    return not isinstance(varde, {"string": str, "boolean": bool}[jsontyp])


def _som_formular(varde) -> str:
    if isinstance(varde, bool):
        return "ja" if varde else "nej"
    return str(varde)


def innehall_enligt_mallen(mall, data) -> dict:
    """The answers of a written block, checked against the template: a field error per field
    (raised as a DRF ValidationError, so a 400 itemises them), else the answers as the page
    stores them."""
    if not isinstance(data, dict):
        raise serializers.ValidationError({"body": [_("Ange uppgifterna som ett JSON-objekt.")]})
    falten = {falt["namn"]: falt for falt in mall.faltdefinition}
    fel = {namn: [_("Fältet finns inte i mallen.")] for namn in data if namn not in falten} | {
        namn: [_("Fel typ av värde.")]
        for namn, varde in data.items()
        if namn in falten and varde is not None and _typfel(varde, JSONTYPER[falten[namn]["typ"]])
    }
    if fel:
        raise serializers.ValidationError(fel)
    form = MallForm(
        {
            f"{MallForm.prefix}-{namn}": _som_formular(varde)
            for namn, varde in data.items()
            if varde is not None
        },
        mall=mall,
    )
    if not form.is_valid():
        raise serializers.ValidationError({namn: list(fel) for namn, fel in form.errors.items()})
    return form.innehall()
