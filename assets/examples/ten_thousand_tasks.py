"""Ten thousand tasks: a crowd of workers sleep, wake and wait on a shared semaphore for a while."""
import asyncio
import random

WORKERS = 10_000


async def worker(index, gate, counts):
    for _ in range(10):
        await asyncio.sleep(random.random())
        async with gate:
            counts[index % 10] += 1
            await asyncio.sleep(0.001)


async def main():
    gate = asyncio.Semaphore(100)
    counts = [0] * 10
    tasks = [asyncio.create_task(worker(i, gate, counts), name=f"worker-{i}") for i in range(WORKERS)]
    await asyncio.gather(*tasks)
    print("steps per bucket:", counts)
    print("total:", sum(counts))


asyncio.run(main())
