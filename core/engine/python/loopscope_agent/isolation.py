"""Closing Pyodide's bridge to JavaScript before the program runs.

In the engine, `import js` would hand a program the worker's JavaScript globals, and through
them Node's require, process and network. The agent keeps the one JS module it needs (the
host channel, already imported) and then removes every way a program could import the others:
the modules themselves, Pyodide's own package (which re-exports them), and the finder that
imports JS modules. The worker also deletes the dangerous JS globals (worker.ts). This closes
the doors a program can open with Python; it is not a sandbox against a determined attacker
inside the same process.
"""
import errno
import io
import sys
import threading

_BLOCKED = ("js", "pyodide_js", "pyodide", "_pyodide", "loopscope_host")


def _blocked(name):
    return any(name == root or name.startswith(root + ".") for root in _BLOCKED)


class _BlockJavaScript:
    """A meta-path finder that refuses the JS bridge with a clear message."""

    def find_spec(self, name, path=None, target=None):
        if _blocked(name):
            raise ImportError(f"module {name!r} is not available: programs in Loopscope's engine "
                              "cannot reach JavaScript or the host machine")
        return None


NOT_SUPPORTED = ("is not supported in Loopscope's embedded engine: programs run there without "
                 "network, subprocesses or a terminal")


def _refuse(what):
    def refuse(*args, **kwargs):
        raise OSError(errno.ENOTSUP, f"{what} {NOT_SUPPORTED}")
    return refuse


class _NoInput(io.TextIOBase):
    """Standard input of a program in the engine: empty, as `python3 prog.py < /dev/null`."""

    def __init__(self, warn):
        self._warn = warn

    def readable(self):
        return True

    def readline(self, size=-1):
        self._warn()
        return ""

    def read(self, size=-1):
        self._warn()
        return ""


def no_stdin(emitter):
    warned = []

    def warn():
        if not warned:
            warned.append(True)
            emitter.event({"type": "warning", "category": "NoInput",
                           "message": "the program reads standard input, which is empty in Loopscope's engine",
                           "file": None, "line": None})
    return _NoInput(warn)


def _no_thread(self):
    # A RuntimeError, as WebAssembly CPython raises ("can't start new thread"), said plainly.
    raise RuntimeError("can't start new thread: threads are not supported in Loopscope's embedded "
                       "engine (the program runs in one WebAssembly thread)")


def preload():
    """Import what close_js_bridge patches (it takes a few milliseconds in the engine)."""
    if getattr(sys, "platform", "") == "emscripten":
        import socket  # noqa: F401
        import subprocess  # noqa: F401


def close_js_bridge():
    if getattr(sys, "platform", "") != "emscripten":
        return
    import socket
    import subprocess
    socket.socket.connect = _refuse("a network connection")
    socket.socket.bind = _refuse("a listening socket")
    socket.getaddrinfo = _refuse("name resolution")
    subprocess.Popen._execute_child = _refuse("starting a subprocess")
    threading.Thread.start = _no_thread
    for name in list(sys.modules):
        if _blocked(name):
            del sys.modules[name]
    sys.meta_path[:] = [f for f in sys.meta_path if "pyodide" not in type(f).__module__]
    sys.meta_path.insert(0, _BlockJavaScript())
