"""One ordered queue for everything the agent reports: output and events.

Program output and events share the queue so that a client sees them in true order (a
`paused` event after the line printed just before the breakpoint). The queue is posted as
one JSON array when a tick publishes, when the program pauses or exits, or when it grows large.
"""
import codecs
import io
import json

from .clock import real_perf_counter

FLUSH_BYTES = 64 * 1024
# Output of a program that never yields to the loop (no tick) still reaches the host this often.
FLUSH_SECONDS = 0.05


class Emitter:
    def __init__(self, post, output_limit, realtime=False):
        self._post = post
        # Live runs also flush on real time, so output of a program that never yields to the
        # loop shows up; deterministic runs flush only where the program's own actions say.
        self._realtime = realtime
        self._queue = []
        self._pending = 0
        self._stream = None
        self._parts = []
        self._flush_at = real_perf_counter() + FLUSH_SECONDS
        self.output_limit = output_limit
        self.output_bytes = 0
        self.output_truncated = False
        # Set by the Recorder: the loop's step count, stamped on output (a chunk per step).
        self.step_source = None
        self._step = None

    def event(self, event):
        self._close_output()
        self._queue.append(event)

    def output(self, stream, text):
        if self.output_truncated or not text:
            return
        size = len(text)
        if self.output_bytes + size > self.output_limit:
            text = text[: max(0, self.output_limit - self.output_bytes)]
            self.output_truncated = True
        self.output_bytes += len(text)
        step = self.step_source() if self.step_source is not None else None
        if stream != self._stream or step != self._step:
            self._close_output()
            self._stream = stream
            self._step = step
        self._parts.append(text)
        self._pending += len(text)
        if self.output_truncated:
            self.event({"type": "warning", "category": "OutputLimit",
                        "message": f"output limit of {self.output_limit} characters reached: "
                                   "the rest of the program's output is discarded",
                        "file": None, "line": None})
        if self._pending >= FLUSH_BYTES or (self._realtime and real_perf_counter() >= self._flush_at):
            self.flush()

    def _close_output(self):
        if self._parts:
            event = {"type": "output", "stream": self._stream, "text": "".join(self._parts)}
            if self._step is not None:
                event["step"] = self._step
            self._queue.append(event)
            self._parts = []

    def flush(self):
        self._close_output()
        self._flush_at = real_perf_counter() + FLUSH_SECONDS
        if self._queue:
            batch, self._queue, self._pending = self._queue, [], 0
            self._post(json.dumps(batch, separators=(",", ":"), default=repr))


class _Sink(io.RawIOBase):
    """Bytes written to sys.stdout.buffer / sys.stderr.buffer, decoded into the emitter."""

    def __init__(self, emitter, stream):
        self._emitter = emitter
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def writable(self):
        return True

    def write(self, data):
        self._emitter.output(self._stream, self._decoder.decode(bytes(data)))
        return len(data)

    def flush(self):
        # print(..., flush=True) is the program asking for its output to be seen now.
        if not self.closed:
            self._emitter.flush()


def make_stream(emitter, stream):
    """A text stream like sys.stdout whose writes go, unbuffered, to the emitter."""
    text = io.TextIOWrapper(_Sink(emitter, stream), encoding="utf-8", errors="backslashreplace",
                            write_through=True)
    text.mode = "w"
    return text
