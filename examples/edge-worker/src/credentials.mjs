// Reads POST /token's body the way FastAPI's OAuth2PasswordRequestForm does: form fields
// `username`, `password`, optional `grant_type` (must be "password" when present) and `scope`
// (space-separated). Form-encoded or multipart, as the OAuth2 spec asks; JSON is accepted too.

import { json, mediaType, readBody } from "./http.mjs";

/** Credentials are small: a larger body is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;
const MAX_FIELD_LENGTH = 1024;

const FORM = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";
const JSON_TYPE = "application/json";

/** `{ username, password, scopes }`, or the Response that refuses the body. */
export async function readCredentials(request) {
  const type = mediaType(request);
  if (type !== FORM && type !== MULTIPART && type !== JSON_TYPE) {
    return json(415, { detail: `Send the credentials as ${FORM} (or ${MULTIPART}, or ${JSON_TYPE})` });
  }
  const bytes = await readBody(request, MAX_BODY_BYTES);
  if (bytes === null) return json(413, { detail: `Request body larger than ${MAX_BODY_BYTES} bytes` });

  let fields;
  if (type === FORM) {
    fields = new URLSearchParams(new TextDecoder().decode(bytes));
  } else if (type === MULTIPART) {
    try {
      const reparsed = new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type") } });
      fields = await reparsed.formData();
    } catch {
      return json(400, { detail: "Malformed multipart/form-data body" });
    }
  } else {
    let parsed;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return json(400, { detail: "Malformed JSON body" });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return json(422, { detail: [problem("model_attributes_type", [], "Input should be a valid object")] });
    }
    fields = new Map(Object.entries(parsed));
  }

  const errors = [];
  const username = stringField(fields, "username", true, errors);
  const password = stringField(fields, "password", true, errors);
  const grantType = stringField(fields, "grant_type", false, errors);
  const scope = stringField(fields, "scope", false, errors) ?? "";
  if (grantType !== undefined && grantType !== "password") {
    errors.push(problem("string_pattern_mismatch", ["grant_type"], "String should match pattern '^password$'"));
  }
  if (errors.length > 0) return json(422, { detail: errors });
  return { username, password, scopes: scope.split(" ").filter(Boolean) };
}

// FastAPI (pydantic) validation errors: {"detail": [{"type", "loc", "msg"}]}.
function problem(type, field, msg) {
  return { type, loc: ["body", ...field], msg };
}

function stringField(fields, name, required, errors) {
  const value = fields.get(name);
  if (value === undefined || value === null || value === "") {
    if (required) errors.push(problem("missing", [name], "Field required"));
    return undefined;
  }
  if (typeof value !== "string") {
    errors.push(problem("string_type", [name], "Input should be a valid string"));
    return undefined;
  }
  if (value.length > MAX_FIELD_LENGTH) {
    errors.push(problem("string_too_long", [name], `String should have at most ${MAX_FIELD_LENGTH} characters`));
    return undefined;
  }
  return value;
}
