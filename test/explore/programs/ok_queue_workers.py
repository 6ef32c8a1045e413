# Correct: workers take jobs from a queue until each gets its own sentinel; results are
# printed sorted, so the output does not depend on which worker took which job.
import asyncio


async def worker(queue, results):
    while (job := await queue.get()) is not None:
        await asyncio.sleep(0)
        results.append(job * job)


async def main():
    queue = asyncio.Queue(maxsize=2)
    results = []
    workers = [asyncio.create_task(worker(queue, results)) for _ in range(3)]
    for job in range(6):
        await queue.put(job)
    for _ in workers:
        await queue.put(None)
    await asyncio.gather(*workers)
    print(sorted(results))


asyncio.run(main())
