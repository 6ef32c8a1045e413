"""Done callbacks run in the order they were added, before the task that awaits resumes; a removed one never runs."""
import asyncio


async def work(n):
    await asyncio.sleep(0.01 * n)
    return n * n


def report(tag):
    def callback(task):
        print(f"callback {tag}: {task.get_name()} -> {task.result()}")
    return callback


async def main():
    task = asyncio.create_task(work(3), name="square")
    first, second, third = report("first"), report("second"), report("third")
    task.add_done_callback(first)
    task.add_done_callback(second)
    task.add_done_callback(third)
    print("removed", task.remove_done_callback(second), "callback(s)")
    result = await task
    print("main resumed with", result)
    late = report("late")
    task.add_done_callback(late)   # on a done task: scheduled at once, not called at once
    print("added to a done task")
    await asyncio.sleep(0)
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: print("future callback sees", f.result()))
    fut.set_result("ready")
    print("set the future's result")
    await asyncio.sleep(0)


asyncio.run(main())
