//! The policy questions of the graph, answered by the control library
//! (`controls/lib/access.rego` on top of `iam.rego`, `iam_conditions.rego` and `s3.rego`)
//! through regorus, the engine the controls run on: one evaluation per graph, so the
//! graph does not carry a second reading of IAM semantics.

use anyhow::Context;
use include_dir::{include_dir, Dir};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The control library alone: the graph does not depend on the controls (a user's
/// broken control must not take it down), only on the rules they share.
static LIBRARY: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../controls/lib");

/// Where a statement applies, as the library's regular expressions.
#[derive(Debug, Clone, Deserialize)]
pub struct Scope {
    /// The Resource patterns as written (S3 object patterns need them).
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub not_resources: Vec<String>,
    #[serde(default)]
    pub every_resource: bool,
}

/// One Allow statement of a principal's identity policies.
#[derive(Debug, Clone, Deserialize)]
pub struct IdentityGrant {
    pub statement: usize,
    /// Capability (`s3:read`, `kms:decrypt`, `sts:assume`, `admin`, ...) -> actions.
    pub capabilities: BTreeMap<String, Vec<String>>,
    pub conditional: bool,
    #[serde(flatten)]
    pub scope: Scope,
}

/// One Allow statement of a trust or resource policy.
#[derive(Debug, Clone, Deserialize)]
pub struct PrincipalGrant {
    pub statement: usize,
    pub capabilities: BTreeMap<String, Vec<String>>,
    pub principals: Vec<String>,
    pub public: bool,
    pub accounts: Vec<String>,
    pub conditional: bool,
}

/// What anyone can do to a bucket without credentials.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BucketExposure {
    /// Capabilities of public policy statements Block Public Access leaves in force.
    pub policy: Vec<String>,
    /// Permissions of ACL grants to everyone that ACL settings leave in force.
    pub acl: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Answers {
    pub identity: Vec<Vec<IdentityGrant>>,
    pub principal: Vec<Vec<PrincipalGrant>>,
    pub buckets: Vec<BucketExposure>,
}

/// The documents of one evaluation, deduplicated: each distinct document is judged once.
#[derive(Debug, Default)]
pub struct Questions {
    identity: Vec<serde_json::Value>,
    identity_index: BTreeMap<String, usize>,
    principal: Vec<serde_json::Value>,
    principal_index: BTreeMap<String, usize>,
    pub buckets: Vec<serde_json::Value>,
}

impl Questions {
    /// The index of an identity document's answer.
    pub fn identity(&mut self, doc: serde_json::Value) -> usize {
        intern(&mut self.identity, &mut self.identity_index, doc)
    }

    /// The answers that make up the identity document of `statements`, each as (its
    /// index, the position of its first statement in the document). A document of Allow
    /// statements only is asked statement by statement: without a Deny no statement
    /// takes from another, so each is judged alone, and one that many principals share
    /// (a managed policy's) is judged once. A document with any other statement is
    /// asked whole.
    pub fn identity_statements(
        &mut self,
        statements: Vec<serde_json::Value>,
    ) -> Vec<(usize, usize)> {
        let allow_only = statements
            .iter()
            .all(|st| st.get("Effect").and_then(serde_json::Value::as_str) == Some("Allow"));
        if !allow_only {
            let doc = serde_json::json!({ "Statement": statements });
            return vec![(self.identity(doc), 0)];
        }
        statements
            .into_iter()
            .enumerate()
            .map(|(k, st)| (self.identity(serde_json::json!({ "Statement": [st] })), k))
            .collect()
    }

    /// The index of a trust or resource policy's answer.
    pub fn principal(&mut self, doc: serde_json::Value) -> usize {
        intern(&mut self.principal, &mut self.principal_index, doc)
    }

    /// Asks the library every question at once.
    pub fn answer(self) -> anyhow::Result<Answers> {
        self.answer_on(true)
    }

    /// `fast`: on the RVM when it compiles the batch, else (and always without it) on
    /// the interpreter.
    fn answer_on(self, fast: bool) -> anyhow::Result<Answers> {
        let mut engine = library_engine()?;
        let input = serde_json::json!({
            "identity": self.identity,
            "principal": self.principal,
            "buckets": self.buckets,
        });
        let input = regorus::Value::from(input);
        let value = match fast.then(|| fast_batch(&mut engine, &input)).flatten() {
            Some(value) => value,
            None => {
                engine.set_input(input);
                engine
                    .eval_rule(BATCH.to_string())
                    .with_context(|| format!("evaluating {BATCH}"))?
            }
        };
        let json = serde_json::to_value(&value).context("the library's answer")?;
        let answers: Answers =
            serde_json::from_value(json).context("the library's answer has an unexpected shape")?;
        anyhow::ensure!(
            answers.identity.len() == self.identity.len()
                && answers.principal.len() == self.principal.len()
                && answers.buckets.len() == self.buckets.len(),
            "the policy library answered a different number of documents than asked"
        );
        Ok(answers)
    }
}

/// An interpreter holding the control library.
fn library_engine() -> anyhow::Result<regorus::Engine> {
    let mut engine = regorus::Engine::new();
    for f in LIBRARY.files() {
        let path = f.path().to_string_lossy();
        if !path.ends_with(".rego") || path.ends_with("_test.rego") {
            continue;
        }
        let text = f
            .contents_utf8()
            .with_context(|| format!("policy library lib/{path} is not UTF-8"))?;
        engine
            .add_policy(format!("lib/{path}"), text.to_string())
            .with_context(|| format!("policy library lib/{path}"))?;
    }
    Ok(engine)
}

const BATCH: &str = "data.parapet.lib.access.batch";
const MAX_INSTRUCTIONS: usize = 20_000_000_000;

/// The batch on regorus's RVM, as the controls run (several times faster than the
/// interpreter); None, and the interpreter answers, when it cannot compile or run it.
fn fast_batch(engine: &mut regorus::Engine, input: &regorus::Value) -> Option<regorus::Value> {
    use regorus::languages::rego::compiler::Compiler;
    use regorus::rvm::vm::RegoVM;
    let policy = engine.compile_with_entrypoint(&BATCH.into()).ok()?;
    let program = Compiler::compile_from_policy(&policy, &[BATCH]).ok()?;
    let mut vm = RegoVM::new();
    // The batch grows with the graph (every document of a scan): the bound is the
    // input's, not a per-resource budget as for the controls.
    vm.set_max_instructions(MAX_INSTRUCTIONS);
    vm.load_program(program);
    vm.set_input(input.clone());
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vm.execute_entry_point_by_index(0).ok()
    }));
    run.ok()
        .flatten()
        .filter(|v| *v != regorus::Value::Undefined)
}

fn intern(
    docs: &mut Vec<serde_json::Value>,
    index: &mut BTreeMap<String, usize>,
    doc: serde_json::Value,
) -> usize {
    let key = doc.to_string();
    *index.entry(key).or_insert_with(|| {
        docs.push(doc);
        docs.len() - 1
    })
}

/// One of the library's resource regular expressions, ready to test ARNs. Most are an
/// escaped literal (`^lit$`) or a literal prefix (`^lit.*$`): those are read as such,
/// which is what the regex engine would do with them, without building an automaton
/// for each (a graph has thousands, each tested a few times); anything else is compiled.
enum Matcher {
    Exact(String),
    /// `^prefix.*$`: `.` matches any character but a line feed.
    Prefix(String),
    Regex(Regex),
}

/// The regex metacharacters: escaped, each stands for itself (other escapes, such as
/// `\d` or `\<`, are classes or assertions).
const META: &str = r".+*?()|[]{}^$\";

/// Longest literal read without compiling (the regex engine's size limit never comes
/// near it).
const MAX_LITERAL: usize = 4096;

impl Matcher {
    fn new(regex: &str) -> Option<Matcher> {
        match Matcher::literal(regex) {
            Some(m) => Some(m),
            None => Regex::new(regex).ok().map(Matcher::Regex),
        }
    }

    /// `^` literal (`.*`)? `$`, where the literal holds no metacharacter but escaped
    /// ones; None for any other expression.
    fn literal(regex: &str) -> Option<Matcher> {
        let body = regex.strip_prefix('^')?.strip_suffix('$')?;
        let (body, prefix) = match body.strip_suffix(".*") {
            // After an odd number of backslashes the `.` is escaped: not a prefix.
            Some(b) if (b.len() - b.trim_end_matches('\\').len()) % 2 == 0 => (b, true),
            _ => (body, false),
        };
        if body.len() > MAX_LITERAL {
            return None;
        }
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(e) if META.contains(e) => out.push(e),
                    _ => return None,
                },
                c if META.contains(c) => return None,
                c => out.push(c),
            }
        }
        Some(if prefix {
            Matcher::Prefix(out)
        } else {
            Matcher::Exact(out)
        })
    }

    fn is_match(&self, s: &str) -> bool {
        match self {
            Matcher::Exact(lit) => s == lit,
            Matcher::Prefix(lit) => s
                .strip_prefix(lit.as_str())
                .is_some_and(|rest| !rest.contains('\n')),
            Matcher::Regex(re) => re.is_match(s),
        }
    }
}

/// A statement's scope compiled once, to test many ARNs.
pub struct CompiledScope {
    every: bool,
    resources: Vec<Matcher>,
    not_resources: Vec<Matcher>,
    patterns: Vec<String>,
}

impl CompiledScope {
    pub fn new(scope: &Scope) -> Self {
        let compile = |v: &[String]| v.iter().filter_map(|r| Matcher::new(r)).collect();
        CompiledScope {
            every: scope.every_resource,
            resources: compile(&scope.resources),
            not_resources: compile(&scope.not_resources),
            patterns: scope.patterns.clone(),
        }
    }

    /// The statement applies to `arn`.
    pub fn covers(&self, arn: &str) -> bool {
        if self.every {
            return true;
        }
        if !self.not_resources.is_empty() {
            return !self.not_resources.iter().any(|r| r.is_match(arn));
        }
        self.resources.iter().any(|r| r.is_match(arn))
    }

    /// The literal start of each Resource pattern (up to its first wildcard; for S3, cut
    /// at the first `/`), or None when the statement may cover anything
    /// (every resource, NotResource).
    pub fn literal_prefixes(&self) -> Option<Vec<&str>> {
        if self.every || !self.not_resources.is_empty() {
            return None;
        }
        Some(
            self.patterns
                .iter()
                .map(|p| {
                    let literal = &p[..p.find(['*', '?']).unwrap_or(p.len())];
                    // An S3 object pattern names its bucket before the first `/`.
                    let s3 = literal.split(':').nth(2) == Some("s3");
                    match literal.find('/') {
                        Some(slash) if s3 => &literal[..slash],
                        _ => literal,
                    }
                })
                .collect(),
        )
    }

    /// The statement applies to some objects of the bucket `arn` (`arn:aws:s3:::b/*`, a
    /// prefix of it, or a pattern matching every object name).
    pub fn covers_objects_of(&self, bucket_arn: &str) -> bool {
        if self.every {
            return true;
        }
        let prefix = format!("{bucket_arn}/");
        self.covers(&format!("{prefix}*")) || self.patterns.iter().any(|p| p.starts_with(&prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn questions() -> Questions {
        let mut q = Questions::default();
        q.identity(json!({"Statement": [
            {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
            {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"},
        ]}));
        q.identity(json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}));
        q.principal(json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111111111111"}}}]}));
        q.buckets.push(json!({"policy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}, "acl_grants": [{"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]}));
        q
    }

    /// The RVM and the interpreter are two implementations of Rego: the graph uses the
    /// first and falls back to the second, so both must give the same answers.
    #[test]
    fn the_fast_and_the_reference_evaluation_agree() {
        let input = regorus::Value::from(
            serde_json::json!({"identity": [], "principal": [], "buckets": []}),
        );
        assert!(
            fast_batch(&mut library_engine().unwrap(), &input).is_some(),
            "the RVM compiles the batch"
        );
        let fast = format!("{:?}", questions().answer_on(true).unwrap());
        let reference = format!("{:?}", questions().answer_on(false).unwrap());
        assert_eq!(fast, reference);
        let answers = questions().answer_on(true).unwrap();
        assert!(answers.identity[0][1].capabilities.contains_key("s3:write"));
        assert!(
            !answers.identity[0][1]
                .capabilities
                .contains_key("kms:decrypt"),
            "denied"
        );
        assert!(answers.identity[0][0].conditional);
        assert!(answers.identity[1][0].capabilities.contains_key("admin"));
        assert_eq!(answers.principal[0][0].accounts, vec!["111111111111"]);
        assert_eq!(answers.buckets[0].acl, vec!["READ"]);
    }

    /// Asked statement by statement, a document of Allow statements gets the grants it
    /// gets asked whole; with a Deny it is asked whole, as the Deny takes from the rest.
    #[test]
    fn statements_are_asked_alone_only_without_a_deny() {
        let allow = json!([
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
            {"Effect": "Allow", "Action": ["kms:Decrypt", "s3:Put*"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
        ]);
        let mut q = Questions::default();
        let whole = q.identity(json!({ "Statement": allow.clone() }));
        let parts = q.identity_statements(allow.as_array().unwrap().clone());
        assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), [0, 1, 2]);
        let shared = q.identity_statements(vec![allow[2].clone()]);
        assert_eq!(
            shared,
            [(parts[2].0, 0)],
            "a statement asked before is not asked again"
        );
        let mut denied = allow.as_array().unwrap().clone();
        denied.push(json!({"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}));
        let with_deny = q.identity_statements(denied);
        assert_eq!(with_deny.len(), 1);
        let answers = q.answer().unwrap();
        let by_parts: Vec<String> = parts
            .iter()
            .flat_map(|&(question, first)| {
                answers.identity[question].iter().map(move |g| {
                    let mut g = g.clone();
                    g.statement += first;
                    format!("{g:?}")
                })
            })
            .collect();
        let asked_whole: Vec<String> = answers.identity[whole]
            .iter()
            .map(|g| format!("{g:?}"))
            .collect();
        assert_eq!(by_parts, asked_whole);
        assert_eq!(by_parts.len(), 3);
        let decrypt = |grants: &[IdentityGrant]| {
            grants
                .iter()
                .any(|g| g.capabilities.contains_key("kms:decrypt"))
        };
        assert!(decrypt(&answers.identity[whole]));
        assert!(
            !decrypt(&answers.identity[with_deny[0].0]),
            "the Deny takes it away"
        );
    }

    /// The literal and prefix expressions read without compiling match what the regex
    /// engine matches.
    #[test]
    fn literal_expressions_match_as_the_regex_engine_does() {
        let regexes = [
            r"^arn:aws:s3:::b$",
            r"^arn:aws:s3:::b/.*$",
            r"^arn:aws:s3:::b\.c/.*$",
            r"^arn:aws:s3:::b\.*$",
            r"^arn:aws:s3:::b\.*$",
            r"^arn:aws:s3:::b.c$",
            r"^arn:aws:s3:::b\(x\)\[1\]\{2\}\+\|\^\$$",
            r"^.*$",
            r"^$",
            r"^a\dc$",
            r"^arn:aws:s3:::.*/x$",
            r"^arn:aws:s3:::b/.$",
        ];
        let arns = [
            "arn:aws:s3:::b",
            "arn:aws:s3:::b/",
            "arn:aws:s3:::b/key",
            "arn:aws:s3:::b/a\nb",
            "arn:aws:s3:::b/a\\nb",
            "arn:aws:s3:::b.c/k",
            "arn:aws:s3:::bxc",
            "arn:aws:s3:::b\\",
            "arn:aws:s3:::b\\x",
            "arn:aws:s3:::b...",
            "arn:aws:s3:::b(x)[1]{2}+|^$",
            "arn:aws:s3:::q/x",
            "a1c",
            "",
            "ARN:AWS:S3:::B",
        ];
        for re in regexes {
            let reference = Regex::new(re).unwrap();
            let matcher = Matcher::new(re).unwrap();
            for arn in arns {
                assert_eq!(
                    matcher.is_match(arn),
                    reference.is_match(arn),
                    "{re} on {arn:?}"
                );
            }
        }
        assert!(matches!(
            Matcher::new(r"^arn:aws:s3:::b/.*$"),
            Some(Matcher::Prefix(_))
        ));
        assert!(matches!(
            Matcher::new(r"^arn:aws:s3:::b\.c$"),
            Some(Matcher::Exact(_))
        ));
        assert!(matches!(Matcher::new(r"^a\dc$"), Some(Matcher::Regex(_))));
    }

    #[test]
    fn the_same_document_is_asked_once() {
        let mut q = Questions::default();
        let a = q.identity(json!({"Statement": []}));
        let b = q.identity(json!({"Statement": []}));
        assert_eq!(a, b);
        assert_eq!(q.identity.len(), 1);
    }
}
