"""Producer/consumers over a Queue, stopped by one None sentinel per consumer."""
import asyncio


async def producer(queue, items, consumers):
    for item in items:
        await queue.put(item)
        await asyncio.sleep(0.01)
    for _ in range(consumers):
        await queue.put(None)


async def consumer(name, queue, totals):
    while True:
        item = await queue.get()
        if item is None:
            print(f"{name}: stopping")
            return
        totals[name] = totals.get(name, 0) + item
        await asyncio.sleep(0.025)


async def main():
    queue = asyncio.Queue(maxsize=2)
    totals = {}
    await asyncio.gather(producer(queue, range(1, 11), 2),
                         consumer("c1", queue, totals), consumer("c2", queue, totals))
    print(sum(totals.values()), "in all;", "queue empty:", queue.empty())


asyncio.run(main())
