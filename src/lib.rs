#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]

pub mod core;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use crate::core::*;
pub use serde_json;
