"""asyncio.timeout_at and Timeout.reschedule(): extend, shorten, disable, and when() arithmetic."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()

    async with asyncio.timeout_at(loop.time() + 0.2) as cm:
        print(f"deadline in {cm.when() - loop.time():.1f}")
        cm.reschedule(loop.time() + 1.0)
        print(f"extended to {cm.when() - t0:.1f}")
        await asyncio.sleep(0.5)
    print(f"survived extension at {loop.time() - t0:.1f}")

    t1 = loop.time()
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(0.1)
            cm.reschedule(loop.time() + 0.2)
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"rescheduled-from-None fired at {loop.time() - t1:.1f}")

    t2 = loop.time()
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(loop.time() + 0.1)
            await asyncio.sleep(0.5)
    except TimeoutError:
        print(f"shortened deadline fired at {loop.time() - t2:.1f}")

    async with asyncio.timeout(0.01) as cm:
        cm.reschedule(None)
        await asyncio.sleep(0.03)
    print("disabled timeout: expired =", cm.expired(), "when =", cm.when())

    # A deadline already in the past fires at the next await.
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("past deadline raised immediately")


asyncio.run(main())
