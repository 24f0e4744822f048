//! Support for the bindings' own tests. Not part of the rules.

/// Panics on purpose. lec-core itself never panics on any input; each binding exposes this as a
/// hidden function so that its tests can prove that a panic inside the library reaches the host
/// language as an exception (Python, JavaScript, Kotlin, Swift) and the host keeps running.
#[doc(hidden)]
#[allow(clippy::panic)]
pub fn panic_for_binding_tests() -> ! {
    panic!("deliberate panic for a binding's panic-safety test")
}
