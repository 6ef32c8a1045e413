"""Producer and consumers: a bounded queue hands work from one producer to two consumers."""
import asyncio


async def producer(queue, count):
    for item in range(count):
        await asyncio.sleep(0.1)
        await queue.put(item)
        print(f"produced {item}")
    for _ in range(2):
        await queue.put(None)


async def consumer(name, queue, results):
    while True:
        item = await queue.get()
        if item is None:
            break
        await asyncio.sleep(0.25)
        results.append((name, item * item))
        print(f"{name} consumed {item}")


async def main():
    queue = asyncio.Queue(maxsize=2)
    results = []
    async with asyncio.TaskGroup() as group:
        group.create_task(producer(queue, 6), name="producer")
        group.create_task(consumer("c1", queue, results), name="c1")
        group.create_task(consumer("c2", queue, results), name="c2")
    print("total:", sum(value for _, value in results))


asyncio.run(main())
