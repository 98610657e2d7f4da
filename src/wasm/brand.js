// What a JavaScript value is, answered without `instanceof`, so that values
// from another realm (an iframe, a Node `vm`, jsdom under vitest) are
// recognised too, and option bags read in one call. Used only by the edge-jwt
// wasm boundary (src/wasm/brand.rs).
//
// `kindOf`, `dateMillis` and `readOptions` never throw. `arrayItems` and
// `uint8View` can (a throwing getter, a Proxy trap, a detached
// buffer); Rust imports them with `catch`, so an exception comes back as a
// value instead of unwinding through wasm.

import { asciiFromWasm, keep, wasmFloats } from "./memory.js";

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

/** Each kind of option bag's table (each name to its slot), by the address of its names. */
const optionTables = new Map();

/** The table of the `"name,name,..."` in the `len` bytes at `ptr`, made once. */
function optionTable(ptr, len) {
  let table = optionTables.get(ptr);
  if (table === undefined) {
    table = new Map(asciiFromWasm(ptr, len).split(",").map((name, slot) => [name, slot]));
    optionTables.set(ptr, table);
  }
  return table;
}

// Option record tags; src/wasm/options.rs has the same numbers.
const OPTION_NUMBER = 1;
const OPTION_BOOLEAN = 2;
const OPTION_OTHER = 3;

/**
 * Reads an option bag for src/wasm/options.rs in one call. For each member
 * whose value is not undefined, writes two f64s at the slot of its name
 * among the `namesLen` bytes of names at `namesPtr` (`optionTable`), in the
 * record at `ptr` in wasm memory (Rust zeroed it: tag 0 is absent): the
 * tag and, for a number or a boolean, the value (a boolean as 0 or 1). Any
 * other value (tag 3) goes in an array, at its slot.
 *
 * Returns 0 when the bag was read and every value went into the record; 5
 * when some went into that array, which it keeps (memory.js); 1 when the bag
 * is not a plain object (undefined and null are no options); 2 when a member
 * name is an ill-formed string; 3 for an unknown option, whose name it keeps;
 * 4 when a getter or a Proxy trap threw, what it keeps.
 * Never throws.
 *
 * Members named by symbols are not looked at, as `Object.keys` does not: no
 * option is named by one, and no typo makes one. (Finding them costs a
 * runtime call, which was 7% of an `issue`.)
 */
export function readOptions(bag, namesPtr, namesLen, ptr) {
  if (bag === undefined || bag === null) return 0;
  if (kindOf(bag) !== PLAIN_OBJECT) return 1;
  const table = optionTable(namesPtr, namesLen);
  let others;
  try {
    const names = Object.keys(bag);
    for (const name of names) if (!isWellFormed(name)) return 2;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const value = bag[name];
      if (value === undefined) continue;
      const slot = table.get(name);
      if (slot === undefined) {
        keep(name);
        return 3;
      }
      // Taken after the getter ran: it may have called into wasm and grown memory.
      const floats = wasmFloats();
      const at = (ptr >>> 3) + 2 * slot;
      if (typeof value === "number") {
        floats[at] = OPTION_NUMBER;
        floats[at + 1] = value;
      } else if (typeof value === "boolean") {
        floats[at] = OPTION_BOOLEAN;
        floats[at + 1] = value ? 1 : 0;
      } else {
        floats[at] = OPTION_OTHER;
        (others ??= [])[slot] = value;
      }
    }
  } catch (threw) {
    keep(threw);
    return 4;
  }
  if (others === undefined) return 0;
  keep(others);
  return 5;
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
