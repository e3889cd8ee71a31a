"""Rules every template keeps, read from the files themselves."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))


def test_every_wide_table_box_can_be_scrolled_from_the_keyboard():
    """A `gulir` box scrolls a table sideways on a phone. Without focus a keyboard user cannot scroll
    it (WCAG 2.1.1, axe-core's scrollable-region-focusable), and without a role and name a screen
    reader announces an unnamed focus stop."""
    kurang = []
    for path in TEMPLATES:
        for tag in re.findall(r'<div class="gulir"[^>]*>', path.read_text(encoding="utf-8")):
            if not all(a in tag for a in ('tabindex="0"', 'role="region"', "aria-label=")):
                kurang.append(f"{path.relative_to(settings.BASE_DIR)}: {tag}")
    assert not kurang, "\n".join(kurang)


def test_a_group_of_choices_is_a_fieldset_named_by_its_legend():
    """Radio buttons and several checkboxes are one question: the form template puts them in a fieldset whose
    legend is the question (WCAG 1.3.1), instead of a label pointing at no input; a lone checkbox and a text
    input keep their label."""
    from django import forms
    from django.template.loader import render_to_string

    class Isian(forms.Form):
        cara = forms.ChoiceField(label="Cara memperoleh", choices=[("a", "Ambil"), ("k", "Kirim")], widget=forms.RadioSelect)
        hari = forms.MultipleChoiceField(
            label="Hari", choices=[("1", "Senin"), ("2", "Selasa")], widget=forms.CheckboxSelectMultiple
        )
        setuju = forms.BooleanField(label="Setuju")
        nama = forms.CharField(label="Nama")

    html = render_to_string("_form.html", {"form": Isian(data={})})
    fieldsets = re.findall(r"<fieldset\b.*?</fieldset>", html, re.S)
    assert len(fieldsets) == 2
    assert re.search(r"<legend>Cara memperoleh <abbr", fieldsets[0]) and 'for="id_cara_1"' in fieldsets[0]
    assert "<legend>Hari <abbr" in fieldsets[1] and "pesan-galat" in fieldsets[1]
    assert 'for=""' not in html
    assert '<label for="id_setuju">Setuju</label>' in html and re.search(r'<label for="id_nama">Nama', html)
