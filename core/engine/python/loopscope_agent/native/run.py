"""NativeRun: one program run in the user's own Python, as `python3 FILE.py args...` would run
it, with real time, real I/O, its real stdin and the current folder the host gave it."""
import asyncio
import os
import sys
import threading
import warnings

from ..runner import Run
from .loop import BASE_LOOP, NativeLoop, RealClock


with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # asyncio's policies, on 3.14
    _PlatformPolicy = asyncio.DefaultEventLoopPolicy


class NativeLoopPolicy(_PlatformPolicy):
    """The platform's own policy (its child watchers for subprocesses, before 3.14), making
    the run's loop."""

    def __init__(self, loop_factory):
        super().__init__()
        self._loop_factory = loop_factory


class NativeRun(Run):
    make_clock = RealClock
    policy_class = NativeLoopPolicy

    def __init__(self, host, options):
        # A native run is live: snapshots and output go out on real time.
        super().__init__(host, {**options, "realtime": True, "schedule": None, "replay": None})

    def _prepare_world(self):
        # sys.path[0] is the program's folder, as for `python3 FILE.py`; the rest is the
        # process's own (cwd, stdin, time, randomness).
        sys.path.insert(0, os.path.dirname(os.path.abspath(self.filename)))

    def _suggest_native_mode(self, exc):
        pass  # it is native mode

    def _finish(self, status, module=None):
        # The interpreter waits for the program's non-daemon threads before atexit handlers.
        threading._shutdown()
        return super()._finish(status, module)


class NativeRunLoop(NativeLoop):
    """A NativeLoop of the current run (NativeRunLoop.run), named as asyncio's own loop is."""
    run = None

    def __init__(self, selector=None):
        run = self.run
        # The loop watches the host's command pipe: commands reach a waiting program at once.
        super().__init__(selector, run.recorder, host=run.host, on_commands=run.debugger.commands_arrived,
                         before_wait=run.emitter.flush)
        run._adopt_loop(self)


NativeRunLoop.__name__ = NativeRunLoop.__qualname__ = BASE_LOOP.__name__
NativeRun.loop_class = NativeRunLoop
