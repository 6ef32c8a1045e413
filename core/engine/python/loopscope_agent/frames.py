"""Where things happen: the user's frames behind a creation, and coroutine stacks.

"User code" is every file outside the standard library (which holds asyncio and, in the
engine, Pyodide's own modules) and the agent, so a task created by `asyncio.gather` inside the
program is attributed to the program's line that called gather.
"""
import asyncio
import os
import sys
from types import AsyncGeneratorType, CoroutineType, GeneratorType

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep
_AGENT_DIR = os.path.dirname(__file__) + os.sep
_STDLIB_DIR = os.path.dirname(os.__file__) + os.sep
_HIDDEN_PREFIXES = (_STDLIB_DIR, _ASYNCIO_DIR, _AGENT_DIR)


_user_files = {}


def is_user_file(filename):
    user = _user_files.get(filename)
    if user is None:
        user = _user_files[filename] = not filename.startswith(_HIDDEN_PREFIXES) and not filename.startswith("<frozen")
    return user


def is_agent_file(filename):
    return filename.startswith(_AGENT_DIR)


def user_site(frame, limit=12):
    """[file, line] of the nearest frame in user code at or above `frame`, or None."""
    while frame is not None and limit:
        code = frame.f_code
        if is_user_file(code.co_filename):
            return (code.co_filename, frame.f_lineno)
        frame = frame.f_back
        limit -= 1
    return None


def caller_site(depth=2):
    return user_site(sys._getframe(depth))


def coroutine_chain(task):
    """The frames of a suspended task, outermost first, following cr_await (Task.get_stack()
    gives only the outermost frame), the agent's own included."""
    chain = []
    coro = task.get_coro() if hasattr(task, "get_coro") else None
    while coro is not None and len(chain) < 200:
        frame, coro = _link(coro)
        if frame is None:
            break
        chain.append(frame)
    return chain


def suspended_frames(task):
    """Frames of a suspended task, outermost first. Agent frames (our lock wrappers) are
    left out."""
    return [frame for frame in coroutine_chain(task) if not is_agent_file(frame.f_code.co_filename)]


def _runs_steps(code):
    """Is this the frame that ran a task's step? asyncio's Handle._run (or a Python Task's own
    step), or DebugLoop._run_once, which runs handles itself."""
    if code.co_filename.startswith(_ASYNCIO_DIR):
        return code.co_name in ("__step", "__step_run_and_handle_result", "_run")
    return code.co_name == "_run_once" and is_agent_file(code.co_filename)


def running_frames(frame):
    """Frames of the running task, outermost first: from `frame` outwards up to the Task's step."""
    out = []
    while frame is not None:
        code = frame.f_code
        if _runs_steps(code):
            break
        if not is_agent_file(code.co_filename):
            out.append(frame)
        frame = frame.f_back
    out.reverse()
    return out


def _link(coro):
    """(frame, what it awaits) of one link of a coroutine chain; (None, None) at its end (a
    future's iterator, or anything else that has no frame)."""
    kind = type(coro)
    if kind is CoroutineType:
        return coro.cr_frame, coro.cr_await
    if kind is GeneratorType:
        return coro.gi_frame, coro.gi_yieldfrom
    if kind is AsyncGeneratorType:
        return coro.ag_frame, coro.ag_await
    return None, None


def innermost_frames(task):
    """(innermost frame, innermost frame of user code) of a suspended task, either None: one
    walk down its coroutine chain that builds nothing (all a task record needs)."""
    innermost = user = None
    get_coro = getattr(task, "get_coro", None)
    coro = get_coro() if get_coro is not None else None
    for _ in range(200):
        frame, coro = _link(coro)
        if frame is None:
            break
        innermost = frame
        if is_user_file(frame.f_code.co_filename):
            user = frame
    return innermost, user


def innermost_user_line(task):
    """[file, line] where a suspended task's user code waits, or None."""
    user = innermost_frames(task)[1]
    return [user.f_code.co_filename, user.f_lineno] if user is not None else None


def compact_stacks(tasks, running=None, running_frame=None):
    """Every task's stack, outermost frame first, in few bytes: {"files": [{path, user}],
    "frames": [[function, file index, line]], "tasks": [[task id, [frame index, ...]]]}. Tasks
    suspended at the same places share frame entries. `running` (paused in the middle of a
    step at `running_frame`) gets its live stack. This answers "all tasks with their stacks"
    for ten thousand tasks quickly; the paused event's details carry more per task (frame
    references, locals), for fewer tasks."""
    files, table, entries, out = {}, {}, [], []
    for task in tasks:
        stack = []
        running_now = task is running and running_frame is not None
        for frame in running_frames(running_frame) if running_now else coroutine_chain(task):
            # By the code's id (hashing a code object hashes its bytecode) and the instruction
            # (a line number is worked out from it, which costs more).
            key = (id(frame.f_code), frame.f_lasti)
            index = table.get(key)
            if index is None:
                index = table[key] = _frame_entry(frame.f_code, frame.f_lineno, files, entries)
            if index >= 0:
                stack.append(index)
        out.append([task._ls_id, stack])
    return {"files": [{"path": path, "user": is_user_file(path)} for path in files],
            "frames": entries, "tasks": out}


def _frame_entry(code, line, files, entries):
    """Index of a new [function, file index, line] in `entries`; -1 for the agent's frames."""
    if is_agent_file(code.co_filename):
        return -1
    file_index = files.get(code.co_filename)
    if file_index is None:
        file_index = files[code.co_filename] = len(files)
    entries.append([getattr(code, "co_qualname", code.co_name), file_index, line])
    return len(entries) - 1


def frame_info(frame, ref):
    """The protocol's Frame: `ref` is the reference a client passes to inspect it."""
    code = frame.f_code
    return {"id": ref, "function": getattr(code, "co_qualname", code.co_name),
            "file": code.co_filename, "line": frame.f_lineno, "user": is_user_file(code.co_filename)}


def user_frame(frame):
    while frame is not None and not is_user_file(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def innermost_user_frame(tb):
    found = None
    while tb is not None:
        if is_user_file(tb.tb_frame.f_code.co_filename):
            found = tb.tb_frame
        tb = tb.tb_next
    return found
