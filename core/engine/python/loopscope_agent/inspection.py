"""What the debugger shows while paused: stacks, variables with lazy expansion, evaluation.

Frames and expandable values get small integer references that are valid for one pause, the
way the Debug Adapter Protocol's `variablesReference` works.
"""
import asyncio
import types

from . import frames, resources
from .recorder import exc_text, safe_repr

_MAX_CHILDREN = 200
_SCALARS = (int, float, complex, bool, str, bytes, type(None), type(Ellipsis))


class References:
    """Objects and frames a client may ask about during one pause."""

    def __init__(self):
        self._items = [None]

    def add(self, obj):
        self._items.append(obj)
        return len(self._items) - 1

    def get(self, ref):
        if not isinstance(ref, int) or ref <= 0 or ref >= len(self._items):
            raise KeyError(f"unknown reference {ref}")
        return self._items[ref]


def has_children(value):
    if isinstance(value, _SCALARS):
        return False
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) > 0
    return hasattr(value, "__dict__") or hasattr(type(value), "__slots__")


def variable(name, value, refs):
    return {"name": str(name), "value": safe_repr(value), "type": type(value).__name__,
            "ref": refs.add(("value", value)) if has_children(value) else 0}


def frame_variables(frame, refs):
    return [variable(name, value, refs) for name, value in list(frame.f_locals.items())[:_MAX_CHILDREN]]


def children(value, refs):
    if isinstance(value, dict):
        items = [(safe_repr(k), v) for k, v in list(value.items())[:_MAX_CHILDREN]]
    elif isinstance(value, (list, tuple)):
        items = [(f"[{i}]", v) for i, v in enumerate(value[:_MAX_CHILDREN])]
    elif isinstance(value, (set, frozenset)):
        items = [(f"<{i}>", v) for i, v in enumerate(list(value)[:_MAX_CHILDREN])]
    else:
        items = []
        attrs = getattr(value, "__dict__", None)
        if isinstance(attrs, dict):
            items.extend(list(attrs.items())[:_MAX_CHILDREN])
        for slot in getattr(type(value), "__slots__", ()) or ():
            if isinstance(slot, str) and hasattr(value, slot):
                items.append((slot, getattr(value, slot)))
    return [variable(name, v, refs) for name, v in items]


def expand(ref, refs):
    kind, target = refs.get(ref)
    if kind == "frame":
        return frame_variables(target, refs)
    return children(target, refs)


def evaluate(expression, frame, refs):
    """Evaluate in `frame` (an expression; a statement is executed and gives None)."""
    scope_globals = frame.f_globals if frame is not None else {}
    scope_locals = frame.f_locals if frame is not None else {}
    try:
        code = compile(expression, "<evaluate>", "eval")
    except SyntaxError:
        code = compile(expression, "<evaluate>", "exec")
    value = eval(code, scope_globals, scope_locals)
    return variable(expression, value, refs)


def stack_of(task, paused_frame, current):
    """Frames of `task`, outermost first: the live stack for the running task."""
    if task is current and paused_frame is not None:
        return frames.running_frames(paused_frame)
    return frames.suspended_frames(task)


def awaited_by(task):
    """Ids of the tasks that await `task` (nearest first), following each waiter's waiters."""
    out, seen = [], {task}
    todo = [task]
    while todo and len(out) < 50:
        current = todo.pop(0)
        for cb, _ctx in (getattr(current, "_callbacks", None) or ()):
            owner = getattr(cb, "__self__", None)
            if owner is None or owner in seen:
                continue
            if hasattr(owner, "get_coro") and getattr(owner, "_ls_id", None) is not None:
                seen.add(owner)
                out.append(owner._ls_id)
                todo.append(owner)
            elif isinstance(owner, asyncio.Future):      # a gather's outer future
                seen.add(owner)
                todo.append(owner)
    return out


def name_resources(objs, module_globals, frame_list):
    """Give each primitive the name the program keeps it under. Returns {id: name}.

    Most telling first: a global; an element of a global list or dict (`forks[2]`); an
    element of a list or dict in a paused frame; a local of a paused frame; an attribute of
    `self` there. (A loop variable like `left` is a poor name for forks[2].)"""
    wanted = {id(o): resources.rid(o) for o in objs}
    names = {}

    def offer(name, value):
        rid = wanted.get(id(value))
        if rid is not None and rid not in names:
            names[rid] = name

    def offer_elements(name, value):
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value[:1000]):
                offer(f"{name}[{i}]", item)
        elif isinstance(value, dict):
            for key, item in list(value.items())[:1000]:
                if isinstance(key, (str, int)):
                    offer(f"{name}[{key!r}]", item)

    module_items = [(n, v) for n, v in list(module_globals.items()) if not n.startswith("__")]
    frame_items = [list(frame.f_locals.items()) for frame in frame_list]
    for name, value in module_items:
        offer(name, value)
    for name, value in module_items:
        offer_elements(name, value)
    for items in frame_items:
        for name, value in items:
            offer_elements(name, value)
    for items in frame_items:
        for name, value in items:
            offer(name, value)
    for items in frame_items:
        for name, value in items:
            attrs = getattr(value, "__dict__", None) if name == "self" else None
            if isinstance(attrs, dict):
                for attr, inner in list(attrs.items()):
                    offer(f"self.{attr}", inner)
    return names


def is_module_frame(frame):
    return isinstance(frame, types.FrameType) and frame.f_code.co_name == "<module>"


def format_log(message, frame):
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
