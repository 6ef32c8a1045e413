"""Done callbacks: registration order, call_soon scheduling, remove_done_callback, context argument."""
import asyncio
import contextvars

tag = contextvars.ContextVar("tag", default="none")


async def main():
    loop = asyncio.get_running_loop()
    log = []
    fut = loop.create_future()

    def cb(name):
        def inner(f):
            state = "cancelled" if f.cancelled() else (f"exc={f.exception()!r}" if f.exception() else f"result={f.result()}")
            log.append(f"{name}: {state} tag={tag.get()}")
        return inner

    a, b, c = cb("a"), cb("b"), cb("c")
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(c)
    fut.add_done_callback(b)
    print("removed b:", fut.remove_done_callback(b))
    ctx = contextvars.copy_context()
    ctx.run(tag.set, "ctx-value")
    fut.add_done_callback(cb("with-context"), context=ctx)
    fut.set_result(7)
    log.append("set_result returned (callbacks not run yet)")
    await asyncio.sleep(0)
    for line in log:
        print(line)

    log.clear()
    done = loop.create_future()
    done.set_exception(OSError("io"))
    done.add_done_callback(cb("late"))  # added after completion: still scheduled, not called inline
    log.append("added late callback")
    await asyncio.sleep(0)
    print(log)

    log.clear()
    cf = loop.create_future()
    cf.add_done_callback(cb("on-cancel"))
    cf.cancel()
    await asyncio.sleep(0)
    print(log)

    # Task done callbacks fire after the task finishes.
    log.clear()

    async def work():
        await asyncio.sleep(0.01)
        return "task-result"

    t = asyncio.create_task(work())
    t.add_done_callback(cb("task"))
    await t
    log.append("after await")
    await asyncio.sleep(0)
    print(log)


asyncio.run(main())
