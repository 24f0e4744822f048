//! Property tests: generated valid IDs validate, the checksum catches what it can, normalising
//! is idempotent, and no input makes any parser panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::id::{check_digit, normalize_id_text};
use lec_core::{
    Context, Grade, InstitutionCode, LaoCode, PersonId, Policy, StudentRecord, check_id, parse_thai_date,
    validate_record,
};
use proptest::prelude::*;

fn valid_id() -> impl Strategy<Value = [u8; 13]> {
    proptest::array::uniform12(0u8..10).prop_filter("not a dummy", |d| d.iter().any(|&x| x != d[0])).prop_map(|d12| {
        let mut d = [0u8; 13];
        d[..12].copy_from_slice(&d12);
        d[12] = check_digit(&d12);
        d
    })
}

fn text(d: &[u8]) -> String {
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

/// Whether the check digit can tell two 13-digit strings apart: it can only see changes in
/// the first 12 digits (and the 13th itself), modulo 11 folded onto 0–9.
fn checksum_distinguishes(a: &[u8; 13], b: &[u8; 13]) -> bool {
    let mut a12 = [0u8; 12];
    let mut b12 = [0u8; 12];
    a12.copy_from_slice(&a[..12]);
    b12.copy_from_slice(&b[..12]);
    check_digit(&b12) != b[12] || check_digit(&a12) != a[12]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_valid_ids_validate(d in valid_id()) {
        let t = text(&d);
        let id = PersonId::parse(&t).unwrap();
        prop_assert_eq!(id.normalized(), t.clone());
        prop_assert_eq!(id.category(), Some(d[0]));
        // the written form with dashes parses to the same ID
        let dashed = format!("{}-{}-{}-{}-{}", &t[0..1], &t[1..5], &t[5..10], &t[10..12], &t[12..13]);
        prop_assert_eq!(PersonId::parse(&dashed).unwrap(), id);
    }

    #[test]
    fn single_digit_changes_are_caught(d in valid_id(), pos in 0usize..13, delta in 1u8..10) {
        let mut e = d;
        e[pos] = (e[pos] + delta) % 10;
        let r = PersonId::parse(&text(&e));
        if checksum_distinguishes(&d, &e) {
            prop_assert!(r.is_err(), "{} should fail", text(&e));
        }
        // blind spots the formula has: digit 3 (weight 11 ≡ 0 mod 11) and sums whose residue
        // moves between 0 and 10 (both give check digit 1); a change of the check digit itself
        // is always caught
        if pos == 12 {
            prop_assert!(r.is_err());
        }
    }

    #[test]
    fn adjacent_swaps_are_caught_when_the_checksum_can(d in valid_id(), pos in 0usize..12) {
        prop_assume!(d[pos] != d[pos + 1]);
        let mut e = d;
        e.swap(pos, pos + 1);
        if checksum_distinguishes(&d, &e) {
            prop_assert!(PersonId::parse(&text(&e)).is_err());
        }
    }

    #[test]
    fn normalisation_is_idempotent(s in ".{0,40}") {
        let once = normalize_id_text(&s);
        prop_assert_eq!(normalize_id_text(&once), once);
    }

    #[test]
    fn no_parser_panics(s in "\\PC{0,60}") {
        let policy = Policy::default();
        let _ = check_id(&s, &policy, 2567, false);
        let _ = lec_core::id_error(&s, &policy, 2567);
        let _ = lec_core::id::mask_input(&s);
        let _ = parse_thai_date(&s);
        let _ = Grade::parse(&s);
        let _ = LaoCode::parse(&s);
        let _ = InstitutionCode::parse(&s);
        let _ = lec_core::SchoolId::parse(&s);
        let _ = lec_core::LaoKind::parse(&s);
        let _ = lec_core::InstitutionKind::parse(&s);
        let _ = Policy::from_json(&s);
        let _ = Policy::from_toml(&s);
    }

    #[test]
    fn digit_soup_never_panics(s in "[0-9๐-๙Gg/\\-. ]{0,30}") {
        let policy = Policy::default();
        let _ = check_id(&s, &policy, 2567, false);
        let _ = parse_thai_date(&s);
        let _ = Grade::parse(&s);
        let _ = LaoCode::parse(&s);
        let _ = InstitutionCode::parse(&s);
    }

    #[test]
    fn any_record_is_checked_without_panicking(fields in proptest::collection::vec("\\PC{0,16}", 11)) {
        let policy = Policy::default();
        let ctx = Context::new(&policy, 2567);
        let r = StudentRecord {
            institution_code: fields[0].clone(),
            person_id: fields[1].clone(),
            prefix: Some(fields[2].clone()),
            first_name: fields[3].clone(),
            last_name: fields[4].clone(),
            sex: Some(fields[5].clone()),
            birth_date: fields[6].clone(),
            grade: fields[7].clone(),
            room: Some(fields[8].clone()),
            nationality: Some(fields[9].clone()),
            status: Some(fields[10].clone()),
        };
        let check = validate_record(&r, &ctx);
        let has_error = check.findings.iter().any(|f| f.severity == lec_core::Severity::Error);
        prop_assert_eq!(check.status == lec_core::RecordStatus::HasErrors, has_error && check.status != lec_core::RecordStatus::Removed);
    }

    #[test]
    fn csv_bytes_never_panic_and_rows_add_up(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let policy = Policy::default();
        let mut v = lec_core::Validator::new(Context::new(&policy, 2567));
        let mut input = b"institution_code,person_id,first_name,last_name,birth_date,grade\n".to_vec();
        input.extend_from_slice(&bytes);
        lec_core::files::validate_csv(&mut v, "fuzz.csv", &input);
        lec_core::files::validate_csv(&mut v, "raw.csv", &bytes);
        let s = v.finish().summary;
        prop_assert_eq!(s.rows, s.records_counted + s.records_with_errors + s.records_removed);
        let _ = lec_core::files::read_registry("r.csv", &bytes);
    }
}
