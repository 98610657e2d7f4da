//! The module's state: the input and output frames (`protocol.rs`) and the
//! buffers kept between calls.
//!
//! What holds, and why:
//! - No JavaScript runs while an export runs, so a buffer is never wanted by
//!   two calls at once (see `protocol.rs`).
//! - An export can still be cut short: a stack overflow (`RangeError`) can
//!   stop any wasm function at its first instruction, and no destructor runs
//!   then. So no lock is ever held while other code runs: a buffer is taken
//!   out of its slot (`Slot::take`, a swap under a lock held for that swap
//!   alone) and put back when the call is done. A call that was cut short
//!   leaves its slot empty, and the next call allocates a new buffer. Nothing
//!   is left "in use".
//! - JavaScript writes into the input buffer at an address it asked
//!   `__edgeJwtInput` for, so that buffer moves only in `__edgeJwtInput`; if a
//!   call throws, JavaScript asks again before the next call.

use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering::Relaxed};

use spin::mutex::SpinMutex;

use super::protocol::{input, output};

/// A buffer kept between calls.
pub(crate) struct Slot<T>(SpinMutex<Vec<T>>);

impl<T> Slot<T> {
    const fn new() -> Self {
        Self(SpinMutex::new(Vec::new()))
    }

    /// The buffer, taken out of the slot (empty if a call that was cut short
    /// never put it back).
    #[inline(always)]
    pub(crate) fn take(&'static self) -> Vec<T> {
        self.0
            .try_lock()
            .map(|mut kept| core::mem::take(&mut *kept))
            .unwrap_or_default()
    }

    /// Puts `buffer` back, and frees whatever the slot held instead (outside
    /// the lock). The bytes of `buffer` stay where they are: JavaScript reads
    /// the output there after the call.
    #[inline(always)]
    pub(crate) fn put(&'static self, buffer: Vec<T>) {
        let old = match self.0.try_lock() {
            Some(mut kept) => core::mem::replace(&mut *kept, buffer),
            None => buffer,
        };
        drop(old);
    }
}

/// The input buffer: the secret's bytes, the token or the claims text, then
/// the string options (each as its length in 4 bytes, little-endian, then its
/// UTF-8). JavaScript writes it before each call; it may be longer than that.
pub(crate) static INPUT: Slot<u8> = Slot::new();
/// The token `issue` wrote, the payload `verify` decoded, or the header and
/// payload `decodeUnverified` decoded.
pub(crate) static DATA: Slot<u8> = Slot::new();
/// `issue`'s payload, before it is encoded.
pub(crate) static PAYLOAD: Slot<u8> = Slot::new();
/// The tape of the payload `verify` accepted.
pub(crate) static TAPE: Slot<f64> = Slot::new();
/// The JSON text of a failure.
pub(crate) static ERROR: Slot<u8> = Slot::new();

/// The input frame (`protocol::input`).
static INPUT_FRAME: [AtomicU64; input::LEN] = [const { AtomicU64::new(0) }; input::LEN];
/// The output frame (`protocol::output`).
static OUTPUT_FRAME: [AtomicU64; output::LEN] = [const { AtomicU64::new(0) }; output::LEN];

/// Slot `i` of the input frame (NaN past its end).
pub(crate) fn input_slot(i: usize) -> f64 {
    INPUT_FRAME
        .get(i)
        .map_or(f64::NAN, |slot| f64::from_bits(slot.load(Relaxed)))
}

/// The bits of slot `i` of the input frame, which is zeroed as it is read
/// (the slots of a Key's states).
pub(crate) fn take_input_bits(i: usize) -> u64 {
    INPUT_FRAME.get(i).map_or(0, |slot| slot.swap(0, Relaxed))
}

/// Sets the bits of slot `i` of the input frame (a new Key's states).
pub(crate) fn set_input_bits(i: usize, bits: u64) {
    if let Some(slot) = INPUT_FRAME.get(i) {
        slot.store(bits, Relaxed);
    }
}

/// Sets slot `i` of the output frame.
pub(crate) fn set_output(i: usize, value: f64) {
    if let Some(slot) = OUTPUT_FRAME.get(i) {
        slot.store(value.to_bits(), Relaxed);
    }
}

/// Names `items` in the output frame: their address at `at`, their length at `len_at`.
pub(crate) fn set_output_range<T>(at: usize, len_at: usize, items: &[T]) {
    set_output(at, f64::from(address(items)));
    set_output(len_at, items.len() as f64);
}

/// The addresses of the two frames, for `install` (JavaScript).
pub(crate) fn frame_addresses() -> (u32, u32) {
    (address(&INPUT_FRAME), address(&OUTPUT_FRAME))
}

/// The address of `items` in wasm memory.
pub(crate) fn address<T>(items: &[T]) -> u32 {
    items.as_ptr() as usize as u32
}

/// The input buffer, at least `len` bytes long, for JavaScript to write
/// into: its address.
pub(crate) fn reserve_input(len: usize) -> u32 {
    let mut buffer = INPUT.take();
    if buffer.len() < len {
        buffer.resize(len, 0);
    }
    // The address of the bytes, which `put` does not move.
    let at = address(&buffer);
    INPUT.put(buffer);
    at
}

/// How far below an export's frame [`wipe_stack`] overwrites: more than the
/// deepest an operation goes before its payload is scanned (the key schedule
/// and HMAC: `verify` reaches about 1.8 KiB below the export). Measured by
/// `tests/hostile/node.test.mjs`, which paints the stack before each kind of
/// call and fails on any byte left unwiped below the export's frame (at
/// 1 KiB, half of a key's midstate was left there). Only the scan of a deeply
/// nested payload goes further, with frames that hold the payload alone.
const WIPE_BYTES: usize = 2048;

/// Overwrites the stack below the caller's frame with zeros, where the calls
/// it made left copies of key state (moved values, SHA-256 states): wasm's
/// stack is in linear memory, which JavaScript can read.
#[inline(never)]
pub(crate) fn wipe_stack() {
    let mut area = [0u64; WIPE_BYTES / 8];
    // Keeps the zeroing: the compiler must assume the area is read.
    core::hint::black_box(&mut area);
}
