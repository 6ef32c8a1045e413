"""Line events on the program's own code: sys.monitoring where there is one (3.12+, and the
engine's 3.14), sys.settrace on older Pythons (native 3.11, slower but equivalent)."""
import sys


class LineEvents:
    def __init__(self, callback):
        """`callback(code, line)` runs on each new line of watched code; it may return
        DISABLE to hear no more of that line until restart()."""
        self._callback = callback
        self._codes = set()
        self._monitoring = getattr(sys, "monitoring", None)
        if self._monitoring is not None:
            mon = self._monitoring
            self.DISABLE = mon.DISABLE
            self._tool = mon.DEBUGGER_ID
            mon.use_tool_id(self._tool, "loopscope")
            mon.register_callback(self._tool, mon.events.LINE, callback)
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

    def restart(self):
        if self._monitoring is not None:
            self._monitoring.restart_events()
        else:
            self._disabled.clear()

    def close(self):
        if self._monitoring is not None:
            mon = self._monitoring
            for code in self._codes:
                mon.set_local_events(self._tool, code, 0)
            mon.register_callback(self._tool, mon.events.LINE, None)
            mon.free_tool_id(self._tool)
        else:
            sys.settrace(None)

    # ----- the settrace fallback -----
    def _trace(self, frame, event, arg):
        return self._trace_line if frame.f_code in self._codes else None

    def _trace_line(self, frame, event, arg):
        if event == "line":
            key = (frame.f_code, frame.f_lineno)
            if key not in self._disabled:
                # The callback finds the frame as sys._getframe(1), as under sys.monitoring.
                if self._callback(frame.f_code, frame.f_lineno) is self.DISABLE:
                    self._disabled.add(key)
        return self._trace_line
