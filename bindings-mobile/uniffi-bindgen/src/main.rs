//! `uniffi-bindgen`: generates the Kotlin and Swift sources of `lec-mobile` from the built
//! library (library mode). Run by `cargo xtask test` and `cargo xtask mobile generate`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
