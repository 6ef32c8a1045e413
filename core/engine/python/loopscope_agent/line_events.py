"""Line events on the program's own code: sys.monitoring where there is one (3.12+, and the
engine's 3.14), sys.settrace on older Pythons (native 3.11, slower but equivalent). Returns
from chosen code objects too, while a Step Out wants them."""
import dis
import sys

from .frames import is_user_file

_RETURN_OPCODES = {dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST") if name in dis.opmap}


class LineEvents:
    def __init__(self, callback, on_return=None):
        """`callback(code, line)` runs on each new line of watched code; it may return
        DISABLE to hear no more of that line until restart(). `on_return(code, offset, value)`
        runs when a frame of a code passed to watch_returns() returns (not when it yields).
        Each finds the program's frame as sys._getframe(1) under sys.monitoring; settrace
        passes it as one more argument (there sys._getframe(1) is the trace function)."""
        self._callback = callback
        self._on_return = on_return
        self._codes = set()
        self._returning = set()
        self._monitoring = getattr(sys, "monitoring", None)
        if self._monitoring is not None:
            mon = self._monitoring
            self.DISABLE = mon.DISABLE
            self._tool = mon.DEBUGGER_ID
            mon.use_tool_id(self._tool, "loopscope")
            mon.register_callback(self._tool, mon.events.LINE, callback)
            if on_return is not None:
                mon.register_callback(self._tool, mon.events.PY_RETURN, on_return)
        else:
            self.DISABLE = object()
            self._disabled = set()
            sys.settrace(self._trace)

    def watch(self, code):
        """Watch `code` and every code object nested in it."""
        todo = [code]
        while todo:
            current = todo.pop()
            self._codes.add(current)
            if self._monitoring is not None:
                self._monitoring.set_local_events(self._tool, current, self._monitoring.events.LINE)
            todo.extend(c for c in current.co_consts if isinstance(c, type(code)))

    def watch_returns(self, code):
        """Hear frames of `code` return, until unwatch_returns()."""
        self._returning.add(code)
        if self._monitoring is not None:
            events = self._monitoring.events
            lines = events.LINE if code in self._codes else 0
            self._monitoring.set_local_events(self._tool, code, lines | events.PY_RETURN)

    def unwatch_returns(self):
        if self._monitoring is not None:
            for code in self._returning:
                self._monitoring.set_local_events(
                    self._tool, code, self._monitoring.events.LINE if code in self._codes else 0)
        self._returning.clear()

    def restart(self):
        if self._monitoring is not None:
            self._monitoring.restart_events()
        else:
            self._disabled.clear()

    def close(self):
        if self._monitoring is not None:
            mon = self._monitoring
            self.unwatch_returns()
            for code in self._codes:
                mon.set_local_events(self._tool, code, 0)
            mon.register_callback(self._tool, mon.events.LINE, None)
            mon.register_callback(self._tool, mon.events.PY_RETURN, None)
            mon.free_tool_id(self._tool)
        else:
            sys.settrace(None)

    # ----- the settrace fallback -----
    def _trace(self, frame, event, arg):
        return self._trace_line if frame.f_code in self._codes or frame.f_code in self._returning else None

    def _trace_line(self, frame, event, arg):
        if event == "return":
            # settrace calls a coroutine's suspension a return too: only a return opcode is one.
            code = frame.f_code
            if code in self._returning and code.co_code[frame.f_lasti] in _RETURN_OPCODES:
                self._on_return(code, frame.f_lasti, arg, frame)
        elif event == "line" and frame.f_code in self._codes:
            key = (frame.f_code, frame.f_lineno)
            if key not in self._disabled:
                if self._callback(frame.f_code, frame.f_lineno, frame) is self.DISABLE:
                    self._disabled.add(key)
        return self._trace_line


def watch_imported_user_modules(lines):
    """Breakpoints and steps reach modules the program imports from its own folder too: their
    code is watched as the import compiles it."""
    from importlib import machinery
    loader = machinery.SourceFileLoader
    if getattr(loader.source_to_code, "_ls_wrapped", False):
        return
    compile_source = loader.source_to_code

    def source_to_code(self, data, path, *args, **kwargs):
        code = compile_source(self, data, path, *args, **kwargs)
        if isinstance(path, str) and is_user_file(path):
            lines.watch(code)
        return code
    source_to_code._ls_wrapped = True
    loader.source_to_code = source_to_code
