"""JSON-LD for a <script type="application/ld+json"> block."""

from __future__ import annotations

import json
from typing import Any


def jsonld(data: dict[str, Any]) -> str:
    """`data` as JSON that is safe inside a script element: <, > and & are escaped, so user text in
    it (a claim, a headline) can never close the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
