"""wait_for: success before the deadline, TimeoutError after it (inner task cancelled), and timeout=None."""
import asyncio


async def slow(delay, value):
    try:
        await asyncio.sleep(delay)
        return value
    except asyncio.CancelledError:
        print(f"slow({value}) was cancelled")
        raise


async def main():
    print("fast:", await asyncio.wait_for(slow(0.01, "a"), timeout=0.05))
    try:
        await asyncio.wait_for(slow(0.5, "b"), timeout=0.02)
    except asyncio.TimeoutError as e:
        print("timed out:", type(e).__name__, isinstance(e, TimeoutError))
    print("no timeout:", await asyncio.wait_for(slow(0.02, "c"), timeout=None))

    task = asyncio.create_task(slow(0.5, "d"))
    try:
        await asyncio.wait_for(task, 0.01)
    except TimeoutError:
        print("task cancelled by wait_for:", task.cancelled())

    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.01, fut.set_result, "future value")
    print("future:", await asyncio.wait_for(fut, 1))


asyncio.run(main())
