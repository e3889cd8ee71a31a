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
