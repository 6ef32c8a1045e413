"""A periodic loop inside `async with asyncio.timeout()` stops after the ticks that fit, also when rescheduled."""
import asyncio


async def poll(label, period, limit):
    count = 0
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(limit):
            while True:
                count += 1
                await asyncio.sleep(period)
    except TimeoutError:
        print(f"{label}: {count} polls in {loop.time() - start:.1f} s")


async def extended(period):
    count = 0
    try:
        async with asyncio.timeout(0.3) as cm:
            while True:
                count += 1
                if count == 4:
                    cm.reschedule(cm.when() + 0.2)
                await asyncio.sleep(period)
    except TimeoutError:
        print(f"rescheduled: {count} polls")


async def main():
    await poll("fifths", 0.2, 0.4)
    await poll("tenths", 0.1, 0.7)
    await poll("twentieths", 0.05, 0.2)
    await extended(0.1)


asyncio.run(main())
