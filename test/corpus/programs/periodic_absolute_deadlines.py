"""A periodic job on absolute deadlines (next = start + n * period), the drift-free way, until main cancels it."""
import asyncio


async def on_the_tick(period, ticks):
    loop = asyncio.get_running_loop()
    start = loop.time()
    n = 0
    try:
        while True:
            ticks.append(n)
            print(f"tick {n} at {loop.time() - start:.1f} s")
            n += 1
            await asyncio.sleep(max(0, start + n * period - loop.time()))
    finally:
        print(f"stopped after {len(ticks)} ticks")


async def main():
    ticks = []
    task = asyncio.create_task(on_the_tick(0.1, ticks))
    await asyncio.sleep(0.55)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled:", task.cancelled())
    print("ticks", ticks)


asyncio.run(main())
