"""Handling CancelledError: cleanup in finally, swallowing it, cancelling before start and after finish."""
import asyncio


async def with_cleanup(log):
    try:
        log.append("working")
        await asyncio.sleep(1)
    finally:
        log.append("cleanup ran")
        await asyncio.sleep(0.01)  # awaiting inside finally is allowed
        log.append("cleanup awaited")


async def never_started():
    print("this line must not print")


async def quick():
    return "quick"


async def main():
    log = []
    t = asyncio.create_task(with_cleanup(log))
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    print(log, t.cancelled())

    t = asyncio.create_task(never_started())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before first step:", t.cancelled())

    t = asyncio.create_task(quick())
    await t
    print("cancel finished task ->", t.cancel(), t.result())

    # Catching CancelledError in the awaiting coroutine keeps the caller alive.
    async def supervisor():
        child = asyncio.create_task(asyncio.sleep(1))
        await asyncio.sleep(0.01)
        child.cancel()
        try:
            await child
        except asyncio.CancelledError:
            print("supervisor saw child cancellation")
        return "supervisor ok"

    print(await supervisor())

    # Cancelling the current task, then catching it.
    me = asyncio.current_task()
    me.cancel()
    try:
        await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print("main cancelled itself; cancelling() =", me.cancelling())
        me.uncancel()
    print("main continues; cancelling() =", me.cancelling())


asyncio.run(main())
