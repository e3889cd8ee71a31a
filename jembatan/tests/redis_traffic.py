"""What the code under test sends to Redis: every command on any connection, and connections opened."""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from redis.connection import AbstractConnection


class Traffic:
    def __init__(self) -> None:
        self.commands: list[bytes] = []
        self.opened = 0


@contextmanager
def redis_traffic() -> Iterator[Traffic]:
    traffic = Traffic()
    send = AbstractConnection.send_packed_command
    on_connect = AbstractConnection.on_connect_check_health

    def sent(self, command, check_health=True):
        packed = b"".join(command) if isinstance(command, list) else command
        traffic.commands.append(packed.split(b"\r\n")[2].upper())  # *<n> $<len> NAME …
        return send(self, command, check_health)

    def opened(self, *args, **kwargs):
        traffic.opened += 1
        return on_connect(self, *args, **kwargs)

    with (
        mock.patch.object(AbstractConnection, "send_packed_command", sent),
        mock.patch.object(AbstractConnection, "on_connect_check_health", opened),
    ):
        yield traffic
