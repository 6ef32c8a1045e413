"""A re-execution to an earlier moment of the run (time travel, core/timetravel on the host).

The engine is deterministic: the same program and options give the same steps. So going back
to a moment is running the program again to it, with every pause on the way muted, and pausing
there. A moment is one of:
  {"step": k}                          before step k runs (a task switch)
  {"step": k, "line": [file, line]}    in step k, at the first line event of its task there
  {"step": k, "lineIndex": j}          in step k, at the j-th line event of its task (from 0)
  {"pause": p}                         at the p-th pause the armed breakpoints and scheduler
                                       events would make (the run's own ones, not Pause/steps)
A re-execution can also trace what lay before the moment: "lines" (the last line event of task
`taskId` before it: Step Back) or "pauses" (the last armed pause before it: Reverse Continue).
What it found goes out in the paused event as `replay`. A checkpoint is a moment where the
re-execution waits for the host to send it on to a later one (`debug.replay`): its paused
event is light, with no records, so that it changes nothing of the run's objects.
"""


class Replay:
    def __init__(self, spec):
        self.to = spec["to"]
        self.trace = spec.get("trace")
        self.task_id = spec.get("taskId")
        self.checkpoint = bool(spec.get("checkpoint"))
        self.reached = False
        self.pauses = 0              # armed pause opportunities so far
        self.previous_pause = None
        # task_id's last two line events, [step, lineIndex, file, line]: the last one may be
        # the moment's own line (a breakpoint there), and what came before it the line before.
        self._current_line = None
        self._previous_line = None
        self._at_current_line = False
        self._line_step = 0
        self._line_index = -1        # line events of the stepping task in the current step
        self.missed = None           # the moment did not exist (its step has no such line)

    @property
    def target_step(self):
        return self.to.get("step", 0)

    @property
    def wants_lines(self):
        """Line events must come, for every user line, while this holds."""
        return not self.reached and (self.trace == "lines" or "line" in self.to or "lineIndex" in self.to)

    def pause_opportunity(self, index, kind, description, location, step):
        """The `index`-th armed pause of the run would be made. True if it is the moment."""
        if self.reached:
            return True
        self.pauses = index
        if self.to.get("pause") == index:
            self.reached = True
            # Paused on a line the task has just arrived at (a breakpoint): the line before it
            # is the one before that.
            line = self._current_line
            self._at_current_line = line is not None and line[0] == step and location is not None and line[2:] == list(location)
            return True
        if self.trace == "pauses":
            self.previous_pause = {"index": index, "step": step, "kind": kind,
                                   "description": description, "location": location}
        return False

    def line_event(self, task_id, step, file, line):
        """A line event of a user file in task `task_id` during step `step`. True if it is the
        moment."""
        if self.reached:
            return False
        if step != self._line_step:
            self._line_step, self._line_index = step, -1
        self._line_index += 1
        at = self.to
        here = [step, self._line_index, file, line]
        if self.trace == "lines" and task_id == self.task_id:
            self._previous_line, self._current_line = self._current_line, here
        if step == at.get("step") and ("line" in at or "lineIndex" in at):
            if at.get("lineIndex") == self._line_index or at.get("line") == [file, line]:
                self.reached = True
                self._at_current_line = self._current_line is here
                return True
        return False

    def reached_step(self):
        """Step `target_step` is about to run. True if that is the moment itself."""
        if "line" in self.to or "lineIndex" in self.to or "pause" in self.to:
            return False
        self.reached = True
        return True

    def passed_step(self, step):
        """The loop is about to run step `step`, after the target step: a line moment that did
        not come is missed (its task had no such line there)."""
        if not self.reached and ("line" in self.to or "lineIndex" in self.to) and step > self.target_step:
            self.reached = True
            self.missed = f"step {self.target_step} has no such line: stopped before step {step} instead"
            return True
        return False

    def report(self):
        previous_line = self._previous_line if self._at_current_line else self._current_line
        return {"to": self.to, "pauses": self.pauses, "previousPause": self.previous_pause,
                "previousLine": previous_line, "missed": self.missed}
