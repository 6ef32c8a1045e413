"""A three-stage pipeline (produce -> transform -> sink) connected by bounded queues with sentinel shutdown."""
import asyncio

STOP = object()


async def produce(out_q, n):
    for i in range(n):
        await asyncio.sleep(0.01)
        await out_q.put(i)
    await out_q.put(STOP)


async def transform(in_q, out_q, workers_left):
    while True:
        item = await in_q.get()
        if item is STOP:
            await in_q.put(STOP)  # let sibling transformers see it too
            workers_left[0] -= 1
            if workers_left[0] == 0:
                await out_q.put(STOP)
            return
        await asyncio.sleep(0.015)
        await out_q.put((item, item * item))


async def sink(in_q, results):
    while True:
        item = await in_q.get()
        if item is STOP:
            return
        results.append(item)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    q1 = asyncio.Queue(maxsize=2)
    q2 = asyncio.Queue(maxsize=2)
    results = []
    workers_left = [2]
    await asyncio.gather(
        produce(q1, 8),
        transform(q1, q2, workers_left),
        transform(q1, q2, workers_left),
        sink(q2, results),
    )
    print("results (sorted):", sorted(results))
    print("count:", len(results), "sum of squares:", sum(sq for _, sq in results))
    print("queues empty:", q1.qsize() <= 1, q2.empty())
    print("took at least the producer's 8 x 0.01 s:", loop.time() - t0 >= 0.08 - 1e-6)


asyncio.run(main())
