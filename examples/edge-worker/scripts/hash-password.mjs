#!/usr/bin/env node
// Prints the stored password hash for a new user of the example worker, as an entry to paste into
// src/users.mjs. Uses the worker's own src/password.mjs, so the hash verifies in the worker.
//
//   node scripts/hash-password.mjs USERNAME                 prompts for the password (not echoed)
//   printf %s "$PASSWORD" | node scripts/hash-password.mjs USERNAME   reads it from stdin
//
// The password is never taken from the command line, where shell history and `ps` would see it.
import { createInterface } from "node:readline";
import { hashPassword, PBKDF2_ITERATIONS } from "../src/password.mjs";

const username = process.argv[2];
if (!username || process.argv.length > 3 || !/^[A-Za-z0-9_.@-]{1,64}$/.test(username)) {
  console.error("usage: node scripts/hash-password.mjs USERNAME   (password on stdin or at the prompt)");
  console.error("       USERNAME: 1 to 64 of A-Z a-z 0-9 _ . @ -");
  process.exit(2);
}

const password = process.stdin.isTTY ? await promptHidden("Password: ") : await readStdin();
if (password.length === 0) {
  console.error("hash-password: empty password refused");
  process.exit(1);
}

const hashed = await hashPassword(password);
console.error(`PBKDF2-HMAC-SHA256, ${PBKDF2_ITERATIONS} iterations, 16-byte salt. Add to USERS in src/users.mjs:`);
console.log(`  ${JSON.stringify(username)}: {
    username: ${JSON.stringify(username)},
    full_name: null,
    email: null,
    hashed_password: ${JSON.stringify(hashed)},
    disabled: false,
  },`);

async function readStdin() {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, ""); // one trailing newline from `echo` is not part of the password
}

function promptHidden(question) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let muted = false;
    rl._writeToOutput = (s) => {
      if (!muted) rl.output.write(s);
    };
    rl.question(question, (answer) => {
      rl.output.write("\n");
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}
