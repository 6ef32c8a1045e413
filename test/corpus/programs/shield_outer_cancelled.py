"""Cancelling a task that awaits shield(inner) cancels the outer await only; the inner task finishes its work."""
import asyncio


async def save(record, log):
    await asyncio.sleep(0.3)
    log.append(record)
    return f"saved {record}"


async def handler(log):
    inner = asyncio.create_task(save("order-7", log))
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("handler cancelled; inner done?", inner.done())
        raise


async def main():
    log = []
    task = asyncio.create_task(handler(log))
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("handler task cancelled:", task.cancelled())
    print("log right after:", log)
    await asyncio.sleep(0.3)
    print("log later:", log)


asyncio.run(main())
