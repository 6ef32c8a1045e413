# Timers that tie: the token refresh and the request are both due at t=5. The code assumes the
# refresh goes first, as it does when timers due together fire in the order they were set.
import asyncio

token = {"value": "expired"}


async def refresher():
    await asyncio.sleep(5)
    token["value"] = "fresh"


async def request():
    await asyncio.sleep(5)
    assert token["value"] == "fresh", "the request used an expired token"
    return "200 OK"


async def main():
    refresh = asyncio.create_task(refresher())
    await asyncio.sleep(0)
    print(await asyncio.create_task(request()))
    await refresh


asyncio.run(main())
