"""The Recorder watches a DebugLoop and turns what happens into protocol records.

Tasks, futures and primitives get small integer ids (stable within a run, unlike `id()`).
Work on the hot path is kept to marking things dirty; records are built on a tick, from the
dirty sets, and go out as one `snapshot.delta` of whole records (tokio-console's recipe).
"""
import asyncio
import sys
import itertools
import reprlib
import weakref
from asyncio import base_futures, futures, tasks

from . import frames, resources
from .clock import real_perf_counter
from .frames import is_user_file
from .timeline import Timeline

_repr = reprlib.Repr()
_repr.maxstring = 120
_repr.maxother = 120
_repr.maxlist = _repr.maxdict = _repr.maxset = _repr.maxtuple = 8
_TASK_TYPES = (tasks.Task, tasks._PyTask) if hasattr(tasks, "_PyTask") else (tasks.Task,)
_GATHERING = getattr(tasks, "_GatheringFuture", None)
_FINAL = {"done", "cancelled", "failed"}
_LIST_LIMIT = 50
DELTA_CHUNK = 2000
# Methods of asyncio's primitives in which a task waits; `self` in them is the primitive.
_WAITING_METHODS = frozenset(("acquire", "wait", "get", "put", "_wait", "wait_for"))


def safe_repr(value):
    if value is None:  # what most tasks return: no need for reprlib
        return "None"
    try:
        return _repr.repr(value)
    except Exception as exc:  # a user __repr__ may raise: show that instead of failing
        return f"<repr failed: {type(exc).__name__}>"


def exc_text(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {safe_repr(text)[1:-1]}" if text else type(exc).__name__


def is_task(obj):
    return isinstance(obj, _TASK_TYPES)


class Recorder:
    recording = True

    def __init__(self, emitter, clock, tick_steps=None, tick_interval=None):
        self.emitter = emitter
        self.clock = clock
        self.tick_steps = tick_steps
        self.tick_interval = tick_interval
        self.loop = None
        self.debugger = None
        self.max_task_id = 0
        self.seq = 0
        self._task_ids = itertools.count(1)
        self._future_ids = itertools.count(1)
        self._group_ids = itertools.count(1)
        # TaskGroup -> its id. Kept outside the group (a Python object, whose vars() a program
        # may print); a C Task or Future keeps its _ls_ attributes in a dictionary it hides.
        self.group_ids = weakref.WeakKeyDictionary()
        self.stepped = {}              # filled by DebugLoop: task -> time of its latest step
        self.dirty_tasks = set()       # changed without a step (created, cancelled)
        self.user_futures = weakref.WeakValueDictionary()  # id -> future created by the program
        self.dirty_futures = set()
        self._resolved_futures = []
        self.live_tasks = 0
        self.finished_ids = set()
        self.step_hook = None          # the debugger's: called before each task step
        self.watch_contention = False  # the debugger's: see every future asyncio makes
        self.on_idle = None            # the debugger's: called when the loop would jump time or block
        self.timeline = Timeline()

    # ----- hooks called by DebugLoop -----
    def attach(self, loop):
        self.loop = loop
        # Output is stamped with the step it was written in (a console line leads to its step).
        self.emitter.step_source = lambda: loop.steps
        if self.debugger is not None:
            loop.stop_at_step = self.debugger.stop_at_step()

    def loop_running(self, loop):
        """A program's loops count steps together: the run's timeline is one."""
        loop.steps = len(self.timeline.steps)
        if loop is not self.loop:
            self.attach(loop)

    def reached_step(self, task):
        if self.debugger is not None:
            self.debugger.on_reached_step(task)

    def task_created(self, task, parent):
        tid = next(self._task_ids)
        self.max_task_id = tid
        task._ls_id = tid
        task._ls_hidden = is_loop_housekeeping(task)
        task._ls_coro = _coro_name(task)
        task._ls_parent = getattr(parent, "_ls_id", None)
        task._ls_group = None
        task._ls_site = None
        task._ls_since = self.clock.now
        task._ls_created_step = self.loop.steps if self.loop is not None else 0
        frame = sys._getframe(2)
        limit = 12
        while frame is not None and limit:
            code = frame.f_code
            if code.co_name == "create_task" and "taskgroups" in code.co_filename:
                group = frame.f_locals.get("self")
                if group is not None:
                    gid = self.group_ids.get(group)
                    if gid is None:
                        gid = self.group_ids[group] = next(self._group_ids)
                    task._ls_group = gid
            if is_user_file(code.co_filename):
                task._ls_site = (code.co_filename, frame.f_lineno)
                break
            frame = frame.f_back
            limit -= 1
        if not task._ls_hidden:
            self.live_tasks += 1
        self.dirty_tasks.add(task)
        if self.debugger is not None:
            self.debugger.on_task_created(task)

    def future_created(self, fut, frame):
        code = frame.f_code
        if is_user_file(code.co_filename):
            fid = next(self._future_ids)
            fut._ls_id = fid
            fut._ls_site = (code.co_filename, frame.f_lineno)
            fut._ls_label = "Future"
            self.user_futures[fid] = fut
            self.dirty_futures.add(fid)
            fut.add_done_callback(self._future_done)
            return
        # What a task waits on is read from its frames when a record is built (waiting_on): a
        # future made by asyncio itself is not looked at here (DebugLoop does not even pass
        # it), unless the debugger must stop the moment a lock is contended.
        if self.watch_contention and self.debugger is not None:
            owner = _primitive_waited_on(frame)
            if owner is not None:
                self.debugger.on_contended(owner, frame)

    def _future_done(self, fut):
        self.dirty_futures.add(fut._ls_id)
        # Held until published: a resolved future is often dropped at once (a stream's waiter),
        # and its record would stay 'pending' in every client.
        self._resolved_futures.append(fut)
        if self.debugger is not None:
            self.debugger.on_future_done(fut)

    def busy_loop(self, task, times):
        self._lint("BusyLoop", f"task {task.get_name()} woke itself {times} times in a row without "
                   "waiting on anything (a polling loop of `await asyncio.sleep(0)`?)", task)

    def loop_resumed(self):
        """Time spent paused is not time a step held the loop."""
        if self.loop is not None:
            self.loop.iteration_started = real_perf_counter()

    def iteration_done(self, seconds, task):
        """A loop iteration held the loop `seconds` of real time, past DebugLoop's threshold."""
        if task is not None:
            self._lint("SlowStep", f"a step of task {task.get_name()} held the event loop "
                       f"for {seconds * 1000:.0f} ms of real time", task)

    def _lint(self, category, message, task):
        line = frames.innermost_user_line(task) or task._ls_site
        self.emitter.event({"type": "warning", "category": category, "message": message,
                            "file": line[0] if line else None, "line": line[1] if line else None,
                            "taskId": task._ls_id})

    def tick(self):
        if self.debugger is not None:
            self.debugger.poll_commands()
        return self.publish()

    def loop_exception(self, context):
        return self.debugger is not None and self.debugger.on_loop_exception(context)

    def idle(self, loop, timeout):
        if self.on_idle is not None:
            self.on_idle(loop, timeout)
        elif timeout is None:
            from .loop import Deadlock
            raise Deadlock("deadlock: every task is blocked and nothing is scheduled")

    # ----- records -----
    def task_state(self, task, current=None):
        if task.done():
            if task.cancelled():
                return "cancelled"
            return "failed" if task._exception is not None else "done"
        if task is current:
            return "running"
        waiter = task._fut_waiter
        if waiter is not None and not waiter.done():
            return "waiting"
        return "ready"

    def waiting_on(self, task, innermost=None):
        """What a waiting task waits on, as {kind, id?, ids?, until?, label}. `innermost`: the
        task's innermost frame, if the caller has it."""
        fut = task._fut_waiter
        if fut is None or fut.done():
            return None
        if is_task(fut):
            return {"kind": "task", "id": getattr(fut, "_ls_id", None), "label": f"task {fut.get_name()}"}
        if _GATHERING is not None and isinstance(fut, _GATHERING):
            ids = [getattr(c, "_ls_id", None) for c in fut._children if is_task(c) and not c.done()]
            return {"kind": "gather", "ids": [i for i in ids if i is not None],
                    "label": f"gather of {len(fut._children)}"}
        fid = getattr(fut, "_ls_id", None)
        if fid is None:
            wait = self._wait_in_asyncio(task, fut, innermost)
            if wait is not None:
                return wait
            fid = self._adopt_future(fut)
        return {"kind": "future", "id": fid, "label": f"{type(fut).__name__} #{fid}"}

    def _wait_in_asyncio(self, task, fut, frame=None):
        """A wait inside asyncio's own code (a sleep, a primitive, a TaskGroup, asyncio.wait,
        shield), told by the frame that awaits `fut` (the task's innermost); None if it is
        none of those."""
        if frame is None:
            frame = frames.innermost_frames(task)[0]
        if frame is not None and not is_user_file(frame.f_code.co_filename):
            name = frame.f_code.co_name
            if name == "sleep":
                timer = frame.f_locals.get("h")
                until = timer.when() if timer is not None else self.clock.now
                return {"kind": "sleep", "until": until, "label": f"sleep until t={until:g}"}
            owner = _primitive_waited_on(frame)
            if owner is not None:
                res = resources.owner_of(owner)
                resources.REGISTRY.dirty.add(id(res))   # its waiters changed
                rid = resources.rid(res)
                return {"kind": "resource", "id": rid, "label": f"{type(res).__name__} #{rid}"}
            if name in ("_aexit", "__aexit__"):
                # The group this task leaves (`self` there), not the one it belongs to.
                group = frame.f_locals.get("self")
                return {"kind": "taskgroup", "id": self.group_ids.get(group) if group is not None else None,
                        "label": "TaskGroup: its tasks to finish"}
            if name == "_wait":
                return {"kind": "wait", "label": "wait"}
        for callback, _ctx in fut._callbacks or ():
            if getattr(callback, "__name__", None) == "_outer_done_callback":
                return {"kind": "shield", "label": "shield"}
        return None

    def _adopt_future(self, fut):
        """A future the loop did not create (asyncio.Future() called directly) that a task awaits."""
        fid = next(self._future_ids)
        try:
            fut._ls_id = fid
            fut._ls_site = None
            fut._ls_label = type(fut).__name__
            fut.add_done_callback(self._future_done)
        except AttributeError:
            return None
        self.user_futures[fid] = fut
        self.dirty_futures.add(fid)
        return fid

    def task_record(self, task, current=None):
        state = self.task_state(task, current)
        rec = {"id": task._ls_id, "name": task.get_name(), "parent": task._ls_parent,
               "group": task._ls_group, "site": task._ls_site, "coro": task._ls_coro,
               "state": state, "since": task._ls_since, "waitingOn": None, "line": None,
               "result": None, "exception": None, "createdStep": task._ls_created_step}
        if state == "waiting" or state == "ready":
            innermost, user = frames.innermost_frames(task)
            if user is not None:
                rec["line"] = [user.f_code.co_filename, user.f_lineno]
            if state == "waiting":
                rec["waitingOn"] = self.waiting_on(task, innermost)
        elif state == "done":
            rec["result"] = safe_repr(task._result)
        elif state == "failed":
            rec["exception"] = exc_text(task._exception)
        elif state == "cancelled":
            rec["exception"] = "CancelledError"
        return rec

    def future_record(self, fut):
        if fut.cancelled():
            state = "cancelled"
        elif fut.done():
            state = "failed" if fut._exception is not None else "done"
        else:
            state = "pending"
        callbacks, awaiters = [], []
        for cb, _ctx in (fut._callbacks or ()):
            owner = getattr(cb, "__self__", None)
            if is_task(owner):
                awaiters.append(getattr(owner, "_ls_id", None))
            elif cb != self._future_done:
                callbacks.append(getattr(cb, "__qualname__", None) or safe_repr(cb))
        return {"id": fut._ls_id, "label": fut._ls_label, "site": fut._ls_site, "state": state,
                "result": safe_repr(fut._result) if state == "done" else None,
                "exception": exc_text(fut._exception) if state == "failed" else None,
                "callbacks": callbacks, "awaiters": [a for a in awaiters if a is not None]}

    def loop_record(self):
        loop = self.loop
        if loop is None:
            # Paused in module code before the program made a loop: there is none to describe.
            return {"time": self.clock.now, "steps": 0, "ready": [], "readyCount": 0, "timers": [],
                    "timerCount": 0, "taskCount": self.live_tasks}
        ready = []
        for handle in list(loop._ready)[:_LIST_LIMIT]:
            ready.append(_handle_label(handle))
        timers = []
        for handle in sorted(h for h in loop._scheduled if not h._cancelled)[:_LIST_LIMIT]:
            timers.append({"when": handle._when, "label": _handle_label(handle)})
        return {"time": self.clock.now, "steps": loop.steps, "ready": ready,
                "readyCount": len(loop._ready), "timers": timers,
                "timerCount": len(loop._scheduled), "taskCount": self.live_tasks}

    # ----- publishing -----
    def _collect_dirty(self):
        loop = self.loop
        dirty = self.dirty_tasks
        # The tasks DebugLoop ran since the last delta, each with the time of its latest step.
        for task, since in self.stepped.items():
            task._ls_since = since
        dirty.update(self.stepped)
        self.stepped.clear()
        # A task woken since the last delta sits in the ready queue without having stepped yet.
        for handle in (loop._ready if loop is not None else ()):
            owner = getattr(handle._callback, "__self__", None)
            if owner is not None and is_task(owner):
                dirty.add(owner)
        self.dirty_tasks = set()
        return dirty

    def _dirty_visible(self):
        tasks = [t for t in self._collect_dirty() if getattr(t, "_ls_id", None) is not None and not t._ls_hidden]
        tasks.sort(key=lambda t: t._ls_id)
        return tasks

    def _task_records(self, tasks, current):
        records = []
        for task in tasks:
            rec = self.task_record(task, current)
            if rec["state"] in _FINAL and task._ls_id not in self.finished_ids:
                self.finished_ids.add(task._ls_id)
                self.live_tasks -= 1
            records.append(rec)
        return records

    def _delta(self, task_records, futures=(), prims=()):
        """A snapshot.delta of these task records and of the records of `futures` and `prims`."""
        self.seq += 1
        return {"type": "snapshot.delta", "seq": self.seq, "loop": self.loop_record(), "tasks": task_records,
                "futures": [self.future_record(f) for f in futures],
                "resources": [resources.record(p) for p in prims]}

    def _take_dirty_futures(self):
        ids, self.dirty_futures = sorted(self.dirty_futures), set()
        taken = [f for f in map(self.user_futures.get, ids) if f is not None]
        self._resolved_futures = []
        return taken

    def _take_dirty_prims(self):
        return resources.REGISTRY.take_dirty()

    def build_delta(self, current=None):
        # Task records first: building them finds the primitives that tasks began to wait on.
        records = self._task_records(self._dirty_visible(), current)
        return self._delta(records, self._take_dirty_futures(), self._take_dirty_prims())

    def full_snapshot(self, tasks, current, names):
        """Records of every live task (and of those finished since the last delta), every
        program future and every primitive: the state at a pause."""
        delta = self.build_delta(current)
        records = {r["id"]: r for r in delta["tasks"]}
        for task in tasks:
            if task._ls_id not in records:
                records[task._ls_id] = self.task_record(task, current)
        futures = {r["id"]: r for r in delta["futures"]}
        for fid, fut in list(self.user_futures.items()):
            if fid not in futures:
                futures[fid] = self.future_record(fut)
        prims = resources.REGISTRY.shown()
        return {"type": "snapshot.full", "seq": delta["seq"], "loop": delta["loop"],
                "tasks": [records[k] for k in sorted(records)],
                "futures": [futures[k] for k in sorted(futures)],
                "resources": [resources.record(o, names.get(resources.rid(o))) for o in prims]}

    def publish(self):
        """Send what changed, in deltas of at most DELTA_CHUNK records of each kind (100,000
        records built and serialised at once would be a memory peak on both sides of the
        wire). Returns how many task records that took."""
        if self.loop is None:
            return 0
        self.send_timeline()
        dirty = self._dirty_visible()
        chunks = [dirty[start:start + DELTA_CHUNK] for start in range(0, len(dirty), DELTA_CHUNK)] or [[]]
        for chunk in chunks[:-1]:
            self._send(self._delta(self._task_records(chunk, None)))
        # The last tasks first: building their records finds primitives they began to wait on.
        records = self._task_records(chunks[-1], None)
        futures, prims = self._take_dirty_futures(), self._take_dirty_prims()
        for start in range(0, max(len(futures), len(prims), 1), DELTA_CHUNK):
            self._send(self._delta(records, futures[start:start + DELTA_CHUNK], prims[start:start + DELTA_CHUNK]))
            records = []
        return len(dirty)

    def _send(self, delta):
        self.emitter.event(delta)
        self.emitter.flush()

    def send_timeline(self):
        for event in self.timeline.events():
            self.emitter.event(event)


def _primitive_waited_on(frame):
    """The registered primitive whose waiting method (acquire, wait, get...) `frame` runs."""
    if frame.f_code.co_name not in _WAITING_METHODS:
        return None
    owner = frame.f_locals.get("self")
    if owner is None or resources.rid(owner) is None or is_task(owner):
        return None
    return owner


def is_loop_housekeeping(task):
    """Tasks asyncio.run makes for itself at the end (shutting down async generators and the
    executor): not the program's, so not shown."""
    code = getattr(task.get_coro(), "cr_code", None)
    return code is not None and code.co_name in ("shutdown_asyncgens", "shutdown_default_executor") \
        and not is_user_file(code.co_filename)


def _coro_name(task):
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None:
        return type(coro).__name__
    return getattr(code, "co_qualname", code.co_name)


def _handle_label(handle):
    cb = handle._callback
    owner = getattr(cb, "__self__", None)
    if owner is not None and is_task(owner):
        return f"step task {owner.get_name()}"
    name = getattr(cb, "__qualname__", None) or getattr(cb, "__name__", None) or type(cb).__name__
    return name


_callbacks_hidden = False


def hide_own_callbacks():
    """A Future's repr lists its done callbacks (`<Future pending cb=[...]>`): leave out the
    recorder's own (_future_done), so that a program that prints its future sees what python3
    shows. asyncio's C Future builds its repr with base_futures._future_repr_info."""
    global _callbacks_hidden
    if _callbacks_hidden:
        return
    _callbacks_hidden = True
    repr_info = base_futures._future_repr_info
    format_callbacks = base_futures._format_callbacks
    own = Recorder._future_done

    def future_repr_info(future):
        info = repr_info(future)
        callbacks = future._callbacks
        if callbacks and any(getattr(cb, "__func__", None) is own for cb, _ctx in callbacks):
            kept = [c for c in callbacks if getattr(c[0], "__func__", None) is not own]
            at = info.index(format_callbacks(callbacks))
            if kept:
                info[at] = format_callbacks(kept)
            else:
                del info[at]
        return info
    base_futures._future_repr_info = future_repr_info
