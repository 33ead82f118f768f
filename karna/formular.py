"""What every form of the project does, so that no page forgets it.

- dates and times keep to the app's bounds (``karna.tid``);
- control characters typed or pasted into text are removed before anything is stored (line
  breaks and tabs stay);
- an error in a field the page fills in for the user (``kontrollfalt``: the version or status the
  form showed) becomes one message above the form asking for a reload, since the user can
  neither see nor fix it;
- each field with an error points at its message (``aria-describedby``), for screen readers.

Every form inherits ``Formular`` or ``Modellformular``; ``tests/karna/test_formular.py`` sees
to that.
"""

from __future__ import annotations

import re
import uuid

from django import forms
from django.utils.translation import gettext as _

from karna.tid import begransa_datumfalt

# C0 and C1 control characters and DEL, except tab, line feed and carriage return.
_STYRTECKEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def utan_styrtecken(text: str) -> str:
    return _STYRTECKEN.sub("", text)


class Grundformular:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for falt in self.fields.values():
            begransa_datumfalt(falt)

    def _clean_fields(self):
        super()._clean_fields()
        for namn, varde in list(self.cleaned_data.items()):
            if isinstance(varde, str):
                self.cleaned_data[namn] = utan_styrtecken(varde)

    def full_clean(self):
        super().full_clean()
        dolda = [
            namn
            for namn in self.errors
            if namn in self.fields and getattr(self.fields[namn], "kontrollfalt", False)
        ]
        for namn in dolda:
            del self.errors[namn]
        if dolda:
            self.add_error(None, _("Formuläret är inaktuellt. Ladda om sidan och försök igen."))
        for namn in self.errors:
            if namn in self.fields:
                falt = self[namn]
                beskrivning = f"{falt.auto_id}-fel"
                if self.fields[namn].help_text:
                    beskrivning = f"{falt.auto_id}_helptext {beskrivning}"
                self.fields[namn].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": beskrivning}
                )


class Formular(Grundformular, forms.Form):
    pass


class Modellformular(Grundformular, forms.ModelForm):
    pass


def kontrollfalt(falt: forms.Field) -> forms.Field:
    """A hidden field the page fills in to tell what the user saw (a version, a status)."""
    falt.widget = forms.HiddenInput()
    falt.kontrollfalt = True
    return falt


def versionsfalt(min_value: int = 0) -> forms.IntegerField:
    """The version of the row the form shows; sent back so that a stale form is refused."""
    return kontrollfalt(forms.IntegerField(min_value=min_value))


ENGANGSFALT = "engangsnyckel"


def engangsfalt() -> forms.UUIDField:
    """A create form's one-time key (``karna.engang``), new each time the form is shown; the
    page views take it out before the data reaches the verb. A post without one (a page opened
    before the key existed, a script) is run as it is, without the protection."""
    return kontrollfalt(forms.UUIDField(initial=uuid.uuid4, required=False))
