//! The Node binding of `lec` (the `lec` npm package): the rules of Thailand's Local Education
//! Center information system (ระบบสารสนเทศทางการศึกษาท้องถิ่น) for government web back ends.
//!
//! Thin by design: every rule lives in `lec-core`; this crate only translates values and errors
//! between Rust and JavaScript. Errors reach JavaScript as `Error` objects whose `code` is the
//! finding code (`ID_CHECKSUM`, …), with `kind` (the error family), `messageTh` and `messageEn`
//! (see `errors.rs`). Long jobs (`validateFile`, `validateUpload`, `validateHeadcounts`,
//! `summarise`) run off the event loop.
// The workspace denies `unsafe_code`, and so does this crate: napi-derive 3 marks the FFI glue
// it expands to with its own local `allow`, so no crate-level exemption is needed.
// Doc lines with Thai vowel or tone marks are written `#[doc = "…"]` rather than `///`:
// napi-derive 3.7 decodes the `\u{…}` escapes rustc puts in `///` comments for combining
// characters with a wrong hex table (a–f read as 0–5), turning ุ into и in `index.d.ts`. An
// explicit attribute reaches it unescaped. The test suite checks `index.d.ts` for the damage.

pub mod budget;
pub mod errors;
pub mod headcount;
pub mod id;
pub mod options;
pub mod parse;
pub mod report;
pub mod testing;
pub mod validate;
pub mod workflow;
