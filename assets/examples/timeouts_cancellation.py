"""Timeouts and cancellation: asyncio.timeout, wait_for and Task.cancel with cleanup in finally."""
import asyncio


async def slow_job(name, seconds):
    try:
        await asyncio.sleep(seconds)
        return f"{name} finished"
    except asyncio.CancelledError:
        print(f"{name} was cancelled")
        raise
    finally:
        print(f"{name} cleaned up")


async def main():
    try:
        async with asyncio.timeout(1.0):
            await slow_job("report", 5.0)
    except TimeoutError:
        print("report timed out after 1s")

    try:
        await asyncio.wait_for(slow_job("upload", 3.0), timeout=0.5)
    except TimeoutError:
        print("upload timed out after 0.5s")

    download = asyncio.create_task(slow_job("download", 10.0), name="download")
    await asyncio.sleep(2.0)
    download.cancel("user pressed cancel")
    try:
        await download
    except asyncio.CancelledError:
        print("download cancelled:", download.cancelled())

    print(await asyncio.wait_for(slow_job("quick", 0.1), timeout=1.0))


asyncio.run(main())
