"""A periodic coroutine under asyncio.wait_for times out after as many ticks as fit in the timeout."""
import asyncio


async def heartbeat(period, beats):
    while True:
        beats.append(period)
        await asyncio.sleep(period)


async def main():
    for period, timeout in ((0.1, 0.5), (0.3, 0.9)):
        beats = []
        try:
            await asyncio.wait_for(heartbeat(period, beats), timeout=timeout)
        except asyncio.TimeoutError:
            print(f"period {period}, timeout {timeout}: {len(beats)} beats, then timed out")
    beats = []
    task = asyncio.create_task(heartbeat(0.1, beats))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.15)
    except asyncio.TimeoutError:
        print(f"shielded: {len(beats)} beats by the timeout, still running: {not task.done()}")
    await asyncio.sleep(0.1)
    print(f"shielded: {len(beats)} beats 0.1 s later")     # at 0.25 s: beats at 0, 0.1 and 0.2
    task.cancel()


asyncio.run(main())
