# A health check that exits with status 3 when the two halves of a config reload disagree:
# the reload writes `version` and `settings` with an await between, and the checker reads them.
import asyncio
import sys

config = {"version": 1, "settings": "v1"}


async def reload():
    config["version"] = 2
    await asyncio.sleep(0)  # fetch the new settings
    config["settings"] = "v2"


async def health_check():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    if config["settings"] != f"v{config['version']}":
        print("inconsistent config:", config)
        sys.exit(3)


async def main():
    await asyncio.gather(reload(), health_check())
    print("healthy")


asyncio.run(main())
