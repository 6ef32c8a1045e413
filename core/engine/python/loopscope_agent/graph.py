"""The wait-for graph at a moment: who waits on what, who holds what, and the cycles.

Nodes are tasks, primitives and futures ("task:3", "resource:1", "future:2"); a task has a
"waits" edge to what it waits on, a primitive a "held-by" edge to each holder. A cycle through
these edges is a deadlock unless a pending timer can still wake one of its tasks.
"""
import asyncio

from . import resources
from .recorder import is_task

_MAX_CYCLES = 20


def task_node(task):
    return f"task:{task._ls_id}"


def build(recorder, tasks, names=None, waits=None):
    """{nodes, edges, cycles} for `tasks` (live Task objects with ids); `names` gives
    primitives the names the program keeps them under; `waits` (task id -> waitingOn) what
    the tasks wait on, where the caller has worked it out already."""
    names = names or {}
    nodes, edges = {}, []
    records = {}

    def record_of(obj):
        # Built once per primitive: a record lists every waiter, and many tasks wait on one.
        rid = resources.rid(obj)
        rec = records.get(rid)
        if rec is None:
            rec = records[rid] = resources.record(obj, names.get(rid))
        return rec

    by_group = {}
    for task in tasks:
        if task._ls_group is not None:
            by_group.setdefault(task._ls_group, []).append(task)
    for task in tasks:
        nodes[task_node(task)] = {"id": task_node(task), "kind": "task", "label": task.get_name()}
    for task in tasks:
        wait = waits[task._ls_id] if waits is not None and task._ls_id in waits else recorder.waiting_on(task)
        if wait is None:
            continue
        src = task_node(task)
        kind = wait["kind"]
        if kind == "resource":
            res = resources.REGISTRY.get(wait["id"])
            if res is None:
                continue
            rid = f"resource:{wait['id']}"
            if rid not in nodes:
                nodes[rid] = {"id": rid, "kind": "resource", "label": resource_label(record_of(res))}
            edges.append({"from": src, "to": rid, "kind": "waits", "label": wait["label"]})
        elif kind == "task" and wait.get("id") is not None:
            edges.append({"from": src, "to": f"task:{wait['id']}", "kind": "waits", "label": "awaits"})
        elif kind == "gather":
            for child in wait.get("ids", ()):
                edges.append({"from": src, "to": f"task:{child}", "kind": "waits", "label": "gathers"})
        elif kind == "taskgroup":
            for child in by_group.get(wait.get("id"), ()):
                if child is not task and not child.done():
                    edges.append({"from": src, "to": task_node(child), "kind": "waits", "label": "TaskGroup"})
        elif kind == "future" and wait.get("id") is not None:
            fid = f"future:{wait['id']}"
            nodes[fid] = {"id": fid, "kind": "future", "label": wait["label"]}
            edges.append({"from": src, "to": fid, "kind": "waits", "label": "awaits"})
    for obj in resources.REGISTRY.shown():
        rec = record_of(obj)
        rid = f"resource:{rec['id']}"
        if not rec["holders"] and rid not in nodes:
            continue
        nodes.setdefault(rid, {"id": rid, "kind": "resource", "label": resource_label(rec)})
        for holder in rec["holders"]:
            edges.append({"from": rid, "to": f"task:{holder}", "kind": "held-by"})
    edges = [e for e in edges if e["from"] in nodes and e["to"] in nodes]
    return {"nodes": list(nodes.values()), "edges": edges, "cycles": find_cycles(nodes, edges)}


def resource_label(rec):
    return f"{rec['kind']} {rec['name']}" if rec.get("name") else f"{rec['kind']} #{rec['id']}"


def find_cycles(nodes, edges):
    out = {}
    for e in edges:
        out.setdefault(e["from"], []).append(e["to"])
    cycles, seen = [], set()

    def visit(start, node, path, on_path):
        for nxt in out.get(node, ()):
            if nxt == start:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    cycles.append(describe(path, nodes))
            elif nxt not in on_path and nxt > start and len(cycles) < _MAX_CYCLES:
                on_path.add(nxt)
                path.append(nxt)
                visit(start, nxt, path, on_path)
                path.pop()
                on_path.discard(nxt)

    for node in sorted(out):
        visit(node, node, [node], {node})
    return cycles


def describe(path, nodes):
    label = lambda n: nodes[n]["label"]
    has_resource = any(nodes[n]["kind"] == "resource" for n in path)
    steps = []
    for i, node in enumerate(path):
        nxt = path[(i + 1) % len(path)]
        if nodes[node]["kind"] == "task":
            steps.append(f"{label(node)} waits for {label(nxt)}")
        else:
            steps.append(f"{label(node)} is held by {label(nxt)}")
    kind = "lock-cycle" if has_resource else "await-cycle"
    title = "Lock cycle" if has_resource else "Await cycle"
    return {"kind": kind, "nodes": list(path), "description": f"{title}: " + ", ".join(steps)}


def tasks_in(cycle):
    return {int(n.split(":", 1)[1]) for n in cycle["nodes"] if n.startswith("task:")}


def wakeable_task_ids(loop):
    """Ids of tasks that a pending timer may still wake (a timeout, a sleep, wait_for's timer)."""
    ids = set()
    for handle in loop._scheduled:
        if handle._cancelled:
            continue
        owner = getattr(handle._callback, "__self__", None)
        candidates = [owner, getattr(owner, "_task", None)]
        for arg in handle._args or ():
            if isinstance(arg, asyncio.Future):
                candidates.append(arg)
                for cb, _ctx in (getattr(arg, "_callbacks", None) or ()):
                    candidates.append(getattr(cb, "__self__", None))
        for obj in candidates:
            if obj is not None and is_task(obj) and getattr(obj, "_ls_id", None) is not None:
                ids.add(obj._ls_id)
    return ids


def starvation(recorder, tasks, names):
    """When every task is blocked and no cycle explains it: one line per blocked task."""
    lines = []
    for task in tasks:
        wait = recorder.waiting_on(task)
        if wait is None:
            continue
        label = wait["label"]
        if wait["kind"] == "resource" and wait["id"] in names:
            res = resources.REGISTRY.get(wait["id"])
            label = f"{type(res).__name__} {names[wait['id']]}" if res is not None else label
        lines.append(f"{task.get_name()} waits on {label}")
    return {"kind": "starvation", "nodes": [task_node(t) for t in tasks],
            "description": "Every task is blocked and nothing can wake them: " + "; ".join(lines)}
