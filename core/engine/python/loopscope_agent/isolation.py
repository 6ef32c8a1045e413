"""What a program in the embedded engine is told when it tries to leave it.

The engine's isolation does not rest on this module: the interpreter's imports are gated
(core/engine/isolation/wasm-gate.ts) and the engine process runs under Node's permission model,
so whatever a program calls, nothing reaches the host. What this module adds is a clear error
for the usual routes (os.system, subprocess, sockets, ctypes libraries, threads, `import js`)
instead of a bare "Not supported" from the C library, and the removal of Pyodide's JavaScript
modules, so that no program reaches the bridge the gate would end the run for.
"""
import errno
import io
import sys
import threading

_BLOCKED = ("js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core")


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


def _refuse_library(dlopen):
    def refuse(name, *args, **kwargs):
        if name is None:  # the interpreter itself (ctypes.pythonapi): nothing is loaded
            return dlopen(name, *args, **kwargs)
        raise OSError(errno.ENOTSUP, f"loading a library ({name}) {NOT_SUPPORTED}")
    return refuse


def _refuse_processes():
    import _posixsubprocess
    import os
    import posix
    import subprocess
    for module in (os, posix):
        for name in ("system", "fork", "forkpty", "posix_spawn", "posix_spawnp", "execv", "execve"):
            if hasattr(module, name):
                setattr(module, name, _refuse(f"starting a process (os.{name})"))
    _posixsubprocess.fork_exec = _refuse("starting a process")
    subprocess.Popen._execute_child = _refuse("starting a subprocess")


def _refuse_sockets():
    import socket

    def init(self, *args, **kwargs):
        raise OSError(errno.ENOTSUP, f"a socket {NOT_SUPPORTED}")
    socket.socket.__init__ = init
    socket.socket.connect = _refuse("a network connection")
    socket.socket.bind = _refuse("a listening socket")
    socket.socketpair = _refuse("a socket pair")
    socket.getaddrinfo = _refuse("name resolution")
    socket.create_connection = _refuse("a network connection")


def close_js_bridge():
    if getattr(sys, "platform", "") != "emscripten":
        return
    _refuse_processes()
    _refuse_sockets()
    import _ctypes
    _ctypes.dlopen = _refuse_library(_ctypes.dlopen)
    threading.Thread.start = _no_thread
    for name in list(sys.modules):
        if _blocked(name):
            del sys.modules[name]
    sys.meta_path[:] = [f for f in sys.meta_path if "pyodide" not in type(f).__module__]
    sys.meta_path.insert(0, _BlockJavaScript())
