use super::framework::Framework;
use super::metadata::{parse_header, ControlMeta};
use include_dir::{include_dir, Dir};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../controls");

/// A file of the catalog: its path relative to the catalog root, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// A start-up error in the catalog, naming the file and line.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct CatalogError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl CatalogError {
    fn new(path: &str, line: usize, message: impl Into<String>) -> Self {
        CatalogError {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Control {
    pub title: String,
    pub description: String,
    pub meta: ControlMeta,
    pub package: String,
    pub path: String,
}

/// Rejects line breaks other than `\n` and `\r\n`. The YAML parser counts a lone `\r`
/// (and U+0085, U+2028, U+2029) as a line break where editors and `str::lines` may not,
/// so error lines would point past the end of the file; found by fuzzing.
fn check_line_breaks(text: &str) -> Result<(), (usize, String)> {
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while let Some(c) = chars.next() {
        let stray = match c {
            '\n' => {
                line += 1;
                false
            }
            '\r' => chars.peek() != Some(&'\n'),
            '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        if stray {
            return Err((
                line,
                format!(
                    "line break U+{:04X} inside a line: save the file with \\n (or \\r\\n) line endings",
                    c as u32
                ),
            ));
        }
    }
    Ok(())
}

/// Everything under `controls/`, parsed and cross-checked.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub controls: Vec<Control>,
    pub frameworks: Vec<Framework>,
    /// Every `.rego` file (controls, libraries, tests), for the engine and the test runner.
    pub rego: Vec<SourceFile>,
    /// Every file is the binary's embedded catalog (or a selection of it). The test suite
    /// proves that each of its controls evaluates on an empty resource
    /// (`engine::tests::every_embedded_control_evaluates_on_an_empty_resource`), so the
    /// evaluator skips that start-up check for it; a catalog with files from anywhere
    /// else gets the check.
    pub embedded_only: bool,
}

impl Catalog {
    /// The catalog compiled into the binary.
    pub fn embedded() -> Result<Self, CatalogError> {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED, &mut files);
        let mut catalog = Self::from_files(files)?;
        catalog.embedded_only = true;
        Ok(catalog)
    }

    /// The embedded catalog plus the files of extra directories (user controls).
    pub fn embedded_with(extra_dirs: &[&Path]) -> Result<Self, CatalogError> {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED, &mut files);
        for dir in extra_dirs {
            collect_dir(dir, dir, &mut files)?;
        }
        Self::from_files(files)
    }

    pub fn from_dir(dir: &Path) -> Result<Self, CatalogError> {
        let mut files = Vec::new();
        collect_dir(dir, dir, &mut files)?;
        Self::from_files(files)
    }

    pub fn from_files(mut files: Vec<SourceFile>) -> Result<Self, CatalogError> {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut catalog = Catalog::default();
        let mut ids = BTreeMap::new();
        for f in files {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
            let is_framework = f.path.starts_with("frameworks/")
                && (name.ends_with(".yaml") || name.ends_with(".yml"));
            let is_control = f.path.starts_with("aws/")
                && name.ends_with(".rego")
                && !name.ends_with("_test.rego");
            if is_framework || is_control {
                check_line_breaks(&f.text)
                    .map_err(|(line, msg)| CatalogError::new(&f.path, line, msg))?;
            }
            if is_framework {
                let fw: Framework = crate::input::from_yaml(&f.text).map_err(|e| {
                    let line = e.line.unwrap_or(1);
                    CatalogError::new(&f.path, line, format!("invalid framework: {e}"))
                })?;
                let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
                if fw.id != stem {
                    return Err(CatalogError::new(
                        &f.path,
                        1,
                        format!("framework id {} differs from the file name {stem}", fw.id),
                    ));
                }
                catalog.frameworks.push(fw);
                continue;
            }
            if !name.ends_with(".rego") {
                continue;
            }
            if is_control {
                let h = parse_header(&f.text)
                    .map_err(|(line, msg)| CatalogError::new(&f.path, line, msg))?;
                let stem = name.trim_end_matches(".rego");
                if h.meta.id != stem {
                    return Err(CatalogError::new(
                        &f.path,
                        1,
                        format!("control id {} differs from the file name {stem}", h.meta.id),
                    ));
                }
                if let Some(other) = ids.insert(h.meta.id.clone(), f.path.clone()) {
                    return Err(CatalogError::new(
                        &f.path,
                        1,
                        format!("control id {} is also defined in {other}", h.meta.id),
                    ));
                }
                catalog.controls.push(Control {
                    title: h.title,
                    description: h.description,
                    meta: h.meta,
                    package: h.package,
                    path: f.path.clone(),
                });
            }
            catalog.rego.push(f);
        }
        catalog.check_framework_references()?;
        catalog.frameworks.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(catalog)
    }

    /// Requirement ids are unique within a framework. References to controls that do
    /// not exist are allowed: a framework maps a whole standard and may be ahead of the
    /// catalog. `Catalog::coverage` (and `parapet controls coverage`, which fails while
    /// any are missing) reports them.
    fn check_framework_references(&self) -> Result<(), CatalogError> {
        for fw in &self.frameworks {
            let mut req_ids = HashSet::new();
            for req in &fw.requirements {
                if !req_ids.insert(req.id.as_str()) {
                    return Err(CatalogError::new(
                        &format!("frameworks/{}.yaml", fw.id),
                        1,
                        format!("requirement {} is listed twice", req.id),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.meta.id == id)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The catalog cut down to some controls (by id) and/or the controls of some benchmarks.
    /// Unknown ids are an error naming them.
    pub fn select(&self, benchmarks: &[String], control_ids: &[String]) -> anyhow::Result<Catalog> {
        for b in benchmarks {
            if self.framework(b).is_none() {
                let known: Vec<&str> = self.frameworks.iter().map(|f| f.id.as_str()).collect();
                anyhow::bail!("unknown benchmark {b:?}; known: {}", known.join(", "));
            }
        }
        for c in control_ids {
            if self.control(c).is_none() {
                anyhow::bail!("unknown control {c:?}; `parapet controls list` shows the ids");
            }
        }
        if benchmarks.is_empty() && control_ids.is_empty() {
            return Ok(self.clone());
        }
        let mut keep: HashSet<&str> = control_ids.iter().map(String::as_str).collect();
        for b in benchmarks {
            keep.extend(self.framework(b).into_iter().flat_map(|f| f.control_ids()));
        }
        let mut out = self.clone();
        out.controls.retain(|c| keep.contains(c.meta.id.as_str()));
        let dropped: HashSet<&str> = self
            .controls
            .iter()
            .filter(|c| !keep.contains(c.meta.id.as_str()))
            .map(|c| c.path.as_str())
            .collect();
        out.rego
            .retain(|f| !dropped.contains(f.path.as_str()) && !f.path.ends_with("_test.rego"));
        if !benchmarks.is_empty() {
            out.frameworks.retain(|f| benchmarks.contains(&f.id));
        }
        Ok(out)
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<SourceFile>) {
    for f in dir.files() {
        if let Some(text) = f.contents_utf8() {
            out.push(SourceFile {
                path: f.path().to_string_lossy().replace('\\', "/"),
                text: text.to_string(),
            });
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Deepest directory nesting followed under a control directory.
const MAX_DIR_DEPTH: usize = 32;
/// Most files read from one control directory (the embedded catalog has about a thousand).
const MAX_DIR_FILES: usize = 20_000;

fn collect_dir(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) -> Result<(), CatalogError> {
    let mut walk = DirWalk {
        root,
        ancestors: Vec::new(),
        files: 0,
    };
    walk.collect(dir, out)
}

/// A walk of one control directory. Symbolic links are followed (a shared library of
/// Rego files may be linked in), so the canonical paths of the directories being walked
/// are kept: meeting one again is a symlink loop, an error naming the link.
struct DirWalk<'a> {
    root: &'a Path,
    ancestors: Vec<PathBuf>,
    files: usize,
}

impl DirWalk<'_> {
    fn collect(&mut self, dir: &Path, out: &mut Vec<SourceFile>) -> Result<(), CatalogError> {
        let err = |p: &Path, e: &dyn std::fmt::Display| {
            CatalogError::new(&p.display().to_string(), 0, e.to_string())
        };
        let canonical = dir.canonicalize().map_err(|e| err(dir, &e))?;
        if self.ancestors.contains(&canonical) {
            return Err(err(
                dir,
                &format!(
                    "symbolic link loop: this directory is {}, which contains it",
                    canonical.display()
                ),
            ));
        }
        if self.ancestors.len() >= MAX_DIR_DEPTH {
            return Err(err(
                dir,
                &format!("directories nested deeper than {MAX_DIR_DEPTH} levels"),
            ));
        }
        self.ancestors.push(canonical);
        let entries = std::fs::read_dir(dir).map_err(|e| err(dir, &e))?;
        for entry in entries {
            let path = entry.map_err(|e| err(dir, &e))?.path();
            if path.is_dir() {
                self.collect(&path, out)?;
                continue;
            }
            let rel = path
                .strip_prefix(self.root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".rego") || rel.ends_with(".yaml") || rel.ends_with(".yml") {
                self.files += 1;
                if self.files > MAX_DIR_FILES {
                    return Err(err(
                        self.root,
                        &format!("more than {MAX_DIR_FILES} control files"),
                    ));
                }
                let text = crate::input::read_text_capped(&path, "control file")
                    .map_err(|e| err(&path, &e))?;
                out.push(SourceFile { path: rel, text });
            }
        }
        self.ancestors.pop();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Fuzzing regressions (fuzz/ targets control_metadata and framework_yaml): lone
    /// carriage returns made the YAML parser report lines past the end of the file.
    #[test]
    fn stray_line_breaks_are_named_on_a_line_of_the_file() {
        for (path, text, line) in [
            ("aws/s3/x.rego", "# METADATA\n#\r\r", 2),
            ("frameworks/f.yaml", "\r\r", 1),
            ("frameworks/f.yaml", "id: f\nname: n\u{2028}", 2),
        ] {
            let err = Catalog::from_files(vec![file(path, text)]).unwrap_err();
            assert_eq!((err.path.as_str(), err.line), (path, line), "{err}");
            assert!(err.message.contains("line break"), "{err}");
        }
        // CRLF files are fine.
        let crlf = control("x_y").replace('\n', "\r\n");
        Catalog::from_files(vec![file("aws/s3/x_y.rego", &crlf)]).unwrap();
    }

    fn control(id: &str) -> String {
        format!("# METADATA\n# title: T\n# description: D\n# custom:\n#   id: {id}\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.{id}\n\nimport rego.v1\n\nstatus := \"PASS\"\n")
    }

    #[test]
    fn embedded_catalog_is_valid_and_covers_cis_3() {
        let catalog = Catalog::embedded().expect("embedded catalog loads");
        let cis = catalog.framework("cis-aws-3.0").expect("CIS 3.0 framework");
        assert_eq!(cis.requirements.len(), 62);
        assert_eq!(cis.control_ids().len(), 69);
        for c in &catalog.controls {
            let test = c.path.replace(".rego", "_test.rego");
            assert!(
                catalog.rego.iter().any(|f| f.path == test),
                "{} has no {test}",
                c.meta.id
            );
        }
    }

    #[test]
    fn embedded_frameworks_list_every_reference_requirement() {
        let catalog = Catalog::embedded().unwrap();
        // Requirement counts of the team's reference tables (NIST lists ia_5_1_h twice
        // with the same content; it is one requirement here).
        for (id, requirements) in [
            ("cis-aws-3.0", 62),
            ("cis-aws-5.0", 63),
            ("pci-dss-4.0", 1679),
            ("hipaa", 32),
            ("gdpr", 3),
            ("soc2", 27),
            ("nist-800-53-r5", 287),
        ] {
            let fw = catalog
                .framework(id)
                .unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(fw.requirements.len(), requirements, "{id}");
        }
        let all: HashSet<&str> = catalog
            .frameworks
            .iter()
            .flat_map(|f| f.control_ids())
            .collect();
        assert_eq!(all.len(), 340, "distinct control ids over all frameworks");
        let cis3 = catalog
            .coverage()
            .into_iter()
            .find(|c| c.id == "cis-aws-3.0");
        assert_eq!(cis3.unwrap().missing, Vec::<String>::new());
    }

    #[test]
    fn every_rego_test_of_the_embedded_catalog_passes() {
        let catalog = Catalog::embedded().unwrap();
        let outcomes = crate::controls::run_tests(&catalog).unwrap();
        let failed: Vec<String> = outcomes
            .iter()
            .filter(|t| !t.passed)
            .map(|t| {
                format!(
                    "{} {}: {}",
                    t.file,
                    t.name,
                    t.detail.clone().unwrap_or_default()
                )
            })
            .collect();
        assert!(
            outcomes.len() > 200,
            "expected the catalog's tests, found {}",
            outcomes.len()
        );
        assert!(
            failed.is_empty(),
            "{} rego tests failed:\n{}",
            failed.len(),
            failed.join("\n")
        );
    }

    #[test]
    fn duplicate_ids_are_rejected_naming_both_files() {
        let err = Catalog::from_files(vec![
            file("aws/s3/a.rego", &control("a")),
            file("aws/s4/a.rego", &control("a")),
        ])
        .unwrap_err();
        assert!(
            err.to_string().contains("also defined in aws/s3/a.rego"),
            "{err}"
        );
    }

    #[test]
    fn framework_references_to_missing_controls_load_and_show_in_coverage() {
        let fw = "id: f\nname: F\nversion: '1'\nrequirements:\n  - id: '1'\n    section: S\n    description: D\n    assessment: automated\n    controls: [a, missing]\n";
        let catalog = Catalog::from_files(vec![
            file("aws/s3/a.rego", &control("a")),
            file("frameworks/f.yaml", fw),
        ])
        .expect("a framework may name controls that are not implemented yet");
        assert_eq!(catalog.missing_controls(), vec!["missing"]);
        // Selecting the benchmark runs what exists and skips the rest.
        let selected = catalog.select(&["f".into()], &[]).unwrap();
        assert_eq!(selected.controls.len(), 1);
    }

    #[test]
    fn duplicate_requirement_ids_are_rejected() {
        let fw = "id: f\nname: F\nversion: '1'\nrequirements:\n  - {id: '1', section: S, description: D, assessment: manual}\n  - {id: '1', section: S, description: D, assessment: manual}\n";
        let err = Catalog::from_files(vec![file("frameworks/f.yaml", fw)]).unwrap_err();
        assert_eq!(err.path, "frameworks/f.yaml");
        assert!(err.to_string().contains("listed twice"), "{err}");
    }

    #[test]
    fn bad_framework_yaml_names_file_and_line() {
        let fw =
            "id: f\nname: F\nversion: '1'\nrequirements:\n  - id: '1'\n    assessment: sometimes\n";
        let err = Catalog::from_files(vec![file("frameworks/f.yaml", fw)]).unwrap_err();
        assert_eq!(err.path, "frameworks/f.yaml");
        assert!(err.line >= 5, "{err}");
    }

    #[test]
    fn selecting_by_benchmark_keeps_only_its_controls() {
        let catalog = Catalog::embedded().unwrap();
        let cis = catalog.select(&["cis-aws-3.0".into()], &[]).unwrap();
        assert_eq!(cis.controls.len(), 69);
        let one = catalog
            .select(&[], &["s3_bucket_secure_transport_policy".into()])
            .unwrap();
        assert_eq!(one.controls.len(), 1);
        assert!(crate::controls::Evaluator::new(&one).is_ok());
        assert!(catalog.select(&["nope".into()], &[]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_in_a_control_dir_is_named() {
        let root = std::env::temp_dir().join(format!("parapet-loop-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(root.join("aws/s3")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("aws/s3/back")).unwrap();
        let err = Catalog::from_dir(&root).unwrap_err();
        std::fs::remove_dir_all(&root).unwrap();
        assert!(err.path.ends_with("aws/s3/back"), "{err}");
        assert!(err.message.contains("symbolic link loop"), "{err}");
    }
}
