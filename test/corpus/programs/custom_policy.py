"""A program that sets its own event loop policy, or resets it, still runs on the usual loop."""
import asyncio
import sys
import warnings

# (Python 3.14 deprecates event loop policies; what they do is unchanged.)
warnings.simplefilter("ignore", DeprecationWarning)


class MyPolicy(asyncio.DefaultEventLoopPolicy):
    pass


async def main(tag):
    await asyncio.sleep(0.1)
    print(tag, "ran")


if sys.platform == "win32":
    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())
else:
    asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
asyncio.run(main("default policy"))
asyncio.set_event_loop_policy(MyPolicy())
print(type(asyncio.get_event_loop_policy()).__name__)
asyncio.run(main("custom policy"))
asyncio.set_event_loop_policy(None)
asyncio.run(main("reset policy"))
loop = asyncio.new_event_loop()
loop.run_until_complete(main("new_event_loop"))
loop.close()
