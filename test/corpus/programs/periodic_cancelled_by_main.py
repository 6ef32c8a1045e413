"""A periodic task cancelled by a main that sleeps for a whole number of periods ticks once per period."""
import asyncio


async def periodic(name, period, ticks):
    try:
        while True:
            ticks.append(name)
            print(f"{name}: tick {len(ticks)}")
            await asyncio.sleep(period)
    except asyncio.CancelledError:
        print(f"{name}: cancelled after {len(ticks)} ticks")
        raise


async def run(name, period, total):
    ticks = []
    task = asyncio.create_task(periodic(name, period, ticks))
    await asyncio.sleep(total)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(f"{name}: main woke after {total} s, {len(ticks)} ticks")


async def main():
    await run("quarters", 0.25, 0.75)  # the third period ends exactly when main wakes
    await run("tenths", 0.1, 0.8)      # 0.1 added eight times is 0.7999999999999999


asyncio.run(main())
