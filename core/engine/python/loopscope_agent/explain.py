"""What a schedule's choices did, for the explanation of a failure (core/explore/explain.ts).

In an explaining run (one, after a failing schedule has been shrunk) the agent records, in
order, each choice the schedule made (which callback ran, which waited) and each stretch of
the program's lines that a task ran without a switch (a *step*), with the names those lines
read and write. The names come from the lines' bytecode, read once per code object: globals,
attributes (`self.balance`), and containers that are subscripted, tested with `in` or changed
by a method (`cache[key] = v`, `key in cache`, `items.append(x)`). It is what a person reading
the lines would say they touch, not a record of the objects (two `self`s are one name): enough
to say "task b wrote `balance` between task a's read of it and its write".

Lines come from sys.monitoring (another tool than the debugger's), for the explaining run only.
"""
import dis
import sys
from asyncio import events, tasks

from .frames import is_user_file

# Methods that change the object they are called on.
_MUTATORS = frozenset((
    "append", "extend", "insert", "pop", "popitem", "remove", "clear", "update", "setdefault",
    "add", "discard", "appendleft", "popleft", "extendleft", "rotate", "sort", "reverse",
    "put_nowait", "get_nowait", "set", "__setitem__", "__delitem__",
))
_NAMED_LOADS = frozenset(("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF", "LOAD_FAST", "LOAD_FAST_BORROW",
                          "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "LOAD_CLASSDEREF", "LOAD_ATTR"))
_SHARED_STORES = {"STORE_GLOBAL": "w", "STORE_NAME": "w", "STORE_DEREF": "w", "DELETE_GLOBAL": "w",
                  "DELETE_NAME": "w", "DELETE_DEREF": "w"}
_SHARED_LOADS = frozenset(("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF", "LOAD_CLASSDEREF"))
# Python 3.14 subscripts with BINARY_OP (oparg NB_SUBSCR) where 3.13 had BINARY_SUBSCR.
_SUBSCRIPT_OP = next((i for i, (name, _) in enumerate(getattr(dis, "_nb_ops", ())) if name == "NB_SUBSCR"), None)
MAX_ENTRIES = 20_000
MAX_ACCESSES = 200
MAX_LINES = 50


def _name_of(instructions, index):
    """(text, index of its load) of what instruction `index` pushes, when it is a name or an
    attribute of one; (None, None) otherwise."""
    if index < 0:
        return None, None
    ins = instructions[index]
    if ins.opname == "COPY" and ins.arg == 1:  # `x.a += 1` and `with x:` copy x first
        return _name_of(instructions, index - 1)
    if ins.opname in ("LOAD_FAST_LOAD_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW"):
        return ins.argval[1], index
    if ins.opname not in _NAMED_LOADS:
        return None, None
    if ins.opname == "LOAD_ATTR":
        owner, _ = _name_of(instructions, index - 1)
        return (f"{owner}.{ins.argval}", index) if owner else (None, None)
    return ins.argval, index


def _pushes_one_value(ins):
    return ins.opname.startswith(("LOAD_", "PUSH_NULL")) and ins.opname not in (
        "LOAD_FAST_LOAD_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW")


def _attribute_owner(instructions, index):
    """The object of STORE_ATTR `index`: pushed just before it, or, in `x.a += 1` (which swaps
    the new value under it), the object the same line read the attribute of."""
    owner, at = _name_of(instructions, index - 1)
    if owner is None and index > 0 and instructions[index - 1].opname == "SWAP":
        name, line = instructions[index].argval, instructions[index].positions.lineno
        for j in range(index - 1, -1, -1):
            ins = instructions[j]
            if ins.positions is None or ins.positions.lineno != line:
                break
            if ins.opname == "LOAD_ATTR" and ins.argval == name:
                return _name_of(instructions, j - 1)[0], None
    return owner, at


def _subscript_owner(instructions, index):
    """The container of a subscript at `index` (container, key, then the subscript): pushed
    just before a key that is one value."""
    key = instructions[index - 1] if index > 0 else None
    if key is None:
        return None, None
    if key.opname in ("LOAD_FAST_LOAD_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW"):
        return key.argval[0], None
    return _name_of(instructions, index - 2) if _pushes_one_value(key) else (None, None)


def line_accesses(code):
    """The shared names `code` reads (r), writes (w), changes through a method (m:
    `items.append(x)`) or enters (e: `async with lock`), as two maps: {line: accesses} of what
    a line does until its first await (what runs from its LINE event), and {offset: (line,
    accesses)} of what it does from the resumption at `offset` to its next await (in
    `self.session = await connect()`, the write comes after the await, in the task's next
    step). A load that only names what is written (`cache` in `cache[k] = v`) is no read."""
    found = {}      # instruction index -> (kind, name)
    targets = set()  # indexes of loads that name a write's target
    instructions = list(dis.get_instructions(code))
    for i, ins in enumerate(instructions):
        op = ins.opname
        owner = at = None
        if op in _SHARED_STORES:
            found[i] = ("w", ins.argval)
        elif op in _SHARED_LOADS:
            found[i] = ("r", ins.argval)
        elif op in ("STORE_ATTR", "DELETE_ATTR"):
            owner, at = _attribute_owner(instructions, i)
            if owner:
                found[i] = ("w", f"{owner}.{ins.argval}")
        elif op == "LOAD_ATTR":
            owner, at = _name_of(instructions, i - 1)
            if owner:
                if ins.argval in _MUTATORS and ins.arg & 1:
                    found[i] = ("m", owner)
                else:
                    found[i] = ("r", f"{owner}.{ins.argval}")
                    at = None   # reading an attribute reads its object's name too: keep that
        elif op in ("LOAD_SPECIAL", "BEFORE_ASYNC_WITH", "BEFORE_WITH"):
            # 3.14 loads __aexit__ then __aenter__ of a copy of the object (the first of the two
            # follows the COPY); 3.11-3.13 have one BEFORE_(ASYNC_)WITH.
            owner, at = _name_of(instructions, i - 1)
            if owner and (op != "LOAD_SPECIAL" or instructions[i - 1].opname == "COPY"):
                found[i] = ("e", owner)
        elif op in ("STORE_SUBSCR", "DELETE_SUBSCR", "BINARY_SUBSCR") or (
                op == "BINARY_OP" and _SUBSCRIPT_OP is not None and ins.arg == _SUBSCRIPT_OP):
            owner, at = _subscript_owner(instructions, i)
            if owner:
                writing = op in ("STORE_SUBSCR", "DELETE_SUBSCR")
                found[i] = ("w" if writing else "r", owner)
                if not writing:
                    at = None
        elif op == "CONTAINS_OP":
            owner, _ = _name_of(instructions, i - 1)
            if owner:
                found[i] = ("r", owner)
        if at is not None and found.get(i, ("r",))[0] != "r":
            targets.add(at)
    at_line = {}
    at_resume = {}
    current = None  # the list that accesses go to: from a line's start, or from a resumption
    line_now = None
    for i, ins in enumerate(instructions):
        line = ins.positions.lineno if ins.positions is not None else None
        if line is not None and line != line_now:
            line_now = line
            current = at_line.setdefault(line, [])
        if ins.opname == "YIELD_VALUE":
            current = None   # suspended: what follows runs after a resumption
        elif ins.opname == "RESUME" and ins.arg and line is not None:
            current = at_resume.setdefault(ins.offset, (line, []))[1]
        access = found.get(i)
        if access is not None and current is not None and not (i in targets and access[0] == "r"):
            current.append(access)
    return ({line: tuple(dict.fromkeys(accesses)) for line, accesses in at_line.items()},
            {offset: (line, tuple(dict.fromkeys(accesses))) for offset, (line, accesses) in at_resume.items()})


def task_label(task):
    """A task as an explanation names it: its name, and its coroutine when the name is
    asyncio's default (Task-3 says little)."""
    name = task.get_name()
    if name.startswith("Task-"):
        coro = task.get_coro() if hasattr(task, "get_coro") else None
        qualname = getattr(coro, "__qualname__", None)
        if qualname:
            return f"{name} ({qualname})"
    return name


class Trace:
    """Choices and steps of one run, in order, as `entries` (see the module's docstring)."""

    def __init__(self):
        self.entries = []
        self._step = None
        self._step_task = None
        self._accesses = {}
        self._mon = getattr(sys, "monitoring", None)
        self._tool = None
        if self._mon is None:
            return
        for tool in (self._mon.PROFILER_ID, self._mon.COVERAGE_ID, 3, 4):
            try:
                self._mon.use_tool_id(tool, "loopscope-explain")
            except ValueError:
                continue
            self._tool = tool
            self._mon.register_callback(tool, self._mon.events.LINE, self._on_line)
            self._mon.register_callback(tool, self._mon.events.PY_RESUME, self._on_resume)
            self._mon.set_events(tool, self._mon.events.LINE | self._mon.events.PY_RESUME)
            break

    def decision(self, point, chosen, deferred):
        if len(self.entries) < MAX_ENTRIES:
            self.entries.append({"kind": "decision", "point": point, "chosen": chosen, "deferred": deferred})
        self._step = None

    def _on_line(self, code, line):
        if not is_user_file(code.co_filename):
            return self._mon.DISABLE
        return self._record(code, line, self._table(code)[0].get(line, ()))

    def _on_resume(self, code, offset):
        """A coroutine goes on in the middle of a line (after an await)."""
        if not is_user_file(code.co_filename):
            return self._mon.DISABLE
        line, accesses = self._table(code)[1].get(offset, (None, ()))
        return self._record(code, line, accesses) if line is not None else None

    def _table(self, code):
        table = self._accesses.get(code)
        if table is None:
            table = self._accesses[code] = line_accesses(code)
        return table

    def _record(self, code, line, found):
        loop = events._get_running_loop()
        task = tasks.current_task(loop) if loop is not None else None
        step = self._step
        if step is None or task is not self._step_task or step["file"] != code.co_filename:
            if len(self.entries) >= MAX_ENTRIES:
                return None
            name = task_label(task) if task is not None else ("a callback" if loop is not None else "the program")
            step = self._step = {"kind": "step", "task": name, "file": code.co_filename, "lines": [], "accesses": []}
            self._step_task = task
            self.entries.append(step)
        lines = step["lines"]
        if (not lines or lines[-1] != line) and len(lines) < MAX_LINES:
            lines.append(line)
        accesses = step["accesses"]
        for kind, name in found:
            entry = [line, kind, name]
            if len(accesses) < MAX_ACCESSES and (not accesses or accesses[-1] != entry):
                accesses.append(entry)
        return None

    def close(self):
        if self._tool is not None:
            self._mon.set_events(self._tool, 0)
            self._mon.register_callback(self._tool, self._mon.events.LINE, None)
            self._mon.register_callback(self._tool, self._mon.events.PY_RESUME, None)
            self._mon.free_tool_id(self._tool)
            self._tool = None
