"""Run one program as `python3 FILE.py args...` would, under DebugLoop, and report its exit."""
import atexit
import builtins
import gc
import os
import random
import sys
import traceback
import types
import warnings

from . import resources
from .clock import VirtualClock, install_time_patches
from .emitter import Emitter, make_stream
from .loop import DebugLoop, install_policy
from .recorder import Recorder


class Run:
    """Everything one program run owns; the debugger (debugger.py) attaches to it."""

    def __init__(self, post, filename, argv=(), seed=0, output_limit=8_000_000, tick_interval=0.05):
        self.filename = filename
        self.argv = [filename, *argv]
        self.seed = seed
        self.clock = VirtualClock()
        self.emitter = Emitter(post, output_limit)
        self.recorder = Recorder(self.emitter, self.clock, tick_interval)
        self.loops = []

    def new_loop(self):
        loop = DebugLoop(self.clock, self.recorder)
        self.recorder.attach(loop)
        self.loops.append(loop)
        return loop

    def _prepare(self):
        sys.stdout = make_stream(self.emitter, "stdout")
        sys.stderr = make_stream(self.emitter, "stderr")
        sys.argv = list(self.argv)
        directory = os.path.dirname(self.filename) or "."
        sys.path.insert(0, directory)
        try:
            os.chdir(directory)
        except OSError:
            pass
        random.seed(self.seed)
        install_time_patches(self.clock)
        resources.install()
        install_policy(self.new_loop)
        self._hook_warnings()

    def _hook_warnings(self):
        show = warnings.showwarning
        emitter = self.emitter

        def showwarning(message, category, filename, lineno, file=None, line=None):
            emitter.event({"type": "warning", "category": category.__name__, "message": str(message),
                           "file": filename, "line": lineno})
            show(message, category, filename, lineno, file, line)
        warnings.showwarning = showwarning

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
        module = types.ModuleType("__main__")
        module.__file__ = self.filename
        module.__builtins__ = builtins
        sys.modules["__main__"] = module
        status = 0
        try:
            exec(code, module.__dict__)
        except SystemExit as exc:
            status = exit_status(exc)
        except BaseException as exc:  # the program's uncaught exception, printed as Python does
            self._print_uncaught(exc, code)
            status = 1
        return self._finish(status)

    def _print_uncaught(self, exc, code):
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code is not code:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)

    def _finish(self, status):
        """What the interpreter does at exit: atexit handlers, then collect garbage, which
        prints "never awaited" and "never retrieved" warnings for what is left."""
        try:
            atexit._run_exitfuncs()
        except SystemExit as exc:
            status = exit_status(exc)
        gc.collect()
        for loop in self.loops:
            if not loop.is_closed():
                self.recorder.attach(loop)
        if self.recorder.loop is not None:
            self.recorder.publish()
        sys.stdout.flush()
        sys.stderr.flush()
        self.emitter.event({"type": "exit", "code": status})
        self.emitter.flush()
        return status


def exit_status(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
