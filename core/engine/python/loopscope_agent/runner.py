"""Run one program as `python3 FILE.py args...` would, under DebugLoop, and report its exit."""
import asyncio
import atexit
import builtins
import errno
import gc
import operator
import os
import random
import sys
import traceback
import types
import warnings

from . import frames, ordering, resources
from .clock import VirtualClock, install_time_patches
from .deadlocks import DEADLOCK_EXIT_STATUS, DeadlockExit
from .debugger import Debugger
from .emitter import Emitter, make_stream
from .isolation import NOT_SUPPORTED, no_stdin
from .loop import DebugLoop, DebugLoopPolicy, NotSupportedInEngine, install_policy
from .recorder import Recorder, hide_own_callbacks
from .schedule import (LIMIT_EXIT_STATUS, MISMATCH_EXIT_STATUS, ScheduleLimit, ScheduleMismatch,
                       make_schedule)

# Deterministic runs publish a snapshot every this many task steps; live runs (a UI) every
# this many seconds of real time.
TICK_STEPS = 20_000
TICK_SECONDS = 0.05
# A blocking time.sleep() this long inside a running loop is reported.
BLOCKING_SLEEP_SECONDS = 0.1
KEYBOARD_INTERRUPT_STATUS = 130
# Where a warning raised with no Python frame is said to come from (Python/_warnings.c,
# setup_context): "sys:1" up to 3.12, "<sys>:0" from 3.13 (the engine's 3.14 says so too).
_NO_FRAME = ("<sys>", 0) if sys.version_info >= (3, 13) else ("sys", 1)


class Run:
    """Everything one program run owns: its clock, loops, recorder and debugger. This is the
    embedded engine's run (virtual time, no host); native/run.py's NativeRun is the other."""

    make_clock = VirtualClock
    policy_class = DebugLoopPolicy

    def __init__(self, host, options):
        self.host = host
        self.filename = options["filename"]
        self.argv = [self.filename, *options.get("argv", [])]
        self.seed = options.get("seed", 0)
        self.clock = self.make_clock()
        self.emitter = Emitter(host.post, options.get("outputLimit", 8_000_000),
                               realtime=bool(options.get("realtime")))
        if options.get("replay"):
            # A re-execution to a moment publishes nothing on the way: what matters is the moment.
            self.recorder = Recorder(self.emitter, self.clock)
        elif options.get("realtime"):
            self.recorder = Recorder(self.emitter, self.clock, tick_interval=TICK_SECONDS)
        else:
            self.recorder = Recorder(self.emitter, self.clock, tick_steps=TICK_STEPS)
        self.debugger = Debugger(self, options, host)
        # The order of ready callbacks when the host asks for one (exploration, a replay token).
        self.schedule = make_schedule(options.get("schedule"), self.clock)
        self.loops = []
        self.finalizing = False  # the program has ended; the interpreter's exit is mimicked

    def new_loop(self):
        return self.loop_class()

    def _adopt_loop(self, loop):
        self.recorder.attach(loop)
        self.loops.append(loop)

    def _prepare(self):
        sys.stdout = make_stream(self.emitter, "stdout")
        sys.stderr = make_stream(self.emitter, "stderr")
        sys.argv = list(self.argv)
        self._prepare_world()
        resources.install()
        ordering.install()
        hide_own_callbacks()
        install_policy(self.new_loop, self.policy_class)
        self._hook_exit()
        # A loop the program constructs itself (`asyncio.SelectorEventLoop()`, older code's way)
        # is this run's loop too: in the engine a selector loop would find no sockets, and in
        # native mode it would escape the debugger.
        loop_class = type(self).loop_class
        loop_class.run = self
        asyncio.SelectorEventLoop = loop_class
        if hasattr(asyncio, "unix_events"):
            asyncio.unix_events.SelectorEventLoop = loop_class
        self._hook_warnings()

    def _prepare_world(self):
        """The engine's world: the program's folder as the current one, no stdin, seeded
        randomness and virtual time."""
        sys.stdin = no_stdin(self.emitter)
        directory = os.path.dirname(self.filename) or "."
        sys.path.insert(0, directory)
        try:
            os.chdir(directory)
        except OSError:
            pass
        random.seed(self.seed)
        install_time_patches(self.clock, self._blocking_sleep)

    def _hook_exit(self):
        """os._exit(n) ends the run at once with status n, as it ends a python3 process, with
        what the program printed so far shown (as on a terminal); no atexit handler, no
        finalizer runs. The interpreter is left where it stands: it is not used again."""
        real_exit = os._exit

        def _exit(status):
            status = operator.index(status) & 0xFF
            sys.stdout.flush()
            sys.stderr.flush()
            self.recorder.send_timeline()
            self.emitter.event({"type": "exit", "code": status})
            self.emitter.flush()
            if hasattr(self.host, "report_exit"):
                self.host.report_exit(status)
            real_exit(status)
        _exit.__name__ = _exit.__qualname__ = "_exit"
        os._exit = _exit

    def _blocking_sleep(self, seconds):
        loop = self.recorder.loop
        if seconds >= BLOCKING_SLEEP_SECONDS and loop is not None and loop.is_running():
            site = frames.caller_site(3)
            self.emitter.event({"type": "warning", "category": "BlockingCall",
                                "message": f"time.sleep({seconds:g}) blocks the event loop: every task waits",
                                "file": site[0] if site else None, "line": site[1] if site else None})

    def _hook_warnings(self):
        # Hooked below showwarning, where the warning still carries its `source` (which is
        # what makes Python add "Enable tracemalloc to get the object allocation traceback").
        show = warnings._showwarnmsg_impl
        emitter = self.emitter

        def showwarnmsg(msg):
            if self.finalizing and frames.is_agent_file(msg.filename):
                # Raised while the run shuts down (a coroutine collected at exit): Python
                # reports these from no frame, and without a tracemalloc hint.
                msg.filename, msg.lineno = _NO_FRAME
                msg.line = msg.source = None
            emitter.event({"type": "warning", "category": msg.category.__name__, "message": str(msg.message),
                           "file": msg.filename, "line": msg.lineno})
            show(msg)
        warnings._showwarnmsg_impl = showwarnmsg

    def execute(self, source):
        """Compile and run the program; return its exit status."""
        self._prepare()
        try:
            code = compile(source, self.filename, "exec", dont_inherit=True)
        except SyntaxError as exc:
            self.emitter.event({"type": "error", "kind": "syntax", "message": exc.msg,
                                "file": exc.filename or self.filename, "line": exc.lineno,
                                "column": exc.offset})
            traceback.print_exception(type(exc), exc, None)
            return self._finish(1)
        self.debugger.install(code)
        module = types.ModuleType("__main__")
        module.__file__ = self.filename
        module.__builtins__ = builtins
        sys.modules["__main__"] = module
        status = 0
        try:
            exec(code, module.__dict__)
        except SystemExit as exc:
            status = exit_status(exc)
        except DeadlockExit:
            status = DEADLOCK_EXIT_STATUS
        except ScheduleLimit as exc:
            print(f"\nLoopscope: {exc}", file=sys.stderr)
            status = LIMIT_EXIT_STATUS
        except ScheduleMismatch as exc:
            self.emitter.event({"type": "error", "kind": "input", "message": str(exc)})
            print(f"Loopscope: {exc}", file=sys.stderr)
            status = MISMATCH_EXIT_STATUS
        except BaseException as exc:  # the program's uncaught exception, printed as Python does
            if self.schedule is not None:
                self.schedule.note_uncaught(exc)
            self.debugger.on_uncaught(exc)
            self._print_uncaught(exc, code)
            self._suggest_native_mode(exc)
            # Python dies of an uncaught KeyboardInterrupt by SIGINT: status 130 in a shell.
            status = KEYBOARD_INTERRUPT_STATUS if isinstance(exc, KeyboardInterrupt) else 1
        self.debugger.uninstall()
        return self._finish(status, module)

    def _suggest_native_mode(self, exc):
        """A program that died of what the embedded engine lacks (a module it does not have, a
        socket, a subprocess) is told it can run in native mode, in the user's own Python."""
        why = embedded_engine_lacks(exc)
        if why is None:
            return
        self.emitter.event({
            "type": "warning", "category": "NativeModeSuggested", "file": None, "line": None,
            "message": f"{why}: the embedded engine cannot give this program what it needs. Run it in "
                       "native mode, in your own Python: choose an interpreter in the toolbar, or "
                       "`loopscope run --native` (or --python PATH).",
        })

    def _print_uncaught(self, exc, code):
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code is not code:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)

    def _finish(self, status, module=None):
        """What the interpreter does at exit: atexit handlers, then collect garbage, which
        prints "never awaited" and "never retrieved" warnings for what is left, then clear the
        program's globals (their __del__ methods run, as at a real interpreter's exit)."""
        try:
            atexit._run_exitfuncs()
        except SystemExit as exc:
            status = exit_status(exc)
        self.finalizing = True
        gc.collect()
        for loop in self.loops:
            if not loop.is_closed():
                self.recorder.attach(loop)
        if self.recorder.loop is not None:
            self.recorder.publish()
        if module is not None:
            # After the last records are out: they no longer hold the tasks the globals held.
            self.debugger.last_task = None
            clear_module(module)
            gc.collect()
        sys.stdout.flush()
        sys.stderr.flush()
        if self.schedule is not None:
            self.emitter.event(self.schedule.report())
        self.emitter.event({"type": "exit", "code": status})
        self.emitter.flush()
        return status


class RunLoop(DebugLoop):
    """A DebugLoop of the current run (RunLoop.run). It is also asyncio.SelectorEventLoop in
    the engine, and named as that is on Linux; `selector` is accepted and unused (DebugLoop does
    no I/O)."""
    run = None

    def __init__(self, selector=None):
        super().__init__(self.run.clock, self.run.recorder)
        self._order = self.run.schedule
        self.run._adopt_loop(self)


RunLoop.__name__ = RunLoop.__qualname__ = "_UnixSelectorEventLoop"


def clear_module(module):
    """Let go of a module's globals in definition order, as CPython's exit does for __main__
    (its dict is collected and cleared), so their __del__ methods run in the same order.
    __builtins__ stays: a __del__ may still print."""
    namespace = module.__dict__
    for name in list(namespace):
        if name != "__builtins__":
            namespace[name] = None


def exit_status(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


# The embedded run's loop (RunLoop is defined after Run: it refers to its run).
Run.loop_class = RunLoop


def embedded_engine_lacks(exc):
    """What of the embedded engine's limits `exc` (or an exception it came from) ran into, in
    words, or None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ModuleNotFoundError) and exc.name:
            return f"the module {exc.name!r} is not in the embedded engine"
        if isinstance(exc, NotSupportedInEngine) or (
                isinstance(exc, OSError) and exc.errno == errno.ENOTSUP and NOT_SUPPORTED in str(exc)):
            return str(exc).split(":")[0].removeprefix(f"[Errno {errno.ENOTSUP}] ")
        exc = exc.__cause__ or exc.__context__
    return None

