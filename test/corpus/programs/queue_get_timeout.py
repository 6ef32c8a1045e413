"""Consumers that give up after a quiet spell: asyncio.wait_for around queue.get()."""
import asyncio


async def producer(queue):
    for delay, item in ((0.05, "a"), (0.1, "b"), (0.05, "c"), (0.3, "late")):
        await asyncio.sleep(delay)
        await queue.put(item)
        print("put", item)


async def consumer(name, queue, patience):
    got = []
    while True:
        try:
            item = await asyncio.wait_for(queue.get(), timeout=patience)
        except asyncio.TimeoutError:
            print(f"{name}: quiet for {patience} s, stopping with {got}")
            return got
        got.append(item)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    prod = asyncio.create_task(producer(queue))
    first = await consumer("patient", queue, 0.2)
    await prod
    print("left in queue:", queue.qsize())
    second = await consumer("late", queue, 0.05)
    print("total", len(first) + len(second))


asyncio.run(main())
