//! Redaction of secret values at collection time. Some API answers carry credentials in
//! clear text (environment variables, job arguments, stage variables, URLs with a token
//! in them). Every collected resource passes through `redact` before it is stored,
//! evaluated or exported, so no value of those attributes ever leaves the collector.
//!
//! What is redacted is the table `RULES`: one row per (resource type, attribute path).
//! Names are kept; each value is replaced by `MARKER`, and the facts the controls need
//! about it (`looks_secret`) are computed first, from the name and the value.

use regex::Regex;
use serde_json::{json, Value};
use std::sync::LazyLock;

/// What a redacted value reads as.
pub const MARKER: &str = "[redacted]";

/// Where secrets sit in one resource type's attributes.
pub struct Rule {
    pub resource_type: &'static str,
    /// Dot-separated keys from `attributes`; `key[]` steps into every element of the
    /// array at `key`, `*` into every value of an object.
    pub path: &'static str,
    pub holds: Holds,
}

/// The shape of the attribute at a rule's path.
pub enum Holds {
    /// An object `{name: value}` (Lambda `Environment.Variables`). Each value chosen by
    /// `Pick` becomes `{"value": MARKER, "looks_secret": bool}`.
    NamedValues(Pick),
    /// An array `[{<name>: .., <value>: .., ...}]` (ECS container `environment`): each
    /// entry's value becomes `MARKER` and the entry gains `looks_secret`.
    NameValueList {
        name: &'static str,
        value: &'static str,
    },
    /// A value that is a credential by definition (a password field): becomes `MARKER`.
    Secret,
    /// A URL that may carry credentials in its user-info part: the user-info becomes
    /// `MARKER` (`https://[redacted]@host/path`), the rest is kept.
    Url,
}

/// Which entries of a `NamedValues` object are redacted.
pub enum Pick {
    All,
    /// All but these names, which are the service's own settings (Glue's job
    /// parameters such as `--enable-continuous-cloudwatch-log`) read by controls.
    AllBut(&'static [&'static str]),
    /// Only names starting with one of these (Elastic Beanstalk's option map, where
    /// only the application's environment and the database password are secrets).
    Prefixed(&'static [&'static str]),
}

/// Glue's documented special job parameters: configuration, not user data.
const GLUE_OWN_ARGUMENTS: &[&str] = &[
    "--job-language",
    "--job-bookmark-option",
    "--encryption-type",
    "--enable-continuous-cloudwatch-log",
    "--enable-continuous-log-filter",
    "--enable-metrics",
    "--enable-observability-metrics",
    "--enable-spark-ui",
    "--enable-glue-datacatalog",
    "--enable-job-insights",
    "--enable-auto-scaling",
    "--enable-s3-parquet-optimized-committer",
    "--enable-rename-algorithm-v2",
    "--TempDir",
    "--spark-event-logs-path",
    "--continuous-log-logGroup",
    "--continuous-log-logStreamPrefix",
    "--continuous-log-conversionPattern",
];

macro_rules! rule {
    ($t:expr, $p:expr, $h:expr) => {
        Rule {
            resource_type: $t,
            path: $p,
            holds: $h,
        }
    };
}

const NAME_VALUE: Holds = Holds::NameValueList {
    name: "name",
    value: "value",
};

/// Every attribute that holds secrets. Adding one is adding a row.
pub const RULES: &[Rule] = &[
    rule!(
        "AWS::Lambda::Function",
        "Environment.Variables",
        Holds::NamedValues(Pick::All)
    ),
    rule!(
        "AWS::CodeBuild::Project",
        "environment.environmentVariables",
        NAME_VALUE
    ),
    rule!("AWS::CodeBuild::Project", "source.location", Holds::Url),
    rule!(
        "AWS::CodeBuild::Project",
        "secondarySources[].location",
        Holds::Url
    ),
    rule!(
        "AWS::ECS::TaskDefinition",
        "containerDefinitions[].environment",
        NAME_VALUE
    ),
    rule!(
        "AWS::ElasticBeanstalk::Environment",
        "options",
        Holds::NamedValues(Pick::Prefixed(&[
            "aws:elasticbeanstalk:application:environment:",
            "aws:rds:dbinstance:DBPassword",
        ]))
    ),
    rule!(
        "AWS::Glue::Job",
        "DefaultArguments",
        Holds::NamedValues(Pick::AllBut(GLUE_OWN_ARGUMENTS))
    ),
    rule!(
        "AWS::Glue::Job",
        "NonOverridableArguments",
        Holds::NamedValues(Pick::AllBut(GLUE_OWN_ARGUMENTS))
    ),
    rule!(
        "AWS::ApiGateway::Stage",
        "variables",
        Holds::NamedValues(Pick::All)
    ),
    rule!(
        "AWS::ApiGatewayV2::Stage",
        "stageVariables",
        Holds::NamedValues(Pick::All)
    ),
    rule!(
        "AWS::EMR::Cluster",
        "Configurations[].Properties",
        Holds::NamedValues(Pick::All)
    ),
    rule!(
        "AWS::EMR::Cluster",
        "Configurations[].Configurations[].Properties",
        Holds::NamedValues(Pick::All)
    ),
    rule!(
        "AWS::EMR::Cluster",
        "KerberosAttributes.KdcAdminPassword",
        Holds::Secret
    ),
    rule!(
        "AWS::EMR::Cluster",
        "KerberosAttributes.CrossRealmTrustPrincipalPassword",
        Holds::Secret
    ),
    rule!(
        "AWS::EMR::Cluster",
        "KerberosAttributes.ADDomainJoinPassword",
        Holds::Secret
    ),
    // DescribeEndpoints' per-engine settings (`MySQLSettings`, `OracleSettings`, ...).
    rule!("AWS::DMS::Endpoint", "*.Password", Holds::Secret),
    rule!("AWS::DMS::Endpoint", "*.AsmPassword", Holds::Secret),
    rule!(
        "AWS::DMS::Endpoint",
        "*.SecurityDbEncryption",
        Holds::Secret
    ),
    rule!("AWS::DMS::Endpoint", "*.AuthPassword", Holds::Secret),
    rule!("AWS::DMS::Endpoint", "*.SaslPassword", Holds::Secret),
    rule!(
        "AWS::DMS::Endpoint",
        "*.SslClientKeyPassword",
        Holds::Secret
    ),
];

/// Redacts, in place, every attribute `RULES` lists for `resource_type`.
pub fn redact(resource_type: &str, attributes: &mut Value) {
    for rule in RULES.iter().filter(|r| r.resource_type == resource_type) {
        let path: Vec<&str> = rule.path.split('.').collect();
        visit(attributes, &path, &mut |v| apply(&rule.holds, v));
    }
}

/// Calls `f` on every value `path` reaches in `v` (see `Rule::path`).
fn visit(v: &mut Value, path: &[&str], f: &mut dyn FnMut(&mut Value)) {
    let Some((step, rest)) = path.split_first() else {
        return f(v);
    };
    if *step == "*" {
        for child in v.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            visit(child, rest, f);
        }
    } else if let Some(key) = step.strip_suffix("[]") {
        let items = v.get_mut(key).and_then(Value::as_array_mut);
        for item in items.into_iter().flatten() {
            visit(item, rest, f);
        }
    } else if let Some(child) = v.get_mut(*step) {
        visit(child, rest, f);
    }
}

fn apply(holds: &Holds, v: &mut Value) {
    match holds {
        Holds::NamedValues(pick) => {
            for (name, value) in v.as_object_mut().into_iter().flatten() {
                if pick.picks(name) && !value.is_null() {
                    let looks_secret = looks_secret(short_name(name), value);
                    *value = json!({ "value": MARKER, "looks_secret": looks_secret });
                }
            }
        }
        Holds::NameValueList { name, value } => {
            for entry in v.as_array_mut().into_iter().flatten() {
                let Some(entry) = entry.as_object_mut() else {
                    continue;
                };
                let held = entry.get(*value).cloned().unwrap_or(Value::Null);
                let label = entry.get(*name).and_then(Value::as_str).unwrap_or("");
                let looks_secret = looks_secret(label, &held);
                if !held.is_null() {
                    entry.insert(value.to_string(), json!(MARKER));
                }
                entry.insert("looks_secret".into(), json!(looks_secret));
            }
        }
        Holds::Secret => {
            if !v.is_null() {
                *v = json!(MARKER);
            }
        }
        Holds::Url => {
            if let Some(url) = v.as_str() {
                *v = json!(without_user_info(url));
            }
        }
    }
}

impl Pick {
    fn picks(&self, name: &str) -> bool {
        match self {
            Pick::All => true,
            Pick::AllBut(kept) => !kept.contains(&name),
            Pick::Prefixed(prefixes) => prefixes.iter().any(|p| name.starts_with(p)),
        }
    }
}

/// The option name of a namespaced key (`aws:rds:dbinstance:DBPassword` -> `DBPassword`),
/// so the namespace's own words do not count as the variable's name.
fn short_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Variable names that announce a credential.
static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(passw(or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret)",
    )
    .expect("secret name pattern")
});

/// Values that are credentials whatever their variable is called: AWS access key ids,
/// PEM private keys, GitHub, GitLab and Slack tokens.
static SECRET_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(AKIA|ASIA)[0-9A-Z]{16}",
        r"|-----BEGIN [A-Z ]*PRIVATE KEY-----",
        r"|gh[pousr]_[A-Za-z0-9]{36}",
        r"|glpat-[A-Za-z0-9_-]{20}",
        r"|xox[baprs]-[A-Za-z0-9-]{10,}",
    ))
    .expect("secret value pattern")
});

/// A value written `${...}`: a placeholder filled from elsewhere.
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\$\{.*\}$").expect("placeholder pattern"));

/// Whether a name/value pair holds a credential in clear text: a credential-looking
/// value, or a credential-looking name with a non-empty value that is not a reference
/// to a secret store (`arn:aws...`) or a placeholder. A heuristic a person confirms.
pub fn looks_secret(name: &str, value: &Value) -> bool {
    let Some(value) = value.as_str() else {
        return false;
    };
    if SECRET_VALUE.is_match(value) {
        return true;
    }
    let reference = value.starts_with("arn:aws") || PLACEHOLDER.is_match(value);
    !value.trim().is_empty() && SECRET_NAME.is_match(name) && !reference
}

/// `scheme://user:password@host/...` with the user-info replaced by `MARKER`; other
/// strings unchanged.
fn without_user_info(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    // The authority ends at the first `/` (as `url_has_credentials` in
    // controls/lib/secrets.rego reads it), so a `?` or `#` in a password is covered.
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{MARKER}{}", &rest[at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests;
