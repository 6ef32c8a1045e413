"""asyncio.timeout's context manager: expired(), when(), a deadline moved to None, and timeout_at."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.2)
    print("quick: expired", cm.expired(), "deadline in", round(cm.when() - loop.time(), 1))
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("slow: expired", cm.expired())
    async with asyncio.timeout(0.1) as cm:
        cm.reschedule(None)
        await asyncio.sleep(0.3)
    print("unbounded: expired", cm.expired(), "when", cm.when())
    start = loop.time()
    try:
        async with asyncio.timeout_at(start + 0.5):
            while True:
                await asyncio.sleep(0.2)
    except TimeoutError:
        print("timeout_at after", round(loop.time() - start, 1), "s")


asyncio.run(main())
