//! The package's module runtime (src/wasm/mod.rs): no std, talc, a panic is a trap.
//! Plus `Summary`, the byte summary two probes of one comparison both write, so that run.mjs can
//! check that they computed the same thing (no `core::fmt`: numbers are written as their bits).
#![no_std]
extern crate alloc;
use alloc::vec::Vec;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[panic_handler]
fn trap(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// A byte summary: `name=value;` entries, numbers as 16 hex digits of their bits.
#[derive(Default)]
pub struct Summary(pub Vec<u8>);

impl Summary {
    fn name(&mut self, name: &str) {
        self.0.extend_from_slice(name.as_bytes());
        self.0.push(b'=');
    }
    pub fn num(&mut self, name: &str, v: Option<f64>) {
        self.name(name);
        match v {
            Some(v) => {
                let bits = v.to_bits();
                for i in (0..16).rev() {
                    self.0.push(b"0123456789abcdef"[((bits >> (i * 4)) & 15) as usize]);
                }
            }
            None => self.0.push(b'-'),
        }
        self.0.push(b';');
    }
    pub fn text(&mut self, name: &str, v: Option<&str>) {
        self.name(name);
        match v {
            Some(v) => {
                self.0.push(b'"');
                self.0.extend_from_slice(v.as_bytes());
            }
            None => self.0.push(b'-'),
        }
        self.0.push(b';');
    }
    pub fn bytes(&mut self, name: &str, v: &[u8]) {
        self.name(name);
        self.0.extend_from_slice(v);
        self.0.push(b';');
    }
}
