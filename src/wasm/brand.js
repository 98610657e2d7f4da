// What a JavaScript value is, answered without `instanceof`, so that values
// from another realm (an iframe, a Node `vm`, jsdom under vitest) are
// recognised too. Used by the edge-jwt wasm boundary's snippets that read the
// caller's values: input.js (options, secret, clock) and claims.js.
//
// `kindOf` and `dateMillis` never throw. `ownNamesOf` throws what a Proxy trap
// throws, and `uint8View` throws for a detached buffer.

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayGetter = (name) =>
  Object.getOwnPropertyDescriptor(typedArrayPrototype, name).get;
// These getters read internal slots: they work on a typed array from any
// realm, and on one whose prototype was replaced.
const typedArrayName = typedArrayGetter(Symbol.toStringTag);
const typedArrayBuffer = typedArrayGetter("buffer");
const typedArrayByteOffset = typedArrayGetter("byteOffset");
const typedArrayLength = typedArrayGetter("length");
const dateGetTime = Date.prototype.getTime;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whether a string is valid UTF-16 (no lone surrogate), so that UTF-8 can carry it. */
export const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

// The kinds; input.js and claims.js use the same numbers.
const UNDEFINED = 0;
const NULL = 1;
const BOOLEAN = 2;
const NUMBER = 3;
const STRING = 4;
const ILL_FORMED_STRING = 5;
const BIGINT = 6;
const SYMBOL = 7;
const FUNCTION = 8;
const ARRAY = 9;
const PLAIN_OBJECT = 10;
const DATE = 11;
const UINT8ARRAY = 12;
const OTHER_OBJECT = 13;

/** The kind of `value`, as one of the numbers above. Never throws. */
export function kindOf(value) {
  switch (typeof value) {
    case "undefined":
      return UNDEFINED;
    case "boolean":
      return BOOLEAN;
    case "number":
      return NUMBER;
    case "string":
      return isWellFormed(value) ? STRING : ILL_FORMED_STRING;
    case "bigint":
      return BIGINT;
    case "symbol":
      return SYMBOL;
    case "function":
      return FUNCTION;
  }
  if (value === null) return NULL;
  // First: it reads an internal slot, so it holds even for a typed array
  // whose prototype was replaced.
  if (typedArrayName.call(value) === "Uint8Array") return UINT8ARRAY;
  try {
    if (Array.isArray(value)) return ARRAY;
    // A plain object's prototype is null or some realm's Object.prototype.
    const proto = Object.getPrototypeOf(value);
    if (proto === null || Object.getPrototypeOf(proto) === null) return PLAIN_OBJECT;
  } catch {
    return OTHER_OBJECT; // a revoked Proxy, or a trap that throws
  }
  try {
    dateGetTime.call(value); // throws unless `value` is a Date
    return DATE;
  } catch {
    return OTHER_OBJECT;
  }
}

/** The milliseconds of a value that `kindOf` called a Date (NaN if invalid). */
export function dateMillis(date) {
  try {
    return dateGetTime.call(date);
  } catch {
    return NaN;
  }
}

/** What `ownNamesOf` returns when a member is named by a symbol. */
export const SYMBOL_MEMBER = 1;

/**
 * The own enumerable string names of an object, or SYMBOL_MEMBER when an
 * enumerable member is named by a symbol (which JSON cannot carry). The names
 * may hold lone surrogates: the claims writer refuses them as it writes them.
 * Throws what a Proxy trap throws.
 */
export function ownNamesOf(object) {
  // Usually empty: then no loop (this check is a large part of a claims walk).
  const symbols = Object.getOwnPropertySymbols(object);
  if (symbols.length !== 0) {
    for (const symbol of symbols) {
      if (propertyIsEnumerable.call(object, symbol)) return SYMBOL_MEMBER;
    }
  }
  return Object.keys(object);
}

/**
 * A same-realm Uint8Array over the bytes of `value` when it is a Uint8Array of
 * any realm (a Node Buffer too), else undefined.
 */
export function uint8View(value) {
  if (typedArrayName.call(value) !== "Uint8Array") return undefined;
  return new Uint8Array(
    typedArrayBuffer.call(value),
    typedArrayByteOffset.call(value),
    typedArrayLength.call(value),
  );
}
