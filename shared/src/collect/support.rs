use crate::aws::failure;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{Map, Value};

/// An AWS timestamp as RFC 3339, or null.
pub fn ts(t: Option<&aws_smithy_types::DateTime>) -> Value {
    // JSON protocols send epoch seconds as a float (1499288695.918), which the SDK keeps
    // with its rounding error (…55.917999Z); AWS's timestamps have millisecond precision.
    let to_millis = |t: &aws_smithy_types::DateTime| {
        let millis = (t.subsec_nanos() as i64 + 500_000) / 1_000_000;
        aws_smithy_types::DateTime::from_millis(t.secs() * 1000 + millis)
    };
    t.map(to_millis)
        .and_then(|t| t.fmt(Format::DateTime).ok())
        .map(Value::String)
        .unwrap_or(Value::Null)
}

/// The `errors` attribute of a resource: which attributes could not be read, and why.
#[derive(Debug, Default)]
pub struct Errors(Map<String, Value>);

impl Errors {
    /// Records a failed SDK call; the reason names `operation` (the API's name for the
    /// call, `GetBucketPolicy`), as every reason does.
    pub fn record<E>(&mut self, attribute: &str, operation: &str, err: &SdkError<E, HttpResponse>)
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.note(attribute, failure(operation, err));
    }

    /// Records a failed `aws::api` call (the error names its operation).
    pub fn record_api(&mut self, attribute: &str, err: &crate::aws::ApiError) {
        self.note(attribute, err.to_string());
    }

    pub fn note(&mut self, attribute: &str, reason: String) {
        // One line, whatever the endpoint answered (reasons are shown and stored).
        let reason = crate::aws::one_line(&reason, 2 * crate::aws::REASON_MAX_CHARS);
        tracing::debug!(attribute, %reason, "attribute not readable");
        self.0.insert(attribute.to_string(), Value::String(reason));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `errors` to an attributes object when anything failed.
    pub fn attach(self, mut attributes: Value) -> Value {
        if !self.0.is_empty() {
            if let Some(obj) = attributes.as_object_mut() {
                obj.insert("errors".into(), Value::Object(self.0));
            }
        }
        attributes
    }
}

/// Decodes an IAM policy document: URL-encoded JSON as the IAM API returns it, or plain JSON.
pub fn policy_document(raw: &str) -> Value {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    serde_json::from_str(&decoded)
        .or_else(|_| serde_json::from_str(raw))
        .unwrap_or_else(|_| Value::String(raw.to_string()))
}

/// Tags from an API answer's tag list (`[{"Key", "Value"}]`, any casing of the two
/// names) as a map; anything else gives no tags.
pub fn tag_map(list: &Value) -> std::collections::BTreeMap<String, String> {
    let field = |t: &Value, a: &str, b: &str| {
        t.get(a)
            .or_else(|| t.get(b))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some((
                field(t, "Key", "key")?,
                field(t, "Value", "value").unwrap_or_default(),
            ))
        })
        .collect()
}

/// The value of the `Name` tag, used as a readable name for EC2 resources.
pub fn name_tag<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    tags.into_iter()
        .find(|(k, _)| *k == "Name")
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The collectors' source files, their tests left out.
    fn collector_sources(dir: &Path) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(collector_sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                out.push((path, code.to_string()));
            }
        }
        out
    }

    /// The arguments of a call, as source text, from just after its `(`.
    fn call_args(source: &str) -> Vec<&str> {
        let (mut depth, mut in_string, mut escaped) = (0, false, false);
        let (mut args, mut start) = (Vec::new(), 0);
        for (i, c) in source.char_indices() {
            if in_string {
                (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
                continue;
            }
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' if depth == 0 => {
                    args.push(source[start..i].trim());
                    break;
                }
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(source[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            }
        }
        args.retain(|a| !a.is_empty());
        args
    }

    /// Issue 18: an ERROR names the call that failed. Every `Errors::record` in the
    /// collectors passes the API's name for the call (`"GetBucketPolicy"`) as a literal,
    /// as does every `gated_read` (S3's per-bucket reads), last in its
    /// (type, attribute, operation) argument.
    #[test]
    fn every_record_call_names_its_operation() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/collect");
        let (mut calls, mut unnamed) = (0, Vec::new());
        for (path, code) in collector_sources(&dir) {
            let records = code.match_indices(".record(").map(|(at, m)| (at, m, 1));
            let gated = code.match_indices("gated_read(").map(|(at, m)| (at, m, 2));
            for (at, call, operation_arg) in records.chain(gated) {
                calls += 1;
                let args = call_args(&code[at + call.len()..]);
                let literal = args.get(operation_arg).map_or("", |a| {
                    a.trim_end_matches([')', ',', ' ', '\n'])
                        .rsplit(',')
                        .next()
                        .unwrap_or("")
                        .trim()
                });
                let operation = literal.trim_matches('"');
                let named = (args.len() == 3 || call == "gated_read(")
                    && literal.starts_with('"')
                    && operation.starts_with(|c: char| c.is_ascii_uppercase())
                    && operation.chars().all(|c| c.is_ascii_alphanumeric());
                if !named {
                    let line = code[..at].lines().count();
                    unnamed.push(format!("{}:{line}: {args:?}", path.display()));
                }
            }
        }
        assert!(
            calls >= 30,
            "found only {calls} record calls: is the scan broken?"
        );
        assert!(
            unnamed.is_empty(),
            "record calls without an operation: {unnamed:#?}"
        );
    }

    #[test]
    fn call_args_split_at_the_top_level_only() {
        assert_eq!(
            call_args(r#"field, "Get,Key(", &e); rest"#),
            vec!["field", r#""Get,Key(""#, "&e"]
        );
        assert_eq!(call_args("f(a, b), (c)) x"), vec!["f(a, b)", "(c)"]);
        assert_eq!(call_args("\"a\\\"b\", c)"), vec!["\"a\\\"b\"", "c"]);
    }

    #[test]
    fn reads_tag_lists_in_either_casing() {
        let tags = tag_map(&serde_json::json!([
            {"Key": "env", "Value": "prod"},
            {"key": "team", "value": "data"},
            {"Key": "empty"},
            {"Value": "no key"}
        ]));
        assert_eq!(tags.len(), 3);
        assert_eq!(tags["env"], "prod");
        assert_eq!(tags["team"], "data");
        assert_eq!(tags["empty"], "");
        assert!(tag_map(&Value::Null).is_empty());
    }

    #[test]
    fn decodes_url_encoded_and_plain_policy_documents() {
        let enc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(policy_document(enc)["Version"], "2012-10-17");
        assert_eq!(
            policy_document(r#"{"Statement":[]}"#)["Statement"],
            serde_json::json!([])
        );
        assert!(policy_document("not json").is_string());
    }
}
