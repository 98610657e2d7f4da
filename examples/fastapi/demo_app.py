"""`make demo`: one variant of the app, plus CORS so the demo page (127.0.0.1:5173) may call it.

    JWT_SECRET=... uvicorn demo_app:app --host 127.0.0.1 --port 8000
    FASTAPI_VARIANT=pyjwt_app JWT_SECRET=... uvicorn demo_app:app ...

The tutorial apps have no CORS (a browser on another origin cannot read their answers); this wraps
one of them, unchanged, in Starlette's CORSMiddleware with the edge worker's default origins.
"""

import importlib
import os

from starlette.middleware.cors import CORSMiddleware

VARIANTS = ("jose_app", "pyjwt_app")
variant = os.environ.get("FASTAPI_VARIANT", "jose_app")
if variant not in VARIANTS:
    raise SystemExit(f"FASTAPI_VARIANT must be one of {', '.join(VARIANTS)}, not {variant!r}")

origins = os.environ.get("ALLOWED_ORIGINS", "http://127.0.0.1:5173,http://localhost:5173")

app = CORSMiddleware(
    importlib.import_module(variant).app,
    allow_origins=[o for o in origins.replace(",", " ").split() if o],
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
    # The page reads WWW-Authenticate to show why a token was refused.
    expose_headers=["WWW-Authenticate"],
)
