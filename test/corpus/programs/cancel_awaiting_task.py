"""Cancelling a task that awaits another task cancels the inner one too, and the chain unwinds in order."""
import asyncio


async def leaf():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("leaf cancelled")
        raise


async def middle():
    inner = asyncio.create_task(leaf(), name="leaf")
    try:
        await inner
    except asyncio.CancelledError:
        print("middle cancelled; leaf cancelled =", inner.cancelled())
        raise


async def top():
    try:
        await middle()
    finally:
        print("top finally")


async def waiter_on(t, name):
    try:
        await t
    except asyncio.CancelledError:
        print(f"{name} got CancelledError")


async def main():
    t = asyncio.create_task(top(), name="top")
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("top cancelled:", t.cancelled())
    print("tasks left:", sorted(x.get_name() for x in asyncio.all_tasks() if x is not asyncio.current_task()))

    # Cancelling a waiter cancels the task it awaits directly...
    shared = asyncio.create_task(asyncio.sleep(0.2, result="shared result"))
    w1 = asyncio.create_task(waiter_on(shared, "w1"))
    await asyncio.sleep(0.01)
    w1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("w1 cancelled:", w1.cancelled(), "shared cancelled:", shared.cancelled())

    # ...but not a task it awaits through shield().
    shared = asyncio.create_task(asyncio.sleep(0.1, result="shared result"))
    w2 = asyncio.create_task(waiter_on(asyncio.shield(shared), "w2"))
    await asyncio.sleep(0.01)
    w2.cancel()
    await w2
    print("shared survived:", await shared)

asyncio.run(main())
