"""Instrumentation of asyncio's synchronisation primitives and queues.

Waiters need no help: each primitive keeps a deque of waiter futures, and a waiter future's
done-callbacks hold the waiting Task's wakeup method. Holders do: a Lock has no owner and a
Semaphore no list of holders, so `acquire` and `release` are wrapped to record them.
Every primitive gets an id, its creation site, and a place in a registry; any change marks it
dirty so that the next snapshot delta carries its new record.

None of this is kept in the primitive: a program that looks at, copies or pickles its Lock sees
what it would see under python3. The registry holds an Info per primitive, keyed by `id()` and
dropped by a weak reference's callback when the primitive goes.
"""
import asyncio
import itertools
import weakref
from asyncio import locks, queues

from .frames import caller_site

KINDS = ("Lock", "Semaphore", "BoundedSemaphore", "Event", "Condition", "Barrier",
         "Queue", "PriorityQueue", "LifoQueue")


class Info:
    """What the debugger knows of one primitive."""
    __slots__ = ("id", "shown", "site", "owner", "holder", "holders", "ref")

    def __init__(self, rid, site):
        self.id = rid
        self.shown = rid        # the id of the primitive a user sees it as (see adopt)
        self.site = site
        self.owner = None       # the primitive this one is part of (see adopt)
        self.holder = None      # a Lock's holding task
        self.holders = None     # a Semaphore's holding tasks (a multiset)
        self.ref = None


class Registry:
    def __init__(self):
        self._ids = itertools.count(1)
        self.infos = {}         # id(primitive) -> Info
        self._by_rid = {}       # Info.id -> Info
        # id()s of the primitives changed since the last snapshot (emptied, never replaced).
        # An id whose primitive is gone resolves to nothing (or, reused, to a new primitive,
        # which is dirty anyway): see take_dirty.
        self.dirty = set()
        # The debugger's: called as hook("lock-acquired" | "lock-released", primitive).
        self.hook = None

    def register(self, obj):
        key = id(obj)
        info = Info(next(self._ids), caller_site(2))
        infos, by_rid = self.infos, self._by_rid

        def gone(ref):
            if infos.get(key) is info:
                del infos[key]
            by_rid.pop(info.id, None)
        info.ref = weakref.ref(obj, gone)
        infos[key] = by_rid[info.id] = info
        self.dirty.add(key)
        return info

    def get(self, rid):
        """The live primitive with id `rid`, or None."""
        info = self._by_rid.get(rid)
        return info.ref() if info is not None else None

    def shown(self):
        """The live primitives a user sees (not parts of others), by id."""
        out = []
        for info in list(self._by_rid.values()):
            obj = info.ref() if info.owner is None else None
            if obj is not None:
                out.append(obj)
        return out

    def take_dirty(self):
        """The primitives a user sees whose records changed, by id; empties the dirty set."""
        infos = self.infos
        rids = {infos[key].shown for key in self.dirty if key in infos}
        self.dirty.clear()
        return [p for p in map(self.get, sorted(rids)) if p is not None]


def info(obj):
    """The registry's Info of `obj`, or None (not a primitive, or one never registered: a
    subclass whose __init__ skipped asyncio's)."""
    return REGISTRY.infos.get(id(obj))


def rid(obj):
    """The id of primitive `obj`, or None."""
    found = REGISTRY.infos.get(id(obj))
    return found.id if found is not None else None


def site(obj):
    found = REGISTRY.infos.get(id(obj))
    return found.site if found is not None else None


def is_part(obj):
    """Is `obj` part of another primitive (a Condition's lock, a Queue's Event)?"""
    found = REGISTRY.infos.get(id(obj))
    return found is not None and found.owner is not None


def adopt(part, owner):
    """`part` (a Condition's lock, a Barrier's condition) is shown as part of `owner`."""
    part_info = info(part)
    if part_info is not None:
        part_info.owner = owner
        part_info.shown = rid(owner_of(owner))


REGISTRY = Registry()
_installed = False


def install():
    """Patch the primitives once per interpreter (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    reg = REGISTRY
    infos = reg.infos
    current_task = asyncio.current_task
    # Marks a primitive changed: mark(id(obj)), so that the record of the primitive a user
    # sees it as is sent again (one never registered marks nothing: take_dirty skips it).
    mark = reg.dirty.add

    def wrap_init(cls, after=None):
        orig = cls.__init__

        def __init__(self, *args, **kwargs):
            orig(self, *args, **kwargs)
            reg.register(self)
            if after is not None:
                after(self)
        __init__.__wrapped__ = orig
        cls.__init__ = __init__

    def install_method(cls, method, orig):
        """Put `method`, which wraps `orig`, in `orig`'s place on `cls`."""
        method.__name__, method.__qualname__, method.__wrapped__ = orig.__name__, orig.__qualname__, orig
        setattr(cls, orig.__name__, method)

    def wrap_touch(cls, name):
        orig = getattr(cls, name)

        def method(self, *args, **kwargs):
            try:
                return orig(self, *args, **kwargs)
            finally:
                mark(id(self))
        install_method(cls, method, orig)


    # --- Lock: one holder ---
    wrap_init(locks.Lock)
    lock_acquire, lock_release = locks.Lock.acquire, locks.Lock.release

    async def acquire(self):
        await lock_acquire(self)
        key = id(self)
        held = infos.get(key)
        if held is not None:
            held.holder = current_task()
        mark(key)
        if reg.hook is not None:
            reg.hook("lock-acquired", self)
        return True

    def release(self):
        lock_release(self)
        key = id(self)
        held = infos.get(key)
        if held is not None:
            held.holder = None
        mark(key)
        if reg.hook is not None:
            reg.hook("lock-released", self)
    install_method(locks.Lock, acquire, lock_acquire)
    install_method(locks.Lock, release, lock_release)

    # --- Semaphore (and BoundedSemaphore): a multiset of holders ---
    def sem_init(self):
        info(self).holders = []
    wrap_init(locks.Semaphore, sem_init)
    sem_acquire, sem_release = locks.Semaphore.acquire, locks.Semaphore.release

    async def sem_acquire_w(self):
        await sem_acquire(self)
        key = id(self)
        held = infos.get(key)
        if held is not None:
            held.holders.append(current_task())
        mark(key)
        if reg.hook is not None:
            reg.hook("lock-acquired", self)
        return True

    def sem_release_w(self):
        sem_release(self)
        key = id(self)
        held = infos.get(key)
        holders = held.holders if held is not None else []
        task = current_task()
        if task in holders:
            holders.remove(task)
        elif holders:           # released by a task other than the one that acquired it
            holders.pop(0)
        mark(key)
        if reg.hook is not None:
            reg.hook("lock-released", self)
    install_method(locks.Semaphore, sem_acquire_w, sem_acquire)
    install_method(locks.Semaphore, sem_release_w, sem_release)
    # BoundedSemaphore.release checks its bound, then calls Semaphore.release: wrapped above.

    # --- Event, Condition, Barrier, queues ---
    wrap_init(locks.Event)
    event_set, event_clear = locks.Event.set, locks.Event.clear

    def set_w(self):        # one per waiter woken: as lean as the queue's below
        event_set(self)
        mark(id(self))

    def clear_w(self):      # every Queue.put clears the queue's join() Event
        event_clear(self)
        mark(id(self))
    install_method(locks.Event, set_w, event_set)
    install_method(locks.Event, clear_w, event_clear)

    def cond_init(self):
        adopt(self._lock, self)
    wrap_init(locks.Condition, cond_init)
    for name in ("notify", "notify_all"):
        wrap_touch(locks.Condition, name)

    def barrier_init(self):
        adopt(self._cond, self)
        adopt(self._cond._lock, self)
    wrap_init(locks.Barrier, barrier_init)
    for name in ("abort", "reset"):
        wrap_touch(locks.Barrier, name)

    def queue_init(self):
        finished = getattr(self, "_finished", None)   # join()'s Event: part of the queue
        if finished is not None:
            adopt(finished, self)
    wrap_init(queues.Queue, queue_init)
    # Every item goes through these: wrapped without wrap_touch's generality (what raises
    # changed nothing), marking the queue changed directly.
    put_nowait, get_nowait, task_done = queues.Queue.put_nowait, queues.Queue.get_nowait, queues.Queue.task_done

    def put_nowait_w(self, item):
        put_nowait(self, item)
        mark(id(self))

    def get_nowait_w(self):
        item = get_nowait(self)
        mark(id(self))
        return item

    def task_done_w(self):
        task_done(self)
        mark(id(self))
    for method, orig in ((put_nowait_w, put_nowait), (get_nowait_w, get_nowait), (task_done_w, task_done)):
        install_method(queues.Queue, method, orig)


def owner_of(obj):
    """The primitive a user sees for `obj` (a Barrier for its internal Condition)."""
    found = info(obj)
    while found is not None and found.owner is not None:
        obj = found.owner
        found = info(obj)
    return obj


def waiter_task(fut):
    """The Task blocked on waiter future `fut`, found through its wakeup callback."""
    for cb, _ctx in (getattr(fut, "_callbacks", None) or ()):
        owner = getattr(cb, "__self__", None)
        if isinstance(owner, asyncio.Future) and hasattr(owner, "get_coro"):
            return owner
    return None


def _task_ids(futs):
    ids = []
    for fut in futs or ():
        if fut.done():
            continue
        task = waiter_task(fut)
        tid = getattr(task, "_ls_id", None)
        if tid is not None:
            ids.append(tid)
    return ids


def _tid(task):
    return getattr(task, "_ls_id", None) if task is not None else None


def record(obj, name=None):
    """A whole record of primitive `obj`, as the protocol's ResourceRecord."""
    kind = type(obj).__name__ if type(obj).__name__ in KINDS else _base_kind(obj)
    known = info(obj)
    rec = {"id": known.id, "kind": kind, "site": known.site, "name": name,
           "holders": [], "waiters": []}
    if isinstance(obj, locks.Lock):
        rec["locked"] = obj.locked()
        holder = _tid(known.holder)
        rec["holders"] = [holder] if holder is not None and obj.locked() else []
        rec["waiters"] = _task_ids(obj._waiters)
    elif isinstance(obj, locks.Semaphore):
        rec["value"] = obj._value
        rec["holders"] = [h for h in (_tid(t) for t in known.holders or ()) if h is not None]
        rec["waiters"] = _task_ids(obj._waiters)
    elif isinstance(obj, locks.Event):
        rec["isSet"] = obj.is_set()
        rec["waiters"] = _task_ids(obj._waiters)
    elif isinstance(obj, locks.Condition):
        lock = obj._lock
        lock_info = info(lock)
        holder = _tid(lock_info.holder if lock_info is not None else None)
        rec["locked"] = lock.locked()
        rec["holders"] = [holder] if holder is not None and lock.locked() else []
        rec["waiters"] = _task_ids(obj._waiters) + _task_ids(getattr(lock, "_waiters", None))
    elif isinstance(obj, locks.Barrier):
        rec["parties"] = obj.parties
        rec["count"] = obj.n_waiting
        rec["state"] = getattr(obj._state, "value", str(obj._state))
        rec["waiters"] = _task_ids(obj._cond._waiters)
    elif isinstance(obj, queues.Queue):
        rec["size"] = obj.qsize()
        rec["maxsize"] = obj.maxsize
        rec["unfinished"] = obj._unfinished_tasks
        rec["getters"] = _task_ids(obj._getters)
        rec["putters"] = _task_ids(obj._putters)
        rec["waiters"] = rec["getters"] + rec["putters"]
    return rec


def _base_kind(obj):
    for cls in type(obj).__mro__:
        if cls.__name__ in KINDS and cls.__module__.startswith("asyncio"):
            return cls.__name__
    return type(obj).__name__
