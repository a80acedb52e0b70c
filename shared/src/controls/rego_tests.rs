use super::catalog::Catalog;
use super::engine::Evaluator;
use regorus::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One `test_` rule of a `_test.rego` file.
#[derive(Debug, Clone)]
pub struct TestOutcome {
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// Why it failed: undefined, false, or the evaluation error.
    pub detail: Option<String>,
}

/// Runs every `test_*` rule of every `_test.rego` file, OPA style: a test passes when
/// its rule evaluates to true. Then, per control test file, one more outcome
/// (`FAST_PATH_CHECK`): the evaluator's fast path agrees with the interpreter on every input
/// the file's tests build.
pub fn run_tests(catalog: &Catalog) -> anyhow::Result<Vec<TestOutcome>> {
    let mut engine = regorus::Engine::new();
    for f in &catalog.rego {
        engine
            .add_policy(f.path.clone(), f.text.clone())
            .map_err(|e| anyhow::anyhow!("{}: {e}", f.path))?;
    }
    engine.set_input(Value::new_object());
    let mut out = Vec::new();
    for f in catalog
        .rego
        .iter()
        .filter(|f| f.path.ends_with("_test.rego"))
    {
        let (package, names) = test_rules(&f.path, &f.text)?;
        for name in names {
            let result = engine.eval_rule(format!("data.{package}.{name}"));
            let (passed, detail) = match result {
                Ok(Value::Bool(true)) => (true, None),
                Ok(Value::Undefined) => (
                    false,
                    Some("undefined (a condition did not hold)".to_string()),
                ),
                Ok(v) => (false, Some(format!("evaluated to {v}"))),
                Err(e) => (false, Some(format!("error: {e}"))),
            };
            out.push(TestOutcome {
                file: f.path.clone(),
                name,
                passed,
                detail,
            });
        }
    }
    out.extend(fast_path_agreement(catalog)?);
    Ok(out)
}

/// The name of the agreement outcome of a control's test file.
pub const FAST_PATH_CHECK: &str = "fast_path_agrees_with_interpreter";

/// A test file's package and its `test_` rule names.
fn test_rules(path: &str, text: &str) -> anyhow::Result<(String, Vec<String>)> {
    let package = text
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("package ")
                .map(|p| p.trim().to_string())
        })
        .ok_or_else(|| anyhow::anyhow!("{path}: no package declaration"))?;
    let mut names: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("test_"))
        .filter_map(|l| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .map(str::to_string)
        })
        .collect();
    names.dedup();
    Ok((package, names))
}

/// The extension that records every input a test builds.
const CAPTURE: &str = "parapet_capture_input";

/// The fast path (regorus's RVM) and the interpreter are separate implementations of Rego;
/// the Rego tests only exercise the interpreter. So the tests are run once more with each
/// `with input as X` rewritten to `with input as parapet_capture_input(X)`, an extension
/// that records X, and every recorded input is evaluated by both paths.
fn fast_path_agreement(catalog: &Catalog) -> anyhow::Result<Vec<TestOutcome>> {
    let captured: Arc<Mutex<Vec<Value>>> = Arc::default();
    let mut engine = regorus::Engine::new();
    let sink = Arc::clone(&captured);
    engine.add_extension(
        CAPTURE.to_string(),
        1,
        Box::new(move |mut args: Vec<Value>| {
            let v = args.pop().unwrap_or(Value::Undefined);
            if let Ok(mut c) = sink.lock() {
                c.push(v.clone());
            }
            Ok(v)
        }),
    )?;
    // Test files whose rewritten text did not parse: run as written, reported below.
    let mut not_instrumented: HashMap<&str, String> = HashMap::new();
    for f in &catalog.rego {
        if f.path.ends_with("_test.rego") {
            if let Err(e) = engine.add_policy(f.path.clone(), capture_inputs(&f.text)) {
                not_instrumented.insert(&f.path, e.to_string());
            } else {
                continue;
            }
        }
        engine
            .add_policy(f.path.clone(), f.text.clone())
            .map_err(|e| anyhow::anyhow!("{}: {e}", f.path))?;
    }
    engine.set_input(Value::new_object());
    let mut evaluator = Evaluator::new(catalog)?;
    let mut out = Vec::new();
    for f in catalog
        .rego
        .iter()
        .filter(|f| f.path.ends_with("_test.rego"))
    {
        let control_path = f.path.replace("_test.rego", ".rego");
        let Some(control) = catalog.controls.iter().find(|c| c.path == control_path) else {
            continue;
        };
        let (package, names) = test_rules(&f.path, &f.text)?;
        for name in names {
            // Outcomes are the first run's business; only the inputs matter here.
            let _ = engine.eval_rule(format!("data.{package}.{name}"));
        }
        let inputs = std::mem::take(&mut *captured.lock().expect("capture lock"));
        let mut problems: Vec<String> = Vec::new();
        if let Some(e) = not_instrumented.get(f.path.as_str()) {
            problems.push(format!("could not record this file's inputs: {e}"));
        } else if inputs.is_empty() {
            // Every control test builds inputs; none seen means the capture broke.
            problems.push("no `with input as` input was captured".to_string());
        }
        for input in inputs.iter().filter(|i| matches!(i, Value::Object(_))) {
            for (id, fast, reference) in evaluator.disagreements(&control.meta.resource_type, input)
            {
                problems.push(format!(
                    "{id} on {input}: fast path {fast}, interpreter {reference}"
                ));
            }
        }
        problems.sort();
        problems.dedup();
        out.push(TestOutcome {
            file: f.path.clone(),
            name: FAST_PATH_CHECK.to_string(),
            passed: problems.is_empty(),
            detail: (!problems.is_empty()).then(|| {
                format!(
                    "regorus's RVM and interpreter disagree (rewrite the rule or report it): {}",
                    problems.join("; ")
                )
            }),
        });
    }
    Ok(out)
}

/// Wraps the expression of every `with input as <expr>` in the capture extension. The
/// expression ends at the end of its line (or a `;`, a comment, the closing brace of the
/// body, or another `with`), outside brackets and strings.
fn capture_inputs(text: &str) -> String {
    const MARKER: &str = "with input as ";
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(at) = rest.find(MARKER) {
        let (head, tail) = rest.split_at(at + MARKER.len());
        out.push_str(head);
        let end = expression_end(tail);
        let expr = tail[..end].trim_end();
        out.push_str(CAPTURE);
        out.push('(');
        out.push_str(expr);
        out.push(')');
        rest = &tail[expr.len()..];
    }
    out.push_str(rest);
    out
}

fn expression_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'`' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return i,
            b')' | b']' | b'}' => depth -= 1,
            b'\n' | b';' | b'#' if depth == 0 => return i,
            b' ' if depth == 0 && s[i..].starts_with(" with ") => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::SourceFile;

    /// regorus 0.14.1's RVM skips the `else` of a function whose first body iterates and
    /// finds nothing; here that turns the interpreter's PASS into the default FAIL.
    #[test]
    fn a_fast_path_that_disagrees_with_the_interpreter_fails_the_tests() {
        let control = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.x\n\nimport rego.v1\n\nf(xs) := \"a\" if {\n\tsome v in xs\n\tv == 1\n} else := \"c\"\n\ndefault status := \"FAIL\"\n\nstatus := \"PASS\" if f(input.resource.attributes.xs) == \"c\"\n\nreason := \"r\"\n";
        let test = "package parapet.aws.s3.x_test\n\nimport rego.v1\n\nimport data.parapet.aws.s3.x\n\ntest_pass if x.status == \"PASS\" with input as {\"resource\": {\"attributes\": {\"xs\": [3]}}}\n";
        let catalog = Catalog::from_files(vec![
            SourceFile {
                path: "aws/s3/x.rego".into(),
                text: control.into(),
            },
            SourceFile {
                path: "aws/s3/x_test.rego".into(),
                text: test.into(),
            },
        ])
        .unwrap();
        let outcomes = run_tests(&catalog).unwrap();
        let rego = outcomes.iter().find(|t| t.name == "test_pass").unwrap();
        assert!(rego.passed, "{:?}", rego.detail);
        let check = outcomes.iter().find(|t| t.name == FAST_PATH_CHECK).unwrap();
        assert!(!check.passed);
        let detail = check.detail.as_deref().unwrap_or("");
        assert!(detail.contains("fast path FAIL"), "{detail}");
    }

    #[test]
    fn input_expressions_are_wrapped_whatever_their_shape() {
        let text = "test_a if control.status == \"PASS\" with input as key({\"a\": \"}\"})\n\
                    test_b if {\n\tinp := {\n\t\t\"x\": [1, 2],\n\t}\n\tcontrol.status with input as inp # note\n}\n\
                    test_c if { not control.status with input as {} }\n";
        let out = capture_inputs(text);
        assert!(
            out.contains("with input as parapet_capture_input(key({\"a\": \"}\"}))\n"),
            "{out}"
        );
        assert!(
            out.contains("with input as parapet_capture_input(inp) # note"),
            "{out}"
        );
        assert!(
            out.contains("with input as parapet_capture_input({}) }"),
            "{out}"
        );
    }
}
