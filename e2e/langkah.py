"""Steps shared by the journeys."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from jembatan import test as t

# Screenshots for a human to look at after a run (git-ignored).
OUT = Path(__file__).parent / "out"


def isian(scope, label: str):
    """The form field labelled `label` (a required field's label ends in ' *')."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def masuk(page, user) -> None:
    """Log in through the real form and land on the management dashboard."""
    page.goto("/akun/masuk/")
    isian(page, "Email").fill(user.email)
    isian(page, "Kata sandi").fill(t.PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/kelola/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelola")
