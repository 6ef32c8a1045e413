"""sys.exit(3) inside a coroutine ends asyncio.run with SystemExit and the process exits with status 3."""
import asyncio
import sys


async def background(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("background task cancelled during shutdown")
        raise


async def main():
    t = asyncio.create_task(background([]))
    await asyncio.sleep(0.01)
    print("about to exit with 3")
    try:
        sys.exit(3)
    finally:
        print("finally inside main runs")


try:
    asyncio.run(main())
except SystemExit as e:
    print("SystemExit code:", e.code)
    raise
