# Two resolvers race to answer one request: each checks that the future is not done, awaits
# its answer, then sets it. When both checked first, the second set raises InvalidStateError.
import asyncio


async def resolve(future, answer, delay_steps):
    for _ in range(delay_steps):
        await asyncio.sleep(0)
    if not future.done():
        await asyncio.sleep(0)  # compute the answer
        future.set_result(answer)


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    await asyncio.gather(resolve(future, "primary", 0), resolve(future, "replica", 2))
    print("answer:", await future)


asyncio.run(main())
