"""A cancelled task finishes its cleanup under shield before the cancellation goes on."""
import asyncio


async def save(state):
    await asyncio.sleep(0.1)
    state.append("saved")
    return len(state)


async def job(state):
    try:
        while True:
            state.append("work")
            await asyncio.sleep(0.2)
    except asyncio.CancelledError:
        print("job: cancelled, saving first")
        count = await asyncio.shield(save(state))
        print("job: saved", count, "entries")
        raise


async def main():
    state = []
    task = asyncio.create_task(job(state))
    await asyncio.sleep(0.3)       # between the job's rounds at 0.2 and 0.4 s
    task.cancel("shutting down")
    try:
        await task
    except asyncio.CancelledError as exc:
        print("main: job cancelled with", exc.args)
    print("state", state)
    print("cancelling() of main:", asyncio.current_task().cancelling())


asyncio.run(main())
