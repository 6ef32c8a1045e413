"""task.cancel(msg): the message reaches the coroutine's CancelledError and the awaiting side."""
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("inside task, args =", e.args)
        raise


async def catcher():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        return f"swallowed {e.args}"


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel() ->", t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter sees args =", e.args)
    print("cancelled:", t.cancelled(), "done:", t.done())
    print("second cancel() ->", t.cancel("again"))

    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("no message, args =", e.args)

    t = asyncio.create_task(catcher())
    await asyncio.sleep(0)
    t.cancel("please")
    print("catcher returned:", await t, "cancelled:", t.cancelled())

    fut = asyncio.get_running_loop().create_future()
    fut.cancel("future msg")
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("future result() args =", e.args)


asyncio.run(main())
