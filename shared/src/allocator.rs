//! How the allocator hands memory back. regorus installs mimalloc as the global
//! allocator (its `mimalloc` feature, which makes evaluation 10–15% faster). By default
//! mimalloc keeps freed pages for a while and commits whole arenas up front, so a process
//! that frees one batch before reading the next still shows the sum as resident memory:
//! a 1,000-resource worker task peaked at 126 MB that way and at 108 MB with both set
//! to 0 here (`./bench/lambda`); a Lambda is billed by the memory size it needs.

use std::ffi::{c_int, c_long};

extern "C" {
    // mimalloc's C API, linked in by regorus-mimalloc-sys, which does not declare it.
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_t` values of mimalloc 2.2 (include/mimalloc.h).
const ARENA_EAGER_COMMIT: (c_int, &str) = (4, "MIMALLOC_ARENA_EAGER_COMMIT");
const PURGE_DELAY: (c_int, &str) = (15, "MIMALLOC_PURGE_DELAY");

/// Applies the settings before `main`, ahead of the first allocations (the Rust runtime
/// allocates before `main`, and mimalloc's first arena takes the settings of its time).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static BEFORE_MAIN: extern "C" fn() = {
    extern "C" fn set() {
        return_freed_memory_promptly();
    }
    set
};

/// Returns freed memory to the OS at once and commits arena memory only as it is used.
/// Runs before `main` on Linux; call it first thing in `main` so the module is linked
/// everywhere. A setting the user gave in the environment is left alone.
pub fn return_freed_memory_promptly() {
    for (option, variable) in [ARENA_EAGER_COMMIT, PURGE_DELAY] {
        if std::env::var_os(variable).is_none() {
            // SAFETY: mi_option_set only stores the value in mimalloc's option table; the
            // option ids are the ones of the linked mimalloc version.
            unsafe { mi_option_set(option, 0) };
        }
    }
}
