"""asyncio.wait(FIRST_EXCEPTION) returns at the first failure; the caller cancels the rest and reports each."""
import asyncio


async def step(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} broke")
    return name


async def main():
    tasks = [asyncio.create_task(step("load", 0.1)), asyncio.create_task(step("parse", 0.2, fail=True)),
             asyncio.create_task(step("save", 0.5)), asyncio.create_task(step("index", 0.6))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", len(done), "pending:", len(pending))
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    for task in tasks:
        if task.cancelled():
            print("cancelled")
        elif task.exception() is not None:
            print("failed:", task.exception())
        else:
            print("ok:", task.result())


asyncio.run(main())
