//! Reading the files a user hands us (mutelists, control and framework files): every one
//! is bounded in size before it is read, and YAML is parsed with budgets so a small file
//! cannot expand into a large one (aliases: "billion laughs"), nest deeply or hold many
//! documents.

use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

/// The largest input file read: far above any real mutelist or control file (the largest
/// embedded control is a few KB), far below what would strain memory.
pub const MAX_INPUT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file of at most `MAX_INPUT_FILE_BYTES`; `what` names the file's
/// role in the error ("mutelist", "control file").
pub fn read_text_capped(path: &Path, what: &str) -> anyhow::Result<String> {
    read_text_limited(path, what, MAX_INPUT_FILE_BYTES)
}

fn read_text_limited(path: &Path, what: &str, limit: u64) -> anyhow::Result<String> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot read {what} {}: {e}", path.display()))?;
    // Read one byte past the cap instead of trusting the metadata: a FIFO or a file that
    // grows while read has no meaningful length.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read {what} {}: {e}", path.display()))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "{what} {} is larger than the {} MiB limit for input files",
            path.display(),
            limit / (1024 * 1024)
        );
    }
    String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{what} {} is not UTF-8 text: {e}", path.display()))
}

/// Parser options for every YAML input: one document, bounded nesting, node count, text
/// and alias replay. The limits are generous for hand-written files (a mutelist of
/// thousands of rules is a few ten thousand nodes).
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_documents: 1,
            max_depth: 32,
            max_nodes: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: MAX_INPUT_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
        },
        // One-line messages: callers prefix the file and line, and a snippet of a
        // hostile file has no place in a terminal or a log.
        with_snippet: false,
    }
}

/// A YAML parse error and the 1-based line it refers to, when known.
#[derive(Debug)]
pub struct YamlError {
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses YAML text (already size-capped by the caller) within the budgets above.
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() as u64 > MAX_INPUT_FILE_BYTES {
        return Err(YamlError {
            line: None,
            message: format!(
                "YAML text of {} bytes is larger than the {} MiB limit",
                text.len(),
                MAX_INPUT_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| YamlError {
        line: e
            .location()
            .map(|l| usize::try_from(l.line()).unwrap_or(usize::MAX)),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::{Duration, Instant};

    #[test]
    fn a_file_over_the_cap_is_refused_with_its_name() {
        let dir = tempfile_dir();
        let path = dir.join("big.yaml");
        std::fs::write(&path, vec![b'#'; 2048]).unwrap();
        let e = read_text_limited(&path, "mutelist", 1024)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("mutelist") && e.contains("big.yaml") && e.contains("limit"),
            "{e}"
        );
        std::fs::write(&path, vec![b'#'; 1024]).unwrap();
        assert_eq!(
            read_text_limited(&path, "mutelist", 1024).unwrap().len(),
            1024
        );
    }

    #[test]
    fn alias_expansion_is_refused_quickly() {
        // Nine levels of ten aliases each: 10^9 strings if expanded.
        let mut text = String::from("a0: &a0 [\"lol\"]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let started = Instant::now();
        let e = from_yaml::<BTreeMap<String, serde_json::Value>>(&text).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(e.message.contains("alias"), "{}", e.message);
        assert!(!e.message.contains('\n'), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert!(from_yaml::<serde_json::Value>(&text).is_err());
    }

    #[test]
    fn one_document_only() {
        assert!(from_yaml::<serde_json::Value>("a: 1\n---\nb: 2\n").is_err());
        assert!(from_yaml::<serde_json::Value>("a: 1\n").is_ok());
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("parapet-input-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
