// Shared by opts-jssys and opts-js (included with #[path]): the checks of five verify options once
// read, and a digest of the result, so that run.mjs can check that both read the same options.
// Absent options are `None`. Returns 1..=5, the first field refused, or the digest (low 4 bits 0).

pub(crate) fn check(
    leeway: Option<f64>,
    max_token_length: Option<f64>,
    issuer: Option<&str>,
    subject: Option<&str>,
    now: Option<f64>,
) -> u32 {
    let whole = |v: f64, lo: f64, hi: f64| v >= lo && v <= hi && (v as u64) as f64 == v;
    let leeway = match leeway {
        None => 0,
        Some(v) if whole(v, 0.0, 86_400.0) => v as u64,
        Some(_) => return 1,
    };
    let max = match max_token_length {
        None => 16_384,
        Some(v) if whole(v, 1.0, 1_048_576.0) => v as u64,
        Some(_) => return 2,
    };
    if issuer.is_some_and(str::is_empty) {
        return 3;
    }
    if subject.is_some_and(str::is_empty) {
        return 4;
    }
    let now = match now {
        None => 0.0,
        Some(v) if v.is_finite() && v >= 0.0 => v,
        Some(_) => return 5,
    };
    // FNV-1a over what was read.
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u32::from(*b)).wrapping_mul(0x0100_0193);
        }
    };
    eat(&leeway.to_le_bytes());
    eat(&max.to_le_bytes());
    eat(&now.to_bits().to_le_bytes());
    eat(issuer.unwrap_or("\u{0}").as_bytes());
    eat(subject.unwrap_or("\u{0}").as_bytes());
    (h & !0xf) | 0x10
}
