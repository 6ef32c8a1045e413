"""Periodic workers in a TaskGroup under asyncio.timeout: the timeout cancels them all at once."""
import asyncio


async def worker(name, period, counts, cancelled):
    try:
        while True:
            await asyncio.sleep(period)
            counts[name] = counts.get(name, 0) + 1
    except asyncio.CancelledError:
        cancelled.append(name)     # in the order of a set: sorted below
        raise


async def main():
    counts, cancelled = {}, []
    try:
        async with asyncio.timeout(0.45):
            async with asyncio.TaskGroup() as group:
                group.create_task(worker("fast", 0.1, counts, cancelled), name="fast")
                await asyncio.sleep(0.01)
                group.create_task(worker("slow", 0.2, counts, cancelled), name="slow")
    except TimeoutError:
        print("timed out")
    print("rounds", sorted(counts.items()))
    print("cancelled", sorted(cancelled))
    print("tasks left:", len(asyncio.all_tasks()) - 1)


asyncio.run(main())
