"""asyncio.Queue with maxsize: put blocks when full, FIFO order, task_done/join, and task_done errors."""
import asyncio


async def producer(q, log):
    for i in range(6):
        await q.put(i)
        log.append(f"put {i} (size={q.qsize()})")
    log.append("producer done")


async def consumer(name, q, log):
    while True:
        item = await q.get()
        await asyncio.sleep(0.01)
        log.append(f"{name} got {item}")
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    print("maxsize", q.maxsize, "empty", q.empty(), "full", q.full())
    log = []
    prod = asyncio.create_task(producer(q, log))
    await asyncio.sleep(0)
    print("after first step: full =", q.full(), "size =", q.qsize())
    cons = asyncio.create_task(consumer("c", q, log))
    await prod
    await q.join()
    log.append("joined")
    cons.cancel()
    await asyncio.gather(cons, return_exceptions=True)
    for line in log:
        print(line)

    try:
        q.task_done()
    except ValueError as e:
        print("extra task_done:", type(e).__name__, e)

    # join() on a queue with no unfinished tasks returns at once.
    await q.join()
    print("join on idle queue ok")

    # Several consumers share the work.
    q2 = asyncio.Queue()
    for i in range(6):
        q2.put_nowait(i)
    log.clear()
    workers = [asyncio.create_task(consumer(f"w{n}", q2, log)) for n in range(3)]
    await q2.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(log)


asyncio.run(main())
