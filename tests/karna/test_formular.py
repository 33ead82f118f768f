"""What every form of the project does (``karna.formular``)."""

import importlib
import pkgutil

from django import forms

from karna.dokument import _projektets_appar
from karna.formular import Formular, Grundformular, kontrollfalt, utan_styrtecken


def _alla_projektets_formular() -> set[type]:
    for app in _projektets_appar():
        paket = importlib.import_module(app.name)
        for info in pkgutil.walk_packages(paket.__path__, f"{app.name}."):
            if ".migrations" not in info.name and ".management" not in info.name:
                importlib.import_module(info.name)
    appar = {app.name for app in _projektets_appar()}
    funna, kvar = set(), [forms.BaseForm]
    while kvar:
        for underklass in kvar.pop().__subclasses__():
            kvar.append(underklass)
            if underklass.__module__.split(".")[0] in appar:
                funna.add(underklass)
    return funna


def test_every_form_of_the_project_inherits_the_base_form():
    formular = _alla_projektets_formular()
    assert len(formular) > 30
    utan = sorted(
        f"{f.__module__}.{f.__qualname__}" for f in formular if not issubclass(f, Grundformular)
    )
    assert utan == []


class _Textformular(Formular):
    text = forms.CharField(widget=forms.Textarea)
    version = kontrollfalt(forms.IntegerField())


def test_control_characters_are_removed_before_anything_is_stored():
    form = _Textformular({"text": "Rad ett\x07\r\nRad\ttvå\x1b[31m\x7f\x9b", "version": "1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "Rad ett\r\nRad\ttvå[31m"
    assert utan_styrtecken("a\x0cb\x0bc") == "abc"


def test_a_null_character_is_refused_with_a_message():
    form = _Textformular({"text": "Rad\x00ett", "version": "1"})
    assert not form.is_valid()
    assert form.errors["text"] == ["Null-tecken är inte tillåtna."]


def test_an_error_in_a_field_the_page_filled_in_asks_for_a_reload():
    form = _Textformular({"text": "Hej", "version": "x"})
    assert not form.is_valid()
    assert "version" not in form.errors
    assert form.non_field_errors() == ["Formuläret är inaktuellt. Ladda om sidan och försök igen."]


def test_a_field_with_an_error_points_at_its_message():
    form = _Textformular({"text": "", "version": "1"})
    assert not form.is_valid()
    attrs = form.fields["text"].widget.attrs
    assert attrs["aria-invalid"] == "true"
    assert attrs["aria-describedby"] == "id_text-fel"
