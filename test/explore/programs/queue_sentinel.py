# A queue consumer that misses items: the producer hands each item to a task of its own (put
# on a full queue waits), then puts the sentinel. If the sentinel's put gets in line before
# an item's, the consumer stops early.
import asyncio


async def produce(queue, items):
    for item in items:
        asyncio.create_task(queue.put(item))
    await asyncio.sleep(0)
    await queue.put(None)


async def consume(queue):
    got = []
    while (item := await queue.get()) is not None:
        got.append(item)
    return got


async def main():
    queue = asyncio.Queue(maxsize=1)
    _, got = await asyncio.gather(produce(queue, [1, 2, 3]), consume(queue))
    assert got == [1, 2, 3], f"consumer got {got}"
    print(got)


asyncio.run(main())
