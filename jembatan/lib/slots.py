"""A few slots for heavy work that anyone may start (decoding an anonymous upload), per server process.

Rate limits count requests per address over an hour; they do not stop many requests arriving at once.
A request that finds every slot taken waits briefly, then is told the server is busy (503) rather than
queueing up memory."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ServerBusy(Exception):
    """Every slot stayed taken for the whole wait."""


class Slots:
    def __init__(self, jumlah: int, tunggu: float) -> None:
        self.jumlah = jumlah
        self.tunggu = tunggu  # seconds a request waits for a free slot
        self._semaphore = threading.BoundedSemaphore(jumlah)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Run the block in a slot; ServerBusy when none frees up within `tunggu` seconds."""
        if not self._semaphore.acquire(timeout=self.tunggu):
            raise ServerBusy
        try:
            yield
        finally:
            self._semaphore.release()


# Images sent by anyone (the verification desk's web form): decoding one may take a few hundred MB
# even within the pixel limit, so a process decodes at most two at once.
anonymous_images = Slots(jumlah=2, tunggu=2.0)
