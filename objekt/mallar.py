"""Information templates: the field definition of an ``Informationsmall`` and the form it makes.

A definition is a list of fields, each a dict::

    {"namn": "anstallda", "etikett": "Antal anställda", "typ": "number",
     "obligatorisk": false, "hjalptext": "...", "val": ["...", "..."]}

``typ`` is one of ``FALTTYPER``; ``val`` (the options) only for ``choice``. Answers are stored
in ``Objektuppgift.innehall`` under each field's ``namn``, as JSON values.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from karna.formular import Formular

FALTTYPER = ("text", "textarea", "number", "date", "boolean", "choice")
_NAMN_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
FRITEXTVARNING = gettext_lazy(
    "Skriv inte in underrättelseuppgifter, uppgifter som omfattas av banksekretess eller "
    "uppgifter om enskilda personer."
)


def validera_faltdefinition(definition) -> None:
    """Refuse a malformed definition with a Swedish message naming the field at fault."""
    if not isinstance(definition, list):
        raise ValidationError({"faltdefinition": _("Fältdefinitionen ska vara en lista av fält.")})
    sedda = set()
    for nummer, falt in enumerate(definition, start=1):
        fel = _fel_i_falt(falt, sedda)
        if fel:
            raise ValidationError(
                {"faltdefinition": _("Fält %(nr)s: %(fel)s") % {"nr": nummer, "fel": fel}}
            )
        sedda.add(falt["namn"])


def _fel_i_falt(falt, sedda: set[str]) -> str | None:
    if not isinstance(falt, dict):
        return _("ett fält ska ha namn, etikett och typ.")
    if not isinstance(falt.get("namn"), str) or not _NAMN_RE.match(falt["namn"]):
        return _("namnet ska bestå av små bokstäver a–z, siffror och understreck.")
    if falt["namn"] in sedda:
        return _("namnet %(namn)s finns redan.") % {"namn": falt["namn"]}
    if not isinstance(falt.get("etikett"), str) or not falt["etikett"].strip():
        return _("etikett saknas.")
    if falt.get("typ") not in FALTTYPER:
        return _("typen ska vara en av %(typer)s.") % {"typer": ", ".join(FALTTYPER)}
    if not isinstance(falt.get("obligatorisk", False), bool):
        return _("obligatorisk ska vara true eller false.")
    val = falt.get("val")
    if falt["typ"] == "choice" and (
        not isinstance(val, list) or not val or not all(isinstance(v, str) and v for v in val)
    ):
        return _("ett valfält behöver en lista med alternativ.")
    return None


def _formfalt(falt: dict) -> forms.Field:
    gemensamt = {
        "label": falt["etikett"],
        "required": falt.get("obligatorisk", False),
        "help_text": falt.get("hjalptext", ""),
    }
    match falt["typ"]:
        case "text":
            return forms.CharField(max_length=500, **gemensamt)
        case "textarea":
            hjalp = [gemensamt["help_text"], str(FRITEXTVARNING)]
            gemensamt["help_text"] = " ".join(filter(None, hjalp))
            return forms.CharField(
                max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), **gemensamt
            )
        case "number":
            return forms.DecimalField(max_digits=15, decimal_places=2, **gemensamt)
        case "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **gemensamt)
        case "boolean":
            # A choice rather than a checkbox, so that "required" means "answered", and an
            # unanswered question is told apart from a no.
            return forms.TypedChoiceField(
                choices=[("", _("Välj")), ("ja", _("Ja")), ("nej", _("Nej"))],
                coerce=lambda v: v == "ja",
                empty_value=None,
                **gemensamt,
            )
        case _:
            return forms.ChoiceField(
                choices=[("", _("Välj")), *((v, v) for v in falt["val"])], **gemensamt
            )


class MallForm(Formular):
    """The fields of one template; prefixed so that they never clash with the object's fields."""

    prefix = "uppgift"

    def __init__(self, *args, mall, **kwargs):
        super().__init__(*args, **kwargs)
        self.mall = mall
        for falt in mall.faltdefinition:
            self.fields[falt["namn"]] = _formfalt(falt)

    def innehall(self) -> dict:
        """The answers as JSON values; unanswered optional fields are left out."""
        return {
            namn: _json_varde(varde)
            for namn, varde in self.cleaned_data.items()
            if varde not in (None, "")
        }


def _json_varde(varde):
    if isinstance(varde, date):
        return varde.isoformat()
    if isinstance(varde, Decimal):
        return int(varde) if varde == varde.to_integral_value() else float(varde)
    return varde


def visningsrader(definition: list, innehall: dict) -> list[tuple[str, str]]:
    """(label, shown value) in the template's order; answers to fields it lacks come last."""
    rader = []
    kanda = set()
    for falt in definition:
        kanda.add(falt["namn"])
        if falt["namn"] in innehall:
            rader.append((falt["etikett"], _visa(innehall[falt["namn"]])))
    rader += [(namn, _visa(varde)) for namn, varde in innehall.items() if namn not in kanda]
    return rader


def _visa(varde) -> str:
    if isinstance(varde, bool):
        return _("Ja") if varde else _("Nej")
    return str(varde)


def saknade_obligatoriska(definition: list, innehall: dict) -> list[str]:
    """Labels of required fields without an answer."""
    return [
        falt["etikett"]
        for falt in definition
        if falt.get("obligatorisk") and innehall.get(falt["namn"]) in (None, "")
    ]
