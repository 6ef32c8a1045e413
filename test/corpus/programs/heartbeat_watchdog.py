"""A watchdog that expects a heartbeat every period and reports the first one missed."""
import asyncio


async def worker(beat, pauses):
    for i, pause in enumerate(pauses):
        await asyncio.sleep(pause)
        print(f"worker: beat {i + 1}")
        beat.set()


async def watchdog(beat, period):
    missed = 0
    beats = 0
    while missed < 2:
        try:
            await asyncio.wait_for(beat.wait(), timeout=period)
        except asyncio.TimeoutError:
            missed += 1
            print(f"watchdog: no beat in {period} s ({missed} missed)")
            continue
        beat.clear()
        beats += 1
        missed = 0
    return beats


async def main():
    beat = asyncio.Event()
    work = asyncio.create_task(worker(beat, [0.05, 0.05, 0.05, 0.25, 0.05]))
    beats = await watchdog(beat, 0.1)
    print("watchdog gave up after", beats, "beats")
    await work
    print("worker finished:", work.done())


asyncio.run(main())
