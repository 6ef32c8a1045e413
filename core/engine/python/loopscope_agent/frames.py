"""Where things happen: the user's frames behind a creation, and coroutine stacks.

"User code" is every file outside the standard library (which holds asyncio and, in the
engine, Pyodide's own modules) and the agent, so a task created by `asyncio.gather` inside the
program is attributed to the program's line that called gather.
"""
import asyncio
import os
import sys

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep
_AGENT_DIR = os.path.dirname(__file__) + os.sep
_STDLIB_DIR = os.path.dirname(os.__file__) + os.sep
_HIDDEN_PREFIXES = (_STDLIB_DIR, _ASYNCIO_DIR, _AGENT_DIR)


def is_user_file(filename):
    return not filename.startswith(_HIDDEN_PREFIXES) and not filename.startswith("<frozen")


def is_agent_file(filename):
    return filename.startswith(_AGENT_DIR)


def user_site(frame, limit=12):
    """[file, line] of the nearest frame in user code at or above `frame`, or None."""
    while frame is not None and limit:
        code = frame.f_code
        if is_user_file(code.co_filename):
            return [code.co_filename, frame.f_lineno]
        frame = frame.f_back
        limit -= 1
    return None


def caller_site(depth=2):
    return user_site(sys._getframe(depth))


def _coro_frame(coro):
    return getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)


def _coro_next(coro):
    for attr in ("cr_await", "gi_yieldfrom", "ag_await"):
        nxt = getattr(coro, attr, None)
        if nxt is not None:
            return nxt
    return None


def suspended_frames(task):
    """Frames of a suspended task, outermost first, following cr_await (Task.get_stack()
    gives only the outermost frame). Agent frames (our lock wrappers) are left out."""
    out = []
    coro = task.get_coro() if hasattr(task, "get_coro") else None
    seen = 0
    while coro is not None and seen < 200:
        frame = _coro_frame(coro)
        if frame is None:
            break
        if not is_agent_file(frame.f_code.co_filename):
            out.append(frame)
        coro = _coro_next(coro)
        seen += 1
    return out


def running_frames(frame):
    """Frames of the running task, outermost first: from `frame` outwards up to the Task's step."""
    out = []
    while frame is not None:
        code = frame.f_code
        if code.co_filename.startswith(_ASYNCIO_DIR) and code.co_name in ("__step", "__step_run_and_handle_result", "_run"):
            break
        if not is_agent_file(code.co_filename):
            out.append(frame)
        frame = frame.f_back
    out.reverse()
    return out


def innermost_user_line(task):
    """[file, line] where a suspended task's user code waits, or None."""
    site = None
    for frame in suspended_frames(task):
        if is_user_file(frame.f_code.co_filename):
            site = [frame.f_code.co_filename, frame.f_lineno]
    return site


def frame_info(frame):
    code = frame.f_code
    return {"function": code.co_qualname if hasattr(code, "co_qualname") else code.co_name,
            "file": code.co_filename, "line": frame.f_lineno,
            "user": is_user_file(code.co_filename)}
