"""contextvars: each task gets a copy of the context at creation; changes inside a task do not leak out."""
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")
trail = contextvars.ContextVar("trail", default=())


def log(msg):
    print(f"[{request_id.get()}] {msg} trail={list(trail.get())}")


async def step(name):
    trail.set(trail.get() + (name,))
    await asyncio.sleep(0.01)
    log(f"step {name}")


async def handle(rid, delay):
    request_id.set(rid)
    await asyncio.sleep(delay)
    await step("parse")
    child = asyncio.create_task(step("child-task"))
    await child
    log("after child task (its trail change is invisible here)")
    await step("respond")


async def main():
    log("main start")
    await asyncio.gather(handle("req-1", 0.01), handle("req-2", 0.2))
    log("main end (unchanged)")

    request_id.set("main")
    t = asyncio.create_task(handle("req-3", 0))
    request_id.set("main-changed-after-create")
    await t
    log("main after req-3")

    ctx = contextvars.Context()
    t = asyncio.create_task(step("isolated"), context=ctx)
    await t
    print("explicit context saw:", ctx[trail], "request_id in ctx:", ctx.get(request_id, "unset"))

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    request_id.set("callback-ctx")
    loop.call_soon(lambda: fut.set_result(request_id.get()))
    request_id.set("changed")
    print("call_soon captured:", await fut)


asyncio.run(main())
