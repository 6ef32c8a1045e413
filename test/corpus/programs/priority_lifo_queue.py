"""PriorityQueue and LifoQueue ordering, including tuples with tie-breakers and maxsize blocking."""
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for prio, seq, name in [(3, 0, "low"), (1, 1, "urgent"), (2, 2, "normal"), (1, 3, "urgent-2"), (2, 4, "normal-2")]:
        await pq.put((prio, seq, name))
    out = []
    while not pq.empty():
        out.append(await pq.get())
    print("priority order:", [name for _, _, name in out])

    lq = asyncio.LifoQueue()
    for i in range(5):
        lq.put_nowait(i)
    print("lifo order:", [lq.get_nowait() for _ in range(5)])

    # Bounded LIFO: the producer blocks, and the newest item comes out first.
    bounded = asyncio.LifoQueue(maxsize=2)
    log = []

    async def produce():
        for i in range(4):
            await bounded.put(i)
            log.append(f"put {i}")

    async def consume():
        for _ in range(4):
            await asyncio.sleep(0.01)
            log.append(f"get {bounded.get_nowait()}")

    await asyncio.gather(produce(), consume())
    print(log)

    # PriorityQueue with maxsize, consumers waiting before items arrive.
    pq = asyncio.PriorityQueue(maxsize=3)
    results = []

    async def worker():
        while True:
            prio, job = await pq.get()
            results.append(job)
            pq.task_done()
            if job == "stop":
                return

    w = asyncio.create_task(worker())
    await asyncio.sleep(0)
    pq.put_nowait((5, "e"))
    pq.put_nowait((1, "a"))
    pq.put_nowait((3, "c"))
    try:
        pq.put_nowait((0, "overflow"))
    except asyncio.QueueFull:
        print("priority queue full")
    await pq.join()
    await pq.put((9, "stop"))
    await w
    print("worker saw:", results)


asyncio.run(main())
