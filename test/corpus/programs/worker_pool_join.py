"""The asyncio docs' worker pool: workers take jobs from a Queue, main waits with join() and then cancels them."""
import asyncio


async def worker(name, queue, done):
    while True:
        seconds = await queue.get()
        await asyncio.sleep(seconds)
        done.append((name, seconds))
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for seconds in (0.3, 0.1, 0.5, 0.2, 0.4, 0.15):
        queue.put_nowait(seconds)
    done = []
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, done)) for i in range(3)]
    started = asyncio.get_running_loop().time()
    await queue.join()
    elapsed = asyncio.get_running_loop().time() - started
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print("jobs done:", len(done), "in", f"{elapsed:.1f}", "s")
    for name, seconds in done:
        print(f"  {name} slept {seconds}")
    print("workers:", [type(r).__name__ for r in results])


asyncio.run(main())
