"""What every loop of a run does for its observer, whatever its clock and its I/O.

InstrumentedLoop is the half of a loop that the debugger sees: it tells the observer (see
recorder.py) of task creation, of every task step and of futures made by the loop, counts
steps, keeps the busy-loop lint and publishes on a tick. DebugLoop (loop.py: virtual time, no
I/O) and NativeLoop (native/loop.py: real time and real I/O, in the user's own Python) are
this mixin over their own base loop; each finds what is due in its own way, then runs it with
`_run_ready`.
"""
import contextvars
import heapq
import itertools
import sys
from asyncio import events, format_helpers, futures, tasks

from .clock import real_perf_counter

# The module of a caller, without making a frame object (3.12+).
_module_of_caller = getattr(sys, "_getframemodulename", None)
_ASYNCIO_MODULES = ("asyncio.",)
_TASK_TYPES = (tasks.Task, tasks._PyTask) if hasattr(tasks, "_PyTask") else (tasks.Task,)
_MIN_SCHEDULED_TIMER_HANDLES = 100
_MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5
# An iteration this long (real seconds) is reported to the observer (a slow step).
SLOW_ITERATION_SECONDS = 0.1
# A deterministic tick that published N task records waits at least N times this many steps
# before the next one. A record (built and serialised) costs about as much as 4 task steps, so
# publishing then takes about a twentieth of the run at most.
STEPS_PER_PUBLISHED_RECORD = 80
# A task that wakes itself this many times in a row without waiting on anything is in a busy
# loop (a polling loop of `await asyncio.sleep(0)`).
BUSY_LOOP_STEPS = 1000


class Deadlock(RuntimeError):
    """Every task is blocked and nothing is scheduled: the program can never go on."""


# Timers due within this many seconds of each other are one instant for their order.
TIMER_GRAIN = 1e-5


class _TimerHandle(events.TimerHandle):
    """Ordered by _key = (when in grains, loop time it was set at, when, seq). In a real run the
    loop's lateness only grows, so of two timers due at (nearly) the same instant the one set
    earlier fires first: a periodic task's fifth `sleep(1)` cannot overtake a `sleep(5)` set
    when it started, even where the sum of its sleeps comes out a rounding error short (0.1 added
    eight times is 0.7999999999999999), or where a few clock reads (clock.READ_COST each) made
    the earlier one's deadline a microsecond later. Timers set at the same instant go by their
    deadline, then by the order they were set. The same key orders NativeLoop's timers (set-at
    time from its real clock), where it changes asyncio's order by at most a grain."""
    __slots__ = ("_key",)

    def __lt__(self, other):
        return self._key < other._key


class _Handle(events.Handle):
    """asyncio's Handle, made without asking the loop whether it is in debug mode (call_soon
    makes one per task step: DebugLoop makes this kind only when it is not)."""
    __slots__ = ()

    def __init__(self, callback, args, loop, context=None):
        self._context = contextvars.copy_context() if context is None else context
        self._loop = loop
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._repr = None
        self._source_traceback = None


# A program that prints type(handle).__name__ sees asyncio's names.
_Handle.__name__ = _Handle.__qualname__ = "Handle"
_TimerHandle.__name__ = _TimerHandle.__qualname__ = "TimerHandle"


_hashes = itertools.count(1)


def _stable_hash(self):
    # Given on first use, in the program's own order: the same on every run of the program.
    # Kept, like the recorder's _ls_ attributes, in the instance dictionary that asyncio's C
    # Task and Future have but do not expose (no __dict__, so not in vars(), dir() or a pickle).
    try:
        return self._ls_hash
    except AttributeError:
        value = self._ls_hash = next(_hashes)
        return value


def _not_picklable(self, protocol=None):
    # As asyncio's: object's reduce would name the subclass ('Task', not '_asyncio.Task').
    base = type(self).__mro__[1]
    raise TypeError(f"cannot pickle '{base.__module__}.{base.__name__}' object")


class _Task(tasks.Task):
    """asyncio's Task, with a hash that does not depend on where the task sits in memory. Sets
    of tasks (asyncio.wait's done and pending, a TaskGroup's tasks, all_tasks()) iterate in an
    order set by the hash, and the debugger's own allocations (a snapshot, an inspection) move
    where the program's objects land: without this, a run re-executed to go back in it (time
    travel) could cancel its tasks in another order, and take another path."""
    __slots__ = ()
    __hash__ = _stable_hash
    __reduce_ex__ = __reduce__ = _not_picklable


class _Future(futures.Future):
    """asyncio's Future, with the stable hash of _Task (asyncio.wait takes sets of futures)."""
    __slots__ = ()
    __hash__ = _stable_hash
    __reduce_ex__ = __reduce__ = _not_picklable


# A program that prints type(task) sees asyncio's names, and dir(task) lists asyncio's: the
# names a class statement adds (__slots__, and 3.13's __static_attributes__, __firstlineno__)
# were never in the C types' dir.
for _cls in (_Task, _Future):
    _cls.__name__ = _cls.__qualname__ = _cls.__mro__[1].__name__
    _cls.__module__ = _cls.__mro__[1].__module__
    for _name in ("__slots__", "__static_attributes__", "__firstlineno__"):
        if _name in _cls.__dict__:
            delattr(_cls, _name)


class NullObserver:
    """What the loop calls when nobody is watching (native test runs)."""

    recording = False
    # The run's Timeline (timeline.py), when one is kept: DebugLoop appends each step's task.
    timeline = None
    # Publish a snapshot every `tick_steps` task steps (deterministic), or every
    # `tick_interval` seconds of real time (smooth for a UI); None turns either off.
    tick_steps = None
    tick_interval = None
    # Called before every task step, as step_hook(task, callback), when not None (a debugger
    # arms it only while it needs it: it costs a call per step).
    step_hook = None
    # Must future_created hear of the futures asyncio makes for itself (for sleeps, locks...)?
    watch_contention = False

    def task_created(self, task, parent):
        pass

    def future_created(self, fut, frame):
        pass

    def reached_step(self, task):
        """Step `loop.stop_at_step` is about to run (time travel's target)."""

    def loop_running(self, loop):
        """`loop` starts running (a program may run several loops, one after another)."""

    def tick(self):
        """Publish what changed; return how many task records that took."""
        return 0

    def busy_loop(self, task, times):
        """`task` woke itself `times` times in a row without waiting on anything."""

    def iteration_done(self, seconds, task):
        """An iteration held the loop `seconds` of real time; `task` stepped last in it."""

    def loop_resumed(self):
        pass

    def loop_exception(self, context):
        """Return True to keep asyncio from reporting `context` itself."""
        return False

    def idle(self, loop, timeout):
        if timeout is None:
            raise Deadlock("deadlock: every task is blocked and nothing is scheduled")


class InstrumentedLoop:
    """The observer's half of a loop (a mixin, before the base loop in the bases)."""

    # The order of ready handles (schedule.py), when not asyncio's FIFO.
    _order = None
    # With real-time publication: the time until the next one, at least this many times what
    # the last one took (4: publishing takes at most a fifth of the run).
    publish_backoff = 4

    def _init_instrumentation(self, observer):
        self._timer_seq = 0
        self.steps = 0
        # Pause before this step runs (time travel's target); 0: never (steps count from 1).
        self.stop_at_step = 0
        # The busy-loop lint. A task can wake itself N times in a row only if the loop has
        # gone N iterations without once running out of work (idling): counted per iteration.
        # Past BUSY_LOOP_STEPS such iterations the loop watches each step for a while
        # (_watching_spins), counting the self-wakes in a row of each task in _spins.
        self._busy_iterations = 0
        self._watching_spins = False
        self._spins = {}
        self._task_types = {}         # type -> is it a Task?
        self._self_wake_types = {}    # type of a step callback -> is it a task waking itself?
        self.iteration_started = real_perf_counter()
        self.set_observer(observer or NullObserver())

    def set_observer(self, observer):
        self._observer = observer
        self._recording = observer.recording
        # Task steps since the observer last took them: task -> virtual time of its latest
        # step. It is the observer's (shared by all its loops), emptied as it takes them.
        self.stepped = observer.stepped if observer.recording else {}
        self._timeline = observer.timeline
        self._tick_interval = observer.tick_interval
        self._next_tick = real_perf_counter() + (self._tick_interval or 0)
        self._tick_steps = observer.tick_steps
        self._next_tick_step = self.steps + (self._tick_steps or 0)

    def call_exception_handler(self, context):
        # "Task exception was never retrieved", "Task was destroyed but it is pending!"...
        if not self._observer.loop_exception(context):
            super().call_exception_handler(context)

    # ----- creation hooks -----
    def create_task(self, coro, **kwargs):
        parent = tasks.current_task(self) if self.is_running() else None
        if self._task_factory is None:
            # BaseEventLoop.create_task, with a _Task.
            self._check_closed()
            task = _Task(coro, loop=self, **kwargs)
            if task._source_traceback:
                del task._source_traceback[-1]
        else:
            task = super().create_task(coro, **kwargs)
        self._observer.task_created(task, parent)
        return task

    def create_future(self):
        fut = _Future(loop=self)
        # asyncio makes most futures (for sleeps, locks, queues...). Their caller's frame is
        # not wanted, and asking for it would materialise a frame object that lives as long
        # as the waiting coroutine: 100,000 waiting tasks, 20 MB.
        if (_module_of_caller is None or self._observer.watch_contention
                or not (_module_of_caller(1) or "").startswith(_ASYNCIO_MODULES)):
            self._observer.future_created(fut, sys._getframe(1))
        return fut

    def call_soon(self, callback, *args, context=None):
        # BaseEventLoop.call_soon, less its calls (_check_closed, _call_soon, get_debug): the
        # loop runs it for nearly every task step and every future's callback.
        if self._debug:
            return super().call_soon(callback, *args, context=context)
        if self._closed:
            raise RuntimeError("Event loop is closed")
        handle = _Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _TimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        self._timer_seq += 1
        # round(): inf (sleep(math.inf)) and nan have no grain; they sort by `when` alone.
        grain = round(when / TIMER_GRAIN) if when - when == 0 else when
        timer._key = (grain, self._clock.now, when, self._timer_seq)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def run_forever(self):
        # Time the program spent outside the loop is no step's.
        self.iteration_started = real_perf_counter()
        self._observer.loop_running(self)
        return super().run_forever()

    def _drop_cancelled_timers(self):
        """BaseEventLoop._run_once's first part: cancelled timers leave the heap."""
        scheduled = self._scheduled
        sched_count = len(scheduled)
        if (sched_count > _MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > _MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            kept = []
            for handle in scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    kept.append(handle)
            heapq.heapify(kept)
            self._scheduled = scheduled = kept
            self._timer_cancelled_count = 0
        else:
            while scheduled and scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(scheduled)
                handle._scheduled = False

    def _went_idle(self):
        """The loop ran out of ready work: whatever busy stretch there was has ended."""
        self._busy_iterations = 0
        if self._watching_spins:
            self._watching_spins = False
            self._spins.clear()

    def _run_ready(self, now):
        """Run the handles that are ready (at loop time `now`), then publish if a tick is due."""
        ready = self._ready
        # The hot path of a recorded run: per task step, a dict store (which tasks stepped, and
        # when), and while a busy-loop window is open, a count of self-wakes. Records are built
        # from these when published.
        recording = self._recording
        observer = self._observer
        stepped = self.stepped
        self._busy_iterations += 1
        if self._busy_iterations % BUSY_LOOP_STEPS == 0:
            self._next_spin_window()
        watching_spins = self._watching_spins
        spins = self._spins
        task_types = self._task_types
        self_wake = self._self_wake_types
        last_task = None
        debug = self._debug
        timeline = self._timeline
        trace = None
        if recording and timeline is not None:
            trace = timeline.steps.append
            if now != timeline._last_time:
                timeline.clock_at(self.steps + 1, now)
        ntodo = len(ready)
        if self._order is not None:
            # Exploring or replaying a schedule (schedule.py): it may run one ready handle
            # alone, the others waiting for the next iteration. Without one (None, every run
            # but those), FIFO as in asyncio, for the cost of this test.
            ntodo = self._order.pick(ready)
        for _ in range(ntodo):
            handle = ready.popleft()
            if handle._cancelled:
                continue
            if recording:
                callback = handle._callback
                task = getattr(callback, "__self__", None)
                is_task = task_types.get(task.__class__)
                if is_task is None:
                    is_task = task_types[task.__class__] = isinstance(task, _TASK_TYPES)
                if is_task:
                    self.steps += 1
                    stepped[task] = now
                    last_task = task
                    if trace is not None:
                        trace(task._ls_id)
                    if self.steps == self.stop_at_step:
                        observer.reached_step(task)
                    if watching_spins:
                        woke_itself = self_wake.get(callback.__class__)
                        if woke_itself is None:
                            woke_itself = self_wake[callback.__class__] = _wakes_itself(callback)
                        if woke_itself:
                            spin = spins[task] = spins.get(task, 0) + 1
                            if spin == BUSY_LOOP_STEPS:
                                observer.busy_loop(task, spin)
                        elif spins:
                            spins.pop(task, None)
                    hook = observer.step_hook
                    if hook is not None:
                        hook(task, callback)
            if debug:
                try:
                    self._current_handle = handle
                    handle._run()
                finally:
                    self._current_handle = None
            else:
                # Handle._run, inline (one call less per step).
                try:
                    handle._context.run(handle._callback, *handle._args)
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as exc:
                    self._callback_failed(handle, exc)
        # Needed to break cycles when an exception occurs: a frame in a traceback keeps this
        # frame, and with it these locals (the last task stepped would stay alive).
        handle = task = callback = None

        # One clock read per iteration (a real one is a call out of WebAssembly): this
        # iteration ends where the next begins.
        now = real_perf_counter()
        if now - self.iteration_started >= SLOW_ITERATION_SECONDS:
            self._observer.iteration_done(now - self.iteration_started, last_task)
        last_task = None
        self.iteration_started = now
        if self._tick_steps is not None:
            if self.steps >= self._next_tick_step:
                records = self._observer.tick() or 0
                self.iteration_started = real_perf_counter()
                # Publishing many changed tasks takes a while: as below, keep it to a fraction
                # of the run, here counted in steps.
                self._next_tick_step = self.steps + max(self._tick_steps, STEPS_PER_PUBLISHED_RECORD * records)
        elif self._tick_interval is not None and now >= self._next_tick:
            self._observer.tick()
            # Publishing 10,000 changed tasks takes a while: keep it to a share of the time.
            after = self.iteration_started = real_perf_counter()
            self._next_tick = after + max(self._tick_interval, self.publish_backoff * (after - now))

    def _callback_failed(self, handle, exc):
        """What Handle._run does when its callback raises. The traceback starts in the
        callback, as it does under asyncio (where it starts in Handle._run), not in this loop."""
        if exc.__traceback__ is not None and exc.__traceback__.tb_frame is sys._getframe(1):
            exc.__traceback__ = exc.__traceback__.tb_next
        source = format_helpers._format_callback_source(handle._callback, handle._args)
        context = {"message": f"Exception in callback {source}", "exception": exc, "handle": handle}
        if handle._source_traceback:
            context["source_traceback"] = handle._source_traceback
        self.call_exception_handler(context)

    def _next_spin_window(self):
        """Called every BUSY_LOOP_STEPS busy iterations. Steps are watched in windows of
        2 * BUSY_LOOP_STEPS busy iterations, every 8 * that: a busy loop lasts, so it is
        caught in its first window, and a program that keeps the loop busy without spinning
        (many tasks taking turns) pays for the watch a quarter of the time. Counts do not
        carry over from one window to the next."""
        self._watching_spins = self._busy_iterations // BUSY_LOOP_STEPS % 8 in (1, 2)
        if not self._watching_spins:
            self._spins.clear()


def _wakes_itself(callback):
    """Is `callback` a C Task's own step (it yielded to the loop, rather than a future waking
    it)? A Python Task's step and wakeup are both bound methods, so the answer, cached by
    type, would be wrong for one of them: its steps are not counted (no busy-loop lint)."""
    return type(callback).__name__ == "TaskStepMethWrapper"


