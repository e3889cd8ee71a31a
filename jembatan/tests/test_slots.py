"""Slots: at most n holders at once; the next waits briefly, then is told the server is busy."""

import threading

import pytest

from jembatan.lib.slots import ServerBusy, Slots


def test_two_slots_hold_two_and_the_third_is_busy_after_its_wait():
    slots = Slots(jumlah=2, tunggu=0.01)
    with slots.hold(), slots.hold(), pytest.raises(ServerBusy), slots.hold():
        pass
    with slots.hold(), slots.hold():  # both given back, also after the refusal
        pass


def test_a_slot_freed_during_the_wait_is_taken():
    slots = Slots(jumlah=1, tunggu=5)
    masuk, lepas = threading.Event(), threading.Event()

    def pemegang():
        with slots.hold():
            masuk.set()
            lepas.wait(5)

    t = threading.Thread(target=pemegang)
    t.start()
    masuk.wait(5)
    threading.Timer(0.02, lepas.set).start()
    with slots.hold():  # waits until the holder lets go, well within the 5 s
        dipegang = True
    t.join()
    assert dipegang


def test_a_slot_is_given_back_when_the_work_fails():
    slots = Slots(jumlah=1, tunggu=0.01)
    with pytest.raises(ValueError), slots.hold():
        raise ValueError
    with slots.hold():
        pass
