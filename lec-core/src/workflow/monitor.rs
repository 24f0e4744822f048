//! Monitoring (§3, §9.1, §9.4): who has not confirmed yet, whether it has recorded anything,
//! the deadline each faces and whom it waits for, each institution's last spot check; and the
//! province's deterministic random spot-check sample.

use super::{BangkokTime, Level, RoundState, Rules, SpotCheckRecord, UnitId};
use crate::codes::InstitutionCode;
use serde::Serialize;

/// A unit that has not confirmed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingUnit {
    /// The unit's level (`institution`, `lao`, `province`); `headcounts` is `true` for an
    /// LAO's other-affiliation headcounts.
    pub level: Level,
    /// Whether this is an LAO's headcount confirmation.
    pub headcounts: bool,
    /// The unit's code.
    pub code: String,
    /// The unit's registered name.
    pub name: String,
    /// The deadline it faces.
    pub deadline: BangkokTime,
    /// The deadline has passed (and it may not confirm late).
    pub overdue: bool,
    /// Its confirmation was cancelled (or withdrawn): it may still confirm until the close.
    pub may_confirm_late: bool,
    /// The units below it that have not confirmed (it cannot confirm before they do).
    pub waiting_for: Vec<String>,
    /// It has recorded something (§9.2 tells a unit that recorded nothing apart from one that
    /// recorded but has not confirmed): an institution (or an LAO's headcounts) whose last data
    /// status holds a record; an LAO one of whose institutions has; a province one of whose LAOs
    /// has (institutions or headcounts).
    pub recorded: bool,
    /// An institution's last spot check by its province (§9.4), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_spot_check: Option<SpotCheckRecord>,
}

/// The pending units of a round at `now`, optionally within one unit's subtree (a province,
/// an LAO): institutions, LAOs (and their headcounts), provinces, in registry order. Units the
/// registry marks as taking no part this round are not listed; an institution faces its LAO's
/// own institution deadline when the calendar gives one.
pub fn pending(rules: &Rules<'_>, state: &RoundState, now: BangkokTime, within: Option<UnitId>) -> Vec<PendingUnit> {
    let reg = rules.registry;
    let cal = rules.calendar;
    let mut out = Vec::new();
    let provinces: Vec<u8> = match within {
        None => reg.provinces().map(|p| p.code).collect(),
        Some(UnitId::Province(p)) => vec![p],
        Some(UnitId::Lao(l)) => reg.lao(l).map(|u| vec![u.province]).unwrap_or_default(),
        Some(UnitId::Institution(i)) => {
            reg.institution(i).and_then(|u| reg.lao(u.lao)).map(|u| vec![u.province]).unwrap_or_default()
        }
    };
    let overdue =
        |deadline: BangkokTime, late: bool| now > deadline && !(late && rules.policy.late_reconfirm_after_cancel);
    let inst_recorded = |i: InstitutionCode| state.get(super::Target::Unit(UnitId::Institution(i))).recorded();
    let lao_recorded = |l: crate::codes::LaoCode| {
        reg.active_institutions_of(l).any(inst_recorded) || state.get(super::Target::Headcounts(l)).recorded()
    };
    for p in provinces {
        if !reg.province_active(p) {
            continue;
        }
        let laos: Vec<_> = reg
            .active_laos_of(p)
            .filter(|l| match within {
                Some(UnitId::Lao(w)) => *l == w,
                Some(UnitId::Institution(i)) => reg.institution(i).is_some_and(|u| u.lao == *l),
                _ => true,
            })
            .collect();
        for &l in &laos {
            let inst_deadline = cal.institution_deadline_of(l);
            for i in reg.active_institutions_of(l) {
                if within.is_some_and(|w| matches!(w, UnitId::Institution(x) if x != i)) {
                    continue;
                }
                let st = state.get(super::Target::Unit(UnitId::Institution(i)));
                if !st.confirmed {
                    out.push(PendingUnit {
                        level: Level::Institution,
                        headcounts: false,
                        code: i.digits(),
                        name: reg.institution(i).map(|u| u.name.clone()).unwrap_or_default(),
                        deadline: inst_deadline,
                        overdue: overdue(inst_deadline, st.may_reconfirm_late),
                        may_confirm_late: st.may_reconfirm_late && rules.policy.late_reconfirm_after_cancel,
                        waiting_for: Vec::new(),
                        recorded: st.recorded(),
                        last_spot_check: state.spot_checks.get(&i.digits()).cloned(),
                    });
                }
            }
            if matches!(within, Some(UnitId::Institution(_))) {
                continue;
            }
            let name = reg.lao(l).map(|u| u.name.clone()).unwrap_or_default();
            let st = state.get(super::Target::Unit(UnitId::Lao(l)));
            if !st.confirmed {
                out.push(PendingUnit {
                    level: Level::Lao,
                    headcounts: false,
                    code: l.login(),
                    name: name.clone(),
                    deadline: cal.lao_deadline,
                    overdue: overdue(cal.lao_deadline, st.may_reconfirm_late),
                    may_confirm_late: st.may_reconfirm_late && rules.policy.late_reconfirm_after_cancel,
                    waiting_for: super::waiting_for(rules, state, UnitId::Lao(l)),
                    recorded: lao_recorded(l),
                    last_spot_check: None,
                });
            }
            let hc = state.get(super::Target::Headcounts(l));
            if reg.active_other_schools_of(l).next().is_some() && !hc.confirmed {
                out.push(PendingUnit {
                    level: Level::Lao,
                    headcounts: true,
                    code: l.login(),
                    name,
                    deadline: cal.lao_deadline,
                    overdue: overdue(cal.lao_deadline, hc.may_reconfirm_late),
                    may_confirm_late: hc.may_reconfirm_late && rules.policy.late_reconfirm_after_cancel,
                    waiting_for: Vec::new(),
                    recorded: hc.recorded(),
                    last_spot_check: None,
                });
            }
        }
        if matches!(within, Some(UnitId::Lao(_) | UnitId::Institution(_))) {
            continue;
        }
        let st = state.get(super::Target::Unit(UnitId::Province(p)));
        if !st.confirmed {
            let waiting = super::waiting_for(rules, state, UnitId::Province(p));
            out.push(PendingUnit {
                level: Level::Province,
                headcounts: false,
                code: format!("{p:02}"),
                name: reg.province(p).map(|u| u.name.clone()).unwrap_or_default(),
                deadline: cal.province_deadline,
                overdue: overdue(cal.province_deadline, st.may_reconfirm_late),
                may_confirm_late: st.may_reconfirm_late && rules.policy.late_reconfirm_after_cancel,
                waiting_for: waiting,
                recorded: reg.active_laos_of(p).any(lao_recorded),
                last_spot_check: None,
            });
        }
    }
    out
}

/// SplitMix64: a tiny generator with the same output on every platform and in every binding.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias (rejection sampling).
    fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next();
            if x < zone {
                return x % n;
            }
        }
    }
}

/// The province's random spot-check sample (§9.4): `size` institutions of the province (all
/// of them when it has fewer), drawn without replacement from its active institutions in code order
/// by SplitMix64 seeded with `seed` — the same seed gives the same sample on every platform.
pub fn spot_check_sample(rules: &Rules<'_>, province: u8, size: usize, seed: u64) -> Vec<InstitutionCode> {
    let reg = rules.registry;
    let mut all: Vec<InstitutionCode> =
        reg.laos_of(province).iter().flat_map(|l| reg.active_institutions_of(*l)).collect();
    all.sort();
    let mut rng = SplitMix64(seed ^ u64::from(province).wrapping_mul(0x0100_0000_01B3));
    let take = size.min(all.len());
    for i in 0..take {
        let j = i + rng.below((all.len() - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(take);
    all
}
