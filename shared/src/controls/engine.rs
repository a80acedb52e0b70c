use super::catalog::{Catalog, CatalogError, Control};
use crate::model::{Resource, Status};
use regorus::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The result of one control on one resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub control_id: String,
    pub status: Status,
    pub reason: String,
}

/// The catalog's controls compiled into one regorus engine. Cloning is cheap (the parsed
/// policies are shared), so each worker thread takes its own clone.
#[derive(Clone)]
pub struct Evaluator {
    engine: regorus::Engine,
    controls: Arc<Vec<CompiledControl>>,
    by_type: Arc<HashMap<String, Vec<usize>>>,
}

struct CompiledControl {
    control: Control,
    status_rule: String,
    reason_rule: String,
}

impl Evaluator {
    pub fn new(catalog: &Catalog) -> Result<Self, CatalogError> {
        let mut engine = regorus::Engine::new();
        for f in catalog
            .rego
            .iter()
            .filter(|f| !f.path.ends_with("_test.rego"))
        {
            engine
                .add_policy(f.path.clone(), f.text.clone())
                .map_err(|e| rego_error(&f.path, &e))?;
        }
        let mut by_type: HashMap<String, Vec<usize>> = HashMap::new();
        let mut controls = Vec::new();
        for (i, c) in catalog.controls.iter().enumerate() {
            by_type
                .entry(c.meta.resource_type.clone())
                .or_default()
                .push(i);
            controls.push(CompiledControl {
                status_rule: format!("data.{}.status", c.package),
                reason_rule: format!("data.{}.reason", c.package),
                control: c.clone(),
            });
        }
        let mut ev = Evaluator {
            engine,
            controls: Arc::new(controls),
            by_type: Arc::new(by_type),
        };
        // Evaluate every control once on an empty resource so that a rule that cannot
        // evaluate fails at start-up, naming its file, rather than in the middle of a scan.
        ev.engine.set_input(Value::from(serde_json::json!({"resource": {"attributes": {}, "tags": {}}, "now": "1970-01-01T00:00:00Z"})));
        for c in ev.controls.iter() {
            ev.engine
                .eval_rule(c.status_rule.clone())
                .map_err(|e| rego_error(&c.control.path, &e))?;
        }
        Ok(ev)
    }

    pub fn controls(&self) -> impl Iterator<Item = &Control> {
        self.controls.iter().map(|c| &c.control)
    }

    /// The controls that evaluate a resource type.
    pub fn controls_for(&self, resource_type: &str) -> impl Iterator<Item = &Control> {
        self.by_type
            .get(resource_type)
            .into_iter()
            .flatten()
            .map(|&i| &self.controls[i].control)
    }

    /// Runs every control of the resource's type on it. `now` is the scan time (RFC 3339).
    pub fn evaluate(&mut self, resource: &Resource, now: &str) -> Vec<Evaluation> {
        let Some(indices) = self.by_type.get(&resource.resource_type).cloned() else {
            return Vec::new();
        };
        let input = serde_json::json!({
            "resource": {
                "arn": resource.arn,
                "resource_type": resource.resource_type,
                "account_id": resource.account_id,
                "region": resource.region,
                "name": resource.name,
                "tags": resource.tags,
                "attributes": resource.attributes,
            },
            "now": now,
        });
        self.engine.set_input(Value::from(input));
        let controls = Arc::clone(&self.controls);
        indices
            .into_iter()
            .map(|i| {
                let c = &controls[i];
                let (status, reason) = self.evaluate_one(c, resource);
                Evaluation {
                    control_id: c.control.meta.id.clone(),
                    status,
                    reason,
                }
            })
            .collect()
    }

    fn evaluate_one(&mut self, c: &CompiledControl, resource: &Resource) -> (Status, String) {
        for attr in &c.control.meta.requires {
            if let Some(err) = resource.attribute_error(attr) {
                return (
                    Status::Error,
                    format!(
                        "{} {}: could not read {attr}: {err}",
                        kind(resource),
                        resource.name
                    ),
                );
            }
        }
        let status = match self.engine.eval_rule(c.status_rule.clone()) {
            Ok(Value::String(s)) => match s.parse::<Status>() {
                Ok(st @ (Status::Pass | Status::Fail | Status::Info | Status::Skipped)) => st,
                _ => {
                    return (
                        Status::Error,
                        format!(
                            "control {} returned an invalid status {s:?}",
                            c.control.meta.id
                        ),
                    )
                }
            },
            Ok(Value::Undefined) => {
                return (
                    Status::Error,
                    format!(
                        "control {} reached no status for {}",
                        c.control.meta.id, resource.name
                    ),
                )
            }
            Ok(other) => {
                return (
                    Status::Error,
                    format!(
                        "control {} returned a non-string status {other}",
                        c.control.meta.id
                    ),
                )
            }
            Err(e) => {
                return (
                    Status::Error,
                    format!("control {} failed to evaluate: {e}", c.control.meta.id),
                )
            }
        };
        let reason = match self.engine.eval_rule(c.reason_rule.clone()) {
            Ok(Value::String(s)) => s.to_string(),
            // A missing reason is a catalog bug; keep the status and say what was checked.
            _ => format!("{} {}: {}", kind(resource), resource.name, c.control.title),
        };
        (status, reason)
    }
}

fn kind(resource: &Resource) -> &str {
    resource
        .resource_type
        .rsplit("::")
        .next()
        .unwrap_or(&resource.resource_type)
}

fn rego_error(path: &str, e: &anyhow::Error) -> CatalogError {
    let msg = e.to_string();
    // regorus messages start with `path:line:col:`; keep its line when present.
    let line = msg
        .split(':')
        .skip_while(|p| !path.ends_with(p.trim()))
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    CatalogError {
        path: path.to_string(),
        line,
        message: msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::SourceFile;

    fn resource(attributes: serde_json::Value) -> Resource {
        Resource {
            arn: "arn:aws:s3:::b".into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            name: "b".into(),
            tags: Default::default(),
            attributes,
            collected_at: chrono::Utc::now(),
            scan_id: "s".into(),
        }
    }

    fn evaluator(rule: &str) -> Evaluator {
        let text = format!("# METADATA\n# title: Bucket has a policy\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   requires: [policy]\n#   risk: R\n#   remediation:\n#     text: Fix\n#   realtime_triggers: []\npackage parapet.aws.s3.x\n\nimport rego.v1\n\n{rule}\n");
        let catalog = Catalog::from_files(vec![SourceFile {
            path: "aws/s3/x.rego".into(),
            text,
        }])
        .unwrap();
        Evaluator::new(&catalog).unwrap()
    }

    #[test]
    fn a_collector_error_on_a_required_attribute_is_error_not_a_verdict() {
        let mut ev = evaluator("default status := \"FAIL\"\nstatus := \"PASS\" if input.resource.attributes.policy != null\nreason := \"r\"");
        let denied =
            resource(serde_json::json!({"policy": null, "errors": {"policy": "AccessDenied: no"}}));
        let e = &ev.evaluate(&denied, "2026-01-01T00:00:00Z")[0];
        assert_eq!(e.status, Status::Error);
        assert!(e.reason.contains("AccessDenied"), "{}", e.reason);
        let ok = resource(serde_json::json!({"policy": {"Statement": []}}));
        assert_eq!(
            ev.evaluate(&ok, "2026-01-01T00:00:00Z")[0].status,
            Status::Pass
        );
        let none = resource(serde_json::json!({"policy": null}));
        assert_eq!(
            ev.evaluate(&none, "2026-01-01T00:00:00Z")[0].status,
            Status::Fail
        );
    }

    #[test]
    fn an_undefined_or_invalid_status_is_error() {
        let mut ev = evaluator("status := \"PASS\" if input.resource.attributes.policy");
        let e = &ev.evaluate(&resource(serde_json::json!({})), "2026-01-01T00:00:00Z")[0];
        assert_eq!(e.status, Status::Error);
        let mut ev = evaluator("status := \"MAYBE\"");
        let e = &ev.evaluate(&resource(serde_json::json!({})), "2026-01-01T00:00:00Z")[0];
        assert_eq!(e.status, Status::Error);
        assert!(e.reason.contains("invalid status"), "{}", e.reason);
    }

    #[test]
    fn a_missing_reason_falls_back_to_the_title() {
        let mut ev = evaluator("status := \"PASS\"");
        let e = &ev.evaluate(&resource(serde_json::json!({})), "2026-01-01T00:00:00Z")[0];
        assert_eq!(e.status, Status::Pass);
        assert!(e.reason.contains("Bucket has a policy"), "{}", e.reason);
    }

    #[test]
    fn a_rule_that_does_not_parse_is_a_start_up_error_naming_the_file() {
        let text = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\n#   realtime_triggers: []\npackage parapet.aws.s3.x\n\nimport rego.v1\n\nstatus := if {\n";
        let catalog = Catalog::from_files(vec![SourceFile {
            path: "aws/s3/x.rego".into(),
            text: text.into(),
        }])
        .unwrap();
        let err = Evaluator::new(&catalog).err().expect("parse error");
        assert_eq!(err.path, "aws/s3/x.rego");
    }
}
