//! The confirmation workflow: the circular's own story, a table test per rejection code, the
//! authorization matrix, tamper tests of the log, and property tests over random commands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::Registry;
use lec_core::registry::RegistryRow;
use lec_core::workflow::{
    Action, Actor, BangkokTime, CheckResult, Command, DataStatus, Level, RejectionCode, ReplayProblem, Round,
    RoundCalendar, RoundState, Rules, SpotCheck, UnitId, WorkflowPolicy, apply, is_allowed, parse_event_log, pending,
    replay, spot_check_sample,
};
use proptest::prelude::*;
use std::sync::Arc;

const SAO: &str = "06580102";
const TOWN: &str = "04580101";
const LOEI_SAO: &str = "06420101";
const SCHOOL: &str = "3058300001";
const CDC: &str = "3058600001";
const TOWN_SCHOOL: &str = "3058200001";
const LOEI_CDC: &str = "3042600001";
/// A CDC of the SAO with no children this round (registry status ไม่มีนักเรียน).
const EMPTY_CDC: &str = "3058600002";

fn registry() -> Arc<Registry> {
    let rows = [
        ("province", "58", "", "", ""),
        ("province", "42", "", "", ""),
        ("lao", SAO, "58", "sao", ""),
        ("lao", TOWN, "58", "town", "ปกติ"),
        ("lao", LOEI_SAO, "42", "sao", ""),
        ("institution", SCHOOL, SAO, "school", ""),
        ("institution", CDC, SAO, "cdc", ""),
        ("institution", EMPTY_CDC, SAO, "สถานพัฒนาเด็กปฐมวัย", "ไม่มีนักเรียน"),
        ("institution", TOWN_SCHOOL, TOWN, "school", ""),
        ("institution", LOEI_CDC, LOEI_SAO, "cdc", ""),
        ("other_school", "1058100101", SAO, "extended", ""),
        ("other_school", "1058100103", SAO, "standard", "ยุบรวม"),
        ("other_school", "1042100101", LOEI_SAO, "standard", "closed"),
    ];
    let rows = rows.iter().enumerate().map(|(i, (level, code, parent, kind, status))| RegistryRow {
        row: i as u64 + 2,
        level: (*level).into(),
        code: (*code).into(),
        name: format!("unit {code}"),
        parent: (*parent).into(),
        kind: (*kind).into(),
        status: (*status).into(),
    });
    let (reg, findings) = Registry::from_rows(rows, None);
    assert!(findings.is_empty(), "{findings:?}");
    Arc::new(reg)
}

fn t(s: &str) -> BangkokTime {
    BangkokTime::parse(s).unwrap()
}

fn actor(level: Level, code: &str) -> Actor {
    Actor { level, code: code.into() }
}

fn cmd(level: Level, who: &str, action: Action, unit: &str) -> Command {
    Command::new(actor(level, who), action, unit)
}

fn with_data(mut c: Command, counted: u64, errors: u64) -> Command {
    c.data = Some(DataStatus { counted, errors });
    c
}

fn new_round() -> Round {
    Round::new(registry(), RoundCalendar::r2567_2(), WorkflowPolicy::default())
}

fn ok(round: &mut Round, c: Command, at: &str) {
    if let Err(r) = round.execute(&c, t(at)) {
        panic!("{c:?} at {at} rejected: {} {}", r.code, r.message_en);
    }
}

fn rejected(round: &mut Round, c: Command, at: &str) -> RejectionCode {
    let before = round.state().clone();
    let n = round.events().len();
    let r = round.execute(&c, t(at)).expect_err("should be rejected");
    assert_eq!(round.state(), &before, "a rejected command changes nothing");
    assert_eq!(round.events().len(), n);
    assert!(!r.message_en.ends_with('.') && !r.message_th.is_empty());
    r.code
}

/// Everything of SAO 06580102 confirmed (institutions, headcounts, the LAO) by 8 Nov.
fn sao_confirmed(round: &mut Round) {
    ok(round, with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 120, 0), "2024-11-05T10:00:00+07:00");
    ok(round, with_data(cmd(Level::Institution, CDC, Action::Confirm, CDC), 35, 0), "2024-11-06T10:00:00+07:00");
    ok(round, with_data(cmd(Level::Lao, SAO, Action::ConfirmHeadcounts, SAO), 1, 0), "2024-11-07T10:00:00+07:00");
    ok(round, cmd(Level::Lao, SAO, Action::Confirm, SAO), "2024-11-08T10:00:00+07:00");
}

#[test]
fn the_circulars_story() {
    let mut round = new_round();
    sao_confirmed(&mut round);
    ok(
        &mut round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 300, 0),
        "2024-11-10T09:00:00+07:00",
    );
    ok(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, TOWN), "2024-11-11T16:30:00+07:00");
    // 12 Nov, after the LAO deadline: one school of the SAO must fix a record
    let at = "2024-11-12T09:00:00+07:00";
    assert_eq!(rejected(&mut round, cmd(Level::Lao, SAO, Action::Cancel, SCHOOL), at), RejectionCode::ParentConfirmed);
    ok(&mut round, cmd(Level::Province, "58", Action::Cancel, SAO), at);
    ok(&mut round, cmd(Level::Lao, SAO, Action::Cancel, SCHOOL), "2024-11-12T09:10:00+07:00");
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 119, 0),
            "2024-11-12T09:05:00+07:00"
        ),
        RejectionCode::OutOfOrder
    );
    ok(
        &mut round,
        with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 119, 0),
        "2024-11-12T10:00:00+07:00",
    );
    // the edit carried the new data status; the late re-confirmation is allowed
    ok(&mut round, cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), "2024-11-12T11:00:00+07:00");
    ok(&mut round, cmd(Level::Lao, SAO, Action::Confirm, SAO), "2024-11-12T12:00:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-12T16:59:59+07:00");
    // the close: 17:00:00 is still in time, 17:00:01 is not
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, LOEI_CDC, Action::Confirm, LOEI_CDC), 10, 0),
            "2024-11-12T17:00:01+07:00"
        ),
        RejectionCode::Closed
    );
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "42", Action::Confirm, "42"), "2024-11-12T17:00:00+07:00"),
        RejectionCode::ChildrenPending
    );
    let state = round.state();
    assert!(state.province_confirmed(58) && !state.province_confirmed(42));
    assert_eq!(state.institutions[SCHOOL].data, Some(DataStatus { counted: 119, errors: 0 }));
    // the log replays to the same state, bit for bit
    let again = replay(&round.rules(), round.events()).unwrap();
    assert_eq!(&again, round.state());
    assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(round.state()).unwrap());
    // and the state survives JSON for the host's database
    let json = serde_json::to_string(round.state()).unwrap();
    let back: RoundState = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, round.state());
}

/// One rejection case: sets a round up and returns the code of the command that fails.
type Case = Box<dyn Fn(&mut Round) -> RejectionCode>;

#[test]
fn a_table_test_per_rejection_code() {
    let nov = |d: u32, hm: &str| format!("2024-11-{d:02}T{hm}:00+07:00");
    let cases: Vec<(RejectionCode, Case)> = vec![
        (
            RejectionCode::UnknownUnit,
            Box::new(|r| {
                rejected(r, cmd(Level::Institution, SCHOOL, Action::Confirm, "3058300099"), "2024-11-01T10:00:00+07:00")
            }),
        ),
        (
            RejectionCode::NotOpen,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0),
                    "2024-09-30T23:59:59+07:00",
                )
            }),
        ),
        (
            RejectionCode::Closed,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0),
                    "2024-11-12T17:00:01+07:00",
                )
            }),
        ),
        (
            RejectionCode::OutOfOrder,
            Box::new(move |r| {
                ok(r, with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 3, 0), &nov(5, "10:00"));
                rejected(r, with_data(cmd(Level::Institution, CDC, Action::Edit, CDC), 3, 0), &nov(5, "09:00"))
            }),
        ),
        (
            RejectionCode::Forbidden,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, CDC, Action::Confirm, SCHOOL), 1, 0),
                    "2024-11-01T10:00:00+07:00",
                )
            }),
        ),
        (
            RejectionCode::UnitInactive,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, EMPTY_CDC, Action::Confirm, EMPTY_CDC), 1, 0),
                    "2024-11-01T10:00:00+07:00",
                )
            }),
        ),
        (
            RejectionCode::NothingToConfirm,
            Box::new(|r| {
                // the town has no other-affiliation school; Loei's SAO only a closed one
                assert_eq!(
                    rejected(
                        r,
                        cmd(Level::Lao, LOEI_SAO, Action::ConfirmHeadcounts, LOEI_SAO),
                        "2024-11-01T10:00:00+07:00"
                    ),
                    RejectionCode::NothingToConfirm
                );
                rejected(r, cmd(Level::Lao, TOWN, Action::ConfirmHeadcounts, TOWN), "2024-11-01T10:00:00+07:00")
            }),
        ),
        (
            RejectionCode::CheckMissing,
            Box::new(|r| {
                rejected(r, cmd(Level::Province, "58", Action::SpotCheck, SCHOOL), "2024-11-01T10:00:00+07:00")
            }),
        ),
        (
            RejectionCode::DeadlinePassed,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0),
                    "2024-11-12T00:00:00+07:00",
                )
            }),
        ),
        (
            RejectionCode::AlreadyConfirmed,
            Box::new(move |r| {
                ok(r, with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0), &nov(1, "10:00"));
                rejected(r, with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0), &nov(1, "11:00"))
            }),
        ),
        (
            RejectionCode::NotConfirmed,
            Box::new(|r| rejected(r, cmd(Level::Lao, SAO, Action::Cancel, SCHOOL), "2024-11-01T10:00:00+07:00")),
        ),
        (
            RejectionCode::Locked,
            Box::new(move |r| {
                ok(r, with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0), &nov(1, "10:00"));
                rejected(r, with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 2, 0), &nov(1, "11:00"))
            }),
        ),
        (
            RejectionCode::ParentConfirmed,
            Box::new(|r| {
                sao_confirmed(r);
                rejected(r, cmd(Level::Lao, SAO, Action::Cancel, CDC), "2024-11-09T10:00:00+07:00")
            }),
        ),
        (
            RejectionCode::ChildrenPending,
            Box::new(move |r| {
                ok(r, with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0), &nov(1, "10:00"));
                rejected(r, cmd(Level::Lao, SAO, Action::Confirm, SAO), &nov(1, "11:00"))
            }),
        ),
        (
            RejectionCode::Empty,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 0, 0),
                    "2024-11-01T10:00:00+07:00",
                )
            }),
        ),
        (
            RejectionCode::HasErrors,
            Box::new(|r| {
                rejected(
                    r,
                    with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 10, 2),
                    "2024-11-01T10:00:00+07:00",
                )
            }),
        ),
    ];
    let mut seen = Vec::new();
    for (expected, case) in cases {
        let mut round = new_round();
        assert_eq!(case(&mut round), expected);
        seen.push(expected);
    }
    seen.sort();
    let mut all = RejectionCode::ALL.to_vec();
    all.sort();
    assert_eq!(seen, all, "every rejection code has its case");
}

#[test]
fn precedence_follows_findings_md() {
    let mut round = new_round();
    // forbidden and late and already-confirmed all at once: the window wins, then forbidden
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, SAO), "2024-11-13T00:00:00+07:00"),
        RejectionCode::Closed
    );
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, SAO), "2024-11-12T10:00:00+07:00"),
        RejectionCode::Forbidden
    );
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, SAO, Action::Confirm, SAO), "2024-11-12T10:00:00+07:00"),
        RejectionCode::DeadlinePassed
    );
    // an unknown unit beats everything, even the time window
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, "99"), "2030-01-01T00:00:00+07:00"),
        RejectionCode::UnknownUnit
    );
    // without data an institution's confirmation is empty, with an empty count too
    assert_eq!(
        rejected(&mut round, cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), "2024-11-01T10:00:00+07:00"),
        RejectionCode::Empty
    );
    // headcounts with errors cannot be confirmed; the edit that fixes them can
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Lao, SAO, Action::ConfirmHeadcounts, SAO), 1, 3),
            "2024-11-01T10:00:00+07:00"
        ),
        RejectionCode::HasErrors
    );
    ok(&mut round, with_data(cmd(Level::Lao, SAO, Action::Edit, SAO), 1, 0), "2024-11-01T11:00:00+07:00");
    ok(&mut round, cmd(Level::Lao, SAO, Action::ConfirmHeadcounts, SAO), "2024-11-01T12:00:00+07:00");
    // §4.2(4): confirmed headcounts are not locked: the LAO's edit withdraws its confirmation
    ok(&mut round, with_data(cmd(Level::Lao, SAO, Action::Edit, SAO), 1, 0), "2024-11-01T13:00:00+07:00");
    assert!(!round.state().headcounts_confirmed(lao(SAO)));
    // and the province no longer cancels headcounts (the circular does not give it that)
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "58", Action::CancelHeadcounts, SAO), "2024-11-01T14:00:00+07:00"),
        RejectionCode::Forbidden
    );
    // an inactive unit beats the deadline; nothing to confirm too
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, EMPTY_CDC, Action::Confirm, EMPTY_CDC), 0, 0),
            "2024-11-12T10:00:00+07:00"
        ),
        RejectionCode::UnitInactive
    );
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, TOWN, Action::ConfirmHeadcounts, TOWN), "2024-11-12T10:00:00+07:00"),
        RejectionCode::NothingToConfirm
    );
}

fn lao(code: &str) -> lec_core::codes::LaoCode {
    lec_core::codes::LaoCode::parse(code).unwrap()
}

#[test]
fn province_needs_its_laos_and_their_headcounts() {
    let mut round = new_round();
    sao_confirmed(&mut round);
    ok(
        &mut round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 3, 0),
        "2024-11-09T10:00:00+07:00",
    );
    ok(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, TOWN), "2024-11-09T11:00:00+07:00");
    // the SAO edits its confirmed headcounts: the province must wait for them again
    ok(&mut round, with_data(cmd(Level::Lao, SAO, Action::Edit, SAO), 1, 0), "2024-11-09T12:00:00+07:00");
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-09T13:00:00+07:00"),
        RejectionCode::ChildrenPending
    );
    ok(&mut round, cmd(Level::Lao, SAO, Action::ConfirmHeadcounts, SAO), "2024-11-09T14:00:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-09T15:00:00+07:00");
    // the province's confirmation locks the LAO and its headcounts; the department may cancel it
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "58", Action::Cancel, SAO), "2024-11-09T16:00:00+07:00"),
        RejectionCode::ParentConfirmed
    );
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "58", Action::Cancel, "58"), "2024-11-09T16:00:00+07:00"),
        RejectionCode::Forbidden
    );
    ok(&mut round, cmd(Level::Department, "dla", Action::Cancel, "58"), "2024-11-09T16:00:00+07:00");
    let strict = WorkflowPolicy { department_may_cancel_province: false, ..WorkflowPolicy::default() };
    let rules = Rules { registry: round.registry(), calendar: round.calendar(), policy: &strict };
    assert!(!is_allowed(&rules, &actor(Level::Department, "dla"), Action::Cancel, UnitId::Province(58)));
}

#[test]
fn authorization_matrix() {
    let reg = registry();
    let cal = RoundCalendar::r2567_2();
    let policy = WorkflowPolicy::default();
    let rules = Rules { registry: &reg, calendar: &cal, policy: &policy };
    let actors = [
        ("department", actor(Level::Department, "dla")),
        ("own province", actor(Level::Province, "58")),
        ("other province", actor(Level::Province, "42")),
        ("own lao", actor(Level::Lao, SAO)),
        ("own lao, 7 digits", actor(Level::Lao, "6580102")),
        ("other lao", actor(Level::Lao, LOEI_SAO)),
        ("sibling lao", actor(Level::Lao, TOWN)),
        ("own institution", actor(Level::Institution, SCHOOL)),
        ("sibling institution", actor(Level::Institution, CDC)),
        ("other institution", actor(Level::Institution, LOEI_CDC)),
        ("lao code as institution", actor(Level::Institution, SAO)),
        ("institution code as lao", actor(Level::Lao, SCHOOL)),
    ];
    let targets = [
        ("institution", UnitId::resolve(&reg, SCHOOL).unwrap()),
        ("lao", UnitId::resolve(&reg, SAO).unwrap()),
        ("province", UnitId::resolve(&reg, "58").unwrap()),
    ];
    let actions = [
        Action::Confirm,
        Action::ConfirmHeadcounts,
        Action::Cancel,
        Action::CancelHeadcounts,
        Action::Edit,
        Action::Withdraw,
        Action::SpotCheck,
    ];
    let allowed: &[(&str, Action, &str)] = &[
        ("own institution", Action::Confirm, "institution"),
        ("own institution", Action::Edit, "institution"),
        ("own lao", Action::Cancel, "institution"),
        ("own lao, 7 digits", Action::Cancel, "institution"),
        ("own lao", Action::Confirm, "lao"),
        ("own lao", Action::ConfirmHeadcounts, "lao"),
        ("own lao", Action::Edit, "lao"),
        ("own lao, 7 digits", Action::Confirm, "lao"),
        ("own lao, 7 digits", Action::ConfirmHeadcounts, "lao"),
        ("own lao, 7 digits", Action::Edit, "lao"),
        ("own province", Action::Cancel, "lao"),
        ("own province", Action::SpotCheck, "institution"),
        ("own province", Action::Confirm, "province"),
        ("department", Action::Cancel, "province"),
    ];
    let mut count = 0;
    for (an, a) in &actors {
        for act in actions {
            for (tn, target) in &targets {
                let expected = allowed.iter().any(|(x, y, z)| x == an && *y == act && z == tn);
                assert_eq!(is_allowed(&rules, a, act, *target), expected, "{an} {act:?} {tn}");
                // and through apply, whatever the state: forbidden is always WF_FORBIDDEN
                if !expected {
                    let state = RoundState::new(&cal);
                    let c = Command {
                        actor: a.clone(),
                        action: act,
                        unit: target.code(),
                        data: Some(DataStatus { counted: 1, errors: 0 }),
                        officer: None,
                        check: Some(SpotCheck { seed: 1, result: CheckResult::Ok, note: String::new() }),
                    };
                    let r = apply(&rules, &state, &c, t("2024-11-01T10:00:00+07:00")).unwrap_err();
                    assert_eq!(r.code, RejectionCode::Forbidden, "{an} {act:?} {tn}");
                }
                count += 1;
            }
        }
    }
    assert_eq!(count, actors.len() * actions.len() * targets.len());
}

fn story_log() -> Round {
    let mut round = new_round();
    sao_confirmed(&mut round);
    ok(
        &mut round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 3, 0),
        "2024-11-09T10:00:00+07:00",
    );
    round
}

fn to_jsonl(round: &Round) -> String {
    round.events().iter().map(|e| serde_json::to_string(e).unwrap() + "\n").collect()
}

#[test]
fn the_log_is_tamper_evident() {
    let round = story_log();
    let rules = round.rules();
    let text = to_jsonl(&round);
    let events = parse_event_log(&text).unwrap();
    assert_eq!(replay(&rules, &events).unwrap(), *round.state());

    // a flipped byte in an event's content
    let mut bad = events.clone();
    bad[2].data = Some(DataStatus { counted: 2, errors: 0 });
    let e = replay(&rules, &bad).unwrap_err();
    assert_eq!((e.index, e.problem), (2, ReplayProblem::Tampered));
    let flipped = text.replacen("\"counted\":35", "\"counted\":36", 1);
    let e = replay(&rules, &parse_event_log(&flipped).unwrap()).unwrap_err();
    assert_eq!((e.index, e.problem), (1, ReplayProblem::Tampered));
    // a removed event
    let mut removed = events.clone();
    removed.remove(1);
    let e = replay(&rules, &removed).unwrap_err();
    assert_eq!((e.index, e.problem), (1, ReplayProblem::Sequence));
    // reordered events
    let mut reordered = events.clone();
    reordered.swap(1, 2);
    assert_eq!(replay(&rules, &reordered).unwrap_err().index, 1);
    // a truncated last line
    let truncated = &text[..text.len() - 20];
    let e = parse_event_log(truncated).unwrap_err();
    assert_eq!((e.index, e.problem), (events.len() - 1, ReplayProblem::Unreadable));
    // a forged event with a rebuilt chain: the rules refuse it
    let mut forged = events[..1].to_vec();
    let mut fake = events[1].clone();
    fake.actor = actor(Level::Institution, SCHOOL);
    forged.push(fake);
    let e = replay(&rules, &forged).unwrap_err();
    assert_eq!(e.index, 1);
    assert!(matches!(e.problem, ReplayProblem::Tampered | ReplayProblem::Illegal));
    // a log of another round does not start from this round's genesis
    let other = RoundCalendar { round: 1, ..RoundCalendar::r2567_2() };
    let rules1 = Rules { registry: round.registry(), calendar: &other, policy: &WorkflowPolicy::default() };
    assert_eq!(replay(&rules1, &events).unwrap_err().problem, ReplayProblem::BrokenChain);
    // a broken log never yields a state
    assert!(Round::from_events(registry(), RoundCalendar::r2567_2(), WorkflowPolicy::default(), removed).is_err());
}

#[test]
fn pending_lists_who_blocks_whom() {
    let round = story_log();
    let rules = round.rules();
    let now = t("2024-11-09T12:00:00+07:00");
    let p = pending(&rules, round.state(), now, None);
    let codes: Vec<(String, bool, Vec<String>)> =
        p.iter().map(|u| (u.code.clone(), u.headcounts, u.waiting_for.clone())).collect();
    assert_eq!(
        codes,
        vec![
            (LOEI_CDC.to_owned(), false, vec![]),
            (LOEI_SAO.to_owned(), false, vec![LOEI_CDC.to_owned()]),
            ("42".to_owned(), false, vec![LOEI_SAO.to_owned()]),
            (TOWN.to_owned(), false, vec![]),
            ("58".to_owned(), false, vec![TOWN.to_owned()]),
        ]
    );
    assert!(p.iter().all(|u| !u.overdue));
    let later = pending(&rules, round.state(), t("2024-11-12T00:00:01+07:00"), Some(UnitId::Province(58)));
    assert_eq!(later.len(), 2);
    assert!(later[0].overdue && !later[1].overdue, "the LAO is late, the province not yet");
    let within = pending(&rules, round.state(), now, UnitId::resolve(round.registry(), LOEI_SAO));
    assert_eq!(within.len(), 2);
}

#[test]
fn spot_check_sample_is_deterministic() {
    let round = new_round();
    let rules = round.rules();
    let a = spot_check_sample(&rules, 58, 2, 12345);
    assert_eq!(a, spot_check_sample(&rules, 58, 2, 12345));
    assert_eq!(a.len(), 2);
    assert_eq!(spot_check_sample(&rules, 58, 10, 1).len(), 3, "never more than the province has");
    assert!(spot_check_sample(&rules, 42, 0, 1).is_empty());
    // pinned: the same seed gives this sample in every language and on every platform
    let pinned: Vec<String> = spot_check_sample(&rules, 58, 3, 2567).iter().map(|c| c.digits()).collect();
    let mut sorted = pinned.clone();
    sorted.sort();
    assert_eq!(sorted, [TOWN_SCHOOL, SCHOOL, CDC]);
    assert_eq!(pinned, PINNED_SAMPLE);
}

/// Computed independently of the library (SplitMix64 with the same seeding, in Python).
const PINNED_SAMPLE: [&str; 3] = ["3058200001", "3058600001", "3058300001"];

#[test]
fn data_status_comes_from_validated_records() {
    let policy = lec_core::Policy::default();
    let ctx = lec_core::Context::new(&policy, 2567);
    let rec = |inst: &str, id: &str, name: &str| lec_core::StudentRecord {
        institution_code: inst.into(),
        person_id: id.into(),
        first_name: name.into(),
        last_name: "ใจดี".into(),
        birth_date: "15/03/2560".into(),
        grade: "ป.1".into(),
        ..Default::default()
    };
    let records = vec![
        rec(SCHOOL, "1234545678781", "ก"),
        rec(SCHOOL, "1234545678782", "ข"),
        rec(TOWN_SCHOOL, "3100600445635", ""),
    ];
    let status = DataStatus::by_institution(&records, ctx);
    assert_eq!(status[SCHOOL], DataStatus { counted: 1, errors: 1 });
    assert_eq!(status[TOWN_SCHOOL], DataStatus { counted: 0, errors: 1 });
}

#[derive(Debug, Clone)]
struct Step {
    /// Pick the actor the rules expect for this action and unit (so that sequences progress),
    /// instead of the random one.
    coherent: bool,
    actor: usize,
    action: usize,
    unit: usize,
    data: Option<(u64, u64)>,
    minutes: u32,
}

fn step() -> impl Strategy<Value = Step> {
    (
        proptest::bool::weighted(0.7),
        0usize..12,
        0usize..5,
        0usize..9,
        proptest::option::of((0u64..3, 0u64..2)),
        0u32..2000,
    )
        .prop_map(|(coherent, actor, action, unit, data, minutes)| Step {
            coherent,
            actor,
            action,
            unit,
            data,
            minutes,
        })
}

/// The actor the rules allow for an action on a unit of the fixture, if any.
fn expected_actor(reg: &Registry, action: Action, unit: &str) -> Option<Actor> {
    match (action, UnitId::resolve(reg, unit)?) {
        (Action::Confirm | Action::Edit, UnitId::Institution(c)) => Some(actor(Level::Institution, &c.digits())),
        (Action::Confirm | Action::ConfirmHeadcounts | Action::Edit, UnitId::Lao(c)) => {
            Some(actor(Level::Lao, &c.login()))
        }
        (Action::Confirm, UnitId::Province(p)) => Some(actor(Level::Province, &format!("{p:02}"))),
        (Action::Cancel, UnitId::Institution(c)) => reg.institution(c).map(|i| actor(Level::Lao, &i.lao.login())),
        (Action::Cancel | Action::CancelHeadcounts, UnitId::Lao(c)) => {
            reg.lao(c).map(|l| actor(Level::Province, &format!("{:02}", l.province)))
        }
        (Action::Cancel, UnitId::Province(_)) => Some(actor(Level::Department, "dla")),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn invariants_hold_over_random_commands(steps in proptest::collection::vec(step(), 1..120)) {
        let actors = [
            actor(Level::Department, "dla"), actor(Level::Province, "58"), actor(Level::Province, "42"),
            actor(Level::Lao, SAO), actor(Level::Lao, TOWN), actor(Level::Lao, LOEI_SAO),
            actor(Level::Institution, SCHOOL), actor(Level::Institution, CDC), actor(Level::Institution, TOWN_SCHOOL),
            actor(Level::Institution, LOEI_CDC), actor(Level::Lao, "06589999"), actor(Level::Province, "99"),
        ];
        let actions = [Action::Confirm, Action::ConfirmHeadcounts, Action::Cancel, Action::CancelHeadcounts, Action::Edit];
        let units = ["58", "42", SAO, TOWN, LOEI_SAO, SCHOOL, CDC, TOWN_SCHOOL, LOEI_CDC];
        let mut round = new_round();
        let reg = registry();
        // from 30 Sep to about 13 Nov, never backwards
        let mut now = t("2024-09-30T20:00:00+07:00").instant();
        for s in steps {
            now += chrono::Duration::minutes(i64::from(s.minutes) * 3);
            let at = BangkokTime::new(now);
            let unit = units[s.unit];
            let action = actions[s.action];
            let who = if s.coherent { expected_actor(&reg, action, unit) } else { None };
            let c = Command {
                actor: who.unwrap_or_else(|| actors[s.actor].clone()),
                action,
                unit: unit.to_owned(),
                data: s.data.map(|(counted, errors)| DataStatus { counted, errors }),
                officer: None,
                check: None,
            };
            let before = round.state().clone();
            let _ = (unit, action);
            match round.execute(&c, at) {
                Ok(events) => {
                    prop_assert!(at <= round.calendar().closes, "nothing is accepted after the close");
                    prop_assert!(at >= round.calendar().opens);
                    for e in &events {
                        if e.action == Action::Edit && e.unit.len() == 10 {
                            prop_assert!(!e.previous.confirmed, "no edit accepted on a confirmed institution");
                        }
                    }
                }
                Err(_) => prop_assert_eq!(&before, round.state()),
            }
            let st = round.state();
            for l in reg.laos() {
                if st.lao_confirmed(l.code) {
                    for i in reg.institutions_of(l.code) {
                        prop_assert!(st.institution_confirmed(*i), "confirmed LAO with an unconfirmed institution");
                    }
                }
            }
            for p in reg.provinces() {
                if st.province_confirmed(p.code) {
                    for l in reg.laos_of(p.code) {
                        prop_assert!(st.lao_confirmed(*l), "confirmed province with an unconfirmed LAO");
                    }
                }
            }
        }
        let replayed = replay(&round.rules(), round.events()).unwrap();
        prop_assert_eq!(&replayed, round.state());
        ACCEPTED.fetch_add(round.events().len(), std::sync::atomic::Ordering::Relaxed);
    }
}

static ACCEPTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn random_sequences_make_progress() {
    // the property above is only worth something if its sequences get commands accepted
    invariants_hold_over_random_commands();
    let accepted = ACCEPTED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(accepted > 1000, "only {accepted} commands accepted over all cases");
}

/// Everything of province 58 confirmed (both LAOs, the SAO's headcounts, the province) by 11 Nov.
fn province_58_confirmed(round: &mut Round) {
    sao_confirmed(round);
    ok(
        round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 300, 0),
        "2024-11-10T09:00:00+07:00",
    );
    ok(round, cmd(Level::Lao, TOWN, Action::Confirm, TOWN), "2024-11-10T10:00:00+07:00");
    ok(round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-11T09:00:00+07:00");
}

#[test]
fn a_cancel_before_the_deadline_still_allows_a_late_reconfirm() {
    // issue 20 item 1: cancels on 11 Nov 20:00 (before the deadline's end), the fix on 12 Nov
    let mut round = new_round();
    province_58_confirmed(&mut round);
    ok(&mut round, cmd(Level::Department, "dla", Action::Cancel, "58"), "2024-11-11T19:50:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Cancel, SAO), "2024-11-11T20:00:00+07:00");
    ok(&mut round, cmd(Level::Lao, SAO, Action::Cancel, SCHOOL), "2024-11-11T20:05:00+07:00");
    assert!(round.state().institutions[SCHOOL].may_reconfirm_late);
    ok(
        &mut round,
        with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 118, 0),
        "2024-11-12T09:00:00+07:00",
    );
    ok(&mut round, cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), "2024-11-12T10:00:00+07:00");
    ok(&mut round, cmd(Level::Lao, SAO, Action::Confirm, SAO), "2024-11-12T11:00:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-12T12:00:00+07:00");
    // a unit that never confirmed by its deadline still cannot confirm late
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, LOEI_CDC, Action::Confirm, LOEI_CDC), 5, 0),
            "2024-11-12T12:30:00+07:00"
        ),
        RejectionCode::DeadlinePassed
    );
    // under the strict policy the late re-confirmation is refused
    let strict = WorkflowPolicy { late_reconfirm_after_cancel: false, ..WorkflowPolicy::default() };
    let mut round = Round::new(registry(), RoundCalendar::r2567_2(), strict);
    ok(
        &mut round,
        with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 1, 0),
        "2024-11-05T10:00:00+07:00",
    );
    ok(&mut round, cmd(Level::Lao, SAO, Action::Cancel, SCHOOL), "2024-11-11T20:00:00+07:00");
    assert_eq!(
        rejected(&mut round, cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), "2024-11-12T10:00:00+07:00"),
        RejectionCode::DeadlinePassed
    );
    assert_eq!(replay(&round.rules(), round.events()).unwrap(), *round.state());
}

#[test]
fn a_headcount_edit_withdraws_the_lao_and_province_confirmations() {
    // §4.2(4): the LAO edits after the province confirmed; both confirm again, nobody cancels
    let mut round = new_round();
    province_58_confirmed(&mut round);
    let before = round.events().len();
    let edit = with_data(cmd(Level::Lao, SAO, Action::Edit, SAO), 1, 0);
    let events = round.execute(&edit, t("2024-11-12T09:00:00+07:00")).unwrap();
    assert_eq!(events.len(), 2, "the edit and the province's withdrawal");
    assert_eq!((events[0].action, events[0].unit.as_str()), (Action::Edit, SAO));
    assert!(events[0].previous.confirmed, "the headcounts were confirmed");
    assert_eq!((events[1].action, events[1].unit.as_str()), (Action::Withdraw, "58"));
    assert_eq!(events[1].actor, actor(Level::Lao, SAO));
    assert!(events[1].previous.confirmed);
    assert_eq!(events[1].prev_hash, events[0].hash);
    assert_eq!(round.events().len(), before + 2);
    let st = round.state();
    assert!(!st.headcounts_confirmed(lao(SAO)) && !st.province_confirmed(58));
    assert!(st.lao_confirmed(lao(SAO)), "the LAO's own confirmation stands");
    assert_eq!(
        rejected(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-12T09:30:00+07:00"),
        RejectionCode::ChildrenPending
    );
    // after the LAO deadline: the withdrawn headcounts may be confirmed again until the close
    ok(&mut round, cmd(Level::Lao, SAO, Action::ConfirmHeadcounts, SAO), "2024-11-12T10:00:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-12T11:00:00+07:00");
    // an edit while the province is not confirmed withdraws only the headcounts: one event
    ok(&mut round, cmd(Level::Department, "dla", Action::Cancel, "58"), "2024-11-12T12:00:00+07:00");
    let one = round.execute(&with_data(cmd(Level::Lao, SAO, Action::Edit, SAO), 1, 0), t("2024-11-12T13:00:00+07:00"));
    assert_eq!(one.unwrap().len(), 1);
    // the log replays, withdrawals included
    assert_eq!(replay(&round.rules(), round.events()).unwrap(), *round.state());
    // a withdrawal is never a command, and cannot stand in a log on its own
    let mut forged = round.events()[..before].to_vec();
    let w = round.events()[before + 1].clone();
    assert_eq!(
        apply(
            &round.rules(),
            &replay(&round.rules(), &forged).unwrap(),
            &Command::new(w.actor.clone(), Action::Withdraw, "58"),
            w.at
        )
        .unwrap_err()
        .code,
        RejectionCode::Forbidden
    );
    // the edit without the withdrawal that follows it: the log is cut short
    forged.push(round.events()[before].clone());
    let err = replay(&round.rules(), &forged).unwrap_err();
    assert_eq!((err.index, err.problem), (before + 1, ReplayProblem::Sequence));
    // the policy switch gives the province `cancel_headcounts` back
    let lenient = WorkflowPolicy { province_may_cancel_headcounts: true, ..WorkflowPolicy::default() };
    let mut round = Round::new(registry(), RoundCalendar::r2567_2(), lenient);
    sao_confirmed(&mut round);
    ok(&mut round, cmd(Level::Province, "58", Action::CancelHeadcounts, SAO), "2024-11-09T10:00:00+07:00");
    assert!(round.state().headcounts[SAO].may_reconfirm_late);
}

#[test]
fn units_without_learners_are_not_waited_for_and_cannot_confirm() {
    let mut round = new_round();
    // the SAO confirms with its empty CDC unconfirmed; its merged school needs no headcounts
    sao_confirmed(&mut round);
    assert!(!round.state().institution_confirmed(lec_core::codes::InstitutionCode::parse(EMPTY_CDC).unwrap()));
    let rules = round.rules();
    let p = pending(&rules, round.state(), t("2024-11-09T10:00:00+07:00"), Some(UnitId::Province(58)));
    assert!(p.iter().all(|u| u.code != EMPTY_CDC), "{p:?}");
    // Loei's SAO has only a closed school: no headcount confirmation is pending for it
    let loei = pending(&rules, round.state(), t("2024-11-09T10:00:00+07:00"), Some(UnitId::Province(42)));
    assert!(loei.iter().all(|u| !u.headcounts), "{loei:?}");
    assert!(loei.iter().all(|u| !u.waiting_for.iter().any(|w| w.contains("headcounts"))));
    // the spot-check sample draws from active institutions only
    assert!(spot_check_sample(&rules, 58, 10, 7).iter().all(|c| c.digits() != EMPTY_CDC));
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, EMPTY_CDC, Action::Confirm, EMPTY_CDC), 3, 0),
            "2024-11-09T11:00:00+07:00"
        ),
        RejectionCode::UnitInactive
    );
    // an inactive LAO: its institutions are inactive too, and its province does not wait
    let rows = [
        ("province", "58", "", "", ""),
        ("lao", SAO, "58", "sao", "ยุบรวม"),
        ("lao", TOWN, "58", "town", ""),
        ("institution", SCHOOL, SAO, "school", ""),
        ("institution", TOWN_SCHOOL, TOWN, "school", ""),
        ("other_school", "1058100101", SAO, "extended", ""),
    ];
    let rows = rows.iter().enumerate().map(|(i, (level, code, parent, kind, status))| RegistryRow {
        row: i as u64 + 2,
        level: (*level).into(),
        code: (*code).into(),
        name: String::new(),
        parent: (*parent).into(),
        kind: (*kind).into(),
        status: (*status).into(),
    });
    let (reg, findings) = Registry::from_rows(rows, None);
    assert!(findings.is_empty());
    let mut round = Round::new(Arc::new(reg), RoundCalendar::r2567_2(), WorkflowPolicy::default());
    let r = round
        .execute(
            &with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 3, 0),
            t("2024-11-09T09:00:00+07:00"),
        )
        .unwrap_err();
    assert_eq!(r.code, RejectionCode::UnitInactive);
    assert!(r.message_en.contains("merged"), "{}", r.message_en);
    assert_eq!(
        rejected(&mut round, cmd(Level::Lao, SAO, Action::Confirm, SAO), "2024-11-09T09:00:00+07:00"),
        RejectionCode::UnitInactive
    );
    ok(
        &mut round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 3, 0),
        "2024-11-09T10:00:00+07:00",
    );
    ok(&mut round, cmd(Level::Lao, TOWN, Action::Confirm, TOWN), "2024-11-09T11:00:00+07:00");
    ok(&mut round, cmd(Level::Province, "58", Action::Confirm, "58"), "2024-11-09T12:00:00+07:00");
}

#[test]
fn officers_are_part_of_the_event_and_its_hash() {
    let mut round = new_round();
    let mut c = with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 10, 0);
    c.officer = Some("  EMP-58-0042 ".into());
    let e = round.execute(&c, t("2024-11-05T10:00:00+07:00")).unwrap().remove(0);
    assert_eq!(e.officer.as_deref(), Some("EMP-58-0042"), "trimmed");
    // the same command without an officer gives another hash
    let mut fresh = new_round();
    let without = with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 10, 0);
    let plain = fresh.execute(&without, t("2024-11-05T10:00:00+07:00")).unwrap().remove(0);
    assert_ne!(plain.hash, e.hash, "the officer is part of the hash");
    // a blank officer is no officer
    let mut blank = cmd(Level::Institution, CDC, Action::Edit, CDC);
    blank.officer = Some("  ".into());
    ok(&mut round, blank, "2024-11-05T11:00:00+07:00");
    assert_eq!(round.events()[1].officer, None);
    assert_eq!(replay(&round.rules(), round.events()).unwrap(), *round.state());
    // changing who acted breaks the chain at that event
    let mut forged = round.events().to_vec();
    forged[0].officer = Some("EMP-58-0043".into());
    let err = replay(&round.rules(), &forged).unwrap_err();
    assert_eq!((err.index, err.problem), (0, ReplayProblem::Tampered));
    // and the JSON line carries it
    let line = serde_json::to_string(&round.events()[0]).unwrap();
    assert!(line.contains("\"officer\":\"EMP-58-0042\""), "{line}");
    assert_eq!(parse_event_log(&line).unwrap()[0], round.events()[0]);
    assert_eq!(lec_core::workflow::mask_officer("EMP-58-0042"), "EMxxxxxxx42");
    assert_eq!(lec_core::workflow::mask_officer("1234545678781"), "1-2345-xxxxx-xx-1");
    assert_eq!(lec_core::workflow::mask_officer("ab1"), "axx");
}

#[test]
fn spot_checks_are_recorded_and_shown_in_pending() {
    let mut round = new_round();
    let check = |result, note: &str| SpotCheck { seed: 2567, result, note: note.into() };
    let mut c = cmd(Level::Province, "58", Action::SpotCheck, SCHOOL);
    c.check = Some(check(CheckResult::Issues, "two records without birth dates"));
    c.officer = Some("P58-07".into());
    ok(&mut round, c.clone(), "2024-11-04T10:00:00+07:00");
    let mut again = c.clone();
    again.check = Some(check(CheckResult::Ok, ""));
    ok(&mut round, again, "2024-11-06T10:00:00+07:00");
    // a province checks only its own institutions
    let mut other = cmd(Level::Province, "42", Action::SpotCheck, SCHOOL);
    other.check = Some(check(CheckResult::Ok, ""));
    assert_eq!(rejected(&mut round, other, "2024-11-06T11:00:00+07:00"), RejectionCode::Forbidden);
    let st = round.state();
    let last = &st.spot_checks[SCHOOL];
    assert_eq!((last.check.result, last.at), (CheckResult::Ok, t("2024-11-06T10:00:00+07:00")));
    assert_eq!((last.province.as_str(), last.officer.as_deref()), ("58", Some("P58-07")));
    assert_eq!(round.events()[0].check.as_ref().unwrap().note, "two records without birth dates");
    assert!(!st.institutions.contains_key(SCHOOL), "a check confirms nothing and records no data");
    let p = pending(&round.rules(), st, t("2024-11-06T12:00:00+07:00"), Some(UnitId::Province(58)));
    let school = p.iter().find(|u| u.code == SCHOOL).unwrap();
    assert_eq!(school.last_spot_check.as_ref(), Some(last));
    assert!(p.iter().find(|u| u.code == CDC).unwrap().last_spot_check.is_none());
    assert_eq!(replay(&round.rules(), round.events()).unwrap(), *round.state());
    let json = serde_json::to_string(round.state()).unwrap();
    assert_eq!(serde_json::from_str::<RoundState>(&json).unwrap(), *round.state());
}

#[test]
fn pending_tells_recorded_from_nothing_recorded() {
    let mut round = new_round();
    ok(&mut round, with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 0, 2), "2024-11-04T10:00:00+07:00");
    let p = pending(&round.rules(), round.state(), t("2024-11-04T11:00:00+07:00"), None);
    let rec = |code: &str, hc: bool| p.iter().find(|u| u.code == code && u.headcounts == hc).unwrap().recorded;
    assert!(rec(SCHOOL, false), "records with errors are recorded");
    assert!(!rec(CDC, false) && !rec(TOWN_SCHOOL, false));
    assert!(rec(SAO, false) && !rec(TOWN, false), "an LAO has recorded when one of its institutions has");
    assert!(!rec(SAO, true), "its headcounts not yet");
    assert!(rec("58", false) && !rec("42", false));
    // an edit to an empty file is nothing recorded
    ok(&mut round, with_data(cmd(Level::Institution, SCHOOL, Action::Edit, SCHOOL), 0, 0), "2024-11-04T12:00:00+07:00");
    let p = pending(&round.rules(), round.state(), t("2024-11-04T13:00:00+07:00"), None);
    assert!(!p.iter().find(|u| u.code == SCHOOL).unwrap().recorded);
}

#[test]
fn an_lao_may_give_its_institutions_an_earlier_deadline() {
    let mut cal = RoundCalendar::r2567_2();
    cal.lao_institution_deadlines.insert(SAO.to_owned(), t("2024-11-08"));
    let mut round = Round::new(registry(), cal, WorkflowPolicy::default());
    assert_eq!(
        rejected(
            &mut round,
            with_data(cmd(Level::Institution, SCHOOL, Action::Confirm, SCHOOL), 5, 0),
            "2024-11-09T09:00:00+07:00"
        ),
        RejectionCode::DeadlinePassed
    );
    ok(
        &mut round,
        with_data(cmd(Level::Institution, TOWN_SCHOOL, Action::Confirm, TOWN_SCHOOL), 5, 0),
        "2024-11-09T09:00:00+07:00",
    );
    let p = pending(&round.rules(), round.state(), t("2024-11-09T10:00:00+07:00"), Some(UnitId::Province(58)));
    let school = p.iter().find(|u| u.code == SCHOOL).unwrap();
    assert_eq!(school.deadline, t("2024-11-08"));
    assert!(school.overdue);
    let lao_row = p.iter().find(|u| u.code == SAO && !u.headcounts).unwrap();
    assert!(!lao_row.overdue, "the LAO itself still has until 11 Nov");
}
