"""current_task() inside tasks and callbacks, all_tasks() membership as tasks start and finish."""
import asyncio


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def worker(delay):
    me = asyncio.current_task()
    await asyncio.sleep(delay)
    return me.get_name()


async def main():
    main_task = asyncio.current_task()
    main_task.set_name("main")
    print("current in main:", main_task.get_name())
    print("all at start:", names(asyncio.all_tasks()))

    tasks = [asyncio.create_task(worker(0.1 * (i + 1)), name=f"worker-{i}") for i in range(3)]
    print("all after create:", names(asyncio.all_tasks()))
    await tasks[0]
    print("all after first finished:", names(asyncio.all_tasks()))
    print("results:", await asyncio.gather(*tasks))
    print("all at end:", names(asyncio.all_tasks()))

    loop = asyncio.get_running_loop()
    seen = loop.create_future()
    loop.call_soon(lambda: seen.set_result(asyncio.current_task() is None))
    print("current_task is None in a plain callback:", await seen)

    print("current_task(loop) matches:", asyncio.current_task(loop) is main_task)
    print("all_tasks(loop) contains main:", main_task in asyncio.all_tasks(loop))
    print("is a Task:", isinstance(main_task, asyncio.Task), "is a Future:", isinstance(main_task, asyncio.Future))
    print("coro name:", main_task.get_coro().__name__)

    try:
        asyncio.current_task()
    except RuntimeError:
        print("unexpected")
    done = asyncio.create_task(asyncio.sleep(0))
    await done
    print("finished task not in all_tasks:", done not in asyncio.all_tasks())


asyncio.run(main())

try:
    asyncio.current_task()
except RuntimeError as e:
    print("outside the loop:", type(e).__name__)
