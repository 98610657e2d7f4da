// Pure helpers: durations, clock read-outs, JSON highlighting. No DOM state, no library calls.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** "45 s", "12 min", "2 h 5 min", "3 d 4 h": a rounded-down magnitude for prose ("expired 12 min ago"). */
export function formatDuration(seconds) {
  const s = Math.floor(Math.abs(seconds));
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < DAY) {
    const h = Math.floor(s / HOUR);
    const m = Math.floor((s % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

const pad2 = (n) => String(n).padStart(2, "0");

/** "29:41", "1:05:00", "2 d 01:00:00": a clock face for the countdown (sign not included). */
export function formatCountdown(seconds) {
  let s = Math.floor(Math.abs(seconds));
  const d = Math.floor(s / DAY);
  s -= d * DAY;
  const h = Math.floor(s / HOUR);
  s -= h * HOUR;
  const m = Math.floor(s / MINUTE);
  s -= m * MINUTE;
  if (d) return `${d} d ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (h) return `${h}:${pad2(m)}:${pad2(s)}`;
  return `${pad2(m)}:${pad2(s)}`;
}

/** The clock offset as a person reads it: "now", "now + 1 h 20 min", "now − 2 h". */
export function formatOffset(offsetSeconds) {
  if (offsetSeconds === 0) return "now";
  const sign = offsetSeconds > 0 ? "+" : "−";
  return `now ${sign} ${formatDuration(offsetSeconds)}`;
}

/** The same for screen readers: "now plus 1 hour 20 minutes". */
export function spokenOffset(offsetSeconds) {
  if (offsetSeconds === 0) return "now";
  const words = formatDuration(offsetSeconds)
    .replace(/(\d+) d\b/, (_, n) => `${n} ${n === "1" ? "day" : "days"}`)
    .replace(/(\d+) h\b/, (_, n) => `${n} ${n === "1" ? "hour" : "hours"}`)
    .replace(/(\d+) min\b/, (_, n) => `${n} ${n === "1" ? "minute" : "minutes"}`)
    .replace(/(\d+) s\b/, (_, n) => `${n} ${n === "1" ? "second" : "seconds"}`);
  return `now ${offsetSeconds > 0 ? "plus" : "minus"} ${words}`;
}

const instantFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** A NumericDate (seconds) in the reader's zone, e.g. "Thu 26 Nov, 14:03:05". */
export function formatInstant(epochSeconds) {
  if (!Number.isFinite(epochSeconds)) return "";
  const ms = epochSeconds * 1000;
  if (Math.abs(ms) > 8.64e15) return "out of range";
  return instantFormat.format(new Date(ms));
}

/** ISO form for <time datetime>. */
export function isoInstant(epochSeconds) {
  const ms = epochSeconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return "";
  return new Date(ms).toISOString();
}

const encoder = new TextEncoder();
/** Length in bytes of the UTF-8 encoding, which is what the key length rule counts. */
export const byteLength = (text) => encoder.encode(text).length;

/** The expiresIn / notBefore field: empty means "not set", digits mean seconds, anything else goes as a string. */
export function durationOption(raw) {
  const text = raw.trim();
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

/** JSON.parse with a message that says where: engines word it differently, so keep theirs. */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: String(err && err.message ? err.message : err).replace(/^JSON\.parse: /, "") };
  }
}

/** 32 random bytes as base64url: a key of the recommended size. */
export function randomSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const JSON_TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/**
 * Pretty JSON as a DocumentFragment of text nodes and <span class="j-…">: never innerHTML, because the
 * payload of a pasted token is untrusted text.
 */
export function highlightJson(value) {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(JSON_TOKEN)) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    const span = document.createElement("span");
    if (m[1] !== undefined) {
      span.className = m[2] ? "j-key" : "j-str";
      span.textContent = m[1];
      frag.append(span);
      if (m[2]) frag.append(m[2]);
    } else {
      span.className = m[3] !== undefined ? "j-lit" : "j-num";
      span.textContent = m[0];
      frag.append(span);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}

/**
 * A compact token as coloured spans: header, payload, signature, with the dots muted. Anything past the
 * third segment is shown as "extra" so a malformed token still reads clearly.
 */
export function tokenFragment(token) {
  const frag = document.createDocumentFragment();
  const parts = token.split(".");
  const classes = ["tok-h", "tok-p", "tok-s"];
  parts.forEach((part, i) => {
    if (i > 0) {
      const dot = document.createElement("span");
      dot.className = "tok-dot";
      dot.textContent = ".";
      frag.append(dot);
    }
    const span = document.createElement("span");
    span.className = classes[i] ?? "tok-x";
    span.textContent = part;
    frag.append(span);
  });
  return frag;
}
