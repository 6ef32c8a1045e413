"""DebugLoop: asyncio's BaseEventLoop with a virtual clock and hooks for an observer.

Virtual time: nothing real ever blocks. When no callback is ready, the loop jumps its clock
straight to the next timer, so `await asyncio.sleep(3600)` takes no wall time and the order of
events depends only on the program. Timers fire in the order a real clock gives them (see
stepping._TimerHandle): a real loop runs late, by more for a timer set later, so two timers due
at the same virtual instant, or within TIMER_GRAIN of it (float rounding along a chain of
sleeps, the virtual cost of clock reads), fire in the order they were set. That keeps runs
deterministic (CPython's heap gives no order for ties) and is what python3 does on any machine.

The observer (see recorder.py) hears of what stepping.py's InstrumentedLoop reports, and of
every moment the loop is idle; it may raise Deadlock from `idle` instead of letting the loop
wait forever.
"""
import asyncio
import heapq
import sys
import threading
from asyncio import base_events, events

from .clock import VirtualClock, real_perf_counter
from .stepping import Deadlock, InstrumentedLoop, NullObserver  # noqa: F401 (Deadlock, NullObserver: this module's API)

# WebAssembly CPython (the engine) cannot start threads.
_THREADS = sys.platform != "emscripten"
_INF = float("inf")


class _NoSelector:
    """DebugLoop does no I/O; BaseEventLoop only needs something it can close."""

    def close(self):
        pass


class DebugLoop(InstrumentedLoop, base_events.BaseEventLoop):
    def __init__(self, clock=None, observer=None):
        super().__init__()
        self._clock = clock if clock is not None else VirtualClock()
        self._selector = _NoSelector()
        self._wakeup = threading.Event()
        self._thread_jobs = 0
        self._init_instrumentation(observer)

    # ----- clock -----
    def time(self):
        return self._clock.now

    # ----- what BaseEventLoop expects of a selector loop -----
    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        # Another thread (an executor) handed us a callback: wake the idle wait below.
        self._wakeup.set()

    def close(self):
        super().close()
        self._selector = None

    # ----- threads -----
    def run_in_executor(self, executor, func, *args):
        if not _THREADS:
            raise NotSupportedInEngine(
                "run_in_executor() and asyncio.to_thread() are not supported in Loopscope's "
                "embedded engine: it has no threads")
        fut = super().run_in_executor(executor, func, *args)
        self._thread_jobs += 1
        fut.add_done_callback(self._thread_job_done)
        return fut

    def _thread_job_done(self, _fut):
        self._thread_jobs -= 1

    async def shutdown_default_executor(self, *args, **kwargs):
        if not _THREADS:
            return
        self._thread_jobs += 1
        try:
            await super().shutdown_default_executor(*args, **kwargs)
        finally:
            self._thread_jobs -= 1

    # ----- the loop -----
    def _idle(self, timeout):
        """Nothing is ready. `timeout` is None when no timer can ever fire either (none is
        pending, or the next one is at +inf)."""
        if timeout is None and self._thread_jobs > 0:
            # A thread (an executor's) will hand a result back with call_soon_threadsafe:
            # real time has to pass for that, so wait for it.
            self._wakeup.wait()
            self._wakeup.clear()
            return
        self._observer.idle(self, timeout)
        if timeout is not None and self._scheduled and not self._ready:
            head = self._scheduled[0]._when
            if head > self._clock.now:
                self._clock.now = head

    def _run_once(self):
        self._drop_cancelled_timers()
        scheduled = self._scheduled
        ready = self._ready
        if not ready and not self._stopping:
            self._went_idle()
            if scheduled and scheduled[0]._when != _INF:
                self._idle(max(0.0, scheduled[0]._when - self._clock.now))
            else:
                # A timer at +inf (`await asyncio.sleep(math.inf)`, a common "wait until
                # cancelled") never fires: jumping the clock to it would make time() infinite
                # and then spin. Waiting on it is waiting forever, like having no timer.
                self._idle(None)
            scheduled = self._scheduled
            # The idle work (a deadlock check, a debugger pause) is no step's.
            self.iteration_started = real_perf_counter()

        # BaseEventLoop takes a timer as due while it is less than one clock resolution ahead.
        # The virtual clock stands exactly on a deadline after a jump, and once `now` is large
        # (past ~2**24 s, e.g. after sleep(1e8)) `now + resolution` rounds back to `now`: so a
        # timer at or before `now` is due too, or it would never fire and the loop would spin.
        now = self._clock.now
        end_time = now + self._clock_resolution
        while scheduled:
            handle = scheduled[0]
            if handle._when >= end_time and handle._when > now:
                break
            handle = heapq.heappop(scheduled)
            handle._scheduled = False
            ready.append(handle)

        self._run_ready(now)


_NO_IO = ("create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
          "create_unix_server", "connect_accepted_socket", "subprocess_exec", "subprocess_shell",
          "getaddrinfo", "getnameinfo", "sock_connect", "sock_accept", "sock_recv", "sock_recv_into",
          "sock_recvfrom", "sock_sendall", "sock_sendto", "sock_sendfile", "sendfile",
          "add_reader", "add_writer", "connect_read_pipe", "connect_write_pipe",
          "add_signal_handler", "start_tls")


class NotSupportedInEngine(NotImplementedError):
    pass


def _no_io(name):
    def method(self, *args, **kwargs):
        raise NotSupportedInEngine(
            f"loop.{name}() is not supported in Loopscope's embedded engine: programs run there "
            "without network, subprocesses, pipes or signals")
    method.__name__ = name
    return method


for _name in _NO_IO:
    setattr(DebugLoop, _name, _no_io(_name))


class DebugLoopPolicy(events.BaseDefaultEventLoopPolicy if hasattr(events, "BaseDefaultEventLoopPolicy")
                      else events._BaseDefaultEventLoopPolicy):
    """Makes asyncio.run, asyncio.Runner, new_event_loop and get_event_loop give a DebugLoop."""

    def __init__(self, loop_factory):
        super().__init__()
        self._loop_factory = loop_factory


# What every event loop policy makes its loops with, once install_policy has run, and the
# policy asyncio's default is made of.
_loop_factory = None
_policy_class = DebugLoopPolicy


def install_policy(loop_factory, policy_class=DebugLoopPolicy):
    """Install DebugLoop (or what `loop_factory` makes) as the loop of every asyncio entry
    point, without the deprecation warning that asyncio.set_event_loop_policy gives on Python
    3.14. A policy the program sets itself makes these loops too (see _keep_policies_debug).
    `policy_class(loop_factory)` is the default policy (native mode's keeps the platform's
    child watchers)."""
    global _loop_factory, _policy_class
    first = _loop_factory is None
    _loop_factory = loop_factory
    _policy_class = policy_class
    events._event_loop_policy = policy_class(loop_factory)
    if first:
        _keep_policies_debug()
    # Pyodide marks its own browser loop as running, and wraps asyncio.run to reuse that loop:
    # a program must see neither.
    events._set_running_loop(None)
    asyncio.run = asyncio.runners.run


def _make_loop():
    return _loop_factory()


def _adopt_policy(policy):
    """Have a policy the program set make DebugLoops (its other behaviour is kept)."""
    if policy is not None and not isinstance(policy, _policy_class):
        try:
            policy.new_event_loop = _make_loop
        except AttributeError:  # a policy class with __slots__: left as it is
            pass


def _keep_policies_debug():
    """A program that sets a policy (`asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())`,
    common in code that also runs on Windows) or resets it (None) means "the usual loop", which
    here is DebugLoop: a selector loop would fail without sockets, and escape the debugger."""
    def init_policy():  # what asyncio calls to make its default policy, after a reset to None
        with events._lock:
            if events._event_loop_policy is None:
                events._event_loop_policy = _policy_class(_make_loop)
    events._init_event_loop_policy = init_policy
    name = "_set_event_loop_policy" if hasattr(events, "_set_event_loop_policy") else "set_event_loop_policy"
    original = getattr(events, name)

    def set_policy(policy):
        original(policy)
        _adopt_policy(events._event_loop_policy)
    set_policy.__name__ = set_policy.__qualname__ = name
    set_policy.__wrapped__ = original
    setattr(events, name, set_policy)
    if name == "set_event_loop_policy":  # before 3.14, asyncio re-exports the setter itself
        asyncio.set_event_loop_policy = set_policy
