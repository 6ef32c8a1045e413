"""The run's timeline: which task ran at each step, when the virtual clock moved, and marks
(lock acquired and released...). It is what the host's Timeline panel draws, and what time
travel compares a re-execution against, step for step.

On the hot path it costs one array append per task step (DebugLoop calls `steps.append` with
the task's id) and one comparison per loop iteration. It goes out as `timeline` events of the
steps since the last one, beside each snapshot.
"""
from array import array

# A timeline event carries at most this many steps (a run of a million steps goes out in parts).
CHUNK_STEPS = 100_000


class Timeline:
    def __init__(self):
        # steps[i] is the id of the task that ran step i + 1.
        self.steps = array("I")
        # [step, time]: the virtual time from that step on (recorded when it changes).
        self.times = []
        # [step, kind, id, task id]: what else happened at a step.
        self.marks = []
        self._last_time = None
        self._sent_steps = 0
        self._sent_times = 0
        self._sent_marks = 0

    def clock_at(self, step, now):
        """The loop's clock reads `now` for the steps from `step` on."""
        if now != self._last_time:
            self._last_time = now
            self.times.append([step, now])

    def mark(self, kind, ident, task_id):
        self.marks.append([len(self.steps), kind, ident, task_id])

    def events(self):
        """`timeline` events with everything recorded since the last call."""
        out = []
        total = len(self.steps)
        while True:
            start = self._sent_steps
            end = min(total, start + CHUNK_STEPS)
            times = [t for t in self.times[self._sent_times:] if t[0] <= end] if end < total else self.times[self._sent_times:]
            marks = [m for m in self.marks[self._sent_marks:] if m[0] <= end] if end < total else self.marks[self._sent_marks:]
            if end == start and not times and not marks:
                return out
            out.append({"type": "timeline", "fromStep": start + 1, "tasks": self.steps[start:end].tolist(),
                        "times": times, "marks": marks})
            self._sent_steps = end
            self._sent_times += len(times)
            self._sent_marks += len(marks)
            if end == total:
                return out
