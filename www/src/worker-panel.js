// Card 3: log in against the edge worker (POST /token, form-encoded) and call GET /users/me with the
// bearer token it returned. Every outcome, including "the worker is not running", is shown inline.
// A switch picks the server: the edge worker or the FastAPI app it reproduces (examples/fastapi); the
// bearer token stays when it changes, so a token from one can be sent to the other.

import { highlightJson, parseJson } from "./format.js";

const DEFAULT_WORKER = "http://127.0.0.1:8787";
const FASTAPI_URL = "http://127.0.0.1:8000";
const STORAGE_KEY = "edge-jwt-demo.worker-url";
const TIMEOUT_MS = 8000;

const STATUS_TEXT = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

const $ = (id) => document.getElementById(id);

/** The worker URL from ?worker=, then the last one used here, then the default. */
function initialWorkerUrl() {
  const fromQuery = new URLSearchParams(location.search).get("worker");
  if (fromQuery) return fromQuery;
  try {
    return localStorage.getItem(STORAGE_KEY) || DEFAULT_WORKER;
  } catch {
    return DEFAULT_WORKER;
  }
}

/** "http://host:8787/" -> "http://host:8787", or null when it is not an http(s) URL. */
function workerBase(raw) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.href.replace(/\/+$/, "");
}

export function createWorkerPanel({ inspect }) {
  const el = {
    form: $("login-form"),
    url: $("worker-url"),
    username: $("username"),
    password: $("password"),
    login: $("login-button"),
    bearer: $("bearer"),
    me: $("me-button"),
    toVerify: $("bearer-to-verify"),
    notice: $("worker-notice"),
    loginExchange: $("login-exchange"),
    meExchange: $("me-exchange"),
    empty: $("exchanges-empty"),
    servers: [...document.querySelectorAll('input[name="server"]')],
  };

  el.url.value = initialWorkerUrl();

  /** The switch shows the server the URL names, or nothing when the URL is another one. */
  function syncSwitch() {
    const base = workerBase(el.url.value);
    for (const radio of el.servers) radio.checked = base !== null && base === workerBase(radio.value);
  }

  /** "FastAPI (8000)" for a URL the switch knows, else the URL itself. */
  function serverName(base) {
    const radio = el.servers.find((r) => workerBase(r.value) === base);
    return radio ? radio.labels[0].textContent.trim() : base;
  }

  function remember(url) {
    try {
      localStorage.setItem(STORAGE_KEY, url);
    } catch {
      /* private mode: not remembered, still works */
    }
  }

  syncSwitch();
  for (const radio of el.servers) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      el.url.value = radio.value;
      el.url.removeAttribute("aria-invalid");
      remember(radio.value);
      notice("");
    });
  }
  el.url.addEventListener("input", syncSwitch);

  function notice(message, state = "error") {
    el.notice.hidden = !message;
    el.notice.textContent = message ?? "";
    el.notice.dataset.state = state;
  }

  function showExchange(node, { method, url, status, body, error, challenge }) {
    el.empty.hidden = true;
    node.hidden = false;
    node.querySelector(".exchange-req").textContent = `${method} ${url}`;
    const statusEl = node.querySelector(".exchange-status");
    const bodyEl = node.querySelector(".exchange-body");
    const headerEl = node.querySelector(".exchange-header");
    // RFC 6750: a refused token's reason is in WWW-Authenticate (the worker exposes it to this page).
    headerEl.hidden = !challenge;
    headerEl.textContent = challenge ? `WWW-Authenticate: ${challenge}` : "";
    if (error) {
      node.dataset.state = "down";
      statusEl.textContent = "no response";
      bodyEl.replaceChildren(error);
      return;
    }
    node.dataset.state = status >= 200 && status < 300 ? "ok" : "fail";
    statusEl.textContent = `${status} ${STATUS_TEXT[status] ?? ""}`.trim();
    bodyEl.replaceChildren(typeof body === "string" ? body || "(empty body)" : highlightJson(body));
  }

  /** fetch() with a timeout; resolves to { status, body } or { error } with a sentence for a person. */
  async function send(base, path, init) {
    const url = `${base}${path}`;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), cache: "no-store" });
      const text = await res.text();
      const parsed = parseJson(text);
      const challenge = res.headers.get("www-authenticate") ?? undefined;
      return { url, status: res.status, body: parsed.ok ? parsed.value : text, challenge };
    } catch (err) {
      const timedOut = err?.name === "TimeoutError" || err?.name === "AbortError";
      const fastapi = base === FASTAPI_URL;
      const what = fastapi ? "The FastAPI app" : "The worker";
      const start = fastapi
        ? "“make demo” starts it when python3 is installed (or “uvicorn demo_app:app --port 8000” in examples/fastapi)"
        : "Start it with “make demo” (or “npm run dev” in examples/edge-worker)";
      const why = timedOut
        ? `${what} at ${base} did not answer within ${TIMEOUT_MS / 1000} s.`
        : `${what} at ${base} is not reachable. Is it running? ${start}. If it is running, check the URL ` +
          `and that it allows this page’s origin (${location.origin}) in CORS.`;
      return { url, error: why };
    }
  }

  function baseOrComplain() {
    const base = workerBase(el.url.value);
    if (!base) {
      el.url.setAttribute("aria-invalid", "true");
      notice("Enter the worker’s URL, such as http://127.0.0.1:8787.");
      el.url.focus();
      return null;
    }
    el.url.removeAttribute("aria-invalid");
    remember(el.url.value.trim());
    return base;
  }

  async function busy(button, work) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      await work();
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  el.form.addEventListener("submit", (e) => {
    e.preventDefault();
    const base = baseOrComplain();
    if (!base) return;
    busy(el.login, async () => {
      notice("");
      const r = await send(base, "/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: el.username.value, password: el.password.value }),
      });
      showExchange(el.loginExchange, { method: "POST", ...r });
      if (r.error) {
        notice(r.error);
        return;
      }
      const token = r.body && typeof r.body === "object" ? r.body.access_token : undefined;
      if (r.status === 200 && typeof token === "string") {
        el.bearer.value = token;
        el.toVerify.disabled = false;
        notice(
          `Logged in as ${el.username.value} on ${serverName(base)}. Now call GET /users/me with the token, ` +
            "here or on the other server.",
          "ok",
        );
      } else if (r.status === 401) {
        notice(`${serverName(base)} refused these credentials (the demo user is johndoe / secret).`, "warn");
      }
    });
  });

  el.me.addEventListener("click", () => {
    const base = baseOrComplain();
    if (!base) return;
    busy(el.me, async () => {
      notice("");
      const token = el.bearer.value.trim();
      const headers = token ? { authorization: `Bearer ${token}` } : {};
      const r = await send(base, "/users/me", { method: "GET", headers });
      showExchange(el.meExchange, { method: "GET", ...r });
      if (r.error) notice(r.error);
      else if (!token) notice("Sent without a token: log in first to get one.", "warn");
    });
  });

  el.bearer.addEventListener("input", () => {
    el.toVerify.disabled = el.bearer.value.trim() === "";
  });
  el.toVerify.addEventListener("click", () => inspect(el.bearer.value.trim()));
}
