# Output that depends on the schedule: results are appended as downloads finish, and the
# program prints them as if they came in the order asked (all finish at the same instant).
# Nothing raises: only the output oracle (--oracle output) sees it.
import asyncio

finished = []


async def download(name):
    await asyncio.sleep(0.5)
    finished.append(name)


async def main():
    await asyncio.gather(download("a.txt"), download("b.txt"), download("c.txt"))
    print("downloaded in order:", ", ".join(finished))


asyncio.run(main())
