use super::catalog::Catalog;
use regorus::Value;

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
/// its rule evaluates to true.
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
        let package = f
            .text
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("package ")
                    .map(|p| p.trim().to_string())
            })
            .ok_or_else(|| anyhow::anyhow!("{}: no package declaration", f.path))?;
        let mut names: Vec<String> = f
            .text
            .lines()
            .filter(|l| l.starts_with("test_"))
            .filter_map(|l| {
                l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .map(str::to_string)
            })
            .collect();
        names.dedup();
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
    Ok(out)
}
