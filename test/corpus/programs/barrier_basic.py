"""asyncio.Barrier: parties meet, wait() returns arrival indices, and the barrier is reusable across rounds."""
import asyncio


async def runner(name, barrier, delay, log):
    for rnd in range(2):
        await asyncio.sleep(delay)
        log.append(f"{name} arrives round {rnd}")
        idx = await barrier.wait()
        log.append(f"{name} passes round {rnd} with index {idx}")


async def main():
    barrier = asyncio.Barrier(3)
    print("parties:", barrier.parties, "waiting:", barrier.n_waiting, "broken:", barrier.broken)
    log = []
    await asyncio.gather(
        runner("a", barrier, 0.03, log),
        runner("b", barrier, 0.01, log),
        runner("c", barrier, 0.02, log),
    )
    for line in log:
        print(line)
    print("after rounds waiting:", barrier.n_waiting, "broken:", barrier.broken)

    barrier = asyncio.Barrier(2)

    async def party(name):
        async with barrier as pos:
            print(f"{name} through with index {pos}")

    await asyncio.gather(party("x"), party("y"))

    try:
        asyncio.Barrier(0)
    except ValueError:
        print("Barrier(0) rejected")


asyncio.run(main())
