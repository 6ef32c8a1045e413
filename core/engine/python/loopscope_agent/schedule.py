"""Schedules: the order in which DebugLoop runs the callbacks that are ready at the same time.

Without a schedule the loop is asyncio's: each iteration runs everything that is ready (due
timers included, in the order they were scheduled), first in, first out. With one, every
iteration where two or more of the program's callbacks are ready is a *scheduling point*, and
the schedule may run one of them alone, ahead of the others, which wait for the next iteration
(where they come before whatever this one makes ready). Choosing at every point which one runs
reaches every order in which the program's callbacks can run; choosing nothing is FIFO, so a
schedule that never chooses gives exactly the run that no schedule gives.

A run records its choices as [point, index] pairs (index into the ready program callbacks, in
FIFO order): that list, in a replay token (core/protocol/schedule.ts), replays the run exactly.
Callbacks of the agent itself (the debugger's watch of task ends) are never counted or chosen:
they are run with the chosen callback, so a replay finds the same points whatever the
debugger watches.

Strategies (how the choice is made): replay (the recorded choices), a seeded random walk, and
PCT. The systematic search (bounded deviations) is a replay of prefixes that the host builds
from the sizes of each point, which a schedule records when asked.
"""
import random
from asyncio import futures, tasks

from .explain import Trace, task_label

_TASK_TYPES = (tasks.Task, tasks._PyTask) if hasattr(tasks, "_PyTask") else (tasks.Task,)
_FUTURE_TYPES = (futures.Future, futures._PyFuture) if hasattr(futures, "_PyFuture") else (futures.Future,)
_AGENT_PACKAGE = __name__.rpartition(".")[0] + "."
# Sizes of at most this many points are recorded (the systematic search is for small programs).
MAX_SIZES = 10_000
# Exit status of a run that went past a schedule's limit (as `timeout` gives).
LIMIT_EXIT_STATUS = 124
# Exit status of a run whose schedule does not fit the program (a token for another program).
MISMATCH_EXIT_STATUS = 2


class ScheduleLimit(BaseException):
    """The run went past its schedule's limit of steps or virtual time (a livelock, or a wait
    that never ends). A BaseException, so that `except Exception` cannot swallow it."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class ScheduleMismatch(BaseException):
    """A replayed schedule chose a callback that is not there: it was recorded for another
    program, or the same one with other arguments."""


def make_schedule(spec, clock):
    """The schedule an options' `schedule` asks for (core/protocol/schedule.ts), or None."""
    if not spec:
        return None
    strategy = spec["strategy"]
    if strategy == "fifo":
        return Schedule(spec, clock)
    if strategy == "replay":
        return Replay(spec, clock)
    if strategy == "random":
        return RandomWalk(spec, clock)
    if strategy == "pct":
        return PCT(spec, clock)
    raise ValueError(f"unknown schedule strategy {strategy!r}")


def _is_agent(callback):
    owner = getattr(callback, "__self__", None)
    module = type(owner).__module__ if owner is not None else getattr(callback, "__module__", None)
    return module is not None and module.startswith(_AGENT_PACKAGE)


def actor_of(handle):
    """The task a ready callback belongs to: a task's own step or wake-up, or a timer or a
    callback that completes a future a task awaits (a sleep's timer). None for other
    callbacks (call_soon of a plain function, a future's done callbacks)."""
    callback = handle._callback
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, _TASK_TYPES):
        return owner
    args = handle._args
    if args and isinstance(args[0], _FUTURE_TYPES):
        for waiter, _context in args[0]._callbacks or ():
            task = getattr(waiter, "__self__", None)
            if isinstance(task, _TASK_TYPES):
                return task
    return None


def label_of(handle):
    task = actor_of(handle)
    if task is not None:
        return task_label(task)
    callback = handle._callback
    return f"callback {getattr(callback, '__qualname__', type(callback).__name__)}"


class Schedule:
    """FIFO, counting points (and recording what is asked): a run's baseline. Subclasses
    choose, in `choose(candidates, point)`: an index into `candidates` or None (FIFO)."""

    def __init__(self, spec, clock):
        limits = spec.get("limits") or {}
        self.max_steps = limits.get("steps")
        self.max_time = limits.get("virtualSeconds")
        self.clock = clock
        self.point = 0
        self.steps = 0
        # Callbacks run at points where nothing was chosen: what PCT takes as the length of a
        # run (under PCT each of them would be a point of its own).
        self.fifo_handles = 0
        self.decisions = []
        self.sizes = [] if spec.get("recordSizes") else None
        self.limit = None
        # What ended the run (a limit, a mismatch): raised again if the loop goes on, so that
        # asyncio.run's clean-up does not run the program further.
        self.stopped = None
        self.failure = None
        self.trace = Trace() if spec.get("trace") else None

    def pick(self, ready):
        """Called by DebugLoop at the start of each iteration, with what is ready (due timers
        included); returns how many handles from the front of `ready` the iteration runs."""
        if self.stopped is not None:
            raise self.stopped
        if self.max_steps is not None and self.steps >= self.max_steps:
            self._trip("steps", f"this schedule ran past its limit of {self.max_steps} steps (a livelock?)")
        if self.max_time is not None and self.clock.now > self.max_time:
            self._trip("time", f"this schedule ran past its limit of {self.max_time:g} s of virtual time")
        count = len(ready) if len(ready) < 2 else self._decide(ready)
        self.steps += count
        return count

    def _trip(self, kind, message):
        self.limit = self.stopped = ScheduleLimit(kind, message)
        raise self.limit

    def _decide(self, ready):
        program = []
        agent = []
        for handle in ready:
            if not handle._cancelled:
                (agent if _is_agent(handle._callback) else program).append(handle)
        if len(program) < 2:
            return len(ready)
        point = self.point
        self.point += 1
        if self.sizes is not None and len(self.sizes) < MAX_SIZES:
            self.sizes.append(len(program))
        choice = self.choose(program, point)
        if choice is None:
            self.fifo_handles += len(program)
            return len(ready)
        self.decisions.append((point, choice))
        chosen = program[choice]
        if self.trace is not None:
            self.trace.decision(point, label_of(chosen), [label_of(h) for h in program if h is not chosen])
        # The agent's callbacks go with the chosen one (the program cannot tell when they run);
        # the rest wait, in their order, ahead of what this iteration makes ready.
        ready.clear()
        ready.extend(agent)
        ready.append(chosen)
        ready.extend(h for h in program if h is not chosen)
        return len(agent) + 1

    def choose(self, candidates, point):
        return None

    def _stop(self, exc):
        self.stopped = exc
        return exc

    # ----- the report -----
    def note_uncaught(self, exc):
        self.failure = describe_exception(exc)

    def report(self):
        """The run's schedule, as the `schedule` event (core/protocol/events.ts)."""
        event = {"type": "schedule", "decisions": [list(d) for d in self.decisions], "points": self.point,
                 "steps": self.steps, "fifoSteps": self.fifo_handles, "virtualTime": self.clock.now}
        if self.sizes is not None:
            event["sizes"] = self.sizes
        if self.limit is not None:
            event["limit"] = self.limit.kind
        if self.failure is not None:
            event["uncaught"] = self.failure
        if self.trace is not None:
            self.trace.close()
            event["trace"] = self.trace.entries
        return event


class Replay(Schedule):
    """The choices of a recorded run. Strict (a token): a choice that does not fit ends the run
    with a clear error. Lenient (shrinking, the systematic search): it is skipped, and the run
    records what it really chose."""

    def __init__(self, spec, clock):
        super().__init__(spec, clock)
        self.choices = {point: index for point, index in spec.get("decisions", [])}
        self.strict = spec.get("strict", True)

    def choose(self, candidates, point):
        index = self.choices.get(point)
        if index is None or index < len(candidates):
            return index
        if self.strict:
            raise self._stop(ScheduleMismatch(
                f"the schedule does not fit this program: at scheduling point {point} it runs callback "
                f"{index + 1} of {len(candidates)} ready (was it recorded for another program, or "
                "other arguments?)"))
        return None


class RandomWalk(Schedule):
    """At every point, a callback chosen uniformly at random (its own seeded generator, not the
    program's `random`)."""

    def __init__(self, spec, clock):
        super().__init__(spec, clock)
        self.rng = random.Random(spec["seed"])

    def choose(self, candidates, point):
        return self.rng.randrange(len(candidates))


class PCT(Schedule):
    """Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010). Each task gets a
    random priority when it first shows up, in [d, d+1); the ready callback of the task of
    highest priority runs alone; at d-1 change points, chosen uniformly among the run's first k
    points, the task about to run drops to priority i (the i-th change point), below every
    initial one. For a program of n tasks and k steps, a bug of depth d (d orderings between
    steps that must all happen) is found by one run with probability at least 1/(n * k^(d-1)).

    k is the length of the default run (points x callbacks ready there: under PCT each of those
    is a point). Past 2k points the run goes on FIFO: a task spinning on `await sleep(0)` at a
    high priority would otherwise starve the one it waits for, forever. Callbacks of no task
    (call_soon, a future's done callbacks) run first, as plumbing between tasks' steps."""

    def __init__(self, spec, clock):
        super().__init__(spec, clock)
        self.rng = random.Random(spec["seed"])
        self.depth = max(1, spec.get("depth", 3))
        self.horizon = max(1, spec.get("steps", 1))
        count = min(self.depth - 1, self.horizon)
        self.change_points = {p: i + 1 for i, p in enumerate(sorted(self.rng.sample(range(self.horizon), count)))}
        self.priorities = {}

    def _priority(self, handle):
        task = actor_of(handle)
        if task is None:
            return float("inf")
        priority = self.priorities.get(task)
        if priority is None:
            priority = self.priorities[task] = self.depth + self.rng.random()
        return priority

    def choose(self, candidates, point):
        if point >= 2 * self.horizon:
            return None
        best = max(range(len(candidates)), key=lambda i: self._priority(candidates[i]))
        change = self.change_points.get(point)
        task = actor_of(candidates[best])
        if change is not None and task is not None:
            self.priorities[task] = change
            best = max(range(len(candidates)), key=lambda i: self._priority(candidates[i]))
        return best


def describe_exception(exc):
    """What a report needs of the program's uncaught exception: its type (an exception group's,
    with the types it holds), its text, and the innermost line of the program it came from."""
    from .recorder import exc_text
    leaf = exc
    leaves = []
    if isinstance(exc, BaseExceptionGroup):
        stack = [exc]
        while stack:
            current = stack.pop(0)
            if isinstance(current, BaseExceptionGroup):
                stack.extend(current.exceptions)
            else:
                leaves.append(current)
        leaf = leaves[0] if leaves else exc
    info = {"type": type(exc).__name__, "message": exc_text(leaf)}
    if leaves:
        info["leaves"] = sorted({type(e).__name__ for e in leaves})
    site = _innermost_user_line(leaf.__traceback__)
    if site is not None:
        info["file"], info["line"] = site
    return info


def _innermost_user_line(tb):
    from .frames import is_user_file
    found = None
    while tb is not None:
        if is_user_file(tb.tb_frame.f_code.co_filename):
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
