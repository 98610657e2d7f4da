// JavaScript claims -> the JSON text of the payload, in one call from wasm.
// Used only by the edge-jwt wasm boundary (src/wasm/claims.rs).
//
// Every value is read once, checked, and copied into a plain structure of
// JSON values; JSON.stringify then writes that copy. So nothing that
// JSON.stringify would silently drop or change (undefined, functions,
// NaN, Dates, Maps, a toJSON method, a getter that answers differently the
// second time) reaches the token: each is refused, naming the top-level
// claim it is in. Top-level `exp`, `nbf` and `iat` may be Dates: whole
// seconds, rounded down. The core parses the text again, strictly.

import { kindOf, dateMillis } from "./brand.js";

// Refusal reasons; src/wasm/claims.rs has the same numbers and the messages.
const NOT_AN_OBJECT = 0;
const NOT_FINITE = 1;
const LONE_SURROGATE = 2;
const UNDEFINED_VALUE = 3;
const FUNCTION_VALUE = 4;
const SYMBOL_VALUE = 5;
const BIGINT_VALUE = 6;
const DATE_VALUE = 7;
const BYTES_VALUE = 8;
const OTHER_OBJECT = 9;
const INVALID_DATE = 10;
const TOO_MANY = 11;
const CYCLE = 12;
const TOO_DEEP = 13;
const UNREADABLE = 14;
const SYMBOL_NAME = 15;
const LONE_SURROGATE_NAME = 16;

// brand.js kinds.
const K_UNDEFINED = 0, K_NULL = 1, K_BOOLEAN = 2, K_NUMBER = 3, K_STRING = 4,
  K_ILL_FORMED_STRING = 5, K_BIGINT = 6, K_SYMBOL = 7, K_FUNCTION = 8, K_ARRAY = 9,
  K_PLAIN_OBJECT = 10, K_DATE = 11, K_UINT8ARRAY = 12;

const LEAF_REFUSAL = {
  [K_ILL_FORMED_STRING]: LONE_SURROGATE,
  [K_UNDEFINED]: UNDEFINED_VALUE,
  [K_FUNCTION]: FUNCTION_VALUE,
  [K_SYMBOL]: SYMBOL_VALUE,
  [K_BIGINT]: BIGINT_VALUE,
  [K_DATE]: DATE_VALUE,
  [K_UINT8ARRAY]: BYTES_VALUE,
};

const TIME_CLAIMS = new Set(["exp", "nbf", "iat"]);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !LONE.test(text);
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

class Refusal {
  constructor(reason, cause) {
    this.reason = reason;
    this.cause = cause;
  }
}

/**
 * The claims as JSON text, or `[reason, claim, cause]` when they cannot be
 * one: `claim` is the top-level member at fault (undefined for the whole
 * object), `cause` what the caller's code threw, if anything.
 */
export function claimsToJson(claims, maxDepth, maxValues) {
  if (kindOf(claims) !== K_PLAIN_OBJECT) return [NOT_AN_OBJECT, undefined, undefined];
  const walk = { budget: maxValues, ancestors: [claims], maxDepth };
  let names;
  try {
    names = ownNames(claims);
  } catch (e) {
    return e instanceof Refusal ? [e.reason, undefined, e.cause] : [UNREADABLE, undefined, e];
  }
  const copy = Object.create(null);
  for (const name of names) {
    try {
      const value = claims[name];
      if (TIME_CLAIMS.has(name) && kindOf(value) === K_DATE) {
        spend(walk);
        const seconds = Math.floor(dateMillis(value) / 1000);
        if (!Number.isFinite(seconds)) throw new Refusal(INVALID_DATE);
        copy[name] = seconds;
      } else {
        copy[name] = json(value, walk);
      }
    } catch (e) {
      return e instanceof Refusal ? [e.reason, name, e.cause] : [UNREADABLE, name, e];
    }
  }
  return JSON.stringify(copy);
}

function spend(walk) {
  if (--walk.budget < 0) throw new Refusal(TOO_MANY);
}

/** A plain copy of one JSON value. */
function json(value, walk) {
  spend(walk);
  switch (typeof value) {
    case "string":
      if (!wellFormed(value)) throw new Refusal(LONE_SURROGATE);
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new Refusal(NOT_FINITE);
      return value;
    case "boolean":
      return value;
  }
  if (value === null) return null;
  const kind = kindOf(value);
  if (kind === K_ARRAY || kind === K_PLAIN_OBJECT) return nested(value, kind, walk);
  throw new Refusal(LEAF_REFUSAL[kind] ?? OTHER_OBJECT);
}

function nested(value, kind, walk) {
  if (walk.ancestors.includes(value)) throw new Refusal(CYCLE);
  // The claims object is depth 1, as for verify.
  if (walk.ancestors.length >= walk.maxDepth) throw new Refusal(TOO_DEEP);
  walk.ancestors.push(value);
  let out;
  if (kind === K_ARRAY) {
    const length = value.length;
    if (!(length <= walk.budget)) throw new Refusal(TOO_MANY);
    out = new Array(length);
    for (let i = 0; i < length; i++) out[i] = json(value[i], walk);
  } else {
    out = Object.create(null);
    for (const name of ownNames(value)) out[name] = json(value[name], walk);
  }
  walk.ancestors.pop();
  return out;
}

/** The own enumerable string names of a plain object, refusing symbol and ill-formed names. */
function ownNames(object) {
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (propertyIsEnumerable.call(object, symbol)) throw new Refusal(SYMBOL_NAME);
  }
  const names = Object.keys(object);
  for (const name of names) if (!wellFormed(name)) throw new Refusal(LONE_SURROGATE_NAME);
  return names;
}
