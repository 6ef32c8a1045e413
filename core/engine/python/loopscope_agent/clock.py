"""Virtual time: the loop's clock, and the `time` module as the program sees it."""
import time as _time

# The agent's own measurements (tick interval, slow-step lint) need real time, and must keep
# it after the program's view of `time` has been made virtual.
real_perf_counter = _time.perf_counter

# time.time() starts here in every run (2026-01-01T00:00:00Z), so dates printed by a program
# are the same from run to run.
WALL_EPOCH = 1_767_225_600.0

# A program that waits by polling the clock (`while time.monotonic() < deadline: ...`) must
# still finish, so each read of the clock by the program costs one microsecond of virtual time.
READ_COST = 1e-6


class VirtualClock:
    __slots__ = ("now",)

    def __init__(self):
        self.now = 0.0

    def read(self):
        self.now += READ_COST
        return self.now


def install_time_patches(clock, on_sleep=None):
    """Point time.time/monotonic/perf_counter/sleep (and their _ns twins) at `clock`.
    `on_sleep(seconds)` hears of each time.sleep, which blocks everything in a real run."""

    def monotonic():
        clock.now += READ_COST
        return clock.now

    def wall():
        return WALL_EPOCH + monotonic()

    def sleep(secs):
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        clock.now += secs
        if on_sleep is not None:
            on_sleep(secs)

    _time.monotonic = monotonic
    _time.perf_counter = monotonic
    _time.time = wall
    _time.monotonic_ns = lambda: int(monotonic() * 1e9)
    _time.perf_counter_ns = _time.monotonic_ns
    _time.time_ns = lambda: int(wall() * 1e9)
    _time.sleep = sleep
