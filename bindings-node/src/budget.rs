//! Budget policies and budget summaries: every rule is `lec_core::budget`'s; this module only
//! translates.
//!
//! Amounts are satang (1 baht = 100 satang) as JavaScript numbers, not `bigint`s: a number is
//! exact up to 2^53 − 1 satang (about 90 trillion baht, some 25 times Thailand's whole annual
//! budget), it survives `JSON.stringify` (a `bigint` throws there) and it adds up with `+`. A
//! policy or summary with a figure beyond that is refused with `CONFIG_INVALID` rather than
//! rounded.

use crate::errors::{MAX_SAFE_INTEGER, guarded, invalid_value, out_of_range, rejection, throw, unreadable, whole};
use crate::headcount::{HeadcountReport, Headcounts, check_files};
use crate::options::{DEFAULT_YEAR, Policy, Registry, RegistrySource, policy, year};
use crate::report::count;
use crate::validate::{record, type_error};
use crate::workflow::Round;
use lec_core::budget as bg;
use lec_core::{Grade, StudentRecord};
use napi::Task;
use napi::bindgen_prelude::{AsyncTask, ClassInstance, Either, Either3, Env, Object, Unknown};
use napi_derive::napi;
use std::collections::BTreeMap;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// the policy

/// What happens to a person recorded at two or more institutions (`ID_DUPLICATE_ACROSS`).
#[napi(string_enum = "snake_case")]
pub enum DuplicateResolution {
    /// Counted nowhere and listed as unresolved (no data says which record is right).
    Unresolved,
    /// Counted at the institution of the first record in input order.
    FirstSeen,
    /// Counted at the institution with the lowest code.
    LowestInstitutionCode,
}

/// Whose confirmation a record needs to count: `none` (not checked), `institution` (its
/// institution's; for other-affiliation schools their LAO's headcount confirmation), `lao` (and
/// its LAO's), `province` (and its province's).
#[napi(string_enum = "snake_case")]
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

/// Whether an item's rate is per pupil per day (times the item's `days`) or per pupil per year.
#[napi(string_enum = "lowercase")]
pub enum Per {
    /// Per pupil per day.
    Day,
    /// Per pupil per year.
    Year,
}

/// One rate of a budget item: for some `grades` (all the item's when `null`) and, for a tiered
/// item, a range of the school's enrolment.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct RateRule {
    /// The grade codes it applies to (`null`: all the item's grades).
    pub grades: Option<Vec<String>>,
    /// The lowest enrolment of the tier (inclusive).
    pub enrolment_min: Option<i64>,
    /// The highest enrolment of the tier (inclusive).
    pub enrolment_max: Option<i64>,
    /// The rate in satang (1 baht = 100 satang); `null` when unknown.
    pub satang: Option<i64>,
    /// Where the rate comes from, or why it is unknown.
    pub source: Option<String>,
    /// Why the rate is what it is, or why it is unknown.
    pub note: Option<String>,
}

#[doc = " รายการงบประมาณ — a budget item (lunch, milk, a per-head item, …): who counts and at what"]
/// rate, with the source of every figure.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct BudgetItem {
    /// A short stable id: `lunch`, `milk`, `teaching`, `uniforms`, …
    pub id: String,
    /// The Thai name.
    pub name_th: String,
    /// The English name.
    pub name_en: String,
    /// Where the figures come from.
    pub source: String,
    /// The grade codes that count (`K1`, `P1`, …).
    pub grades: Vec<String>,
    /// The kinds of LAO institution that count.
    #[napi(ts_type = "Array<'school' | 'college' | 'cdc'>")]
    pub institution_kinds: Vec<String>,
    /// Whether other-affiliation schools count (from their headcount forms).
    pub other_affiliation_schools: bool,
    /// Per pupil per day or per year.
    pub per: Per,
    /// Days a year, for a per-day item (`null`: unknown).
    pub days: Option<u32>,
    /// Where the days come from.
    pub days_source: Option<String>,
    /// For a tiered item: the grade codes whose counted heads make the school's enrolment.
    pub tier_enrolment_grades: Vec<String>,
    /// The rates; the first that matches a grade (and enrolment) applies.
    pub rates: Vec<RateRule>,
    /// Whether every rate (and, per day, the days) is known: only then does a summary give
    /// amounts for the item.
    pub rate_known: bool,
}

fn codes(grades: &[Grade]) -> Vec<String> {
    grades.iter().map(|g| g.code().to_owned()).collect()
}

/// A figure of a loaded policy as a JavaScript number (checked on load to be exact).
fn number(n: u64) -> i64 {
    count(n)
}

impl From<&bg::BudgetItem> for BudgetItem {
    fn from(i: &bg::BudgetItem) -> BudgetItem {
        BudgetItem {
            id: i.id.clone(),
            name_th: i.name_th.clone(),
            name_en: i.name_en.clone(),
            source: i.source.clone(),
            grades: codes(&i.grades),
            institution_kinds: i.institution_kinds.iter().map(|k| k.token().to_owned()).collect(),
            other_affiliation_schools: i.other_affiliation_schools,
            per: match i.per {
                bg::Per::Day => Per::Day,
                bg::Per::Year => Per::Year,
            },
            days: i.days,
            days_source: i.days_source.clone(),
            tier_enrolment_grades: codes(&i.tier_enrolment_grades),
            rates: i
                .rates
                .iter()
                .map(|r| RateRule {
                    grades: r.grades.as_deref().map(codes),
                    enrolment_min: r.enrolment_min.map(number),
                    enrolment_max: r.enrolment_max.map(number),
                    satang: r.satang.map(number),
                    source: r.source.clone(),
                    note: r.note.clone(),
                })
                .collect(),
            rate_known: i.rate_known(),
        }
    }
}

#[doc = " นโยบายงบประมาณ — a year's budget policy, as data: for each item (lunch, milk, the per-head"]
/// items, …) which grades and institution kinds count, the rates in satang and the source of
/// every figure; unknown figures are marked unknown, never invented. Whether G-code learners
/// count, what happens to a person recorded at two institutions, whose confirmation records
/// need.
///
/// `BudgetPolicy.builtin(2567)` ships with the library; `fromToml`, `fromJson` and `fromFile`
/// load another (a rate or enrolment bound above 2^53 − 1 is refused: JavaScript numbers could
/// not hold it exactly). `JSON.stringify(policy)` writes the policy file's keys back.
#[napi]
pub struct BudgetPolicy {
    pub(crate) inner: Arc<bg::BudgetPolicy>,
}

#[napi]
impl BudgetPolicy {
    /// The policy shipped for an academic year, BE (default 2567). Throws an
    /// `InvalidConfigError` (`CONFIG_INVALID`) when none ships for that year.
    #[napi(catch_unwind, factory)]
    pub fn builtin(env: &Env, academic_year: Option<f64>) -> napi::Result<BudgetPolicy> {
        builtin(academic_year.unwrap_or(f64::from(DEFAULT_YEAR))).map_err(|e| throw(env, &e))
    }

    /// Loads a policy from TOML text (as `lec-core/data/budget-2567.toml`). Throws an
    /// `InvalidConfigError` when it is not a budget policy.
    #[napi(catch_unwind, factory)]
    pub fn from_toml(env: &Env, text: String) -> napi::Result<BudgetPolicy> {
        bg::BudgetPolicy::from_toml(&text).and_then(BudgetPolicy::wrap).map_err(|e| throw(env, &e))
    }

    /// Loads a policy from JSON text (the same keys, as `JSON.stringify(policy)` writes them).
    /// Throws an `InvalidConfigError` when it is not a budget policy.
    #[napi(catch_unwind, factory)]
    pub fn from_json(env: &Env, text: String) -> napi::Result<BudgetPolicy> {
        bg::BudgetPolicy::from_json(&text).and_then(BudgetPolicy::wrap).map_err(|e| throw(env, &e))
    }

    /// Loads a policy file: JSON when its name ends in `.json`, TOML otherwise (as `lec budget
    /// --budget-policy`). Throws a `FileError` (`FILE_UNREADABLE`) when it cannot be read, an
    /// `InvalidConfigError` when it is not a budget policy.
    #[napi(catch_unwind, factory)]
    pub fn from_file(env: &Env, path: String) -> napi::Result<BudgetPolicy> {
        let bytes = std::fs::read(&path).map_err(|e| throw(env, &unreadable(&path, &e)))?;
        let text = String::from_utf8_lossy(&bytes);
        let json = std::path::Path::new(&path).extension().is_some_and(|x| x.eq_ignore_ascii_case("json"));
        let policy = if json { bg::BudgetPolicy::from_json(&text) } else { bg::BudgetPolicy::from_toml(&text) };
        policy.and_then(BudgetPolicy::wrap).map_err(|e| throw(env, &e))
    }

    /// An id, e.g. `2567`.
    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    #[doc = " ปีการศึกษา — the academic year, BE."]
    #[napi(getter)]
    pub fn academic_year(&self) -> u32 {
        u32::from(self.inner.academic_year)
    }

    /// The fiscal years the academic year spans.
    #[napi(getter)]
    pub fn fiscal_years(&self) -> Vec<u32> {
        self.inner.fiscal_years.iter().map(|y| u32::from(*y)).collect()
    }

    /// Whether learners with a G-code count.
    #[napi(getter)]
    pub fn gcode_learners_count(&self) -> bool {
        self.inner.gcode_learners_count
    }

    /// What happens to a person recorded at several institutions.
    #[napi(getter)]
    pub fn duplicate_resolution(&self) -> DuplicateResolution {
        match self.inner.duplicate_resolution {
            bg::DuplicateResolution::Unresolved => DuplicateResolution::Unresolved,
            bg::DuplicateResolution::FirstSeen => DuplicateResolution::FirstSeen,
            bg::DuplicateResolution::LowestInstitutionCode => DuplicateResolution::LowestInstitutionCode,
        }
    }

    /// Whose confirmation records need to count (checked when `summarise` is given a round).
    #[napi(getter)]
    pub fn confirmation_required(&self) -> ConfirmationRequired {
        match self.inner.confirmation_required {
            bg::ConfirmationRequired::None => ConfirmationRequired::None,
            bg::ConfirmationRequired::Institution => ConfirmationRequired::Institution,
            bg::ConfirmationRequired::Lao => ConfirmationRequired::Lao,
            bg::ConfirmationRequired::Province => ConfirmationRequired::Province,
        }
    }

    /// The items, in the policy's order.
    #[napi(getter)]
    pub fn items(&self) -> Vec<BudgetItem> {
        self.inner.items.iter().map(BudgetItem::from).collect()
    }

    /// The item with this id, or `null`.
    #[napi]
    pub fn item(&self, id: String) -> Option<BudgetItem> {
        self.inner.items.iter().find(|i| i.id == id).map(BudgetItem::from)
    }

    /// The rate in satang of an item for a grade (`P1`, `ป.1`, …) at a school whose enrolment
    /// (the item's tier grades) is `enrolment` (default 0): `null` when no rate rule matches or
    /// its rate is unknown. A grade that is no grade throws an `InvalidGradeError`
    /// (`GRADE_UNKNOWN`), an item the policy does not have a `TypeError`.
    #[napi(catch_unwind)]
    pub fn rate(&self, env: &Env, item: String, grade: String, enrolment: Option<f64>) -> napi::Result<Option<i64>> {
        let Some(it) = self.inner.items.iter().find(|i| i.id == item) else {
            return Err(invalid_value(env, &format!("the budget policy has no item `{item}`")));
        };
        let grade = Grade::parse(&grade).map_err(|e| throw(env, &e))?;
        let enrolment = match enrolment {
            None => 0,
            Some(n) => whole(n)
                .ok_or_else(|| out_of_range(env, &format!("`enrolment` must be a whole number from 0, not `{n}`")))?,
        };
        Ok(it.rate(grade, enrolment).map(number))
    }

    /// The policy as a plain object with the keys of a policy file (what `JSON.stringify`
    /// writes; `BudgetPolicy.fromJson` reads it back).
    #[napi(js_name = "toJSON", ts_return_type = "Record<string, unknown>")]
    pub fn to_json(&self) -> napi::Result<serde_json::Value> {
        serde_json::to_value(&*self.inner).map_err(|e| napi::Error::from_reason(e.to_string()))
    }

    /// A loaded policy, refused when a figure would not be exact as a JavaScript number.
    fn wrap(p: bg::BudgetPolicy) -> lec_core::Result<BudgetPolicy> {
        for item in &p.items {
            for r in &item.rates {
                for n in [r.satang, r.enrolment_min, r.enrolment_max].into_iter().flatten() {
                    if n > MAX_SAFE_INTEGER {
                        return Err(too_large(
                            &format!("`{n}` of budget item `{}`", item.id),
                            &format!("`{n}` ของรายการงบประมาณ `{}`", item.id),
                        ));
                    }
                }
            }
        }
        Ok(BudgetPolicy { inner: Arc::new(p) })
    }
}

/// The policy shipped for a year, or `CONFIG_INVALID`.
fn builtin(academic_year: f64) -> lec_core::Result<BudgetPolicy> {
    // a year that is no whole number names no shipped policy either: the core says so, quoting it
    BudgetPolicy::wrap(bg::BudgetPolicy::builtin_named(&academic_year.to_string())?)
}

/// The `CONFIG_INVALID` error of a figure a JavaScript number cannot hold exactly.
fn too_large(en: &str, th: &str) -> lec_core::Error {
    lec_core::Error::config(
        format!("{th} เกินกว่าที่ตัวเลขของ JavaScript เก็บได้ตรง ({MAX_SAFE_INTEGER})"),
        format!("{en} is more than a JavaScript number holds exactly ({MAX_SAFE_INTEGER})"),
    )
}

// ---------------------------------------------------------------------------------------------
// the summary

/// Heads and amount of one item at one unit.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ItemAmount {
    /// The item's id.
    pub item: String,
    /// Learners who count for it.
    pub heads: i64,
    /// The amount in satang (1 baht = 100 satang), a whole number; `null` when a rate or the
    /// days are unknown (for a sum: when any part's is).
    pub amount_satang: Option<i64>,
}

/// The budget of one unit: an institution, an other-affiliation school, an LAO, a province or
/// the total.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct UnitBudget {
    /// The level: `institution`, `school` (other-affiliation), `lao`, `province` or `total`.
    #[napi(ts_type = "'institution' | 'school' | 'lao' | 'province' | 'total'")]
    pub level: String,
    /// The unit's code (empty for the total).
    pub code: String,
    /// The unit's name (empty for the total).
    pub name: String,
    /// For an institution or school: why it counts for nothing — `inactive` (registry status),
    /// `not_confirmed`, `has_errors` (an `error` finding in its records), or for a school whose
    /// amounts are then unknown (`null`) `no_form` / `form_has_errors` (a school on two forms
    /// has no usable one); else `null`.
    #[napi(ts_type = "'inactive' | 'not_confirmed' | 'has_errors' | 'no_form' | 'form_has_errors' | null")]
    pub excluded: Option<String>,
    /// Whether the unit has confirmed (an institution, a school's LAO headcounts, an LAO, a
    /// province) when the summary was made with a `round`; `null` otherwise and for the total.
    pub confirmed: Option<bool>,
    /// Learners who count, by grade code (`K1`, `P1`, …; grades with none are left out).
    #[napi(ts_type = "Record<string, number>")]
    pub heads_by_grade: BTreeMap<String, i64>,
    /// Per item, in the policy's order.
    pub items: Vec<ItemAmount>,
}

/// What happened to the records given: `rows = counted + removed + withErrors + notConfirmed +
/// unregistered + inactive + gcodeExcluded + duplicatesNotCounted`.
#[napi(object, object_from_js = false)]
pub struct RecordTally {
    /// Records given.
    pub rows: i64,
    /// Records that count.
    pub counted: i64,
    /// Removed / not-existing records (never count).
    pub removed: i64,
    /// Records with an `error` finding of their own, or of an institution with one.
    pub with_errors: i64,
    /// Records of institutions not (yet) confirmed.
    pub not_confirmed: i64,
    /// Records of institutions not in the registry.
    pub unregistered: i64,
    /// Records of inactive institutions (registry `status` inactive, closed or merged).
    pub inactive: i64,
    /// G-code learners left out by the policy.
    pub gcode_excluded: i64,
    /// Records of a person recorded elsewhere too, not counted here.
    pub duplicates_not_counted: i64,
}

/// A person recorded at several institutions whom the policy could not place: counted nowhere.
#[napi(object, object_from_js = false)]
pub struct UnresolvedDuplicate {
    /// The personal ID, masked (`1-1014-xxxxx-xx-1`) unless the summary was made with
    /// `unmask: true`.
    pub person: String,
    /// The institutions' codes.
    pub institutions: Vec<String>,
}

/// An item as a summary describes it.
#[napi(object, object_from_js = false)]
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

#[doc = " The budget summary (สรุปจำนวนนักเรียนเพื่อจัดสรรงบประมาณ): heads and amounts per institution,"]
/// other-affiliation school, LAO, province and in total, under a `BudgetPolicy` — the document
/// of `lec budget --format json` with camelCase keys. Totals reconcile (a province is the sum of
/// its LAOs, an LAO of its institutions and schools) and every record is accounted for in
/// `records`. Amounts are whole numbers of satang, `null` where a rate is unknown.
#[napi(object, object_from_js = false)]
pub struct BudgetSummary {
    /// The budget policy's id.
    pub policy: String,
    #[doc = " ปีการศึกษา — the academic year of the policy, BE."]
    pub academic_year: u32,
    /// Whether confirmations were checked (a round was given and the policy asks).
    pub confirmation_checked: bool,
    /// The items, in the policy's order.
    pub items: Vec<ItemInfo>,
    /// Every registered institution, by code.
    pub institutions: Vec<UnitBudget>,
    /// Every other-affiliation school (registered, or with a form), by code.
    pub schools: Vec<UnitBudget>,
    /// Every LAO, in registry order.
    pub laos: Vec<UnitBudget>,
    /// Every province, in registry order.
    pub provinces: Vec<UnitBudget>,
    /// The whole data set.
    pub total: UnitBudget,
    /// What happened to the records.
    pub records: RecordTally,
    /// Persons recorded at several institutions and counted nowhere.
    pub unresolved_duplicates: Vec<UnresolvedDuplicate>,
}

fn unit(u: &bg::UnitBudget) -> lec_core::Result<UnitBudget> {
    let mut items = Vec::with_capacity(u.items.len());
    for i in &u.items {
        let amount_satang = match i.amount_satang {
            Some(a) if a > MAX_SAFE_INTEGER => {
                let at = if u.code.is_empty() { "the total".to_owned() } else { format!("`{}`", u.code) };
                let at_th = if u.code.is_empty() { "ยอดรวม".to_owned() } else { format!("`{}`", u.code) };
                return Err(too_large(
                    &format!("the amount `{a}` satang of `{}` at {at}", i.item),
                    &format!("จำนวนเงิน `{a}` สตางค์ของ `{}` ที่ {at_th}", i.item),
                ));
            }
            a => a.map(number),
        };
        items.push(ItemAmount { item: i.item.clone(), heads: count(i.heads), amount_satang });
    }
    Ok(UnitBudget {
        level: u.level.to_owned(),
        code: u.code.clone(),
        name: u.name.clone(),
        excluded: u.excluded.map(str::to_owned),
        confirmed: u.confirmed,
        heads_by_grade: u.heads_by_grade.iter().map(|(g, n)| (g.code().to_owned(), count(*n))).collect(),
        items,
    })
}

fn units(us: &[bg::UnitBudget]) -> lec_core::Result<Vec<UnitBudget>> {
    us.iter().map(unit).collect()
}

impl BudgetSummary {
    fn new(s: &bg::BudgetSummary) -> lec_core::Result<BudgetSummary> {
        let r = &s.records;
        Ok(BudgetSummary {
            policy: s.policy.clone(),
            academic_year: u32::from(s.academic_year),
            confirmation_checked: s.confirmation_checked,
            items: s
                .items
                .iter()
                .map(|i| ItemInfo {
                    id: i.id.clone(),
                    name_th: i.name_th.clone(),
                    name_en: i.name_en.clone(),
                    rate_known: i.rate_known,
                })
                .collect(),
            institutions: units(&s.institutions)?,
            schools: units(&s.schools)?,
            laos: units(&s.laos)?,
            provinces: units(&s.provinces)?,
            total: unit(&s.total)?,
            records: RecordTally {
                rows: count(r.rows),
                counted: count(r.counted),
                removed: count(r.removed),
                with_errors: count(r.with_errors),
                not_confirmed: count(r.not_confirmed),
                unregistered: count(r.unregistered),
                inactive: count(r.inactive),
                gcode_excluded: count(r.gcode_excluded),
                duplicates_not_counted: count(r.duplicates_not_counted),
            },
            unresolved_duplicates: s
                .unresolved_duplicates
                .iter()
                .map(|d| UnresolvedDuplicate { person: d.person.clone(), institutions: d.institutions.clone() })
                .collect(),
        })
    }
}

/// Options of `summarise`. Every key may be left out.
#[napi(object, object_to_js = false)]
pub struct SummariseOptions<'env> {
    /// The budget policy (default: the one shipped for `year`, `BudgetPolicy.builtin(year)`).
    #[napi(ts_type = "BudgetPolicy")]
    pub budget_policy: Option<ClassInstance<'env, BudgetPolicy>>,
    /// The record rules (a record with an `error` finding never counts) and how headcount files
    /// given by path are checked. Default: `new Policy()`.
    #[napi(ts_type = "Policy")]
    pub policy: Option<ClassInstance<'env, Policy>>,
    #[doc = " ปีการศึกษา — the academic year, BE (default 2567)."]
    pub year: Option<f64>,
    /// A `Round` (its current state) or a `RoundState` (`round.state`, as a host stored it):
    /// then only confirmed units count, as the budget policy's `confirmationRequired` says.
    /// Default: confirmations are not checked.
    #[napi(ts_type = "Round | RoundState")]
    pub round: Option<Either<ClassInstance<'env, Round>, Object<'env>>>,
    /// Show the personal IDs of unresolved duplicates unmasked (default `false`).
    pub unmask: Option<bool>,
}

/// A budget summary running on libuv's thread pool: every record's checks, duplicates, the
/// headcount files (when given by path) and the amounts are computed off the event loop.
pub struct Summary {
    registry: RegistrySource,
    records: Vec<StudentRecord>,
    headcounts: Headcounts,
    budget: Arc<bg::BudgetPolicy>,
    policy: Arc<lec_core::Policy>,
    year: u16,
    confirmations: Option<lec_core::workflow::RoundState>,
    unmask: bool,
}

impl Summary {
    fn run(&self) -> lec_core::Result<BudgetSummary> {
        let Some((registry, _)) = self.registry.load()? else {
            return Err(lec_core::Error::config(
                "การสรุปงบประมาณต้องมีทะเบียนหน่วยงาน",
                "a budget summary needs a registry",
            ));
        };
        let checked;
        let forms: &[lec_core::headcount::HeadcountForm] = match &self.headcounts {
            Headcounts::None => &[],
            Headcounts::Checked(report) => &report.forms,
            Headcounts::Files(paths) => {
                checked = check_files(paths, &self.policy, Some(&registry), true)?;
                &checked.forms
            }
        };
        let mut context = lec_core::Context::new(&self.policy, self.year);
        context.unmasked = self.unmask;
        let input = bg::BudgetInput {
            registry: &registry,
            context,
            headcounts: forms,
            confirmations: self.confirmations.as_ref(),
        };
        BudgetSummary::new(&bg::summarise(&input, &self.records, &self.budget))
    }
}

impl Task for Summary {
    type Output = lec_core::Result<BudgetSummary>;
    type JsValue = BudgetSummary;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        guarded(|| self.run())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|e| rejection(&env, &e))
    }
}

/// Summarises budget headcounts and amounts as `lec budget` does: who counts for which item
/// under a `BudgetPolicy`, per institution, other-affiliation school, LAO, province and in
/// total, on a worker thread.
///
/// `registry` is a `Registry` or the path of a registry CSV; `records` the student records, as
/// for `validateRecords` (objects with the column names of a student file: English, camelCase
/// or Thai keys); `headcounts` the other-affiliation forms — a `HeadcountReport`
/// (`validateHeadcounts`), or the path(s) of form files, checked against the registry — or
/// `null`. Counting rules are the core's: removed records never count; an institution with an
/// `error` finding counts for nothing; with `options.round`, only confirmed units count; a
/// person recorded at two institutions is placed as the policy says (by default counted nowhere
/// and listed in `unresolvedDuplicates`, masked unless `unmask`).
///
/// A row that is no object throws a `TypeError`; a `year` with no shipped budget policy (and no
/// `budgetPolicy`), or a `round` that is neither a `Round` nor a round state, throws at the
/// call. The promise rejects when the registry or a headcount file cannot be read
/// (`FILE_UNREADABLE`), or an amount exceeds what a JavaScript number holds exactly
/// (`CONFIG_INVALID`).
#[napi(
    catch_unwind,
    ts_args_type = "registry: string | Registry, records: Array<StudentRow>, headcounts?: HeadcountReport | string | Array<string> | null, options?: SummariseOptions",
    ts_return_type = "Promise<BudgetSummary>"
)]
pub fn summarise(
    env: &Env,
    registry: Either<String, ClassInstance<'_, Registry>>,
    records: Vec<Unknown<'_>>,
    headcounts: Option<Either3<ClassInstance<'_, HeadcountReport>, String, Vec<String>>>,
    options: Option<SummariseOptions<'_>>,
) -> napi::Result<AsyncTask<Summary>> {
    let mut rows = Vec::with_capacity(records.len());
    for (i, row) in records.into_iter().enumerate() {
        rows.push(record(row).map_err(|what| type_error(env, &format!("record {} (index {i}): {what}", i + 1)))?);
    }
    let registry = RegistrySource::of(Some(&registry));
    let headcounts = Headcounts::of(headcounts);
    let o = options.as_ref();
    let year = year(o.and_then(|o| o.year)).map_err(|e| throw(env, &e))?;
    let budget = match o.and_then(|o| o.budget_policy.as_ref()) {
        Some(b) => Arc::clone(&b.inner),
        None => builtin(f64::from(year)).map_err(|e| throw(env, &e))?.inner,
    };
    let confirmations = match o.and_then(|o| o.round.as_ref()) {
        None => None,
        Some(Either::A(round)) => Some(round.core_state().clone()),
        Some(Either::B(state)) => {
            Some(env.from_js_value::<lec_core::workflow::RoundState, _>(*state).map_err(|e| {
                invalid_value(env, &format!("`round` must be a Round or a round state (`round.state`): {}", e.reason))
            })?)
        }
    };
    Ok(AsyncTask::new(Summary {
        registry,
        records: rows,
        headcounts,
        budget,
        policy: policy(o.and_then(|o| o.policy.as_ref())),
        year,
        confirmations,
        unmask: o.and_then(|o| o.unmask).unwrap_or(false),
    }))
}
