"""The debugger: breakpoints, scheduler-event breakpoints, per-task stepping, pausing anywhere,
and the pause loop that answers inspection requests until it is told to go on.

Line events come from sys.monitoring, on the program's own code objects only; a line that is
neither a breakpoint nor wanted by a step returns DISABLE, so it costs nothing afterwards.
Scheduler events come from the Recorder and the instrumented primitives. While paused, the
worker thread blocks in `host.wait_command()`, so the whole program stands still.
"""
import asyncio
import dis
import json
import signal
import sys

from . import frames, graph, inspection, resources
from .frames import is_user_file
from .line_events import LineEvents
from .recorder import exc_text, is_task, safe_repr

_CLEANUP_THROW = dis.opmap.get("CLEANUP_THROW")
_LOCK_KINDS = (asyncio.Lock, asyncio.Semaphore, asyncio.Condition)
_TASK_END_EVENTS = {"task-finished", "task-cancelled", "task-failed", "exception"}
# Full deadlock checks at these time jumps (1, 2, 4, ... then every 256th): a timer that keeps
# firing cannot hide a deadlock for long, and the check stays off the hot path.
_CHECK_EVERY = 256
DEADLOCK_EXIT_STATUS = 113
LOCALS_TASKS = 1000
NAMING_TASKS = 1000


class DeadlockExit(BaseException):
    """Ends a run that can never go on. A BaseException, so `except Exception` in the program
    cannot swallow it."""


class Debugger:
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

    # ----- installation -----
    def install(self, code):
        self.lines = LineEvents(self._on_line, self._on_return)
        self.lines.watch(code)
        _watch_imported_user_modules(self.lines)
        rec = self.recorder
        rec.on_idle = self._on_idle
        rec.debugger = self
        resources.REGISTRY.hook = self._on_lock_event
        self._release_sigint = _keep_sigint(self._on_sigint)
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
        if bp is None and self.step is None and self.run_to is None and not self.pause_requested:
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
            self._lint("Logpoint", _format_log(message, frame), [frame.f_code.co_filename, line], task)
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
                       frame=_user_frame(sys._getframe(2)), task=task, location=site)

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
                frame = _innermost_user_frame(task._exception.__traceback__)
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
            user = _user_frame(frame)
            self.pause("lock-contended", f"{type(obj).__name__} #{obj._ls_id} is contended",
                       frame=user, task=asyncio.current_task())

    def _on_lock_event(self, kind, obj):
        if kind in self.break_on and not self.pausing:
            verb = "acquired" if kind == "lock-acquired" else "released"
            self.pause(kind, f"{type(obj).__name__} #{obj._ls_id} {verb}",
                       frame=_user_frame(sys._getframe(2)), task=asyncio.current_task())

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
            frame = _innermost_user_frame(exc.__traceback__)
            self.pause("exception", f"Uncaught {exc_text(exc)}", frame=frame)

    # ----- deadlocks -----
    def _on_idle(self, loop, timeout):
        if self.deadlocked is not None:
            raise DeadlockExit(self.deadlocked)
        if timeout is None:
            tasks = self._live_tasks()
            report = graph.build(self.recorder, tasks, self._resource_names(tasks))
            cycles = report["cycles"] or [graph.starvation(self.recorder, tasks, self._resource_names(tasks))]
            self._deadlock(cycles, tasks)
            return
        self.time_jumps += 1
        n = self.time_jumps
        if (n & (n - 1)) == 0 or n % _CHECK_EVERY == 0:
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
                res = resources.REGISTRY.live.get(wait["id"])
                if res is not None:
                    what = graph.resource_label(resources.record(res, names.get(res._ls_id)))
                    held_by = [self._task_name(h) for h in resources.record(res)["holders"]]
                    holders = f" (held by {', '.join(held_by)})" if held_by else " (held by no task)"
            lines.append(f"  {task.get_name()}: waits on {what}{holders}{at}")
        return "\n".join(lines)

    # ----- pausing on request -----
    def _on_sigint(self, signum, frame):
        self.poll_commands()
        if not self.pause_requested:
            return
        if frame is not None and is_user_file(frame.f_code.co_filename) and not self.pausing:
            task = asyncio.current_task() if _loop_running() else None
            self.pause("pause", "Paused", frame=frame, task=task)
        else:
            self._rearm()   # at the next line of the program or the next task switch

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

    # ----- the pause -----
    @property
    def paused_task(self):
        return self._paused_task

    def pause(self, kind, description, frame=None, task=None, location=None, about_to_run=False):
        if self.pausing:
            return
        self.pausing = True
        self.pause_requested = False
        self.step = None
        if self.lines is not None:
            self.lines.unwatch_returns()
        self.run_to = None
        self.refs = inspection.References()
        self.paused_frame = frame
        self._paused_task = task
        try:
            if location is None and frame is not None:
                location = [frame.f_code.co_filename, frame.f_lineno]
            if location is None and task is not None:
                location = frames.innermost_user_line(task)
            self.emitter.event(self._paused_event(kind, description, frame, task, location, about_to_run))
            self.emitter.flush()
            if not self.auto_continue:
                self._command_loop()
            self.emitter.event({"type": "resumed"})
        finally:
            self.refs = None
            self.paused_frame = None
            self._paused_task = None
            self.pausing = False
            self.recorder.loop_resumed()
            self._rearm()

    def _paused_event(self, kind, description, frame, task, location, about_to_run):
        rec = self.recorder
        tasks = self._live_tasks()
        current = task if (frame is not None and not about_to_run) else None
        stacks = {t: inspection.stack_of(t, frame, current) for t in tasks}
        names = self._resource_names(tasks, frame, stacks)
        snapshot = rec.full_snapshot(tasks, current, names)
        details = []
        # Locals cost a repr each: past LOCALS_TASKS tasks (the paused one first) a client asks
        # for them with inspect.task. Every task still gets its stack.
        with_locals = {task} | set(tasks[:LOCALS_TASKS])
        refs = self.refs
        for t in tasks:
            stack = stacks[t]
            frame_infos = [frames.frame_info(f, refs.add(("frame", f))) for f in stack]
            top = None
            if t in with_locals:
                user = [f for f in stack if is_user_file(f.f_code.co_filename)]
                top = frame if (t is current and frame is not None) else (user[-1] if user else None)
            details.append({"id": t._ls_id, "stack": frame_infos, "awaitedBy": inspection.awaited_by(t),
                            "locals": inspection.frame_variables(top, self.refs) if top is not None else []})
        wait_graph = graph.build(rec, tasks, names, {r["id"]: r["waitingOn"] for r in snapshot["tasks"]})
        return {"type": "paused", "reason": {"kind": kind, "description": description},
                "taskId": getattr(task, "_ls_id", None), "location": location,
                "snapshot": snapshot, "details": details, "graph": wait_graph}

    def _command_loop(self):
        while True:
            cmd = json.loads(self.host.wait_command())
            kind = cmd.get("type")
            if kind == "debug.continue":
                return
            if kind == "debug.step":
                self._start_step(cmd["kind"], cmd.get("taskId"))
                return
            if kind == "debug.runToLine":
                self.run_to = (cmd["file"], int(cmd["line"]))
                return
            if kind == "debug.pause":
                continue
            try:
                if kind == "inspect.variables":
                    self._reply(cmd, True, inspection.expand(cmd["ref"], self.refs))
                elif kind == "inspect.evaluate":
                    self._reply(cmd, True, inspection.evaluate(cmd["expression"], self._eval_frame(cmd), self.refs))
                elif kind == "inspect.task":
                    self._reply(cmd, True, self._task_detail(cmd["taskId"]))
                elif kind == "inspect.stacks":
                    self._reply(cmd, True, self._stacks(cmd.get("taskIds")))
                else:
                    self._apply_running(cmd)
            except Exception as exc:  # an inspection that fails is answered, never fatal
                if "seq" in cmd:
                    self._reply(cmd, False, error=exc_text(exc))
            self.emitter.flush()

    def _reply(self, cmd, ok, result=None, error=None):
        reply = {"type": "reply", "seq": cmd.get("seq") or 0, "ok": ok}
        if ok:
            reply["result"] = result
        else:
            reply["error"] = error
        self.emitter.event(reply)
        self.emitter.flush()

    def _eval_frame(self, cmd):
        frame_id = cmd.get("frameId")
        if frame_id:
            kind, frame = self.refs.get(frame_id)
            if kind != "frame":
                raise KeyError(f"{frame_id} is not a frame")
            return frame
        if self.paused_frame is not None:
            return self.paused_frame
        task = self._paused_task
        if task is not None:
            user = [f for f in frames.suspended_frames(task) if is_user_file(f.f_code.co_filename)]
            if user:
                return user[-1]
        module = sys.modules.get("__main__")
        return _GlobalsFrame(getattr(module, "__dict__", {}))

    def _task_detail(self, task_id):
        task = self._task_by_id(task_id)
        if task is None:
            raise KeyError(f"no live task {task_id}")
        stack = inspection.stack_of(task, self.paused_frame, self._paused_task if self.paused_frame else None)
        return {"id": task_id, "stack": [frames.frame_info(f, self.refs.add(("frame", f))) for f in stack],
                "awaitedBy": inspection.awaited_by(task),
                "locals": inspection.frame_variables(stack[-1], self.refs) if stack else []}

    def _stacks(self, task_ids=None):
        tasks = self._live_tasks()
        if task_ids is not None:
            wanted = set(task_ids)
            tasks = [t for t in tasks if t._ls_id in wanted]
        return frames.compact_stacks(tasks, self._paused_task, self.paused_frame)

    def _cancel(self, cmd):
        task = self._task_by_id(cmd["taskId"])
        if task is not None:
            task.cancel(cmd.get("message"))
            self.recorder.dirty_tasks.add(task)

    # ----- helpers -----
    def _resource_names(self, tasks, frame=None, stacks=None):
        if stacks is None:
            stacks = {t: frames.suspended_frames(t) for t in tasks}
        # Names come from the first frames that hold a primitive: a bounded number is enough.
        all_frames = [f for stack in list(stacks.values())[:NAMING_TASKS] for f in stack]
        if frame is not None:
            all_frames.append(frame)
        prims = [o for o in resources.REGISTRY.live.values() if getattr(o, "_ls_owner", None) is None]
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


class _GlobalsFrame:
    """Evaluation scope when no frame is paused: the program's module."""

    def __init__(self, namespace):
        self.f_globals = namespace
        self.f_locals = namespace


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


def _watch_imported_user_modules(lines):
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


def _awaits(waiter, task):
    """Whether `waiter` is blocked on `task` (directly or through gather)."""
    fut = waiter._fut_waiter
    return fut is task or task in (getattr(fut, "_children", None) or ())


def _loop_running():
    return asyncio._get_running_loop() is not None


def _keep_sigint(handler):
    """Install `handler` for SIGINT, which is how Pause reaches a running program, and keep it
    there. A program that sets its own SIGINT handler (a graceful shutdown on Ctrl+C) is told
    it did: signal.signal returns the previous one and signal.getsignal the program's. But Pause
    still pauses, instead of running the program's handler. Returns what undoes this."""
    real_signal, real_getsignal = signal.signal, signal.getsignal
    real_signal(signal.SIGINT, handler)
    program = [signal.default_int_handler]

    def set_handler(signalnum, program_handler):
        if signalnum != signal.SIGINT:
            return real_signal(signalnum, program_handler)
        if not callable(program_handler) and program_handler not in (signal.SIG_IGN, signal.SIG_DFL):
            raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
        previous, program[0] = program[0], program_handler
        return previous

    def get_handler(signalnum):
        return program[0] if signalnum == signal.SIGINT else real_getsignal(signalnum)

    set_handler.__name__, get_handler.__name__ = "signal", "getsignal"
    signal.signal, signal.getsignal = set_handler, get_handler

    def release():
        signal.signal, signal.getsignal = real_signal, real_getsignal
    return release


def _user_frame(frame):
    while frame is not None and not is_user_file(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def _innermost_user_frame(tb):
    found = None
    while tb is not None:
        if is_user_file(tb.tb_frame.f_code.co_filename):
            found = tb.tb_frame
        tb = tb.tb_next
    return found


def _format_log(message, frame):
    """A logpoint's message with each {expression} evaluated in the frame."""
    out, i = [], 0
    while i < len(message):
        start = message.find("{", i)
        if start < 0:
            out.append(message[i:])
            break
        end = message.find("}", start)
        if end < 0:
            out.append(message[i:])
            break
        out.append(message[i:start])
        expr = message[start + 1:end]
        try:
            out.append(str(eval(expr, frame.f_globals, frame.f_locals)))
        except Exception as exc:
            out.append(f"<{exc_text(exc)}>")
        i = end + 1
    return "".join(out)
