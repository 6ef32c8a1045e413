"""Periodic workers with different periods, stopped together by an Event that main sets."""
import asyncio


async def worker(name, period, stop, log):
    rounds = 0
    while not stop.is_set():
        rounds += 1
        try:
            await asyncio.wait_for(stop.wait(), timeout=period)
        except asyncio.TimeoutError:
            pass
    log.append((name, rounds))
    return rounds


async def main():
    stop = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(worker(name, period, stop, log), name=name)
             for name, period in (("a", 0.1), ("b", 0.15), ("c", 0.35))]
    await asyncio.sleep(0.55)      # 0.05 s from any worker's timeout
    stop.set()
    results = await asyncio.gather(*tasks)
    print("rounds", results)
    print("finished in order", [name for name, _ in log])
    print("all done", all(t.done() for t in tasks))


asyncio.run(main())
