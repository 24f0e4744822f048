//! Hooks for the package's own panic-safety tests: not part of the API, left out of
//! `index.d.ts`. lec-core never panics on any input; these make it panic on purpose so the tests
//! can prove that a panic reaches JavaScript as an exception and Node carries on.

use crate::errors::guarded;
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;

/// Panics inside the library on a synchronous call: the call throws.
#[napi(catch_unwind, js_name = "_debugPanic", skip_typescript)]
pub fn debug_panic() {
    lec_core::testing::panic_for_binding_tests()
}

/// Panics inside the library on a worker thread, as `validateFile` runs: the promise rejects.
#[napi(catch_unwind, js_name = "_debugPanicAsync", skip_typescript)]
pub fn debug_panic_async() -> AsyncTask<PanicTask> {
    AsyncTask::new(PanicTask)
}

/// A task whose work panics.
pub struct PanicTask;

impl Task for PanicTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<Self::Output> {
        guarded(|| lec_core::testing::panic_for_binding_tests())
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(output)
    }
}
