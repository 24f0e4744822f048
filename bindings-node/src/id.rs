//! Personal IDs (เลขประจำตัวประชาชน) and G-codes (รหัส G): check one (`idError`, nothing built
//! for a valid ID), parse one or explain one (`parseId`, `checkId`: the package entry `lec.js`
//! builds the `PersonId` and the result objects in JavaScript from what these functions give),
//! or check a whole column in one call (`validateIds` for an array, `validateIdsBuffer` for the
//! bytes of a file or an upload).

use crate::errors::throw;
use crate::options::Policy;
use crate::options::{DEFAULT_YEAR, IdOptions, year};
use crate::report::findings;
use lec_core::FindingCode;
use napi::bindgen_prelude::{ClassInstance, Either, Env, Object, ObjectRef, Uint8Array, Uint16Array};
use napi_derive::napi;
use std::cell::RefCell;
use std::mem::ManuallyDrop;
use std::sync::{Arc, Mutex, OnceLock};

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

/// Checks one identity field and gives `null` when it is valid, or the code of its first error
/// (`ID_CHECKSUM`, `ID_FORMAT`, …) — the per-request path of a web back end: nothing is built for
/// a valid ID. Warnings count only when the policy raises them to errors (see `checkId` for the
/// full explanation); `unmask` is ignored (there is no value to show).
#[napi(catch_unwind)]
pub fn id_error(env: &Env, text: String, options: Option<IdOptions<'_>>) -> napi::Result<Option<&'static str>> {
    let (year, policy, _) = settings(env, options.as_ref())?;
    Ok(lec_core::id_error(&text, policy, year).map(FindingCode::as_str))
}

/// `parseId` behind the package entry (`lec.js` wraps the result in its `PersonId`): the
/// normalised form of a valid identity, or the thrown `InvalidIdError`.
#[napi(catch_unwind, skip_typescript)]
pub fn parse_id_normalized(env: &Env, text: String) -> napi::Result<String> {
    lec_core::PersonId::parse(&text).map(|id| id.normalized()).map_err(|e| throw(env, &e))
}

/// `checkId` behind the package entry: the normalised form alone when the field holds a valid
/// identity with no finding (the usual case, one string), else `{ valid, normalized, findings }`.
#[napi(catch_unwind, skip_typescript)]
pub fn check_id_raw<'env>(
    env: &'env Env,
    text: String,
    options: Option<IdOptions<'_>>,
) -> napi::Result<Either<String, Object<'env>>> {
    let (year, policy, unmask) = settings(env, options.as_ref())?;
    let check = lec_core::check_id(&text, policy, year, unmask);
    if let (Some(id), true) = (&check.id, check.findings.is_empty()) {
        return Ok(Either::A(id.normalized()));
    }
    let mut raw = Object::new(env)?;
    raw.set("valid", check.is_valid())?;
    raw.set("normalized", check.id.map(|id| id.normalized()))?;
    raw.set("findings", findings(&check.findings))?;
    Ok(Either::B(raw))
}

/// The parts of an identity for the package entry's `PersonId` getters, asked for once per
/// `PersonId` and only when one is read: `{ kind, masked, category, provinceCode, gcodeYear }`
/// of a normalised identity (what `parseIdNormalized` and `checkIdRaw` give).
#[napi(catch_unwind, skip_typescript)]
pub fn describe_id<'env>(env: &'env Env, normalized: String) -> napi::Result<Object<'env>> {
    let id = lec_core::PersonId::parse(&normalized).map_err(|e| throw(env, &e))?;
    let mut parts = Object::new(env)?;
    parts.set(
        "kind",
        match id.kind() {
            lec_core::IdKind::Citizen => IdKind::Citizen,
            lec_core::IdKind::Gcode => IdKind::Gcode,
        },
    )?;
    parts.set("masked", id.masked())?;
    parts.set("category", id.category().map(u32::from))?;
    parts.set("provinceCode", id.province_code().map(|p| format!("{p:02}")))?;
    parts.set("gcodeYear", id.gcode_year().map(u32::from))?;
    Ok(parts)
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
    let (year, policy, _) = settings(env, options.as_ref())?;
    Ok(values.iter().map(|v| lec_core::id_error(v, policy, year).map(FindingCode::as_str)).collect())
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
    let (year, policy, _) = settings(env, options.as_ref())?;
    let mut bytes = vec![0u8; ends.len()];
    fill_parallel(&mut bytes, ends.len() / PARALLEL_MIN, |first, out| {
        // values `first..` of the batch, the first starting where the one before it ended
        let mut start = first.checked_sub(1).and_then(|i| ends.get(i)).map_or(0, |&e| e as usize);
        for (&end, byte) in ends.get(first..).unwrap_or_default().iter().zip(out.iter_mut()) {
            let end = end as usize;
            *byte = code_byte(id_error_utf16(units.get(start..end).unwrap_or_default(), policy, year));
            start = end;
        }
    });
    Ok(bytes.into())
}

/// The path behind `validateIdsBuffer` (the package entry maps the bytes to codes): the bytes
/// of a column of IDs in UTF-8, one per line (`\n` or `\r\n`; a BOM at the start and one line
/// break at the end are not values; an empty line is a value, `ID_EMPTY`), read in place. One
/// byte per line as `validateIdsUtf16` writes them; a line that is not valid UTF-8 is read with
/// U+FFFD for each bad sequence (a finding, `ID_FORMAT`, never a throw). A long column is
/// checked on every core.
#[napi(catch_unwind, skip_typescript)]
pub fn validate_ids_bytes(env: &Env, bytes: &[u8], options: Option<IdOptions<'_>>) -> napi::Result<Uint8Array> {
    let (year, policy, _) = settings(env, options.as_ref())?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.is_empty() {
        return Ok(Vec::new().into());
    }
    let body = text.strip_suffix(b"\n").unwrap_or(text);
    // whole lines per part: a part ends before a line break, the next starts after it
    let parts = cores().min(8).min(body.len() / (PARALLEL_MIN * 16)).max(1);
    let mut cuts = vec![0usize];
    for k in 1..parts {
        let from = (body.len() * k / parts).max(cuts.last().copied().unwrap_or(0));
        match body.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'\n')) {
            Some(at) => cuts.push(from + at + 1),
            None => break,
        }
    }
    cuts.push(body.len() + 1);
    let slices: Vec<&[u8]> = cuts
        .windows(2)
        .map(|w| match w {
            [from, to] => body.get(*from..to - 1).unwrap_or_default(),
            _ => &[],
        })
        .collect();
    let counts: Vec<usize> = slices.iter().map(|s| s.iter().filter(|&&b| b == b'\n').count() + 1).collect();
    let mut out = vec![0u8; counts.iter().sum()];
    let mut rest = out.as_mut_slice();
    let mut work = Vec::with_capacity(slices.len());
    for (slice, &count) in slices.iter().zip(&counts) {
        let all = std::mem::take(&mut rest);
        let (part, tail) = all.split_at_mut(count.min(all.len()));
        work.push((*slice, part));
        rest = tail;
    }
    let check = |slice: &[u8], part: &mut [u8]| {
        for (line, byte) in slice.split(|&b| b == b'\n').zip(part.iter_mut()) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let code = match std::str::from_utf8(line) {
                Ok(text) => lec_core::id_error(text, policy, year),
                Err(_) => lec_core::id_error(&String::from_utf8_lossy(line), policy, year),
            };
            *byte = code_byte(code);
        }
    };
    run_parts(work, &check);
    Ok(out.into())
}

/// Fills `out` by parts: `fill(first, part)` fills `out[first..first + part.len()]`. With
/// `threads` above 1 (capped by the cores and 8) the parts run on scoped threads, the first on
/// this one; a part no thread could be started for is filled here afterwards.
fn fill_parallel(out: &mut [u8], threads: usize, fill: impl Fn(usize, &mut [u8]) + Sync) {
    let n = out.len();
    let threads = cores().min(8).min(threads).max(1);
    let chunk = n.div_ceil(threads).max(1);
    let work: Vec<(usize, &mut [u8])> = out.chunks_mut(chunk).enumerate().map(|(i, p)| (i * chunk, p)).collect();
    run_parts(work, &|first, part: &mut [u8]| fill(first, part));
}

/// A part of the work, taken by the thread that does it.
type Slot<'a, I> = Mutex<Option<(I, &'a mut [u8])>>;

/// Runs `f` on every `(input, part)`: the first on this thread, the others on scoped threads;
/// a part no thread could be started for runs here afterwards.
fn run_parts<I: Send>(work: Vec<(I, &mut [u8])>, f: &(impl Fn(I, &mut [u8]) + Sync)) {
    let slots: Vec<Slot<'_, I>> = work.into_iter().map(|w| Mutex::new(Some(w))).collect();
    let run = |slot: &Slot<'_, I>| {
        if let Some((input, part)) = slot.lock().ok().and_then(|mut s| s.take()) {
            f(input, part);
        }
    };
    if slots.len() > 1 {
        std::thread::scope(|scope| {
            for slot in slots.iter().skip(1) {
                // when the thread cannot be started its slot stays full, for the loop below
                let _ = std::thread::Builder::new().spawn_scoped(scope, move || run(slot));
            }
            if let Some(slot) = slots.first() {
                run(slot);
            }
        });
    }
    for slot in &slots {
        run(slot);
    }
}

/// The machine's cores (1 when unknown).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
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

/// The default policy, made once: a per-call check must not build one per call.
fn default_policy() -> &'static lec_core::Policy {
    static DEFAULT: OnceLock<lec_core::Policy> = OnceLock::new();
    DEFAULT.get_or_init(lec_core::Policy::default)
}

/// The year, the policy (borrowed from the options, or the default one) and `unmask` of an ID
/// call; a bad year throws `CONFIG_INVALID`.
fn settings<'a>(env: &Env, options: Option<&'a IdOptions<'_>>) -> napi::Result<(u16, &'a lec_core::Policy, bool)> {
    let Some(o) = options else { return Ok((DEFAULT_YEAR, default_policy(), false)) };
    let year = year(o.year).map_err(|e| throw(env, &e))?;
    let policy: &'a lec_core::Policy = match &o.policy {
        Some(p) => &p.inner,
        None => default_policy(),
    };
    Ok((year, policy, o.unmask.unwrap_or(false)))
}

/// The length of the handover buffer of the per-call functions: [`SCRATCH_HEAD`] slots, then the
/// text's UTF-16 code units. A longer text goes the ordinary way.
const SCRATCH_LEN: usize = 64;
/// Slot 0: the text's length in code units; 1: the year; 2: bit 0 set when the year was given;
/// 3 and 4: the policy's registration (low and high 16 bits; 0 for the default policy).
const SCRATCH_HEAD: usize = 5;

/// The handover buffer of this thread (one per thread, shared by every copy of the package entry
/// loaded on it) and the policy registered last.
struct Scratch {
    units: Uint16Array,
    object: ObjectRef<false>,
    policy: Option<Arc<lec_core::Policy>>,
    registration: u32,
}

thread_local! {
    // never dropped: it lives as long as the thread's JavaScript environment
    static SCRATCH: RefCell<Option<ManuallyDrop<Scratch>>> = const { RefCell::new(None) };
}

/// The handover buffer of the per-call functions (`idError`, `parseId`, `checkId` in `lec.js`):
/// registers `units` (also given as `object`) unless this thread has one already, and returns the
/// one to use. JavaScript writes a text's code units and settings into it and then calls a
/// function without arguments — a Node-API call with arguments costs more than checking the ID.
#[napi(catch_unwind, skip_typescript)]
pub fn id_scratch<'env>(env: &'env Env, units: Uint16Array, object: ObjectRef<false>) -> napi::Result<Object<'env>> {
    SCRATCH.with(|cell| {
        if let Some(existing) = cell.borrow().as_ref() {
            let shared = existing.object.get_value(env);
            object.unref(env)?;
            return shared;
        }
        if units.len() < SCRATCH_LEN {
            return Err(napi::Error::from_reason("idScratch: the buffer is too short"));
        }
        let value = object.get_value(env)?;
        *cell.borrow_mut() = Some(ManuallyDrop::new(Scratch { units, object, policy: None, registration: 0 }));
        Ok(value)
    })
}

/// Registers the policy the next per-call checks use and returns its registration (never 0),
/// which JavaScript writes into slots 3 and 4.
#[napi(catch_unwind, skip_typescript)]
pub fn id_scratch_policy(policy: ClassInstance<'_, Policy>) -> u32 {
    SCRATCH.with(|cell| {
        let mut cell = cell.borrow_mut();
        let Some(s) = cell.as_mut() else { return 0 };
        s.registration = s.registration.wrapping_add(1).max(1);
        s.policy = Some(Arc::clone(&policy.inner));
        s.registration
    })
}

/// Runs `f` on the text, year and policy in the handover buffer; `None` when there is no buffer
/// or the policy slot names another registration than the current one (JavaScript then goes the
/// ordinary way).
fn with_scratch<T>(f: impl FnOnce(&[u16], u16, &lec_core::Policy) -> T) -> Option<T> {
    SCRATCH.with(|cell| {
        let cell = cell.borrow();
        let s = cell.as_ref()?;
        let units: &[u16] = &s.units;
        let &[len, year, flags, low, high] = units.get(..SCRATCH_HEAD)? else { return None };
        let len = usize::from(len);
        let registration = u32::from(low) | (u32::from(high) << 16);
        let policy: &lec_core::Policy = match (registration, &s.policy) {
            (0, _) => default_policy(),
            (r, Some(p)) if r == s.registration => p,
            _ => return None,
        };
        let year = if flags & 1 == 1 { year } else { DEFAULT_YEAR };
        Some(f(units.get(SCRATCH_HEAD..SCRATCH_HEAD + len)?, year, policy))
    })
}

/// `idError` on the handover buffer: 0 when valid, else 1 + the code's index in
/// `idErrorCodes()`; 255 when the buffer cannot be used.
#[napi(skip_typescript)]
pub fn id_error_scratch() -> u32 {
    with_scratch(|text, year, policy| u32::from(code_byte(id_error_utf16(text, policy, year)))).unwrap_or(255)
}

/// `checkId` on the handover buffer when its answer is the usual one — a valid identity with no
/// finding: its normalised form; else `null` (the package entry then asks `checkIdRaw`).
#[napi(skip_typescript)]
pub fn check_id_scratch() -> Option<String> {
    with_scratch(|text, year, policy| {
        let text = String::from_utf16_lossy(text);
        let check = lec_core::check_id(&text, policy, year, false);
        match (check.id, check.findings.is_empty()) {
            (Some(id), true) => Some(id.normalized()),
            _ => None,
        }
    })
    .flatten()
}
