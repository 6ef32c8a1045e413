"""Deadlocks: when every task is blocked, or a cycle of tasks and locks that no pending timer
can wake appears (checked as the loop jumps time, so a ticking timer cannot hide it; in native
mode, when the loop has waited quietly a while), the run pauses with the cycle named, prints a
report, and ends with status 113."""
import sys

from . import frames, graph, resources

# Full deadlock checks at these time jumps (1, 2, 4, ... then every 256th): a timer that keeps
# firing cannot hide a deadlock for long, and the check stays off the hot path.
_CHECK_EVERY = 256
DEADLOCK_EXIT_STATUS = 113


class DeadlockExit(BaseException):
    """Ends a run that can never go on. A BaseException, so `except Exception` in the program
    cannot swallow it."""


class DeadlockWatch:
    """The Debugger's watch for deadlocks (a mixin: it uses the debugger's recorder, tasks and
    pause)."""

    deadlocked = None
    time_jumps = 0

    def _on_idle(self, loop, timeout):
        if self.deadlocked is not None:
            raise DeadlockExit(self.deadlocked)
        if getattr(loop, "real_time", False):
            self._on_native_idle(loop, timeout)
            return
        if timeout is None:
            tasks = self._live_tasks()
            report = graph.build(self.recorder, tasks, self._resource_names(tasks))
            cycles = report["cycles"] or [graph.starvation(self.recorder, tasks, self._resource_names(tasks))]
            self._deadlock(cycles, tasks)
            return
        self.time_jumps += 1
        n = self.time_jumps
        if (n & (n - 1)) == 0 or n % _CHECK_EVERY == 0:
            self._check_cycles(loop)

    def _on_native_idle(self, loop, timeout):
        """A native loop (native/loop.py) has waited quietly for a while. A cycle that no timer
        can wake is a deadlock, whatever else the program waits on (an open server); every task
        blocked is one only when nothing outside the loop (I/O, a thread, a signal) can wake
        a task either."""
        if timeout is None and not loop.wakers_outside():
            tasks = self._live_tasks()
            if tasks:
                report = graph.build(self.recorder, tasks, self._resource_names(tasks))
                cycles = report["cycles"] or [graph.starvation(self.recorder, tasks, self._resource_names(tasks))]
                self._deadlock(cycles, tasks)
            return
        self._check_cycles(loop)

    def _check_cycles(self, loop):
        tasks = self._live_tasks()
        report = graph.build(self.recorder, tasks)
        if report["cycles"]:
            report = graph.build(self.recorder, tasks, self._resource_names(tasks))
            wakeable = graph.wakeable_task_ids(loop)
            stuck = [c for c in report["cycles"] if not graph.tasks_in(c) & wakeable]
            if stuck:
                self._deadlock(stuck, tasks)

    def _deadlock(self, cycles, tasks):
        description = "; ".join(c["description"] for c in cycles)
        if "deadlock" in self.break_on:
            self.pause("deadlock", f"Deadlock: {description}")
        self.deadlocked = description
        print(self._deadlock_report(cycles, tasks), file=sys.stderr)
        # asyncio.run would cancel every task on the way out, and cancelling tasks that await
        # each other recurses without end (each cancels the task it awaits). The run ends
        # frozen in its deadlock instead: that is what the report describes.
        _skip_cancel_on_exit(self.recorder.loop)
        # Held to the end of the run: collected, their coroutines would be closed and run
        # `finally` blocks and `async with` exits against a closed loop.
        self._frozen = tasks
        raise DeadlockExit(description)

    def _deadlock_report(self, cycles, tasks):
        names = self._resource_names(tasks)
        lines = ["", "Loopscope: deadlock. No task can ever run again."]
        for cycle in cycles:
            lines.append(f"  {cycle['description']}")
        lines.append("Tasks:")
        for task in tasks:
            wait = self.recorder.waiting_on(task)
            where = frames.innermost_user_line(task)
            at = f" at {where[0]}:{where[1]}" if where else ""
            what = wait["label"] if wait else task._state.lower()
            holders = ""
            if wait and wait["kind"] == "resource":
                res = resources.REGISTRY.get(wait["id"])
                if res is not None:
                    what = graph.resource_label(resources.record(res, names.get(wait["id"])))
                    held_by = [self._task_name(h) for h in resources.record(res)["holders"]]
                    holders = f" (held by {', '.join(held_by)})" if held_by else " (held by no task)"
            lines.append(f"  {task.get_name()}: waits on {what}{holders}{at}")
        return "\n".join(lines)


def _skip_cancel_on_exit(loop):
    runners = sys.modules.get("asyncio.runners")
    cancel_all = getattr(runners, "_cancel_all_tasks", None)
    if cancel_all is None or getattr(cancel_all, "_ls_wrapped", False):
        return

    def _cancel_all_tasks(target):
        if target is not loop:
            cancel_all(target)
    _cancel_all_tasks._ls_wrapped = True
    runners._cancel_all_tasks = _cancel_all_tasks
