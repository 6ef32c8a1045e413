"""The debugger: breakpoints, scheduler-event breakpoints, per-task stepping, pausing anywhere.
Its pause (pause_loop.py) and its watch for deadlocks (deadlocks.py) are mixins of it.

Line events come from sys.monitoring, on the program's own code objects only; a line that is
neither a breakpoint nor wanted by a step returns DISABLE, so it costs nothing afterwards.
Scheduler events come from the Recorder and the instrumented primitives.
"""
import asyncio
import dis
import json
import sys

from . import frames, inspection, resources
from .deadlocks import DeadlockWatch
from .frames import is_user_file
from .line_events import LineEvents, watch_imported_user_modules
from .pause_loop import PauseLoop
from .recorder import exc_text, is_task, safe_repr
from .replay import Replay
from .signals import keep_sigint

_CLEANUP_THROW = dis.opmap.get("CLEANUP_THROW")
_LOCK_KINDS = (asyncio.Lock, asyncio.Semaphore, asyncio.Condition)
_TASK_END_EVENTS = {"task-finished", "task-cancelled", "task-failed", "exception"}
NAMING_TASKS = 1000


class Debugger(DeadlockWatch, PauseLoop):
    lines = None

    def __init__(self, run, options, host):
        self.run = run
        self.recorder = run.recorder
        self.emitter = run.emitter
        self.host = host
        self.auto_continue = bool(options.get("autoContinue"))
        self.breakpoints = {}
        self.set_breakpoints(options.get("breakpoints", []))
        self.break_on = set(options.get("breakOn", ["deadlock"]))
        self.break_on_names = set(options.get("breakOnTaskNames", []))
        self.step = None
        self.run_to = None
        self.pause_requested = False
        self.pausing = False
        self.last_task = None
        self.refs = None
        self.paused_frame = None
        self.deadlocked = None
        self.time_jumps = 0
        self.lines = None
        replay = options.get("replay")
        self.replay = Replay(replay) if replay else None

    # ----- installation -----
    def install(self, code):
        self.lines = LineEvents(self._on_line, self._on_return)
        self.lines.watch(code)
        watch_imported_user_modules(self.lines)
        rec = self.recorder
        rec.on_idle = self._on_idle
        rec.debugger = self
        resources.REGISTRY.hook = self._on_lock_event
        self._release_sigint = keep_sigint(self._on_sigint)
        self._rearm()

    def uninstall(self):
        self.lines.close()
        resources.REGISTRY.hook = None
        self._release_sigint()

    def _rearm(self):
        """The per-step hook costs time on every task step: install it only when wanted.
        Likewise the look at every future asyncio makes, for lock contention."""
        wanted = (self.pause_requested or "task-switch" in self.break_on
                  or (self.step is not None and self.step["kind"] == "switch"))
        self.recorder.step_hook = self._on_step if wanted else None
        self.recorder.watch_contention = "lock-contended" in self.break_on
        if self.step is not None or self.run_to is not None or self.pause_requested:
            self.lines.restart()

    # ----- breakpoints -----
    def set_breakpoints(self, specs):
        old = self.breakpoints
        self.breakpoints = {}
        for spec in specs:
            key = (spec["file"], int(spec["line"]))
            hits = old.get(key, {}).get("hits", 0)
            self.breakpoints[key] = {**spec, "hits": hits}
        if self.lines is not None:
            self.lines.restart()

    def set_break_on(self, events, names=None):
        self.break_on = set(events)
        if names is not None:
            self.break_on_names = set(names)
        if self.break_on & _TASK_END_EVENTS:
            for task in self._live_tasks():
                self._watch_task_end(task)
        self._rearm()

    def _on_line(self, code, line, frame=None):
        frame = frame if frame is not None else sys._getframe(1)
        bp = self.breakpoints.get((code.co_filename, line))
        replay = self.replay
        if replay is not None and replay.wants_lines and not self.pausing:
            if self._replay_line(code, line, frame):
                return None
        elif bp is None and self.step is None and self.run_to is None and not self.pause_requested:
            return self.lines.DISABLE
        if self.pausing:
            return None
        if _CLEANUP_THROW is not None and code.co_code[frame.f_lasti] == _CLEANUP_THROW:
            # An exception thrown into a coroutine suspended on this line (a cancellation)
            # re-fires its line event: that is not a new arrival at the line.
            return None
        task = asyncio.current_task() if _loop_running() else None
        if self.pause_requested:
            self.pause("pause", "Paused", frame=frame, task=task)
        elif self.step is not None and self._step_stops(frame, task):
            self.pause("step", self.step["description"], frame=frame, task=task)
        elif self.run_to is not None and self.run_to == (code.co_filename, line):
            self.pause("step", f"Ran to line {line}", frame=frame, task=task)
        elif bp is not None:
            self._hit_breakpoint(bp, frame, task, line)
        return None

    # ----- re-execution to a moment (replay.py) -----
    def stop_at_step(self):
        """The step before which the loop must call back (0: none)."""
        replay = self.replay
        return replay.target_step if replay is not None and not replay.reached else 0

    def _replay_on(self, spec):
        """Go on from this pause to a later moment, every pause on the way muted: a re-execution
        that waited at a checkpoint (core/timetravel/checkpoint.ts) goes on to its target."""
        self.replay = Replay(spec)
        loop = self.recorder.loop
        # This step is under way: a moment in it is a line, which the next step's call back
        # finds missed if it never comes.
        target = self.stop_at_step()
        loop.stop_at_step = max(target, loop.steps + 1) if target else 0
        self.lines.restart()

    def on_reached_step(self, task):
        replay = self.replay
        loop = self.recorder.loop
        if replay is None or replay.reached:
            return
        step = loop.steps
        if step == replay.target_step and replay.reached_step():
            self.pause("moment", f"Step {step}: task {task.get_name()} is about to run", task=task, about_to_run=True)
        elif step > replay.target_step and replay.passed_step(step):
            self.pause("moment", replay.missed, task=task, about_to_run=True)
        else:
            # A line moment inside the target step: line events must come during it, and the
            # loop calls back once more, before the next step, in case the line never comes.
            loop.stop_at_step = step + 1
            self.lines.restart()

    def _replay_line(self, code, line, frame):
        """A line event while a replay follows lines. True if the replay paused here."""
        if not is_user_file(code.co_filename):
            return False
        if _CLEANUP_THROW is not None and code.co_code[frame.f_lasti] == _CLEANUP_THROW:
            return False
        task = asyncio.current_task() if _loop_running() else None
        loop = self.recorder.loop
        step = loop.steps if loop is not None else 0
        if self.replay.line_event(getattr(task, "_ls_id", None), step, code.co_filename, line):
            self.pause("moment", f"Step {step}: line {line} of {code.co_name}", frame=frame, task=task)
            return True
        return False

    def _hit_breakpoint(self, bp, frame, task, line):
        condition = bp.get("condition")
        if condition:
            try:
                if not eval(condition, frame.f_globals, frame.f_locals):
                    return
            except Exception as exc:
                self._lint("BreakpointCondition", f"condition {condition!r} failed: {exc_text(exc)}",
                           [frame.f_code.co_filename, line])
        bp["hits"] += 1
        if bp["hits"] < bp.get("hitCount", 1):
            return
        message = bp.get("logMessage")
        if message:
            self._lint("Logpoint", inspection.format_log(message, frame), [frame.f_code.co_filename, line], task)
            return
        where = f"{frame.f_code.co_filename}:{line}"
        self.pause("breakpoint", f"Breakpoint at {where}", frame=frame, task=task)

    # ----- stepping -----
    def _start_step(self, kind, task_id):
        task = self._task_by_id(task_id) if task_id else self.paused_task
        frame = self.paused_frame
        if frame is None and task is not None:
            suspended = [f for f in frames.suspended_frames(task) if is_user_file(f.f_code.co_filename)]
            frame = suspended[-1] if suspended else None
        stack = frames.running_frames(frame) if frame is not None and task is self.paused_task and self.paused_frame is not None \
            else (frames.suspended_frames(task) if task is not None else [])
        if frame is not None and frame not in stack:
            stack = frames.running_frames(frame)
        name = task.get_name() if task is not None else "the program"
        descriptions = {"over": f"Stepped over in {name}", "into": f"Stepped into from {name}",
                        "out": f"Stepped out in {name}", "switch": f"Switched from {name}"}
        outer = set(stack[:-1]) if stack else set()
        # (The pause this step starts from ended the last step's watch of returns.)
        if kind == "out" and outer and frame is not None:
            # Stop in the caller the moment this frame returns, on the calling line (whose rest,
            # e.g. the assignment of the result, has yet to run), as other debuggers do.
            self.lines.watch_returns(frame.f_code)
        self.step = {
            "kind": kind, "task": task, "frame": frame, "frames": set(stack) | ({frame} if frame else set()),
            "outer": outer, "awaiters": set(inspection.awaited_by(task)) if task is not None and kind == "out" else set(),
            "max_task": self.recorder.max_task_id, "description": descriptions[kind],
        }

    def _on_return(self, code, offset, value, frame=None):
        """A frame of a code being stepped out of returns: pause in its caller."""
        frame = frame if frame is not None else sys._getframe(1)
        step = self.step
        if step is None or self.pausing or step["kind"] != "out" or frame is not step["frame"]:
            return None
        caller = frame.f_back
        while caller is not None and caller not in step["outer"]:
            caller = caller.f_back
        if caller is not None:
            task = asyncio.current_task() if _loop_running() else None
            self.pause("step", f"Stepped out of {code.co_name}, which returned {safe_repr(value)}",
                       frame=caller, task=task)
        return None

    def _step_stops(self, frame, task):
        step = self.step
        if not is_user_file(frame.f_code.co_filename):
            return False
        kind = step["kind"]
        if kind == "over":
            return task is step["task"] and frame in step["frames"]
        if kind == "into":
            origin = step["task"]
            if task is origin:
                return True
            if task is None or origin is None:
                return False
            created_now = getattr(task, "_ls_id", 0) > step["max_task"] and task._ls_parent == origin._ls_id
            return created_now or _awaits(origin, task)
        if kind == "out":
            if step["outer"]:
                return task is step["task"] and frame in step["outer"]
            return task is not None and getattr(task, "_ls_id", None) in step["awaiters"]
        return False

    def _on_step(self, task, callback):
        if self.pausing:
            return
        previous, self.last_task = self.last_task, task
        if self.pause_requested:
            self.pause("pause", f"Paused before task {task.get_name()} runs", task=task, about_to_run=True)
        elif self.step is not None and self.step["kind"] == "switch" and task is not self.step["task"]:
            self.pause("step", f"Switched to task {task.get_name()}", task=task, about_to_run=True)
        elif "task-switch" in self.break_on and task is not previous:
            if not self.break_on_names or task.get_name() in self.break_on_names:
                self.pause("task-switch", f"Task switch to {task.get_name()}", task=task, about_to_run=True)

    # ----- scheduler events (called by the Recorder) -----
    def on_task_created(self, task):
        if self.break_on & _TASK_END_EVENTS:
            self._watch_task_end(task)
        if "task-created" in self.break_on and not self.pausing and not task._ls_hidden:
            site = task._ls_site
            where = f" at {site[0]}:{site[1]}" if site else ""
            self.pause("task-created", f"Task {task.get_name()} created{where}",
                       frame=frames.user_frame(sys._getframe(2)), task=task, location=site)

    def _watch_task_end(self, task):
        if not getattr(task, "_ls_end_watched", False):
            task._ls_end_watched = True
            task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task):
        if self.pausing:
            return
        if task.cancelled():
            kind, what = "task-cancelled", "was cancelled"
        elif task._exception is not None:
            kind, what = "task-failed", f"failed: {exc_text(task._exception)}"
        else:
            kind, what = "task-finished", "finished"
        wanted = kind in self.break_on or (kind == "task-failed" and "exception" in self.break_on
                                           and not isinstance(task._exception, asyncio.CancelledError))
        if wanted:
            location, frame = task._ls_site, None
            if kind == "task-failed":
                frame = frames.innermost_user_frame(task._exception.__traceback__)
                if frame is not None:
                    location = [frame.f_code.co_filename, frame.f_lineno]
            reason = "exception" if kind == "task-failed" and "task-failed" not in self.break_on else kind
            if kind == "task-failed":
                self._exception_seen = id(task._exception)  # an id: a reference would keep the task alive
            self.pause(reason, f"Task {task.get_name()} {what}", frame=frame, task=task, location=location)

    def on_future_done(self, fut):
        kind = "future-cancelled" if fut.cancelled() else "future-resolved"
        if kind in self.break_on and not self.pausing:
            self.pause(kind, f"{fut._ls_label} #{fut._ls_id} {'cancelled' if fut.cancelled() else 'resolved'}",
                       location=fut._ls_site)

    def on_contended(self, obj, frame):
        if "lock-contended" in self.break_on and isinstance(obj, _LOCK_KINDS) and not self.pausing:
            user = frames.user_frame(frame)
            self.pause("lock-contended", f"{type(obj).__name__} #{resources.rid(obj)} is contended",
                       frame=user, task=asyncio.current_task())

    def _on_lock_event(self, kind, obj):
        task = asyncio.current_task() if _loop_running() else None
        self.recorder.timeline.mark(kind, resources.rid(obj), getattr(task, "_ls_id", None))
        if kind in self.break_on and not self.pausing:
            verb = "acquired" if kind == "lock-acquired" else "released"
            self.pause(kind, f"{type(obj).__name__} #{resources.rid(obj)} {verb}",
                       frame=frames.user_frame(sys._getframe(2)), task=asyncio.current_task())

    def on_loop_exception(self, context):
        """Lints for what asyncio reports; True to silence asyncio's own report."""
        message = context.get("message", "")
        if self.deadlocked is not None:
            # The run ended frozen in its deadlock: its pending tasks are not news.
            return True
        fut = context.get("future") or context.get("task")
        site = getattr(fut, "_ls_site", None)
        if "never retrieved" in message:
            exc = context.get("exception")
            detail = f": {exc_text(exc)}" if exc is not None else ""
            self._lint("NeverRetrieved", f"{message}{detail}", site, fut)
            if "never-retrieved" in self.break_on and not self.pausing:
                self.pause("never-retrieved", f"{message}{detail}", location=site)
        elif "destroyed but it is pending" in message:
            self._lint("TaskDestroyedPending", message, site, fut)
        return False

    def on_uncaught(self, exc):
        # The main task's exception was already a pause when the task failed.
        if "exception" in self.break_on and id(exc) != self._exception_seen:
            frame = frames.innermost_user_frame(exc.__traceback__)
            self.pause("exception", f"Uncaught {exc_text(exc)}", frame=frame)

    # ----- pausing on request -----
    def _on_sigint(self, signum, frame):
        self.poll_commands()
        if not self.pause_requested:
            return
        if self._loop_waiting():
            self.pause("pause", "Paused while the event loop waits for I/O")
        elif frame is not None and is_user_file(frame.f_code.co_filename) and not self.pausing:
            task = asyncio.current_task() if _loop_running() else None
            self.pause("pause", "Paused", frame=frame, task=task)
        else:
            self._rearm()   # at the next line of the program or the next task switch

    def commands_arrived(self):
        """The host's command pipe is readable (a native loop watches it): apply what came, and
        pause now if asked to (between steps, or in the loop's wait for I/O)."""
        self.poll_commands()
        if self.pause_requested and not self.pausing:
            # Nothing else ready: the loop was waiting for I/O (or a timer) when the Pause came.
            idle = not getattr(self.recorder.loop, "_ready", True)
            self.pause("pause", "Paused while the event loop waits for I/O" if idle else "Paused between task steps")

    def _loop_waiting(self):
        loop = self.recorder.loop
        return getattr(loop, "waiting", False) and not self.pausing

    def poll_commands(self):
        """Apply commands that arrived while the program runs (the pause loop reads its own)."""
        poll = getattr(self.host, "poll_command", None)
        while poll is not None:
            raw = poll()
            if raw is None:
                return
            self._apply_running(json.loads(raw))

    def _apply_running(self, cmd):
        kind = cmd.get("type")
        if kind == "debug.pause":
            self.pause_requested = True
        elif kind == "debug.setBreakpoints":
            self.set_breakpoints(cmd["breakpoints"])
        elif kind == "debug.setBreakOn":
            self.set_break_on(cmd["events"], cmd.get("taskNames"))
        elif kind == "debug.cancelTask":
            self._cancel(cmd)
        elif "seq" in cmd:
            self._reply(cmd, False, error="the program is running: pause it first")

    # ----- helpers -----
    def _resource_names(self, tasks, frame=None, stacks=None):
        if stacks is None:
            stacks = {t: frames.suspended_frames(t) for t in tasks}
        # Names come from the first frames that hold a primitive: a bounded number is enough.
        all_frames = [f for stack in list(stacks.values())[:NAMING_TASKS] for f in stack]
        if frame is not None:
            all_frames.append(frame)
        prims = resources.REGISTRY.shown()
        module = sys.modules.get("__main__")
        return inspection.name_resources(prims, getattr(module, "__dict__", {}), all_frames)

    def _live_tasks(self):
        loop = self.recorder.loop
        if loop is None or loop.is_closed():
            return []
        tasks = [t for t in asyncio.all_tasks(loop) if getattr(t, "_ls_id", None) is not None and not t._ls_hidden]
        tasks.sort(key=lambda t: t._ls_id)
        return tasks

    def _task_by_id(self, task_id):
        for task in self._live_tasks():
            if task._ls_id == task_id:
                return task
        return None

    def _task_name(self, task_id):
        task = self._task_by_id(task_id)
        return task.get_name() if task is not None else f"task {task_id}"

    def _lint(self, category, message, site, task=None):
        self.emitter.event({"type": "warning", "category": category, "message": message,
                            "file": site[0] if site else None, "line": site[1] if site else None,
                            "taskId": getattr(task, "_ls_id", None) if is_task(task) else None})

    _paused_task = None
    _exception_seen = None


def _awaits(waiter, task):
    """Whether `waiter` is blocked on `task` (directly or through gather)."""
    fut = waiter._fut_waiter
    return fut is task or task in (getattr(fut, "_children", None) or ())


def _loop_running():
    return asyncio._get_running_loop() is not None
