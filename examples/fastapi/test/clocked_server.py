"""Test-only launcher: serves jose_app or pyjwt_app with uvicorn behind a clock the test drives.

    python test/clocked_server.py jose_app --host 127.0.0.1 --port 8000

The app files stay as the tutorials write them (datetime.now() for exp, the library's own clock
in jwt.decode). freezegun replaces that clock in this process only: it starts at the real time
and ticks, and the test moves it with

    PUT  /__test__/clock  {"now": <seconds since the epoch>}   -> {"now": ...}
    GET  /__test__/clock                                        -> {"now": ...}

real_asyncio keeps uvicorn's event loop on the real monotonic clock. These routes exist only in
this launcher, never in the apps.
"""

import argparse
import importlib
import sys
from datetime import datetime, timezone
from pathlib import Path

import freezegun
import uvicorn
from fastapi import Body

APP_DIR = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("module", choices=["jose_app", "pyjwt_app"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()

    clock = freezegun.freeze_time(datetime.now(timezone.utc), tick=True, real_asyncio=True)
    factory = clock.start()

    sys.path.insert(0, str(APP_DIR))
    app = importlib.import_module(args.module).app

    def read_clock():
        return {"now": datetime.now(timezone.utc).timestamp()}

    def set_clock(now: float = Body(embed=True)):
        factory.move_to(datetime.fromtimestamp(now, timezone.utc))
        return read_clock()

    app.add_api_route("/__test__/clock", read_clock, methods=["GET"], include_in_schema=False)
    app.add_api_route("/__test__/clock", set_clock, methods=["PUT"], include_in_schema=False)

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
