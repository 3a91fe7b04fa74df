"""Pausing the cyclic garbage collector: nested and overlapping pauses, and errors."""

import gc
import threading

import pytest

from kpi_scorecard._collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_running():
    gc.enable()
    yield
    gc.enable()


def test_nested_pauses_resume_when_the_outer_one_ends():
    """An inner pause ending does not resume the collector under an outer pause."""
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_stopped_stays_stopped():
    """If the caller had disabled the collector, the pause leaves it disabled."""
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_the_collector_resumes_after_an_error():
    """An exception inside the pause still resumes the collector."""
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_resume_after_the_last():
    """Threads pausing at once: paused while any is inside, resumed after all leave."""
    inside = threading.Barrier(4)
    leave = threading.Event()
    states = []

    def work():
        with collector_paused():
            inside.wait()
            leave.wait()
            states.append(gc.isenabled())

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    leave.set()
    for thread in threads:
        thread.join()
    assert states == [False, False, False]
    assert gc.isenabled()
