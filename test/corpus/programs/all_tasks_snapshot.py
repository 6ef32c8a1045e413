"""asyncio.all_tasks() as a program's tasks start and finish (sorted by name: the set has no order)."""
import asyncio


def names():
    return sorted(t.get_name() for t in asyncio.all_tasks())


async def job(delay):
    await asyncio.sleep(delay)


async def main():
    asyncio.current_task().set_name("main")
    print("alone:", names())
    tasks = [asyncio.create_task(job(d / 5), name=f"job{d}") for d in (3, 1, 2)]
    print("started:", names())
    await asyncio.sleep(0.1)
    for _ in range(3):      # at 0.1, 0.3 and 0.5 s: a tenth of a second from each job's end
        print("later:", names())
        await asyncio.sleep(0.2)
    await asyncio.gather(*tasks)
    print("all done:", names(), all(t.done() for t in tasks))
    print("current in all:", asyncio.current_task() in asyncio.all_tasks())


asyncio.run(main())
