//! Personal IDs (เลขประจำตัวประชาชน) and G-codes (รหัส G): parse one, check one with every
//! finding, or check a whole array in one call.

use crate::errors::throw;
use crate::options::{IdOptions, policy, year};
use crate::report::{Finding, findings};
use lec_core::FindingCode;
use napi::bindgen_prelude::{Env, Uint8Array};
use napi_derive::napi;
use std::sync::Arc;

/// Which kind of identity an ID is:
#[doc = " `citizen` (เลขประจำตัวประชาชน), a 13-digit personal ID; `gcode` (รหัส G), a G-code for a"]
/// learner without civil-registration evidence or Thai nationality.
#[napi(string_enum = "lowercase")]
pub enum IdKind {
    #[doc = " เลขประจำตัวประชาชน — a 13-digit personal ID."]
    Citizen,
    #[doc = " รหัส G — a G-code for a learner without civil-registration evidence or Thai nationality."]
    Gcode,
}

/// A learner's identity: a checksum-valid 13-digit personal ID or a G-code (`G` + BE year +
/// province + running number). `toString()` and `JSON.stringify` give the masked form
/// (`1-1120-xxxxx-xx-2`): the full number only comes out of `normalized`, on request.
#[napi]
pub struct PersonId {
    inner: lec_core::PersonId,
}

#[napi]
impl PersonId {
    /// `citizen` or `gcode`.
    #[napi(getter)]
    pub fn kind(&self) -> IdKind {
        match self.inner.kind() {
            lec_core::IdKind::Citizen => IdKind::Citizen,
            lec_core::IdKind::Gcode => IdKind::Gcode,
        }
    }

    /// The normalised form: 13 digits, or `G` + 12 digits (unmasked: handle with care).
    #[napi(getter)]
    pub fn normalized(&self) -> String {
        self.inner.normalized()
    }

    /// The masked form for reports and logs: `1-1120-xxxxx-xx-2`, `G-64-42-xxxxxxx1`.
    #[napi(getter)]
    pub fn masked(&self) -> String {
        self.inner.masked()
    }

    #[doc = " ประเภทบุคคล — the person category (first digit, 0–9) of a personal ID; `null` for a G-code."]
    #[napi(getter)]
    pub fn category(&self) -> Option<u32> {
        self.inner.category().map(u32::from)
    }

    /// The 2-digit province code the ID names: the issuing registry's (digits 2–3) for a
    /// personal ID, the province part for a G-code.
    #[napi(getter)]
    pub fn province_code(&self) -> Option<String> {
        self.inner.province_code().map(|p| format!("{p:02}"))
    }

    /// The BE year a G-code was issued (`2564`); `null` for a personal ID.
    #[napi(getter)]
    pub fn gcode_year(&self) -> Option<u32> {
        self.inner.gcode_year().map(u32::from)
    }

    /// The masked form.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        self.inner.masked()
    }

    /// The masked form: serialising an ID never leaks it.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.inner.masked()
    }
}

/// Parses a personal ID or G-code as people type it (dashes, spaces, NBSP, Thai and full-width
/// digits, a lower-case `g`). Throws an `InvalidIdError` whose `code` says why: `ID_EMPTY`,
/// `ID_FORMAT`, `ID_CHECKSUM`, `ID_LEADING_ZERO_LOST`, `ID_EXCEL_MANGLED` or `ID_DUMMY`.
/// Warnings need a policy and a year: see `checkId`.
#[napi(catch_unwind)]
pub fn parse_id(env: &Env, text: String) -> napi::Result<PersonId> {
    lec_core::PersonId::parse(&text).map(|inner| PersonId { inner }).map_err(|e| throw(env, &e))
}

/// The result of checking one identity field.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct IdCheck {
    /// Whether the field holds a usable identity (no `error` finding; warnings may remain).
    pub valid: bool,
    /// The identity, when the field holds one.
    pub id: Option<PersonId>,
    /// Everything found: at most one error, any number of warnings (values masked unless `unmask`).
    pub findings: Vec<Finding>,
}

/// Checks one identity field under a policy for an academic year, as `lec id` does: the
/// identity when valid and every finding, errors and warnings (`ID_THAI_DIGITS`,
/// `ID_RESERVED_CATEGORY`, `GCODE_YEAR`, …).
#[napi(catch_unwind)]
pub fn check_id(env: &Env, text: String, options: Option<IdOptions<'_>>) -> napi::Result<IdCheck> {
    let (year, policy, unmask) = match &options {
        None => (year(None), policy(None), false),
        Some(o) => (year(o.year), policy(o.policy.as_ref()), o.unmask.unwrap_or(false)),
    };
    let year = year.map_err(|e| throw(env, &e))?;
    let check = lec_core::check_id(&text, &policy, year, unmask);
    Ok(IdCheck {
        valid: check.is_valid(),
        id: check.id.map(|inner| PersonId { inner }),
        findings: findings(&check.findings),
    })
}

/// Checks a whole array of identity fields in one call: for each, `null` when it is valid, or
/// the code of its first error (`ID_CHECKSUM`, …). Warnings are not reported here (use
/// `checkId`); a policy that raises a warning to an error makes it count. Throws a `TypeError`
/// when an element is not a string.
#[napi(catch_unwind, ts_return_type = "Array<string | null>")]
pub fn validate_ids(
    env: &Env,
    values: Vec<String>,
    options: Option<IdOptions<'_>>,
) -> napi::Result<Vec<Option<&'static str>>> {
    let (year, policy) = id_settings(env, options.as_ref())?;
    Ok(values.iter().map(|v| lec_core::id_error(v, &policy, year).map(|c| c.as_str())).collect())
}

/// The batch path behind `validateIds` (the package entry `lec.js` calls it): the values'
/// UTF-16 code units one after another in `units`, value `i` ending at `ends[i]`. Writes one
/// byte per value into `out` — 0 when valid, otherwise 1 + the index of its error in
/// `idErrorCodes()`. The typed arrays are read and written in place: nothing crosses Node-API
/// per value, and a long batch is checked on every core.
#[napi(catch_unwind, skip_typescript)]
pub fn validate_ids_utf16(
    env: &Env,
    units: &[u16],
    ends: &[u32],
    options: Option<IdOptions<'_>>,
) -> napi::Result<Uint8Array> {
    let (year, policy) = id_settings(env, options.as_ref())?;
    let policy: &lec_core::Policy = &policy;
    // part `ends` of the batch, its first value starting at `start`
    let check = |mut start: usize, ends: &[u32], out: &mut [u8]| {
        for (&end, byte) in ends.iter().zip(out.iter_mut()) {
            let end = end as usize;
            let text = units.get(start..end).unwrap_or_default();
            *byte = code_byte(id_error_utf16(text, policy, year));
            start = end;
        }
    };
    let n = ends.len();
    let mut bytes = vec![0u8; n];
    let out = bytes.as_mut_slice();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = cores.min(8).min(n / PARALLEL_MIN).max(1);
    let chunk = n.div_ceil(threads).max(1);
    let start_of = |i: usize| (i * chunk).checked_sub(1).and_then(|last| ends.get(last)).map_or(0, |&e| e as usize);
    let mut failed = Vec::new();
    std::thread::scope(|scope| {
        let mut mine = None;
        for (i, (part, out)) in ends.chunks(chunk).zip(out.chunks_mut(chunk)).enumerate() {
            if i == 0 {
                mine = Some((part, out)); // the first part stays on this thread
            } else if std::thread::Builder::new().spawn_scoped(scope, move || check(start_of(i), part, out)).is_err() {
                failed.push(i);
            }
        }
        if let Some((part, out)) = mine {
            check(0, part, out);
        }
    });
    // a part no thread could be started for is checked here
    for i in failed {
        let range = i * chunk..((i + 1) * chunk).min(n);
        if let (Some(part), Some(out)) = (ends.get(range.clone()), out.get_mut(range)) {
            check(start_of(i), part, out);
        }
    }
    Ok(bytes.into())
}

/// Batches at least this long are split over the machine's cores.
const PARALLEL_MIN: usize = 1 << 14;

/// `id_error` on one value given as UTF-16 code units, without allocating for a value of up to
/// 32 units (ASCII, the usual case, by a plain copy; Thai digits and the like through UTF-8 on
/// the stack); a longer one goes through a string. Lone surrogates read as U+FFFD, as Node-API's
/// own string conversion reads them.
fn id_error_utf16(units: &[u16], policy: &lec_core::Policy, year: u16) -> Option<FindingCode> {
    const SHORT: usize = 32;
    if units.len() <= SHORT {
        // at most 3 bytes of UTF-8 per unit (a surrogate pair: 4 bytes for 2 units)
        let mut utf8 = [0u8; SHORT * 3];
        let len = if units.iter().all(|&u| u < 0x80) {
            for (a, &u) in utf8.iter_mut().zip(units) {
                *a = u as u8;
            }
            units.len()
        } else {
            let mut len = 0;
            for c in char::decode_utf16(units.iter().copied()) {
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                let Some(slot) = utf8.get_mut(len..len + c.len_utf8()) else { break };
                len += c.encode_utf8(slot).len();
            }
            len
        };
        let text = std::str::from_utf8(utf8.get(..len).unwrap_or_default()).unwrap_or_default();
        lec_core::id_error(text, policy, year)
    } else {
        lec_core::id_error(&String::from_utf16_lossy(units), policy, year)
    }
}

/// 0 for a valid value, else 1 + the code's index in `idErrorCodes()`.
fn code_byte(code: Option<FindingCode>) -> u8 {
    code.map_or(0, |c| u8::try_from(c as usize + 1).unwrap_or(u8::MAX))
}

// every code fits the byte `validateIdsUtf16` writes (0 means valid)
const _: () = assert!(FindingCode::ALL.len() < 255);

/// The finding codes as `validateIdsUtf16` numbers them (the package entry maps the bytes back
/// to codes with it).
#[napi(catch_unwind, skip_typescript)]
pub fn id_error_codes() -> Vec<&'static str> {
    let mut names = vec![""; FindingCode::ALL.len()];
    for &c in FindingCode::ALL {
        if let Some(slot) = names.get_mut(c as usize) {
            *slot = c.as_str();
        }
    }
    names
}

fn id_settings(env: &Env, options: Option<&IdOptions<'_>>) -> napi::Result<(u16, Arc<lec_core::Policy>)> {
    let (year, policy) = match options {
        None => (year(None), policy(None)),
        Some(o) => (year(o.year), policy(o.policy.as_ref())),
    };
    Ok((year.map_err(|e| throw(env, &e))?, policy))
}
