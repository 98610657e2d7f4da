// The playground: wires the three cards to edge-jwt's browser entry. The library is loaded with a
// dynamic import so that a failure to fetch or compile the .wasm is shown on the page, not thrown away.

import "./style.css";
import {
  byteLength,
  durationOption,
  formatCountdown,
  formatDuration,
  formatInstant,
  formatOffset,
  highlightJson,
  isoInstant,
  parseJson,
  randomSecret,
  spokenOffset,
  tokenFragment,
} from "./format.js";
import { describeOutcome } from "./verdict.js";
import { createWorkerPanel } from "./worker-panel.js";

const $ = (id) => document.getElementById(id);

const DEFAULT_CLAIMS = { sub: "johndoe", name: "John Doe", admin: false };
const DEFAULT_SECRET = "demo-only-secret-change-me-0123456789";
const MIN_KEY_BYTES = 32;
const CLOCK_MIN = -2 * 3600; // must match the slider's min/max (minutes) in index.html
const CLOCK_MAX = 26 * 3600;

const el = {
  libStatus: $("lib-status"),
  libStatusText: $("lib-status-text"),
  issueForm: $("issue-form"),
  issueButton: $("issue-button"),
  claims: $("claims"),
  claimsError: $("claims-error"),
  secret: $("secret"),
  secretMeta: $("secret-meta"),
  secretError: $("secret-error"),
  secretGenerate: $("secret-generate"),
  allowShort: $("allow-short"),
  expiresIn: $("expires-in"),
  notBefore: $("not-before"),
  optionsError: $("options-error"),
  issued: $("issued"),
  issuedToken: $("issued-token"),
  issuedHeader: $("issued-header"),
  issuedPayload: $("issued-payload"),
  issuedTimes: $("issued-times"),
  copyToken: $("copy-token"),
  toVerify: $("to-verify"),
  useIssued: $("use-issued"),
  tokenInput: $("token-input"),
  tokenHighlight: $("token-highlight"),
  verifySecret: $("verify-secret"),
  sameSecret: $("same-secret"),
  clock: $("clock"),
  clockOffset: $("clock-offset"),
  clockAbs: $("clock-abs"),
  clockNow: $("clock-now"),
  clockExp: $("clock-exp"),
  leeway: $("leeway"),
  markerNbf: $("marker-nbf"),
  markerExp: $("marker-exp"),
  result: $("result"),
  verdictTitle: $("verdict-title"),
  verdictCode: $("verdict-code"),
  verdictDetail: $("verdict-detail"),
  verdictMessage: $("verdict-message"),
  countdown: $("countdown"),
  countdownLabel: $("countdown-label"),
  countdownValue: $("countdown-value"),
  verified: $("verified"),
  verifyHeader: $("verify-header"),
  verifyPayload: $("verify-payload"),
  verifyPayloadTitle: $("verify-payload-title"),
  verifyTimes: $("verify-times"),
};

/** The loaded library module, once its WebAssembly is ready. */
let lib = null;
/** The last token this page issued. */
let issuedToken = "";
/** Seconds added to the real time to make the verification clock. 0 means "now", ticking. */
let clockOffset = 0;
/** exp of the token in the verify box, when it has one. */
let tokenExp = null;

const realNow = () => Math.floor(Date.now() / 1000);
const clockNow = () => realNow() + clockOffset;

// ---------------------------------------------------------------------------------------------- helpers

function showError(node, message) {
  node.textContent = message ?? "";
  node.classList.toggle("is-shown", Boolean(message));
}

function setInvalid(input, invalid) {
  if (invalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function replaceContent(node, content) {
  node.replaceChildren(content);
}

function describeError(err) {
  if (err && typeof err.code === "string") return `${err.code}: ${err.message}`;
  return String(err?.message ?? err);
}

function decodeOrNull(token) {
  try {
    return lib.decodeUnverified(token);
  } catch {
    return null;
  }
}

/** iat / nbf / exp as local times, each with its distance from `now`. */
function renderTimes(dl, payload, now, clockWord) {
  const rows = [];
  for (const claim of ["iat", "nbf", "exp"]) {
    const t = payload?.[claim];
    if (typeof t !== "number") continue;
    const dt = document.createElement("dt");
    dt.textContent = claim;
    const dd = document.createElement("dd");
    const time = document.createElement("time");
    time.dateTime = isoInstant(t);
    time.textContent = formatInstant(t);
    const rel = document.createElement("span");
    rel.className = "rel";
    const diff = t - now;
    rel.textContent = diff === 0 ? `at ${clockWord}` : diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
    dd.append(time, rel);
    rows.push(dt, dd);
  }
  dl.replaceChildren(...rows);
  dl.hidden = rows.length === 0;
}

// ---------------------------------------------------------------------------------------------- issue

function updateSecretMeta() {
  const bytes = byteLength(el.secret.value);
  const short = bytes < MIN_KEY_BYTES;
  el.secretMeta.textContent = short
    ? `${bytes} ${bytes === 1 ? "byte" : "bytes"}: HS256 keys need at least ${MIN_KEY_BYTES}.`
    : `${bytes} bytes (UTF-8). At least ${MIN_KEY_BYTES} are required.`;
  el.secretMeta.dataset.state = short && !el.allowShort.checked ? "warn" : "ok";
  if (el.sameSecret.checked) el.verifySecret.value = el.secret.value;
}

function issueOptions() {
  const options = {};
  const expiresIn = durationOption(el.expiresIn.value);
  const notBefore = durationOption(el.notBefore.value);
  if (expiresIn !== undefined) options.expiresIn = expiresIn;
  if (notBefore !== undefined) options.notBefore = notBefore;
  if (el.allowShort.checked) options.allowShortKey = true;
  return options;
}

function doIssue() {
  if (!lib) return;
  showError(el.claimsError, "");
  showError(el.secretError, "");
  showError(el.optionsError, "");
  for (const input of [el.claims, el.secret, el.expiresIn, el.notBefore]) setInvalid(input, false);

  const parsed = parseJson(el.claims.value);
  if (!parsed.ok) {
    showError(el.claimsError, `Invalid JSON: ${parsed.message}`);
    setInvalid(el.claims, true);
    return;
  }

  let token;
  try {
    token = lib.issue(parsed.value, el.secret.value, issueOptions());
  } catch (err) {
    const code = err?.code;
    if (code === "ERR_KEY_TOO_SHORT" || code === "ERR_KEY_EMPTY") {
      showError(el.secretError, describeError(err));
      setInvalid(el.secret, true);
    } else if (code === "ERR_INVALID_CLAIMS") {
      showError(el.claimsError, describeError(err));
      setInvalid(el.claims, true);
    } else if (code === "ERR_INVALID_OPTION") {
      showError(el.optionsError, describeError(err));
      if (err.option === "expiresIn") setInvalid(el.expiresIn, true);
      if (err.option === "notBefore") setInvalid(el.notBefore, true);
    } else {
      showError(el.optionsError, `Could not issue: ${describeError(err)}`);
    }
    return;
  }

  const previous = issuedToken;
  issuedToken = token;
  const decoded = decodeOrNull(token);
  replaceContent(el.issuedToken, tokenFragment(token));
  replaceContent(el.issuedHeader, highlightJson(decoded?.header ?? {}));
  replaceContent(el.issuedPayload, highlightJson(decoded?.payload ?? {}));
  renderTimes(el.issuedTimes, decoded?.payload, realNow(), "issue time");
  el.issued.hidden = false;
  el.useIssued.disabled = false;

  // Follow along in Verify unless the person pasted something else there.
  const current = el.tokenInput.value.trim();
  if (current === "" || current === previous) setVerifyToken(token);
}

// ---------------------------------------------------------------------------------------------- verify

function setVerifyToken(token) {
  el.tokenInput.value = token;
  syncHighlight();
  doVerify();
}

/** The verify box grows with its token, so the coloured copy behind it never has to scroll. */
function fitTokenBox() {
  const box = el.tokenInput;
  box.style.height = "auto";
  box.style.height = `${Math.max(box.scrollHeight + 2, 96)}px`;
}

function syncHighlight() {
  // A trailing newline needs a character after it, or the <pre> is one line shorter than the textarea.
  const text = el.tokenInput.value;
  const frag = tokenFragment(text);
  frag.append(text.endsWith("\n") ? " " : "");
  replaceContent(el.tokenHighlight, frag);
  fitTokenBox();
  el.tokenHighlight.scrollTop = el.tokenInput.scrollTop;
}

function verifyOptions(now) {
  const options = { now };
  const leeway = el.leeway.value.trim();
  if (leeway !== "") options.leeway = Number(leeway);
  if (el.allowShort.checked) options.allowShortKey = true;
  return options;
}

let lastAnnounced = "";

function doVerify() {
  if (!lib) return;
  const token = el.tokenInput.value.trim();
  const now = clockNow();
  const decoded = token ? decodeOrNull(token) : null;

  let view;
  if (!token) {
    view = { state: "empty", title: "No token yet", detail: "Paste a token, or issue one." };
  } else {
    let outcome;
    try {
      outcome = { ok: true, payload: lib.verify(token, el.verifySecret.value, verifyOptions(now)) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    view = describeOutcome(outcome, decoded, now);
  }

  el.result.dataset.state = view.state;
  // The live region only changes when the verdict does: the ticking detail below is not re-announced.
  const announced = `${view.title}|${view.code ?? ""}`;
  if (announced !== lastAnnounced) {
    lastAnnounced = announced;
    el.verdictTitle.textContent = view.title;
    el.verdictCode.textContent = view.code ?? "";
    el.verdictCode.hidden = !view.code;
  }
  el.verdictDetail.textContent = view.detail;
  el.verdictMessage.textContent = view.message ? `edge-jwt: ${view.message}` : "";
  el.verdictMessage.hidden = !view.message;

  renderCountdown(decoded, now, view.state);
  renderVerifyDecoded(decoded, view.state, now);
  renderSliderWindow(decoded?.payload);
  tokenExp = typeof decoded?.payload?.exp === "number" ? decoded.payload.exp : null;
  el.clockExp.disabled = tokenExp === null;
}

function renderCountdown(decoded, now, state) {
  const show = decoded && state !== "malformed";
  el.countdown.hidden = !show;
  if (!show) return;
  const { exp, nbf } = decoded.payload ?? {};
  let label;
  let value;
  if (state === "early" && typeof nbf === "number" && nbf > now) {
    [label, value] = ["valid in", formatCountdown(nbf - now)];
  } else if (typeof exp !== "number") {
    [label, value] = ["expires", "never"];
  } else if (exp > now) {
    [label, value] = ["expires in", formatCountdown(exp - now)];
  } else {
    [label, value] = ["expired", `${formatCountdown(exp - now)} ago`];
  }
  el.countdownLabel.textContent = label;
  el.countdownValue.textContent = value;
}

function renderVerifyDecoded(decoded, state, now) {
  el.verified.hidden = !decoded;
  if (!decoded) return;
  replaceContent(el.verifyHeader, highlightJson(decoded.header));
  replaceContent(el.verifyPayload, highlightJson(decoded.payload));
  el.verifyPayloadTitle.textContent = state === "valid" ? "Payload · verified" : "Payload · not verified";
  el.verified.dataset.state = state;
  renderTimes(el.verifyTimes, decoded.payload, now, "the clock");
}

/** Colours the slider's track: where on the −2 h…+26 h scale the token is early, valid and expired. */
function renderSliderWindow(payload) {
  const wrap = el.clock.closest(".slider-wrap");
  // Fractions of the scale (0 = −2 h, 1 = +26 h); CSS turns them into positions under the thumb's centre.
  const at = (t) => (t - realNow() - CLOCK_MIN) / (CLOCK_MAX - CLOCK_MIN);
  const clamp = (f) => Math.min(1, Math.max(0, f));
  const nbf = typeof payload?.nbf === "number" ? payload.nbf : null;
  const exp = typeof payload?.exp === "number" ? payload.exp : null;
  if (!payload) wrap.removeAttribute("data-window");
  else {
    wrap.dataset.window = "on";
    wrap.style.setProperty("--valid-from", String(nbf === null ? 0 : clamp(at(nbf))));
    wrap.style.setProperty("--valid-to", String(exp === null ? 1 : clamp(at(exp))));
  }
  for (const [marker, t] of [[el.markerNbf, nbf], [el.markerExp, exp]]) {
    const f = t === null ? NaN : at(t);
    marker.hidden = !(payload && f >= 0 && f <= 1);
    if (!marker.hidden) marker.style.setProperty("--at", String(f));
  }
}

// ---------------------------------------------------------------------------------------------- clock

function setClockOffset(seconds) {
  clockOffset = Math.min(CLOCK_MAX, Math.max(CLOCK_MIN, Math.round(seconds)));
  el.clock.value = String(Math.round(clockOffset / 60));
  renderClock();
  doVerify();
}

function renderClock() {
  const now = clockNow();
  el.clockOffset.textContent = formatOffset(clockOffset);
  el.clock.setAttribute("aria-valuetext", spokenOffset(clockOffset));
  el.clockAbs.textContent = formatInstant(now);
  el.clockAbs.dateTime = isoInstant(now);
  el.clockNow.setAttribute("aria-pressed", String(clockOffset === 0));
  el.clock.closest(".clock").dataset.travelling = String(clockOffset !== 0);
}

// ---------------------------------------------------------------------------------------------- wiring

function wire() {
  el.issueForm.addEventListener("submit", (e) => {
    e.preventDefault();
    doIssue();
  });
  el.issueForm.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      doIssue();
    }
  });
  el.claims.addEventListener("input", () => {
    // Say at once when the JSON stops parsing, and clear the message when it parses again.
    const parsed = parseJson(el.claims.value);
    showError(el.claimsError, parsed.ok ? "" : `Invalid JSON: ${parsed.message}`);
    setInvalid(el.claims, !parsed.ok);
  });
  el.secret.addEventListener("input", () => {
    showError(el.secretError, "");
    setInvalid(el.secret, false);
    updateSecretMeta();
    doVerify();
  });
  el.allowShort.addEventListener("change", () => {
    updateSecretMeta();
    doVerify();
  });
  el.secretGenerate.addEventListener("click", () => {
    el.secret.value = randomSecret();
    el.secret.dispatchEvent(new Event("input"));
    el.secret.focus();
  });

  el.copyToken.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(issuedToken);
      el.copyToken.textContent = "Copied";
    } catch {
      getSelection()?.selectAllChildren(el.issuedToken);
      el.copyToken.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => (el.copyToken.textContent = "Copy"), 1800);
  });
  const useIssued = () => {
    setVerifyToken(issuedToken);
    el.tokenInput.focus();
  };
  el.useIssued.addEventListener("click", useIssued);
  el.toVerify.addEventListener("click", () => {
    useIssued();
    el.tokenInput.scrollIntoView({ block: "center", behavior: "smooth" });
  });

  el.tokenInput.addEventListener("input", () => {
    syncHighlight();
    doVerify();
  });
  el.tokenInput.addEventListener("scroll", () => {
    el.tokenHighlight.scrollTop = el.tokenInput.scrollTop;
  });
  el.sameSecret.addEventListener("change", () => {
    el.verifySecret.readOnly = el.sameSecret.checked;
    if (el.sameSecret.checked) el.verifySecret.value = el.secret.value;
    else el.verifySecret.focus();
    doVerify();
  });
  el.verifySecret.addEventListener("input", doVerify);
  el.leeway.addEventListener("input", doVerify);

  el.clock.addEventListener("input", () => setClockOffset(Number(el.clock.value) * 60));
  for (const button of document.querySelectorAll(".clock-buttons [data-step]")) {
    button.addEventListener("click", () => setClockOffset(clockOffset + Number(button.dataset.step)));
  }
  el.clockNow.addEventListener("click", () => setClockOffset(0));
  el.clockExp.addEventListener("click", () => {
    if (tokenExp !== null) setClockOffset(tokenExp - realNow());
  });
  window.addEventListener("resize", fitTokenBox);

  // The clock is real time plus an offset, so it always ticks; at "now" that is the real clock.
  setInterval(() => {
    renderClock();
    doVerify();
  }, 1000);
}

function initialValues() {
  el.claims.value = JSON.stringify(DEFAULT_CLAIMS, null, 2);
  el.secret.value = DEFAULT_SECRET;
  el.verifySecret.value = DEFAULT_SECRET;
  updateSecretMeta();
  renderClock();
  syncHighlight();
}

async function loadLibrary() {
  const mod = await import("edge-jwt");
  for (const name of ["issue", "verify", "decodeUnverified"]) {
    if (typeof mod[name] !== "function") throw new Error(`edge-jwt has no ${name}() export`);
  }
  return mod;
}

async function start() {
  initialValues();
  wire();
  createWorkerPanel({
    inspect: (token) => {
      setVerifyToken(token);
      el.tokenInput.focus();
      el.tokenInput.scrollIntoView({ block: "center", behavior: "smooth" });
    },
  });

  const started = performance.now();
  try {
    lib = await loadLibrary();
  } catch (err) {
    el.libStatus.dataset.state = "error";
    el.libStatusText.textContent = `Could not load edge-jwt: ${describeError(err)}`;
    console.error(err);
    return;
  }
  const ms = Math.round(performance.now() - started);
  el.libStatus.dataset.state = "ready";
  el.libStatusText.textContent = `WebAssembly ready · ${ms} ms`;
  document.documentElement.dataset.lib = "ready";
  el.issueButton.disabled = false;
  doIssue();
}

start();
