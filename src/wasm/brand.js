// What a JavaScript value is, answered without `instanceof`, so that values
// from another realm (an iframe, a Node `vm`, jsdom under vitest) are
// recognised too. Used by the edge-jwt wasm boundary's snippets that read the
// caller's values: input.js (options, secret, clock) and claims.js.
//
// `kindOf` and `dateMillis` never throw. `ownNamesOf` throws what a Proxy trap
// throws, and `uint8View` throws for a detached buffer.

/**
 * `method` as a function of its receiver and arguments, taken now: a caller
 * who later replaces the method on its prototype (or Function.prototype.call)
 * changes nothing here. (`fill(view, 0, from, to)` wipes key state: a no-op
 * put in its place must not stop that.) Undefined where the platform has no
 * such method (an older runtime, a polyfilled Buffer).
 */
export const uncurry = (method) =>
  typeof method === "function" ? Function.prototype.call.bind(method) : undefined;

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayGetter = (name) =>
  uncurry(Object.getOwnPropertyDescriptor(typedArrayPrototype, name).get);
// These getters read internal slots: they work on a typed array from any
// realm, and on one whose prototype was replaced.
// The package reads a typed array's length, buffer and offset only through
// them: a getter (or a value) a caller puts in their place on a prototype is
// never asked.
const typedArrayName = typedArrayGetter(Symbol.toStringTag);
const byteOffsetOf = typedArrayGetter("byteOffset");
/** `lengthOf(view)`, `bufferOf(view)`: a typed array's length and ArrayBuffer. */
export const lengthOf = typedArrayGetter("length");
export const bufferOf = typedArrayGetter("buffer");
const dateGetTime = uncurry(Date.prototype.getTime);
const propertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const ObjectPrototype = Object.prototype;

export const fillView = uncurry(typedArrayPrototype.fill);
const defineProperty = Object.defineProperty;

/**
 * Makes `value` the own data property `key` of `target`, as an assignment to a
 * fresh object would: defined, not assigned, so that a setter or a read-only
 * member of that name on a prototype does not take it (or throw). The
 * descriptor has no prototype: a `get` or `set` that code put on
 * `Object.prototype` does not become part of it (defineProperty would throw).
 */
export function defineData(target, key, value) {
  defineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

/** `charCodeAt(text, i)`: a string's UTF-16 unit at `i` (the writer's and the parsers' only string method). */
export const charCodeAt = uncurry(String.prototype.charCodeAt);

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whether a string is valid UTF-16 (no lone surrogate), so that UTF-8 can carry it. */
const stringIsWellFormed = uncurry(String.prototype.isWellFormed);
const regExpTest = uncurry(RegExp.prototype.test);
export const isWellFormed =
  stringIsWellFormed !== undefined ? stringIsWellFormed : (text) => !regExpTest(LONE_SURROGATE, text);

// The kinds `kindOf` tells apart, for input.js and claims.js.
export const K_UNDEFINED = 0;
export const K_NULL = 1;
export const K_BOOLEAN = 2;
export const K_NUMBER = 3;
export const K_STRING = 4;
export const K_ILL_FORMED_STRING = 5;
export const K_BIGINT = 6;
export const K_SYMBOL = 7;
export const K_FUNCTION = 8;
export const K_ARRAY = 9;
export const K_PLAIN_OBJECT = 10;
export const K_DATE = 11;
export const K_UINT8ARRAY = 12;
export const K_OTHER_OBJECT = 13;

/** The kind of `value`, as one of the numbers above. Never throws. */
export function kindOf(value) {
  switch (typeof value) {
    case "undefined":
      return K_UNDEFINED;
    case "boolean":
      return K_BOOLEAN;
    case "number":
      return K_NUMBER;
    case "string":
      return isWellFormed(value) ? K_STRING : K_ILL_FORMED_STRING;
    case "bigint":
      return K_BIGINT;
    case "symbol":
      return K_SYMBOL;
    case "function":
      return K_FUNCTION;
  }
  if (value === null) return K_NULL;
  // First: it reads an internal slot, so it holds even for a typed array
  // whose prototype was replaced.
  if (typedArrayName(value) === "Uint8Array") return K_UINT8ARRAY;
  try {
    if (Array.isArray(value)) return K_ARRAY;
    // A plain object's prototype is null or some realm's Object.prototype
    // (most often this realm's: then it is not asked for its own).
    const proto = Object.getPrototypeOf(value);
    if (proto === ObjectPrototype || proto === null || Object.getPrototypeOf(proto) === null) return K_PLAIN_OBJECT;
  } catch {
    return K_OTHER_OBJECT; // a revoked Proxy, or a trap that throws
  }
  try {
    dateGetTime(value); // throws unless `value` is a Date
    return K_DATE;
  } catch {
    return K_OTHER_OBJECT;
  }
}

/** The milliseconds of a value that `kindOf` called a Date (NaN if invalid). */
export function dateMillis(date) {
  try {
    return dateGetTime(date);
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
    for (let i = 0; i < symbols.length; i++) {
      if (propertyIsEnumerable(object, symbols[i])) return SYMBOL_MEMBER;
    }
  }
  return Object.keys(object);
}

/**
 * A same-realm Uint8Array over the bytes of `value` when it is a Uint8Array of
 * any realm (a Node Buffer too), else undefined.
 */
export function uint8View(value) {
  if (typedArrayName(value) !== "Uint8Array") return undefined;
  return new Uint8Array(bufferOf(value), byteOffsetOf(value), lengthOf(value));
}
