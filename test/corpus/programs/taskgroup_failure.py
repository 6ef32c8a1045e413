"""TaskGroup: a failing child cancels its siblings; errors arrive as an ExceptionGroup handled with except*."""
import asyncio


CANCELLED = []  # TaskGroup cancels siblings in set order, so collect and sort


async def sibling(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
    except asyncio.CancelledError:
        CANCELLED.append(name)
        raise


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise RuntimeError("cleanup failed")


async def stubborn_os():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise OSError("net")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("fast", 0.01))
            tg.create_task(sibling("slow-1", 0.5))
            tg.create_task(sibling("slow-2", 0.5))
            tg.create_task(fail(0.02, ValueError("bad value")))
    except* ValueError as eg:
        print("cancelled siblings:", sorted(CANCELLED))
        print("caught", type(eg).__name__, [str(e) for e in eg.exceptions])

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stubborn())
            tg.create_task(fail(0.01, KeyError("missing")))
    except* KeyError as eg:
        print("KeyError part:", [repr(e) for e in eg.exceptions])
    except* RuntimeError as eg:
        print("RuntimeError part:", [str(e) for e in eg.exceptions])

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01, OSError("disk")))
            tg.create_task(stubborn_os())
    except ExceptionGroup as eg:
        print("plain except:", type(eg).__name__, len(eg.exceptions), sorted(str(e) for e in eg.exceptions))
        print("message:", eg.message)

    # An error in the body of the async with also cancels the children.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("child-of-body", 0.5))
            await asyncio.sleep(0.01)
            raise ZeroDivisionError("body")
    except* ZeroDivisionError as eg:
        print("body error:", [str(e) for e in eg.exceptions], "cancelled:", CANCELLED[-1])


asyncio.run(main())
