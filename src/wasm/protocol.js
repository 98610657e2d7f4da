// Generated from src/wasm/protocol.rs and src/core/json.rs by tests/protocol.rs: do not edit.
// Regenerate with `UPDATE_PROTOCOL=1 cargo test --test protocol`.

// Slots of the input frame: f64s, written by JavaScript before each call.
/** Seconds since the epoch: the `now` option's reading, or `Date.now()`'s. */
export const INPUT_NOW = 0;
/** The secret: its length in bytes at the start of the input buffer, or one of [`super::secret`]. */
export const INPUT_SECRET = 1;
/** 1 when `allowShortKey` is true, 0 when not; NaN when no option bag was given, and then no option slot was written: the defaults apply. */
export const INPUT_ALLOW_SHORT_KEY = 2;
/** The token or the claims text: its length in bytes, after the secret's in the input buffer (the string options follow it), or one of [`super::text`]. */
export const INPUT_TEXT = 3;
/** Then each option of the call's kind, in the order of its list in `input.js` (NaN: absent). */
export const INPUT_FIRST_OPTION = 4;
/** The most options of one kind (`issue` has nine besides `now` and `allowShortKey`). */
export const INPUT_OPTIONS = 9;
/** Where the value of each registered claim starts in the claims text, plus one (0: absent), in the order of `core::REGISTERED`. */
export const INPUT_REGISTERED = 13;
/** A Key's two SHA-256 states, 64 bytes (8 slots). Read and wiped by the export; left here by `new Key` for JavaScript to copy out and wipe, and after a call whose secret was a string when [`HAND_OUT_STATES`] asks. */
export const INPUT_STATES = 20;
/** 1: the secret is a string whose key the caller keeps (the last string secret, compared by value, runs at the speed of a reused `Key`); the export leaves its states in [`STATES`] and sets this slot to 2. */
export const INPUT_HAND_OUT_STATES = 28;
/** The frame's length in slots. */
export const INPUT_LEN = 29;

// The options of `issue` that have a slot of their own, by its index after [`input::FIRST_OPTION`]; JavaScript names them in camelCase (`now` and `allowShortKey` are in [`input::NOW`] and [`input::ALLOW_SHORT_KEY`]).
/** Seconds, or a duration string: `exp` is now plus it. */
export const ISSUE_OPTION_EXPIRES_IN = 0;
/** Seconds, or a duration string: `nbf` is now plus it. */
export const ISSUE_OPTION_NOT_BEFORE = 1;
/** 1 or 0: whether `iat` is set. */
export const ISSUE_OPTION_ISSUED_AT = 2;
/** 0: a string follows in the input buffer. */
export const ISSUE_OPTION_ISSUER = 3;
/** 0: a string follows. */
export const ISSUE_OPTION_SUBJECT = 4;
/** -1: a string follows; else the number of strings that follow. */
export const ISSUE_OPTION_AUDIENCE = 5;
/** 0: a string follows. */
export const ISSUE_OPTION_JWT_ID = 6;
/** 0: a string follows. */
export const ISSUE_OPTION_KEY_ID = 7;
/** Whole bytes. */
export const ISSUE_OPTION_MAX_TOKEN_LENGTH = 8;
/** The options' names, in the order of their slots. */
export const ISSUE_OPTION_NAMES = ["expiresIn", "notBefore", "issuedAt", "issuer", "subject", "audience", "jwtId", "keyId", "maxTokenLength"];

// The options of `verify` that have a slot of their own, as [`issue_option`].
/** Seconds, or a duration string. */
export const VERIFY_OPTION_LEEWAY = 0;
/** Seconds, or a duration string. */
export const VERIFY_OPTION_MAX_AGE = 1;
/** -1: a string follows; else the number of strings that follow. */
export const VERIFY_OPTION_ISSUER = 2;
/** -1: a string follows; else the number of strings that follow. */
export const VERIFY_OPTION_AUDIENCE = 3;
/** 0: a string follows. */
export const VERIFY_OPTION_SUBJECT = 4;
/** The number of strings that follow. */
export const VERIFY_OPTION_REQUIRED_CLAIMS = 5;
/** 0: a string follows. */
export const VERIFY_OPTION_TYP = 6;
/** Whole bytes. */
export const VERIFY_OPTION_MAX_TOKEN_LENGTH = 7;
/** 1 or 0: whether a token without `exp` is accepted. */
export const VERIFY_OPTION_ALLOW_MISSING_EXP = 8;
/** The options' names, in the order of their slots. */
export const VERIFY_OPTION_NAMES = ["leeway", "maxAge", "issuer", "audience", "subject", "requiredClaims", "typ", "maxTokenLength", "allowMissingExp"];

// What the [`input::SECRET`] slot holds when the secret is not bytes.
/** A live `Key`: its states are in the frame. */
export const SECRET_KEY = -1;
/** Not a string, a Uint8Array nor a live Key (a freed Key, say). */
export const SECRET_REFUSED = -2;
/** A Uint8Array whose buffer is detached. */
export const SECRET_DETACHED = -3;
/** A string with a lone surrogate, which UTF-8 cannot carry. */
export const SECRET_ILL_FORMED = -4;
/** Longer than the longest token (`MAX_MAX_TOKEN_LENGTH`, in bytes or, for a string, UTF-16 units): not copied into wasm memory, which could not always hold it. */
export const SECRET_TOO_LONG = -5;

// What the [`input::TEXT`] slot holds when no text was written.
/** The token is not a string. */
export const TEXT_NOT_A_STRING = -1;
/** The token, or the claims text, is longer than `maxTokenLength` bytes. */
export const TEXT_TOO_LONG = -2;
/** JavaScript refused the claims and holds their `JwtError`. */
export const TEXT_CLAIMS_REFUSED = -3;

// Slots of the output frame: f64s, written by the export, read by JavaScript right after it returns.
/** Where the output bytes are: the token (`issue`), the payload (`verify`), or the header then the payload (`decodeUnverified`). */
export const OUTPUT_DATA = 0;
/** Their length in bytes. */
export const OUTPUT_DATA_LEN = 1;
/** `decodeUnverified`: the header's length, at the start of the data. */
export const OUTPUT_HEADER_LEN = 2;
/** `verify`: where the payload's tape is (f64s; see `core::json::tape`). */
export const OUTPUT_TAPE = 3;
/** Its length in entries; 0 when the payload was too long to tape. */
export const OUTPUT_TAPE_LEN = 4;
/** On failure: where the error's JSON text is (`code`, `message`, and `claim`, `reason` and `option` when they apply). */
export const OUTPUT_ERROR = 5;
/** Its length in bytes. */
export const OUTPUT_ERROR_LEN = 6;
/** On failure: the `expiredAt` of `ERR_JWT_EXPIRED`, else NaN. */
export const OUTPUT_EXPIRED_AT = 7;
/** The frame's length in slots. */
export const OUTPUT_LEN = 8;

// What an export returns.
/** Done: the output frame names the result. */
export const STATUS_OK = 0;
/** Failed: the output frame names the error. */
export const STATUS_FAILED = 1;
/** `issue` only: the claims were refused by JavaScript, which throws its own `JwtError`. Returned only once the options and the secret passed. */
export const STATUS_CLAIMS_REFUSED = 2;

// The tags of a [`scan_taped`] tape. Each value is its tag and then, for an object or an array, its count of members or items (followed by them; a member is its name, a string entry, then its value); for a number, its value, exact (at most 15 digits, no fraction or exponent); for a string or any other number, where its text starts and ends in the document.
/** An object: its member count, then each name and value. */
export const TAPE_OBJECT = 1;
/** An array: its item count, then each item. */
export const TAPE_ARRAY = 2;
/** ASCII with no escapes: the bytes between the quotes. */
export const TAPE_PLAIN_STRING = 3;
/** Any other string: the bytes with their quotes, to be read as JSON. */
export const TAPE_STRING = 4;
/** A number, as its double: every number is read exactly. */
export const TAPE_NUMBER = 5;
/** `true`. */
export const TAPE_TRUE = 6;
/** `false`. */
export const TAPE_FALSE = 7;
/** `null`. */
export const TAPE_NULL = 8;
/** A member name of at most [`SHORT_NAME_LEN`] ASCII characters with no escapes: its bytes as one exact number, the first in the lowest 8 bits (no byte is 0, so each name has its own number). The reader finds a name it has seen by that number, without reading the bytes. */
export const TAPE_SHORT_NAME = 9;
/** The longest [`SHORT_NAME`]: 48 bits, exact in a double. */
export const TAPE_SHORT_NAME_LEN = 6;

/** The registered claims an issued payload may carry, in the order of the offsets [`view_at`] takes. */
export const REGISTERED = ["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];
