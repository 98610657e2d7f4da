//! The WebAssembly boundary: converts JavaScript values into the core's types
//! and the core's errors into JavaScript errors, and nothing else.
