//! Configuration: the [`Policy`] (every rule the circular leaves open) and the [`Registry`] of
//! units (provinces → LAOs → institutions).

use crate::error::LecError;
use crate::types::{Finding, findings};
use std::borrow::Cow;
use std::sync::Arc;

/// นโยบาย — every rule the circular leaves open (CDC ages, the G-code year range, how ID
/// category 9 and unknown registry provinces are reported, the grades each institution kind
/// offers, the student statuses that mean removed), with documented defaults. `Policy()` is the
/// default; `Policy.fromJson` loads a ministry's changes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Policy(lec_core::Policy);

#[uniffi::export]
impl Policy {
    /// The default policy (the values of `examples/policy-default.toml`).
    #[uniffi::constructor]
    pub fn new() -> Policy {
        Policy(lec_core::Policy::default())
    }

    /// อ่านนโยบายจาก JSON — loads a policy from JSON; keys left out keep their defaults,
    /// unknown keys are refused. Throws `InvalidConfig` (`CONFIG_INVALID`) when the text is not
    /// a usable policy.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Policy, LecError> {
        Ok(Policy(lec_core::Policy::from_json(&text)?))
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::new()
    }
}

impl Policy {
    /// The core policy.
    pub fn core(&self) -> &lec_core::Policy {
        &self.0
    }
}

/// The policy a call asked for, or the default one.
pub(crate) fn policy_or_default(policy: Option<&Policy>) -> Cow<'_, lec_core::Policy> {
    match policy {
        Some(p) => Cow::Borrowed(&p.0),
        None => Cow::Owned(lec_core::Policy::default()),
    }
}

/// ทะเบียนหน่วยงาน — the registry of units: provinces → LAOs → institutions and the LAOs'
/// other-affiliation schools, loaded from CSV (`level,code,name,parent,kind`). Records checked
/// against it also get `INSTITUTION_NOT_REGISTERED`, and the institution's registered kind
/// decides which grades it may hold.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    registry: Arc<lec_core::Registry>,
    findings: Vec<Finding>,
}

#[uniffi::export]
impl Registry {
    /// อ่านทะเบียนหน่วยงาน — reads a registry CSV file's bytes (UTF-8 with or without BOM,
    /// UTF-16 with BOM, or Windows-874 / TIS-620: detected). `name` names the file in findings.
    /// Bad rows do not throw: they become `findings()`. Throws `File`
    /// (`FILE_UNREADABLE`, `FILE_COLUMN_MISSING`) when the file cannot be read as a registry.
    #[uniffi::constructor]
    pub fn from_csv(name: String, bytes: Vec<u8>) -> Result<Registry, LecError> {
        let (registry, found) = lec_core::files::read_registry(&name, &bytes)?;
        Ok(Registry { registry: Arc::new(registry), findings: findings(found) })
    }

    /// The findings about the registry's own rows (unknown parent, code format, owner
    /// mismatch, …); empty when every row is sound.
    pub fn findings(&self) -> Vec<Finding> {
        self.findings.clone()
    }

    /// How many institutions the registry holds.
    pub fn institution_count(&self) -> u64 {
        self.registry.institutions().count() as u64
    }
}

impl Registry {
    /// The core registry.
    pub fn core(&self) -> &lec_core::Registry {
        &self.registry
    }

    /// The core registry, shared (a workflow round keeps it).
    pub fn shared(&self) -> Arc<lec_core::Registry> {
        Arc::clone(&self.registry)
    }
}

/// Wraps an optional object argument.
pub(crate) fn registry_of(registry: &Option<Arc<Registry>>) -> Option<&lec_core::Registry> {
    registry.as_deref().map(Registry::core)
}
