//! Replays every fuzz target's seed corpus (`fuzz/seeds/<target>/`) through the same
//! checks the fuzzer runs (`fuzz/src/lib.rs`), so a change that breaks a parser's
//! properties on a real input shape fails the ordinary test run. Fuzzing itself is
//! `scripts/fuzz`, outside the test suite.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

#[test]
fn every_seed_passes_its_targets_checks() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    for (target, run) in harness::TARGETS {
        let dir = seeds.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{target} has no seeds");
        for f in files {
            let input = std::fs::read(&f).unwrap();
            // A panic names the target and the seed.
            eprintln!("{target}: {}", f.display());
            run(&input);
        }
    }
    // Every seed folder belongs to a target, so none is silently left out.
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            harness::TARGETS.iter().any(|(t, _)| *t == name),
            "fuzz/seeds/{name} is not a fuzz target"
        );
    }
}
