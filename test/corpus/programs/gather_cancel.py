"""Cancelling a gather cancels every child; a child cancelled on its own makes gather raise CancelledError."""
import asyncio


async def child(i, delay=1):
    try:
        await asyncio.sleep(delay)
        print(f"child {i} finished")
        return i
    except asyncio.CancelledError:
        print(f"child {i} cancelled")
        raise


async def main():
    g = asyncio.gather(child(0), child(1), child(2))
    await asyncio.sleep(0.01)
    print("cancel returned", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("outer gather cancelled:", g.cancelled())

    # A single child cancelled from outside: gather raises, but is not itself cancelled.
    t1 = asyncio.create_task(child(10, 0.2))
    t2 = asyncio.create_task(child(11, 0.5))
    g2 = asyncio.gather(t1, t2)
    await asyncio.sleep(0.01)
    t2.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("g2 raised CancelledError; g2.cancelled() =", g2.cancelled())
    print("t1 result", await t1, "t2 cancelled", t2.cancelled())


asyncio.run(main())
