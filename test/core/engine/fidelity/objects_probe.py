"""What a program sees of asyncio's primitives, tasks and futures: printed as JSON, one object a line."""
import asyncio
import copy
import json
import pickle
import re
import sys

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# A source location (asyncio's own files sit elsewhere, at other lines, in each Python).
PATH = re.compile(r"[^\s<>'\"\[]*\.py:\d+")


def text(value):
    out = ADDRESS.sub(" at 0x?", repr(value))
    out = PATH.sub("<source>", out)
    loop = asyncio._get_running_loop()
    return out.replace(repr(loop), "<loop>") if loop is not None else out


def outcome(action):
    try:
        return ["ok", action()]
    except Exception as exc:
        return [type(exc).__name__, text(str(exc))]


def fields(obj):
    return sorted((k, text(v)) for k, v in vars(obj).items())


def show(label, obj, unbound=False):
    """`unbound`: `obj` holds no loop, so its deep copy and pickle are the program's (one that
    does hold the loop copies or fails to pickle that, which is no primitive's doing)."""
    rec = {"label": label, "type": f"{type(obj).__module__}.{type(obj).__qualname__}",
           "vars": outcome(lambda: fields(obj)), "dir": dir(obj), "repr": text(obj),
           "copy": outcome(lambda: fields(copy.copy(obj)))}
    if unbound:
        rec["deepcopy"] = outcome(lambda: fields(copy.deepcopy(obj)))
        rec["pickle"] = outcome(lambda: fields(pickle.loads(pickle.dumps(obj))))
    print(json.dumps(rec, sort_keys=True))


def fresh():
    """Primitives not yet bound to a loop (their pickles do not hold it)."""
    locked = asyncio.Lock()
    locked._locked = True
    full = asyncio.Queue(maxsize=2)
    full.put_nowait("a")
    prio = asyncio.PriorityQueue()
    prio.put_nowait((2, "b"))
    prio.put_nowait((1, "a"))
    lifo = asyncio.LifoQueue()
    lifo.put_nowait("x")
    event = asyncio.Event()
    event.set()
    return [("Lock", asyncio.Lock()), ("Lock locked", locked), ("Event set", event),
            ("Condition", asyncio.Condition()), ("Condition over a Lock", asyncio.Condition(asyncio.Lock())),
            ("Semaphore", asyncio.Semaphore(3)), ("BoundedSemaphore", asyncio.BoundedSemaphore(2)),
            ("Barrier", asyncio.Barrier(2)), ("Queue", full), ("PriorityQueue", prio), ("LifoQueue", lifo)]


async def hold(lock, sem, cond):
    async with lock, sem:
        await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()


async def work():
    await asyncio.sleep(0.2)
    return 7


async def main():
    for label, obj in fresh():
        show(label, obj, unbound=True)
    lock, sem, cond, event = asyncio.Lock(), asyncio.Semaphore(1), asyncio.Condition(), asyncio.Event()
    holder = asyncio.create_task(hold(lock, sem, cond), name="holder")
    await asyncio.sleep(0)
    # Named: 3.11 gives a named task a Task-N number, 3.13+ does not.
    waiters = [asyncio.create_task(lock.acquire(), name="w1"), asyncio.create_task(sem.acquire(), name="w2"),
               asyncio.create_task(event.wait(), name="w3")]
    await asyncio.sleep(0)
    for label, obj in (("Lock contended", lock), ("Semaphore contended", sem), ("Event waited on", event)):
        show(label, obj)
    task = asyncio.create_task(work(), name="worker")
    fut = asyncio.get_running_loop().create_future()
    plain = asyncio.Future()
    for label, obj in (("Task pending", task), ("Future pending", fut), ("Future made directly", plain)):
        show(label, obj)
        print(json.dumps({"label": f"{label}: pickle", "pickle": outcome(lambda: pickle.dumps(obj) and "pickled")}))
    fut.set_result([1, 2])
    plain.set_exception(ValueError("no"))
    plain.exception()
    await task
    event.set()
    lock.release()
    sem.release()
    await asyncio.gather(holder, *waiters)
    for label, obj in (("Task done", task), ("Future done", fut), ("Future failed", plain),
                       ("Lock after use", lock), ("Semaphore after use", sem), ("Condition after use", cond)):
        show(label, obj)
    group = asyncio.TaskGroup()
    async with group:
        group.create_task(asyncio.sleep(0), name="in-group")
        show("TaskGroup", group)      # inside: 3.14 clears some of its fields on the way out


asyncio.run(main())
print(json.dumps({"label": "python", "version": list(sys.version_info[:2])}))
