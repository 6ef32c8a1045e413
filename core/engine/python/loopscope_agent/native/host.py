"""The agent's channel to the host in native mode: two pipes the host opened for the child.

COMMAND_FD carries JSON lines from the host (the run's options first, then debugger commands);
EVENT_FD carries frames [u32 LE body length][u8 kind][body] to it, the framing of the embedded
engine's channel (core/engine/wire.ts), so the host decodes both alike. The program's own
stdin, stdout and stderr stay the program's.
"""
import json
import os
import select

COMMAND_FD = 3
EVENT_FD = 4
BATCH_FRAME = 2
FINISHED_FRAME = 3
_CHUNK = 1 << 16


class PipeHost:
    """post(text) sends a JSON batch of events; poll_command() returns the next command's JSON
    or None (never blocks); wait_command() waits for one; report_exit(status) ends the run."""

    def __init__(self, command_fd=COMMAND_FD, event_fd=EVENT_FD):
        self.command_fd = command_fd
        self._events = event_fd
        self._pending = b""
        self._closed = False
        for fd in (command_fd, event_fd):
            # Not for the program's own child processes.
            os.set_inheritable(fd, False)

    def post(self, text):
        self._send(BATCH_FRAME, text.encode())

    def poll_command(self):
        while b"\n" not in self._pending and not self._closed:
            readable, _, _ = select.select([self.command_fd], [], [], 0)
            if not readable:
                return None
            self._read_more()
        return self._take_line()

    def wait_command(self):
        while b"\n" not in self._pending:
            if self._closed:
                # The host has gone: nobody will ever say go on.
                os._exit(1)
            self._read_more()
        return self._take_line()

    def report_exit(self, status):
        self._send(FINISHED_FRAME, json.dumps({"code": status}).encode())

    def _read_more(self):
        chunk = os.read(self.command_fd, _CHUNK)
        if not chunk:
            self._closed = True
        self._pending += chunk

    def _take_line(self):
        if b"\n" not in self._pending:
            return None
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode()

    def _send(self, kind, body):
        data = memoryview(len(body).to_bytes(4, "little") + bytes((kind,)) + body)
        while data:
            data = data[os.write(self._events, data):]
