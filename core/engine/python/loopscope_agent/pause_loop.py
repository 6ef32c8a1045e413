"""The pause: the paused event (records, every task's stack, locals, the wait-for graph), then
the loop that answers inspection requests until the host says go on. While it waits, the
engine blocks on the host's command pipe, so the whole program stands still."""
import json
import sys

from . import frames, graph, inspection
from .frames import is_user_file
from .recorder import exc_text

LOCALS_TASKS = 1000
# What a re-execution passes on its way (the run's own pauses: not the user's Pause or steps).
_ARMED = frozenset(("breakpoint", "task-switch", "task-created", "task-finished", "task-cancelled",
                    "task-failed", "future-resolved", "future-cancelled", "lock-contended",
                    "lock-acquired", "lock-released", "exception", "never-retrieved", "deadlock"))


class PauseLoop:
    """The Debugger's pause (a mixin: it uses the debugger's recorder, emitter and host)."""

    armed_pauses = 0

    @property
    def paused_task(self):
        return self._paused_task

    def pause(self, kind, description, frame=None, task=None, location=None, about_to_run=False):
        if self.pausing:
            return
        replay = self.replay
        index = None
        if kind in _ARMED:
            # Armed pauses are counted: the n-th is a moment a re-execution can find again.
            index = self.armed_pauses = self.armed_pauses + 1
            if replay is not None and not replay.reached:
                loop = self.recorder.loop
                where = location or ([frame.f_code.co_filename, frame.f_lineno] if frame is not None else None)
                if not replay.pause_opportunity(index, kind, description, where, loop.steps if loop is not None else 0):
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
            self.recorder.send_timeline()
            if replay is not None and replay.reached and replay.checkpoint:
                event = self._checkpoint_event(kind, description, task)
            else:
                event = self._paused_event(kind, description, frame, task, location, about_to_run)
                if about_to_run and task is not None:
                    # The snapshot took the task as it is before its step: what the step does
                    # to it (it may finish) is the next delta's.
                    self.recorder.dirty_tasks.add(task)
            if index is not None:
                event["pauseIndex"] = index
            if replay is not None and replay.reached:
                # The moment of a re-execution: say what lay before it, once; from here on the
                # run is an ordinary one.
                event["replay"] = replay.report()
                self.replay = None
                self.lines.restart()
            self.emitter.event(event)
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
                "snapshot": snapshot, "details": details, "graph": wait_graph,
                "step": rec.loop.steps if rec.loop is not None else 0, "aboutToRun": bool(about_to_run)}

    def _checkpoint_event(self, kind, description, task):
        """The paused event of a checkpoint: where it is, without records (replay.py)."""
        rec = self.recorder
        loop = rec.loop_record()
        return {"type": "paused", "reason": {"kind": kind, "description": description},
                "taskId": getattr(task, "_ls_id", None), "location": None,
                "snapshot": {"type": "snapshot.full", "seq": rec.seq, "loop": loop,
                             "tasks": [], "futures": [], "resources": []},
                "details": [], "graph": {"nodes": [], "edges": [], "cycles": []},
                "step": loop["steps"], "aboutToRun": True}

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
            if kind == "debug.replay":
                self._replay_on(cmd["replay"])
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


class _GlobalsFrame:
    """Evaluation scope when no frame is paused: the program's module."""

    def __init__(self, namespace):
        self.f_globals = namespace
        self.f_locals = namespace
