// What a JavaScript value is, answered without `instanceof`, so that values
// from another realm (an iframe, a Node `vm`, jsdom under vitest) are
// recognised too. Used only by the edge-jwt wasm boundary (src/wasm/brand.rs).
//
// `kindOf` and `dateMillis` never throw. `entriesOf`, `arrayItems`,
// and `uint8View` can (a throwing getter, a Proxy trap, a detached
// buffer); Rust imports them with `catch`, so an exception comes back as a
// value instead of unwinding through wasm.

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
const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

// The kinds; src/wasm/brand.rs has the same numbers.
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

/**
 * The own enumerable members of an object as a flat array
 * `[name0, value0, name1, value1, ...]`, or a number when a member name
 * cannot be carried: 1 for a symbol, 2 for a name with a lone surrogate.
 */
export function entriesOf(object) {
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (propertyIsEnumerable.call(object, symbol)) return 1;
  }
  const names = Object.keys(object);
  const out = [];
  for (const name of names) {
    if (!isWellFormed(name)) return 2;
    out.push(name, object[name]);
  }
  return out;
}

/**
 * A same-realm copy of an array's items (holes read as undefined), or null
 * when it has more than `max` items.
 */
export function arrayItems(array, max) {
  const length = array.length;
  if (!(length <= max)) return null;
  const out = new Array(length);
  for (let i = 0; i < length; i++) out[i] = array[i];
  return out;
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
