"""Information templates: a malformed definition is refused; the form follows the definition."""

import pytest
from django.core.exceptions import ValidationError

from objekt.mallar import MallForm, validera_faltdefinition, visningsrader


@pytest.mark.parametrize(
    ("definition", "meddelande"),
    [
        ({"namn": "x"}, "ska vara en lista"),
        (["text"], "Fält 1"),
        ([{"namn": "Stora Bokstäver", "etikett": "A", "typ": "text"}], "små bokstäver"),
        ([{"namn": "a", "etikett": "A", "typ": "text"}] * 2, "finns redan"),
        ([{"namn": "a", "etikett": " ", "typ": "text"}], "etikett saknas"),
        ([{"namn": "a", "etikett": "A", "typ": "bild"}], "typen ska vara en av"),
        ([{"namn": "a", "etikett": "A", "typ": "choice", "val": []}], "lista med alternativ"),
        ([{"namn": "a", "etikett": "A", "typ": "text", "obligatorisk": "ja"}], "true eller false"),
    ],
)
def test_malformed_definitions_are_refused_in_swedish(definition, meddelande):
    with pytest.raises(ValidationError, match=meddelande):
        validera_faltdefinition(definition)


class _Mall:
    faltdefinition = [
        {"namn": "datum", "etikett": "Senaste kontroll", "typ": "date"},
        {"namn": "ok", "etikett": "Godkänd", "typ": "boolean", "obligatorisk": True},
        {"namn": "fri", "etikett": "Fritext", "typ": "textarea"},
        {"namn": "tal", "etikett": "Yta", "typ": "number"},
    ]


def test_the_form_validates_and_stores_json_values():
    form = MallForm(
        {"uppgift-datum": "2026-03-01", "uppgift-ok": "nej", "uppgift-tal": "12.5"}, mall=_Mall()
    )
    assert form.is_valid(), form.errors
    assert form.innehall() == {"datum": "2026-03-01", "ok": False, "tal": 12.5}
    assert "underrättelseuppgifter" in str(form.fields["fri"].help_text)
    saknas = MallForm({"uppgift-datum": "igår"}, mall=_Mall())
    assert not saknas.is_valid()
    assert set(saknas.errors) == {"datum", "ok"}


def test_answers_are_shown_with_labels_in_template_order():
    rader = visningsrader(_Mall.faltdefinition, {"tal": 3, "ok": True, "gammal": "x"})
    assert rader == [("Godkänd", "Ja"), ("Yta", "3"), ("gammal", "x")]


@pytest.mark.django_db
def test_demo_templates_are_valid_and_one_active_per_agency_and_type():
    from objekt.demodata import skapa_informationsmallar
    from objekt.models import Informationsmall

    skapa_informationsmallar(
        lambda modell, nycklar, **defaults: modell.objects.get_or_create(
            **nycklar, defaults=defaults
        )
    )
    mallar = list(Informationsmall.objects.select_related("organisation"))
    assert {m.organisation.kod for m in mallar} == {
        "skatteverket",
        "av",
        "migrationsverket",
        "miljoforvaltningen",
        "akc-vast",
    }
    for mall in mallar:
        mall.full_clean()
