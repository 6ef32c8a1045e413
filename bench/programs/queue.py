"""(d) A Queue producer/consumer: 4 producers, 4 consumers, 100,000 items."""
import asyncio, time

async def producer(queue, n):
    for i in range(n):
        await queue.put(i)

async def consumer(queue, total):
    while True:
        item = await queue.get()
        total[0] += item
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=100)
    total = [0]
    consumers = [asyncio.create_task(consumer(queue, total)) for _ in range(4)]
    await asyncio.gather(*(producer(queue, 25_000) for _ in range(4)))
    await queue.join()
    for c in consumers:
        c.cancel()

def never_called():
    return 1  # BREAK-NEVER-1

started = time.perf_counter()
asyncio.run(main())
print(f"BENCH {time.perf_counter() - started:.6f}")
