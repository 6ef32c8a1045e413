"""NativeLoop: the platform's own event loop (selector on Linux and macOS, proactor on Windows)
with real time and real I/O, and the debugger's hooks of stepping.py.

An iteration is asyncio's own: wait for I/O until the next timer, then run what is ready, with
the observer told of each task step as in DebugLoop. Three things differ from asyncio's loop:
- the host's command pipe is one of the loop's readers, so a command (Pause, new breakpoints)
  reaches a program that waits for I/O at once;
- before it waits, the loop publishes what changed and flushes output, so the host sees the
  program as it stands while it waits;
- a wait that stays quiet for QUIET_SECONDS is an idle moment for the observer, which looks
  for deadlocks then (a busy server pays nothing for the watch).
"""
import asyncio
import heapq
import sys
import threading
import time
from asyncio import base_events

from ..clock import real_perf_counter
from ..stepping import InstrumentedLoop, NullObserver

QUIET_SECONDS = 0.25
# The platform's default loop, as asyncio.new_event_loop() makes it outside the debugger.
BASE_LOOP = asyncio.ProactorEventLoop if sys.platform == "win32" else asyncio.SelectorEventLoop


class RealClock:
    """The loop's clock in native mode: asyncio's own (time.monotonic)."""

    __slots__ = ()

    @property
    def now(self):
        return time.monotonic()


class NativeLoop(InstrumentedLoop, BASE_LOOP):
    """`host`: the channel whose command pipe the loop watches (None: none); `on_commands()`
    is called when commands are waiting, `before_wait()` before the loop waits for I/O."""

    # Deadlock checks (deadlocks.py) know a native loop by this: I/O, threads and signals may
    # still wake a task that no timer will.
    # A native run is measured against python3 and debugpy: publication takes at most a tenth.
    publish_backoff = 9
    real_time = True

    def __init__(self, selector=None, observer=None, host=None, on_commands=None, before_wait=None):
        super().__init__(selector)
        self._clock = RealClock()
        self.waiting = False  # in its wait for I/O (a Pause then pauses there)
        self.before_wait = before_wait
        self._host_fd = None
        self._init_instrumentation(observer or NullObserver())
        if host is not None and on_commands is not None and hasattr(self, "_add_reader"):
            self._host_fd = host.command_fd
            self._add_reader(self._host_fd, on_commands)

    def close(self):
        if self._host_fd is not None and not self.is_closed():
            self._remove_reader(self._host_fd)
            self._host_fd = None
        super().close()

    def wakers_outside(self):
        """Whether something outside the loop's tasks and timers may still wake one: a reader or
        writer of the program's, a thread, a signal handler."""
        selector = getattr(self, "_selector", None)
        own = {self._host_fd, getattr(getattr(self, "_ssock", None), "fileno", lambda: None)()}
        if selector is not None and hasattr(selector, "get_map"):
            if any(key.fd not in own for key in selector.get_map().values()):
                return True
        return threading.active_count() > 1 or bool(getattr(self, "_signal_handlers", None))

    def _run_once(self):
        self._drop_cancelled_timers()
        scheduled = self._scheduled
        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif scheduled:
            timeout = min(max(0, scheduled[0]._when - self.time()), base_events.MAXIMUM_SELECT_TIMEOUT)

        if timeout == 0:
            event_list = self._selector.select(0)
        else:
            event_list = self._wait(timeout)
        self._process_events(event_list)
        event_list = None

        end_time = self.time() + self._clock_resolution
        ready = self._ready
        while scheduled:
            handle = scheduled[0]
            if handle._when >= end_time:
                break
            handle = heapq.heappop(scheduled)
            handle._scheduled = False
            ready.append(handle)
        self._run_ready(self.time())

    def _wait(self, timeout):
        """Nothing is ready: wait for I/O until `timeout` (None: until there is some)."""
        self._went_idle()
        if self.before_wait is not None:
            self.before_wait()
        self.waiting = True
        try:
            first = timeout if timeout is not None and timeout <= QUIET_SECONDS else QUIET_SECONDS
            event_list = self._selector.select(first)
            if not event_list and first != timeout and not self._ready:
                # Quiet for a while: a moment to look for deadlocks, then wait on.
                self._observer.idle(self, timeout)
                event_list = self._selector.select(None if timeout is None else timeout - first)
        finally:
            self.waiting = False
        # The wait (and a pause in it) is no step's.
        self.iteration_started = real_perf_counter()
        return event_list
