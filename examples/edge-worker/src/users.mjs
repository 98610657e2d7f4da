// The user table: FastAPI's `fake_users_db` from its security tutorial, with real password hashes.
// Add a user with `node scripts/hash-password.mjs USERNAME` and paste what it prints below.
// A real deployment would read users from D1 or KV; the lookup stays one function.

const USERS = {
  // Password "secret" (FastAPI's tutorial user).
  johndoe: {
    username: "johndoe",
    full_name: "John Doe",
    email: "johndoe@example.com",
    hashed_password: "pbkdf2-sha256$100000$r2M0TTYk6qHk-gcbAdA3kA$JAISmee_tec-uDwwN3zCJQgsO6MRfs3Z84TlZgFI3uY",
    disabled: false,
  },
  // Password "secret2": a disabled user gets a token but GET /users/me answers 400 "Inactive user".
  alice: {
    username: "alice",
    full_name: "Alice Wonderson",
    email: "alice@example.com",
    hashed_password: "pbkdf2-sha256$100000$7QtO4mNCZXKUazk6xXReWA$DPW6m7Td35h6kKa4Zopy1vNg2e6B-A5wVML1tC8PROM",
    disabled: true,
  },
};

/** The stored record for a username, or undefined (never an inherited property such as "toString"). */
export function findUser(username) {
  return Object.hasOwn(USERS, username) ? USERS[username] : undefined;
}

/** What GET /users/me shows: the record without its password hash. */
export function publicUser({ username, email, full_name, disabled }) {
  return { username, email, full_name, disabled };
}
