"""The agent's channel to the host in the embedded engine: four device files that the engine
makes (core/engine/interpreter.ts) and reads and writes in JavaScript.

Not Pyodide's bridge to JavaScript: the engine closes that for the whole run (its import gate),
and opening the first of these devices is what arms the gate. The devices are unlinked once
open, so the program finds no name to open them by.
"""
import os

_OUT = "/dev/loopscope-out"
_POLL = "/dev/loopscope-poll"
_WAIT = "/dev/loopscope-wait"
_EXIT = "/dev/loopscope-exit"


class DeviceHost:
    """post(text) sends a JSON batch of events; poll_command() returns the next command's JSON
    or None; wait_command() waits for one; report_exit(status) ends the run's reporting."""

    def __init__(self):
        self._out = os.open(_OUT, os.O_WRONLY)
        self._poll = os.open(_POLL, os.O_RDONLY)
        self._wait = os.open(_WAIT, os.O_RDONLY)
        self._exit = os.open(_EXIT, os.O_WRONLY)
        for path in (_OUT, _POLL, _WAIT, _EXIT):
            os.unlink(path)

    def post(self, text):
        data = memoryview(text.encode())
        while data:
            data = data[os.write(self._out, data):]

    def poll_command(self):
        return self._read(self._poll)

    def wait_command(self):
        return self._read(self._wait)

    def report_exit(self, status):
        os.write(self._exit, str(status).encode())

    @staticmethod
    def _read(fd):
        header = os.read(fd, 4)
        if not header:
            return None
        size = int.from_bytes(header, "little")
        parts = []
        while size:
            part = os.read(fd, size)
            parts.append(part)
            size -= len(part)
        return b"".join(parts).decode()
