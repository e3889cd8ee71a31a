"""The English catalogue is complete: every string translated, none left fuzzy, and compiled."""

import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"


def _entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        msgid = "".join(re.findall(r'"(.*)"', (re.search(r'^msgid ((?:".*"\n?)+)', block, re.M) or [None, ""])[1]))
        if msgid:
            yield block, msgid


def test_every_string_has_an_english_translation():
    missing = []
    for block, msgid in _entries():
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        if not strs or any(not "".join(re.findall(r'"(.*)"', s)) for s in strs):
            missing.append(msgid)
    assert not missing, missing[:5]


def test_no_translation_is_left_fuzzy_and_the_catalogue_is_compiled():
    assert not [m for b, m in _entries() if "#, fuzzy" in b]
    from django.utils import translation

    with translation.override("en"):
        # The newest strings must be in the compiled file too.
        assert translation.gettext("Lupa kata sandi?") == "Forgot your password?"
        assert translation.gettext("Cakupan") == "Coverage"
