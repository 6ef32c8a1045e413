"""Main reads the clock between starting a periodic task and sleeping: the periodic task still ticks once per period."""
import asyncio
import time


async def ticker(stamps):
    loop = asyncio.get_running_loop()
    while True:
        stamps.append(loop.time())
        await asyncio.sleep(0.2)


async def main():
    stamps = []
    task = asyncio.create_task(ticker(stamps))
    await asyncio.sleep(0)          # the ticker has set its first sleep
    started = time.monotonic()
    time.perf_counter()
    time.time()
    await asyncio.sleep(1)
    task.cancel()
    print("ticks before main woke:", len(stamps))
    print("main slept about", round(time.monotonic() - started, 1), "s")
    stamps.clear()
    task = asyncio.create_task(ticker(stamps))
    for _ in range(3):
        time.monotonic()
    await asyncio.sleep(0.6)
    task.cancel()
    print("ticks in the second run:", len(stamps))


asyncio.run(main())
