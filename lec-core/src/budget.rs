//! Budget headcounts (§7, cover letters, §9.2): who counts for which subsidy — general per-head
//! items, milk, lunch — under a year's [`BudgetPolicy`], and the amounts in satang where the
//! rates are known. Totals reconcile: a province is the sum of its LAOs, an LAO the sum of its
//! institutions and other-affiliation schools.

use crate::codes::InstitutionKind;
use crate::error::{Error, Result};
use crate::grade::Grade;
use crate::headcount::{HEADCOUNT_GRADES, HeadcountForm};
use crate::id::PersonId;
use crate::record::{Context, StudentRecord};
use crate::registry::Registry;
use crate::validate::{ValidatedRecord, Validator};
use crate::workflow::RoundState;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// Whether an item's rate is per day or per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// Per pupil per day (times the item's days).
    Day,
    /// Per pupil per year.
    Year,
}

/// One rate of an item: for some grades (all when absent) and, for tiered items, a range of the
/// school's enrolment. No `satang`: the rate is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRule {
    /// The grades it applies to (all the item's grades when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<Grade>>,
    /// The lowest enrolment of the tier (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrolment_min: Option<u64>,
    /// The highest enrolment of the tier (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrolment_max: Option<u64>,
    /// The rate in satang (1 baht = 100 satang); unknown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satang: Option<u64>,
    /// Where the rate (and its tier bounds) comes from, or why it is unknown: every figure of
    /// a shipped policy names one ([`BudgetPolicy::unsourced_figures`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why the rate is what it is, or why it is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A budget item (รายการงบประมาณ): who counts and at what rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetItem {
    /// A short stable id: `lunch`, `milk`, `teaching`, `uniforms`, …
    pub id: String,
    /// The Thai name.
    pub name_th: String,
    /// The English name.
    pub name_en: String,
    /// Where the figures come from.
    pub source: String,
    /// The grades that count.
    pub grades: Vec<Grade>,
    /// The kinds of LAO institution that count.
    pub institution_kinds: Vec<InstitutionKind>,
    /// Whether other-affiliation schools count (from their headcount forms).
    pub other_affiliation_schools: bool,
    /// Per day or per year.
    pub per: Per,
    /// Days a year, for a per-day item (unknown when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Where the days come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_source: Option<String>,
    /// For a tiered item: the grades whose counted heads make the school's enrolment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tier_enrolment_grades: Vec<Grade>,
    /// The rates; the first that matches a grade (and enrolment) applies.
    pub rates: Vec<RateRule>,
}

impl BudgetItem {
    /// The rate for a grade at a school of `enrolment`: `None` when no rule matches or the
    /// rule's rate is unknown.
    pub fn rate(&self, grade: Grade, enrolment: u64) -> Option<u64> {
        self.rates
            .iter()
            .find(|r| {
                r.grades.as_ref().is_none_or(|g| g.contains(&grade))
                    && r.enrolment_min.is_none_or(|m| enrolment >= m)
                    && r.enrolment_max.is_none_or(|m| enrolment <= m)
            })
            .and_then(|r| r.satang)
    }

    /// Whether every rate (and, per day, the days) is known.
    pub fn rate_known(&self) -> bool {
        !self.rates.is_empty()
            && self.rates.iter().all(|r| r.satang.is_some())
            && (self.per == Per::Year || self.days.is_some())
    }
}

/// What happens to a person recorded at two or more institutions (`ID_DUPLICATE_ACROSS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateResolution {
    /// Counted nowhere, listed as unresolved (no data says which record is right).
    Unresolved,
    /// Counted at the institution of the first record in input order.
    FirstSeen,
    /// Counted at the institution with the lowest code.
    LowestInstitutionCode,
}

/// Whose confirmation a record needs to count. The consequence of missing data falls on the LAO
/// that did not record (§9.2), so the shipped default is `lao`: a confirmed LAO's data counts
/// while another LAO keeps its province from confirming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationRequired {
    /// Not checked.
    None,
    /// The institution's (the LAO's headcount confirmation for other-affiliation schools).
    Institution,
    /// The institution's and its LAO's.
    Lao,
    /// The institution's, its LAO's and its province's.
    Province,
}

/// A year's budget policy, as data (`data/budget-2567.toml` ships with the library).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetPolicy {
    /// An id, e.g. `2567`.
    pub id: String,
    /// The academic year, BE.
    pub academic_year: u16,
    /// The fiscal years the academic year spans.
    #[serde(default)]
    pub fiscal_years: Vec<u16>,
    /// Whether learners with a G-code count (default yes: not found, facts.md).
    pub gcode_learners_count: bool,
    /// Persons recorded at several institutions.
    pub duplicate_resolution: DuplicateResolution,
    /// Whose confirmation records need to count.
    pub confirmation_required: ConfirmationRequired,
    /// The items.
    pub items: Vec<BudgetItem>,
}

/// The academic years whose budget policy ships with the library.
pub const BUILTIN_BUDGET_YEARS: &[u16] = &[2567];

/// A figure of a budget policy without a source: `item`'s `what` (`source`, `days`,
/// `rates[2]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnsourcedFigure {
    /// The item's id.
    pub item: String,
    /// Which figure: `source` (the item's own), `days`, or `rates[i]` (0-based).
    pub what: String,
}

impl BudgetPolicy {
    /// The figures that do not name their source: an item without a `source`, a per-day item
    /// whose `days` have no `days_source`, a rate with a `satang` value and no `source`, a rate
    /// left unknown with neither a `source` nor a `note` saying why. Empty for the shipped
    /// policies (a test keeps it so).
    pub fn unsourced_figures(&self) -> Vec<UnsourcedFigure> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        let mut out = Vec::new();
        for item in &self.items {
            let mut add = |what: String| out.push(UnsourcedFigure { item: item.id.clone(), what });
            if item.source.trim().is_empty() {
                add("source".to_owned());
            }
            if item.per == Per::Day && item.days.is_some() && blank(&item.days_source) {
                add("days".to_owned());
            }
            for (i, r) in item.rates.iter().enumerate() {
                let unsourced = if r.satang.is_some() { blank(&r.source) } else { blank(&r.source) && blank(&r.note) };
                if unsourced {
                    add(format!("rates[{i}]"));
                }
            }
        }
        out
    }

    /// The shipped policy of academic year 2567.
    pub fn y2567() -> Result<BudgetPolicy> {
        BudgetPolicy::from_toml(include_str!("../data/budget-2567.toml"))
    }

    /// A shipped policy by academic year; for another year an error (`CONFIG_INVALID`) whose
    /// message names the years that ship.
    pub fn builtin(academic_year: u16) -> Result<BudgetPolicy> {
        BudgetPolicy::builtin_named(&academic_year.to_string())
    }

    /// A shipped policy by the academic year as a caller wrote it (`2567`); anything that names
    /// no shipped year — another year, or no year at all (`-1`, `2567.5`) — is the same error,
    /// quoting what was given.
    pub fn builtin_named(academic_year: &str) -> Result<BudgetPolicy> {
        match academic_year.trim().parse::<u16>() {
            Ok(2567) => BudgetPolicy::y2567(),
            _ => {
                let known = BUILTIN_BUDGET_YEARS.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
                Err(Error::config(
                    format!("ไม่มีนโยบายงบประมาณของปีการศึกษา `{academic_year}` ในตัว (มีปี {known}): ระบุไฟล์นโยบายงบประมาณ"),
                    format!(
                        "no budget policy ships for academic year `{academic_year}` (there are {known}): give a budget policy file"
                    ),
                ))
            }
        }
    }

    /// Loads a policy from TOML.
    pub fn from_toml(text: &str) -> Result<BudgetPolicy> {
        let p: BudgetPolicy = toml::from_str(text).map_err(|e| {
            let e = e.to_string().trim().replace('\n', " ");
            Error::config(
                format!("อ่านนโยบายงบประมาณ (TOML) ไม่ได้: {e}"),
                format!("cannot read the budget policy (TOML): {e}"),
            )
        })?;
        p.validated()
    }

    /// Loads a policy from JSON.
    pub fn from_json(text: &str) -> Result<BudgetPolicy> {
        let p: BudgetPolicy = serde_json::from_str(text).map_err(|e| {
            Error::config(
                format!("อ่านนโยบายงบประมาณ (JSON) ไม่ได้: {e}"),
                format!("cannot read the budget policy (JSON): {e}"),
            )
        })?;
        p.validated()
    }

    fn validated(self) -> Result<BudgetPolicy> {
        let mut ids: Vec<&str> = self.items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w.first() == w.get(1)) {
            let id = w.first().copied().unwrap_or_default();
            return Err(Error::config(
                format!("รายการงบประมาณ `{id}` ซ้ำ"),
                format!("budget item `{id}` appears twice"),
            ));
        }
        for item in &self.items {
            for r in &item.rates {
                if let (Some(a), Some(b)) = (r.enrolment_min, r.enrolment_max)
                    && a > b
                {
                    return Err(Error::config(
                        format!("ช่วงจำนวนนักเรียนของ `{}` ไม่ถูกต้อง ({a}–{b})", item.id),
                        format!("the enrolment tier of `{}` is empty ({a}–{b})", item.id),
                    ));
                }
            }
        }
        Ok(self)
    }
}

/// Heads and amount of one item at one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemAmount {
    /// The item's id.
    pub item: String,
    /// Learners who count for it.
    pub heads: u64,
    /// The amount in satang; `None` when a rate (or the days) is unknown.
    pub amount_satang: Option<u64>,
}

/// The budget of one unit: an institution, an other-affiliation school, an LAO, a province or
/// the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitBudget {
    /// `institution`, `school`, `lao`, `province` or `total`.
    pub level: &'static str,
    /// The unit's code.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// For an institution or school: why it counts for nothing — `inactive` (registry status),
    /// `not_confirmed`, `has_errors`,
    /// or, for a school whose amounts are then unknown (`null`), `no_form` / `form_has_errors`
    /// (a school entered twice has no usable form).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<&'static str>,
    /// Whether the unit has confirmed (an institution its records, a school its LAO's
    /// headcounts, an LAO, a province), when a round's state was given; `None` otherwise and
    /// for the total. A budget counts confirmed LAOs' data whether or not their province has
    /// confirmed (policy `confirmation_required`): this says which provinces have.
    pub confirmed: Option<bool>,
    /// Learners who count, by grade.
    pub heads_by_grade: BTreeMap<Grade, u64>,
    /// Per item, in the policy's order.
    pub items: Vec<ItemAmount>,
}

/// What happened to the records given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordTally {
    /// Records given.
    pub rows: u64,
    /// Records that count.
    pub counted: u64,
    /// Removed / not-existing records (never count).
    pub removed: u64,
    /// Records with an `error` finding of their own, or of an institution with one.
    pub with_errors: u64,
    /// Records of institutions not (yet) confirmed.
    pub not_confirmed: u64,
    /// Records of institutions not in the registry.
    pub unregistered: u64,
    /// Records of inactive institutions (registry `status` inactive, closed or merged, or an
    /// inactive LAO or province): an inactive unit counts for nothing.
    pub inactive: u64,
    /// G-code learners left out by the policy.
    pub gcode_excluded: u64,
    /// Records of a person recorded elsewhere too, not counted here.
    pub duplicates_not_counted: u64,
}

/// A person recorded at several institutions whom the policy could not place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnresolvedDuplicate {
    /// The identity (masked unless the context asked otherwise).
    pub person: String,
    /// The institutions, by code.
    pub institutions: Vec<String>,
}

/// An item as the summary describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemInfo {
    /// The id.
    pub id: String,
    /// The Thai name.
    pub name_th: String,
    /// The English name.
    pub name_en: String,
    /// Whether every rate is known (else amounts are `null` where it is needed).
    pub rate_known: bool,
}

/// The budget summary: per institution / school, LAO, province and in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetSummary {
    /// The policy's id.
    pub policy: String,
    /// The academic year.
    pub academic_year: u16,
    /// Whether confirmations were checked (a round state was given and the policy asks).
    pub confirmation_checked: bool,
    /// The items.
    pub items: Vec<ItemInfo>,
    /// Every registered institution.
    pub institutions: Vec<UnitBudget>,
    /// Every other-affiliation school (registered, or with a form).
    pub schools: Vec<UnitBudget>,
    /// Every LAO.
    pub laos: Vec<UnitBudget>,
    /// Every province.
    pub provinces: Vec<UnitBudget>,
    /// The whole data set.
    pub total: UnitBudget,
    /// What happened to the records.
    pub records: RecordTally,
    /// Persons recorded at several institutions and counted nowhere.
    pub unresolved_duplicates: Vec<UnresolvedDuplicate>,
}

/// Everything a summary is computed from.
#[derive(Debug, Clone, Copy)]
pub struct BudgetInput<'a> {
    /// The registry of units.
    pub registry: &'a Registry,
    /// The record rules' context (policy, year, masking); its registry is not needed.
    pub context: Context<'a>,
    /// The checked headcount forms of other-affiliation schools.
    pub headcounts: &'a [HeadcountForm],
    /// The round's confirmation state, when confirmations are to be checked.
    pub confirmations: Option<&'a RoundState>,
}

/// What pass 1 keeps of a record.
#[derive(Debug, Clone, Copy)]
struct Kept {
    institution: u32,
    grade: Grade,
    person: Option<PersonId>,
    own_error: bool,
}

/// Summarises records (streamed: only a small entry per record is kept) and headcount forms
/// under a budget policy.
pub fn summarise<R: Borrow<StudentRecord>>(
    input: &BudgetInput<'_>,
    records: impl IntoIterator<Item = R>,
    policy: &BudgetPolicy,
) -> BudgetSummary {
    let mut ctx = input.context;
    ctx.registry = Some(input.registry);
    // the one validator, listing nothing: only what each record counts as is needed
    let mut v = Validator::new(ctx).keep_records().list_limit(0);
    let file = v.begin_file("<records>", None);
    for (i, r) in records.into_iter().enumerate() {
        v.push(file, i as u64 + 1, r.borrow());
    }
    let (_, validated) = v.finish_with_records();
    summarise_validated(input, &validated, policy)
}

/// The summary of records already validated — by a [`Validator`] with
/// [`Validator::keep_records`] that read the student files against `input.registry` — so that
/// nothing is validated twice and duplicates come from the validator's one index.
pub fn summarise_validated(
    input: &BudgetInput<'_>,
    records: &[ValidatedRecord],
    policy: &BudgetPolicy,
) -> BudgetSummary {
    let reg = input.registry;
    let ctx = input.context;
    let institutions: Vec<_> = reg.institutions().collect();
    let index: FxHashMap<u64, u32> =
        institutions.iter().enumerate().map(|(i, u)| (u.code.as_u64(), i as u32)).collect();
    let inst_active: Vec<bool> = institutions.iter().map(|u| reg.institution_active(u.code)).collect();
    let mut tally = RecordTally::default();
    let mut inst_error = vec![false; institutions.len()];
    let mut kept: Vec<Kept> = Vec::new();
    // the kept index of each record, for the duplicates below
    let mut kept_at: Vec<Option<u32>> = Vec::with_capacity(records.len());
    // persons seen before (by the validator's index): the root record and the kept duplicates
    let mut groups: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (n, r) in records.iter().enumerate() {
        tally.rows += 1;
        kept_at.push(None);
        if r.status == crate::record::RecordStatus::Removed {
            tally.removed += 1;
            continue;
        }
        let Some(i) = r.institution.and_then(|c| index.get(&c.as_u64()).copied()) else {
            tally.unregistered += 1;
            continue;
        };
        // an inactive unit counts for nothing, and its records place nobody elsewhere either
        if !inst_active.get(i as usize).copied().unwrap_or(true) {
            tally.inactive += 1;
            continue;
        }
        // a registered institution's record with an unknown grade has an error and never counts
        let own_error = r.status == crate::record::RecordStatus::HasErrors;
        if own_error && let Some(e) = inst_error.get_mut(i as usize) {
            *e = true;
        }
        let k = kept.len() as u32;
        if let Some(slot) = kept_at.get_mut(n) {
            *slot = Some(k);
        }
        if let Some(first) = r.first_of_person {
            groups.entry(first).or_default().push(k);
        }
        kept.push(Kept {
            institution: i,
            grade: r.grade.unwrap_or(Grade::ChildDevelopment),
            person: r.person,
            own_error,
        });
    }
    // duplicates: within an institution an error of that institution; across institutions
    // resolved by the policy (a group: the kept records of one person, in arrival order)
    let mut by_person: Vec<Vec<u32>> = Vec::with_capacity(groups.len());
    let mut roots: Vec<(u32, Vec<u32>)> = groups.into_iter().collect();
    roots.sort_unstable_by_key(|(root, _)| *root);
    for (root, rest) in roots {
        let mut recs: Vec<u32> = kept_at.get(root as usize).copied().flatten().into_iter().collect();
        recs.extend(rest);
        if recs.len() > 1 {
            by_person.push(recs);
        }
    }
    let mut not_counted_dup = vec![false; kept.len()];
    let mut unresolved = Vec::new();
    for recs in &by_person {
        let insts: Vec<u32> = recs.iter().filter_map(|&k| kept.get(k as usize).map(|r| r.institution)).collect();
        // within one institution: the later records are duplicates, an error of that institution
        let mut seen: Vec<u32> = Vec::new();
        for (&k, &i) in recs.iter().zip(&insts) {
            if seen.contains(&i) {
                if let Some(e) = inst_error.get_mut(i as usize) {
                    *e = true;
                }
                if let Some(n) = not_counted_dup.get_mut(k as usize) {
                    *n = true;
                }
            } else {
                seen.push(i);
            }
        }
        if seen.len() < 2 {
            continue;
        }
        let keep: Option<u32> = match policy.duplicate_resolution {
            DuplicateResolution::Unresolved => None,
            DuplicateResolution::FirstSeen => seen.first().copied(),
            DuplicateResolution::LowestInstitutionCode => {
                seen.iter().copied().min_by_key(|i| institutions.get(*i as usize).map(|u| u.code.as_u64()))
            }
        };
        for (&k, &i) in recs.iter().zip(&insts) {
            if Some(i) != keep
                && let Some(n) = not_counted_dup.get_mut(k as usize)
            {
                *n = true;
            }
        }
        if keep.is_none() {
            let person = recs
                .first()
                .and_then(|&k| kept.get(k as usize))
                .and_then(|r| r.person)
                .map(|p| p.display(ctx.unmasked))
                .unwrap_or_default();
            let mut codes: Vec<String> =
                seen.iter().filter_map(|i| institutions.get(*i as usize)).map(|u| u.code.digits()).collect();
            codes.sort();
            unresolved.push(UnresolvedDuplicate { person, institutions: codes });
        }
    }
    unresolved.sort_by(|a, b| a.institutions.cmp(&b.institutions).then(a.person.cmp(&b.person)));

    let state = input.confirmations.filter(|_| policy.confirmation_required != ConfirmationRequired::None);
    let confirmed_inst = |i: &crate::registry::InstitutionUnit| -> bool {
        let Some(st) = state else { return true };
        let lvl = policy.confirmation_required;
        st.institution_confirmed(i.code)
            && (lvl < ConfirmationRequired::Lao || st.lao_confirmed(i.lao))
            && (lvl < ConfirmationRequired::Province
                || reg.lao(i.lao).is_some_and(|l| st.province_confirmed(l.province)))
    };
    let mut heads: Vec<BTreeMap<Grade, u64>> = vec![BTreeMap::new(); institutions.len()];
    let excluded: Vec<Option<&'static str>> = institutions
        .iter()
        .zip(&inst_error)
        .zip(&inst_active)
        .map(|((u, &err), &active)| {
            if !active {
                Some("inactive")
            } else if !confirmed_inst(u) {
                Some("not_confirmed")
            } else if err {
                Some("has_errors")
            } else {
                None
            }
        })
        .collect();
    for (k, rec) in kept.iter().enumerate() {
        let ex = excluded.get(rec.institution as usize).copied().flatten();
        if rec.own_error || ex == Some("has_errors") {
            tally.with_errors += 1;
        } else if ex == Some("not_confirmed") {
            tally.not_confirmed += 1;
        } else if not_counted_dup.get(k).copied().unwrap_or(false) {
            tally.duplicates_not_counted += 1;
        } else if !policy.gcode_learners_count && rec.person.is_some_and(|p| p.kind() == crate::id::IdKind::Gcode) {
            tally.gcode_excluded += 1;
        } else if let Some(h) = heads.get_mut(rec.institution as usize) {
            *h.entry(rec.grade).or_default() += 1;
            tally.counted += 1;
        }
    }

    let mut inst_budgets: Vec<UnitBudget> = institutions
        .iter()
        .zip(heads)
        .zip(&excluded)
        .map(|((u, h), ex)| {
            let items = policy
                .items
                .iter()
                .map(|item| item_amount(item, item.institution_kinds.contains(&u.kind), &h))
                .collect();
            UnitBudget {
                level: "institution",
                code: u.code.digits(),
                name: u.name.clone(),
                excluded: *ex,
                confirmed: input.confirmations.map(|st| st.institution_confirmed(u.code)),
                heads_by_grade: h,
                items,
            }
        })
        .collect();
    inst_budgets.sort_by(|a, b| a.code.cmp(&b.code));

    // other-affiliation schools: registered ones and any with a form
    let headcounts_confirmed = |lao: crate::codes::LaoCode| -> bool {
        let Some(st) = state else { return true };
        st.headcounts_confirmed(lao)
            && (policy.confirmation_required < ConfirmationRequired::Province
                || reg.lao(lao).is_some_and(|l| st.province_confirmed(l.province)))
    };
    let headcounts_state = |lao: crate::codes::LaoCode| input.confirmations.map(|st| st.headcounts_confirmed(lao));
    let mut school_budgets: BTreeMap<String, (crate::codes::LaoCode, UnitBudget)> = BTreeMap::new();
    for s in reg.other_schools() {
        let mut b = if reg.other_school_active(s.code) {
            unit_without_form("school", s.code.digits(), s.name.clone(), "no_form", policy)
        } else {
            inactive_unit("school", s.code.digits(), s.name.clone(), policy)
        };
        b.confirmed = headcounts_state(s.lao);
        school_budgets.insert(s.code.digits(), (s.lao, b));
    }
    // a school entered on two or more forms has no usable form: which one is right is unknown
    let mut forms_of_school: FxHashMap<crate::codes::SchoolId, u32> = FxHashMap::default();
    for form in input.headcounts {
        if let (Some(school), Some(_)) = (form.school, form.lao) {
            *forms_of_school.entry(school).or_default() += 1;
        }
    }
    for form in input.headcounts {
        let (Some(school), Some(lao)) = (form.school, form.lao) else { continue };
        // an inactive school (or LAO) counts for nothing, whatever a form says
        if reg.lao(lao).is_none()
            || !reg.lao_active(lao)
            || reg.other_school(school).is_some_and(|_| !reg.other_school_active(school))
        {
            continue;
        }
        let code = school.digits();
        let name = reg.other_school(school).map_or_else(|| form.school_name.clone(), |s| s.name.clone());
        let twice = forms_of_school.get(&school).is_some_and(|&n| n > 1);
        if form.has_errors || twice {
            let mut b = unit_without_form("school", code.clone(), name, "form_has_errors", policy);
            b.confirmed = headcounts_state(lao);
            school_budgets.insert(code, (lao, b));
            continue;
        }
        let excluded = if !headcounts_confirmed(lao) { Some("not_confirmed") } else { None };
        let mut h = BTreeMap::new();
        if excluded.is_none() {
            for g in HEADCOUNT_GRADES {
                let n = u64::from(form.count(g));
                if n > 0 {
                    h.insert(g, n);
                }
            }
        }
        let items = policy.items.iter().map(|item| item_amount(item, item.other_affiliation_schools, &h)).collect();
        let confirmed = headcounts_state(lao);
        school_budgets.insert(
            code.clone(),
            (lao, UnitBudget { level: "school", code, name, excluded, confirmed, heads_by_grade: h, items }),
        );
    }

    // LAOs, provinces, total
    let by_code: FxHashMap<&str, &UnitBudget> = inst_budgets.iter().map(|b| (b.code.as_str(), b)).collect();
    let mut lao_budgets = Vec::new();
    for l in reg.laos() {
        let mut parts: Vec<&UnitBudget> =
            reg.institutions_of(l.code).iter().filter_map(|i| by_code.get(i.digits().as_str()).copied()).collect();
        parts.extend(school_budgets.values().filter(|(lao, _)| *lao == l.code).map(|(_, b)| b));
        let mut b = sum_units("lao", l.code.login(), l.name.clone(), &parts, policy);
        b.confirmed = input.confirmations.map(|st| st.lao_confirmed(l.code));
        lao_budgets.push(b);
    }
    let lao_by_code: FxHashMap<String, &UnitBudget> = lao_budgets.iter().map(|b| (b.code.clone(), b)).collect();
    let mut province_budgets = Vec::new();
    for p in reg.provinces() {
        let parts: Vec<&UnitBudget> =
            reg.laos_of(p.code).iter().filter_map(|l| lao_by_code.get(&l.login()).copied()).collect();
        let mut b = sum_units("province", format!("{:02}", p.code), p.name.clone(), &parts, policy);
        b.confirmed = input.confirmations.map(|st| st.province_confirmed(p.code));
        province_budgets.push(b);
    }
    let parts: Vec<&UnitBudget> = province_budgets.iter().collect();
    let total = sum_units("total", String::new(), String::new(), &parts, policy);
    BudgetSummary {
        policy: policy.id.clone(),
        academic_year: policy.academic_year,
        confirmation_checked: state.is_some(),
        items: policy
            .items
            .iter()
            .map(|i| ItemInfo {
                id: i.id.clone(),
                name_th: i.name_th.clone(),
                name_en: i.name_en.clone(),
                rate_known: i.rate_known(),
            })
            .collect(),
        institutions: inst_budgets,
        schools: school_budgets.into_values().map(|(_, b)| b).collect(),
        laos: lao_budgets,
        provinces: province_budgets,
        total,
        records: tally,
        unresolved_duplicates: unresolved,
    }
}

/// An other-affiliation school without an error-free form: nobody is known to count, so an item
/// that counts such schools has an unknown amount (`None`), never 0; other items are 0.
fn unit_without_form(
    level: &'static str,
    code: String,
    name: String,
    excluded: &'static str,
    policy: &BudgetPolicy,
) -> UnitBudget {
    let items = policy
        .items
        .iter()
        .map(|i| ItemAmount {
            item: i.id.clone(),
            heads: 0,
            amount_satang: if i.other_affiliation_schools { None } else { Some(0) },
        })
        .collect();
    UnitBudget { level, code, name, excluded: Some(excluded), confirmed: None, heads_by_grade: BTreeMap::new(), items }
}

/// An inactive unit (registry `status`): counts for nothing, every amount 0.
fn inactive_unit(level: &'static str, code: String, name: String, policy: &BudgetPolicy) -> UnitBudget {
    let items =
        policy.items.iter().map(|i| ItemAmount { item: i.id.clone(), heads: 0, amount_satang: Some(0) }).collect();
    UnitBudget {
        level,
        code,
        name,
        excluded: Some("inactive"),
        confirmed: None,
        heads_by_grade: BTreeMap::new(),
        items,
    }
}

/// Heads and amount of an item at one institution or school.
fn item_amount(item: &BudgetItem, kind_counts: bool, heads: &BTreeMap<Grade, u64>) -> ItemAmount {
    if !kind_counts {
        return ItemAmount { item: item.id.clone(), heads: 0, amount_satang: Some(0) };
    }
    let enrolment: u64 = item.tier_enrolment_grades.iter().filter_map(|g| heads.get(g)).sum();
    let mut total_heads = 0u64;
    let mut amount: Option<u64> = Some(0);
    let days = match item.per {
        Per::Day => item.days.map(u64::from),
        Per::Year => Some(1),
    };
    for g in &item.grades {
        let n = heads.get(g).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        total_heads += n;
        let part = item.rate(*g, enrolment).zip(days).and_then(|(r, d)| n.checked_mul(r)?.checked_mul(d));
        amount = amount.zip(part).and_then(|(a, p)| a.checked_add(p));
    }
    ItemAmount { item: item.id.clone(), heads: total_heads, amount_satang: amount }
}

/// The sum of some units (an LAO of its institutions and schools, …): heads add up, amounts
/// add up and are unknown when any part's is.
fn sum_units(
    level: &'static str,
    code: String,
    name: String,
    parts: &[&UnitBudget],
    policy: &BudgetPolicy,
) -> UnitBudget {
    let mut heads: BTreeMap<Grade, u64> = BTreeMap::new();
    for p in parts {
        for (g, n) in &p.heads_by_grade {
            *heads.entry(*g).or_default() += n;
        }
    }
    let items = policy
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut h = 0u64;
            let mut a: Option<u64> = Some(0);
            for p in parts {
                if let Some(x) = p.items.get(i) {
                    h += x.heads;
                    a = a.zip(x.amount_satang).and_then(|(s, v)| s.checked_add(v));
                }
            }
            ItemAmount { item: item.id.clone(), heads: h, amount_satang: a }
        })
        .collect();
    UnitBudget { level, code, name, excluded: None, confirmed: None, heads_by_grade: heads, items }
}
