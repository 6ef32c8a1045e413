"""gather of a shielded task and a plain one, cancelled: the plain task is cancelled, the shielded one runs on."""
import asyncio


async def work(name, delay, events):
    try:
        await asyncio.sleep(delay)
        events.append(f"{name} finished")
        return name
    except asyncio.CancelledError:
        events.append(f"{name} cancelled")
        raise


async def main():
    events = []
    protected = asyncio.create_task(work("protected", 0.3, events))
    plain = asyncio.create_task(work("plain", 0.3, events))
    group = asyncio.gather(asyncio.shield(protected), plain)
    await asyncio.sleep(0.1)
    group.cancel()
    try:
        await group
    except asyncio.CancelledError:
        print("gather cancelled")
    await asyncio.sleep(0.3)
    print(events)
    print("protected result:", protected.result(), "plain cancelled:", plain.cancelled())


asyncio.run(main())
