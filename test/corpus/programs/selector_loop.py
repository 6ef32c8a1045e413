"""Older code makes its loop itself: asyncio.SelectorEventLoop(), set_event_loop, run_until_complete."""
import asyncio


async def fetch(n):
    await asyncio.sleep(n / 10)
    return n * 10


async def main():
    loop = asyncio.get_running_loop()
    print("running loop is ours:", loop is asyncio.get_event_loop())
    results = await asyncio.gather(*(fetch(n) for n in (3, 1, 2)))
    print("results:", results)
    print("loop kind:", type(loop).__name__, isinstance(loop, asyncio.SelectorEventLoop))


loop = asyncio.SelectorEventLoop()
asyncio.set_event_loop(loop)
try:
    loop.run_until_complete(main())
finally:
    asyncio.set_event_loop(None)
    loop.close()
print("closed:", loop.is_closed())
