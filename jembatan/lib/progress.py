"""A small progress bar for long management commands (no dependency needed for one line)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Prints `label  42% (38,000/91,599)` in place, at most a few times a second."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.label = label
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.done = 0
        self._last = 0.0

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.2 or self.done >= self.total):
            self._last = now
            pct = 100 * self.done // self.total
            self.stream.write(f"\r{self.label} {pct:3d}% ({self.done:,}/{self.total:,})")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
