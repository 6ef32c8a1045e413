"""current_task() inside a task, in a callback run by the loop (None), and in code a task awaits."""
import asyncio


def callback(label, fut):
    task = asyncio.current_task()
    print(label, "current task:", None if task is None else task.get_name())
    if not fut.done():
        fut.set_result(label)


async def helper():
    return asyncio.current_task().get_name()


async def main():
    loop = asyncio.get_running_loop()
    asyncio.current_task().set_name("main")
    print("in main:", asyncio.current_task().get_name())
    print("in awaited helper:", await helper())
    print("in a task of its own:", await asyncio.create_task(helper(), name="helper-task"))
    fut = loop.create_future()
    loop.call_soon(callback, "call_soon", fut)
    print("future got", await fut)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("done callback current task:", asyncio.current_task()))
    loop.call_later(0.05, callback, "call_later", fut)
    print("future got", await fut)
    await asyncio.sleep(0)


asyncio.run(main())
