"""Orders a program takes from the addresses of its objects, made the same on every run.

Under python3 some of asyncio's orders come from where objects sit in memory: a set of tasks
iterates by hash, and an object's default hash is its address. In the engine the debugger's own
work (a snapshot, an inspection, a run re-executed to go back in it) moves where the program's
objects land, so such an order could differ from one run of the program to the next, and a
re-execution take another path. Tasks and futures made by the loop hash by creation order
(loop.py, _Task and _Future); here, asyncio.as_completed, which turns the coroutines it is given
into tasks in the order of a set of coroutines, makes them in the order given.
"""
import asyncio
import inspect
from asyncio import events, tasks


def install():
    original = tasks.as_completed
    if getattr(original, "_ls_wrapped", False):
        return

    def as_completed(fs, *, timeout=None):
        if inspect.isawaitable(fs):
            return original(fs, timeout=timeout)  # asyncio's own TypeError
        loop = events.get_event_loop()
        ordered = [tasks.ensure_future(aw, loop=loop) for aw in dict.fromkeys(fs)]
        return original(ordered, timeout=timeout)
    as_completed.__doc__ = original.__doc__
    as_completed.__wrapped__ = original
    as_completed._ls_wrapped = True
    tasks.as_completed = asyncio.as_completed = as_completed
