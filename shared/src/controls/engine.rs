use super::catalog::{Catalog, CatalogError, Control, SourceFile};
use crate::model::{Resource, Status};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use regorus::Value;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// The result of one control on one resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub control_id: String,
    pub status: Status,
    pub reason: String,
}

/// The catalog's controls, compiled twice:
///
/// - into regorus's RVM, one program per resource type whose single entry point returns
///   every control's `status` and `reason` at once (the fast path: one execution per
///   resource instead of two interpreter queries per control);
/// - into the regorus interpreter, which stays the reference: it runs the `_test.rego`
///   files, and any control whose fast result is not a valid status with a string reason
///   (undefined, invalid, an error) is evaluated again by it, so every ERROR and fallback
///   reason comes from the same code as before.
///
/// Cloning is cheap (the parsed policies and programs are shared); each clone makes its own
/// virtual machines on first use, so each worker thread takes its own clone.
pub struct Evaluator {
    /// The interpreter with every policy parsed and analysed, shared by the clones. Built
    /// by `new` for a catalog with files from outside the binary (so that their errors are
    /// start-up errors naming the file); for the embedded catalog, whose files the test
    /// suite proves, on the first evaluation that needs it (rarely any in a scan: the fast
    /// path answers), which keeps its parsing and analysis out of a worker's start-up.
    reference: Arc<OnceLock<Result<regorus::Engine, String>>>,
    /// This clone's copy of the interpreter (it holds the input), taken on first need.
    engine: Option<regorus::Engine>,
    controls: Arc<Vec<CompiledControl>>,
    by_type: Arc<HashMap<String, TypePlan>>,
    fast: Arc<FastPrograms>,
    /// One virtual machine for every type, holding the program it ran last (keyed by the
    /// program's address; programs live as long as the evaluator): switching programs is
    /// cheap, and one machine's buffers stay in the CPU caches where a machine per type (a
    /// scan interleaves types) would each be cold.
    vm: Option<(usize, RegoVM)>,
    /// How often each control (by index) went to the interpreter: a benchmark figure,
    /// since every fallback costs ten times a fast evaluation.
    interpreted: HashMap<usize, u64>,
}

impl Clone for Evaluator {
    fn clone(&self) -> Self {
        Evaluator {
            reference: Arc::clone(&self.reference),
            engine: None,
            controls: Arc::clone(&self.controls),
            by_type: Arc::clone(&self.by_type),
            fast: Arc::clone(&self.fast),
            vm: None,
            interpreted: HashMap::new(),
        }
    }
}

struct CompiledControl {
    control: Control,
    status_rule: String,
    reason_rule: String,
}

/// The controls of one resource type, and the bucket of types its fast program is
/// compiled with.
struct TypePlan {
    id: usize,
    controls: Vec<usize>,
    bucket: usize,
}

/// The fast programs, compiled a bucket of resource types at a time on first use: a
/// Lambda's cold start then pays only for the types its first task evaluates (compiling
/// the whole catalog takes ~200 ms), and every clone of the evaluator shares them.
struct FastPrograms {
    libraries: Vec<SourceFile>,
    /// Control file path -> text.
    texts: HashMap<String, String>,
    buckets: Vec<Bucket>,
}

/// Types compiled together: (type id, type, control indices). Each type's program is
/// None when the RVM compiler rejects one of its controls (a construct it does not
/// support): that type then runs on the interpreter.
struct Bucket {
    types: Vec<(usize, String, Vec<usize>)>,
    programs: OnceLock<HashMap<usize, Option<FastProgram>>>,
}

/// A compiled program and the index of a type's entry point in it. The types of a bucket
/// share one program with an entry point each: a program copies every source file of its
/// policy and compiles the libraries it calls, so a program per type made the full
/// catalog's programs cost about 30 MB per bucket instead of about one type's share.
#[derive(Clone)]
struct FastProgram {
    program: Arc<Program>,
    entry: usize,
}

/// Instruction budget of one fast execution. Exceeding it is an error, which sends the
/// resource to the interpreter (no limit there), so it bounds only how long the fast path
/// may try.
const MAX_INSTRUCTIONS: usize = 50_000_000;

/// The package of a resource type's generated aggregation rule, outside the `parapet.`
/// root that control and library packages use.
fn aggregate_package(type_id: usize) -> String {
    format!("parapet_engine.type_{type_id}")
}

/// One partial set rule whose elements are `[k, status, reason]`, one definition per
/// control (k: its position among the type's controls). A control whose status or reason
/// is undefined adds no element, so it cannot make the others undefined; each definition
/// is a body with a register window of its own (the RVM gives each 255 registers); and the
/// set costs one rule call per resource, where an array of per-control rules holding
/// comprehensions cost three more calls per control.
fn aggregate_module(type_id: usize, packages: &[&str]) -> String {
    let mut m = format!(
        "package {}\n\nimport rego.v1\n\n",
        aggregate_package(type_id)
    );
    for (k, p) in packages.iter().enumerate() {
        m.push_str(&format!(
            "results contains [{k}, data.{p}.status, data.{p}.reason]\n"
        ));
    }
    m
}

impl Evaluator {
    pub fn new(catalog: &Catalog) -> Result<Self, CatalogError> {
        let mut types: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut controls = Vec::new();
        for (i, c) in catalog.controls.iter().enumerate() {
            types.entry(&c.meta.resource_type).or_default().push(i);
            controls.push(CompiledControl {
                status_rule: format!("data.{}.status", c.package),
                reason_rule: format!("data.{}.reason", c.package),
                control: c.clone(),
            });
        }
        let (by_type, fast) = plan_fast_programs(catalog, &controls, types);
        let reference = OnceLock::new();
        if !catalog.embedded_only {
            let engine = reference_engine(&fast, &controls, true)?;
            let _ = reference.set(Ok(engine));
        }
        Ok(Evaluator {
            reference: Arc::new(reference),
            engine: None,
            controls: Arc::new(controls),
            by_type: Arc::new(by_type),
            fast: Arc::new(fast),
            vm: None,
            interpreted: HashMap::new(),
        })
    }

    /// This clone's interpreter (built from the shared one on first use), with `input` set
    /// when given.
    fn interpreter(&mut self, input: Option<&Value>) -> Result<&mut regorus::Engine, String> {
        if self.engine.is_none() {
            let shared = self.reference.get_or_init(|| {
                reference_engine(&self.fast, &self.controls, false).map_err(|e| e.to_string())
            });
            self.engine = Some(shared.clone()?);
        }
        let engine = self.engine.as_mut().expect("set above");
        if let Some(input) = input {
            engine.set_input(input.clone());
        }
        Ok(engine)
    }

    /// Compiles every resource type's fast program now rather than on first use (for
    /// start-up measurements and the test that every control compiles); returns the
    /// types the RVM rejected.
    pub fn compile_all(&self) -> Vec<&str> {
        let mut rejected: Vec<&str> = self
            .by_type
            .iter()
            .filter(|(_, plan)| self.program(plan).is_none())
            .map(|(ty, _)| ty.as_str())
            .collect();
        rejected.sort();
        rejected
    }

    fn program(&self, plan: &TypePlan) -> Option<FastProgram> {
        let bucket = &self.fast.buckets[plan.bucket];
        let programs = bucket
            .programs
            .get_or_init(|| compile_bucket(&self.fast, &self.controls, &bucket.types));
        programs.get(&plan.id).cloned().flatten()
    }

    /// The controls this evaluator had to run on the interpreter, with how often, most
    /// frequent first.
    pub fn interpreted(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<_> = self
            .interpreted
            .iter()
            .map(|(&i, &n)| (self.controls[i].control.meta.id.as_str(), n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    pub fn controls(&self) -> impl Iterator<Item = &Control> {
        self.controls.iter().map(|c| &c.control)
    }

    /// The controls that evaluate a resource type.
    pub fn controls_for(&self, resource_type: &str) -> impl Iterator<Item = &Control> {
        self.by_type
            .get(resource_type)
            .into_iter()
            .flat_map(|t| &t.controls)
            .map(|&i| &self.controls[i].control)
    }

    /// Runs every control of the resource's type on it. `now` is the scan time (RFC 3339).
    pub fn evaluate(&mut self, resource: &Resource, now: &str) -> Vec<Evaluation> {
        let by_type = Arc::clone(&self.by_type);
        let Some(plan) = by_type.get(&resource.resource_type) else {
            return Vec::new();
        };
        let input = input_value(resource, now);
        let mut fast = self
            .run_fast(plan, &input)
            .map(|r| fast_verdicts(&r, plan.controls.len()));
        let controls = Arc::clone(&self.controls);
        let mut input_set = false;
        plan.controls
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let c = &controls[i];
                let (status, reason) = match required_attribute_error(c, resource) {
                    Some(e) => e,
                    None => match fast.as_mut().and_then(|v| v[k].take()) {
                        Some(ok) => ok,
                        None => {
                            *self.interpreted.entry(i).or_default() += 1;
                            let first = !std::mem::replace(&mut input_set, true);
                            self.interpret(c, resource, first.then_some(&input))
                        }
                    },
                };
                Evaluation {
                    control_id: c.control.meta.id.clone(),
                    status,
                    reason,
                }
            })
            .collect()
    }

    /// The fast path's results for one input: per control of the type, `[[status], [reason]]`.
    fn run_fast(&mut self, plan: &TypePlan, input: &Value) -> Option<Value> {
        let FastProgram { program, entry } = self.program(plan)?;
        let address = Arc::as_ptr(&program) as usize;
        let loaded = self.vm.as_ref().map(|(loaded, _)| *loaded);
        if loaded != Some(address) {
            let (loaded, vm) = self.vm.get_or_insert_with(|| {
                let mut vm = RegoVM::new();
                vm.set_max_instructions(MAX_INSTRUCTIONS);
                (address, vm)
            });
            vm.load_program(program);
            *loaded = address;
        }
        let (_, vm) = self.vm.as_mut().expect("loaded above");
        vm.set_input(input.clone());
        // A panic in the VM must not take the scan down: drop that VM, use the interpreter.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            vm.execute_entry_point_by_index(entry).ok()
        }));
        run.unwrap_or_else(|_| {
            self.vm = None;
            None
        })
    }

    /// For a raw input document of a resource type, every control whose fast result the
    /// evaluator would use and that differs from the interpreter's: `(control id, fast,
    /// reference)`. Used by the Rego test run on every input the tests build.
    pub(crate) fn disagreements(
        &mut self,
        resource_type: &str,
        input: &Value,
    ) -> Vec<(String, String, String)> {
        let by_type = Arc::clone(&self.by_type);
        let Some(plan) = by_type.get(resource_type) else {
            return Vec::new();
        };
        let Some(fast) = self.run_fast(plan, input) else {
            return Vec::new();
        };
        let fast = fast_verdicts(&fast, plan.controls.len());
        let name = match &input["resource"]["name"] {
            Value::String(s) => s.to_string(),
            _ => String::new(),
        };
        let resource = Resource {
            arn: String::new(),
            resource_type: resource_type.to_string(),
            account_id: String::new(),
            region: String::new(),
            name,
            tags: Default::default(),
            attributes: serde_json::Value::Null,
            collected_at: chrono::Utc::now(),
            scan_id: String::new(),
        };
        let controls = Arc::clone(&self.controls);
        let mut out = Vec::new();
        let mut input_set = false;
        for (k, &i) in plan.controls.iter().enumerate() {
            let c = &controls[i];
            if let Some(fast) = fast[k].clone() {
                let first = !std::mem::replace(&mut input_set, true);
                let reference = self.interpret(c, &resource, first.then_some(input));
                if fast != reference {
                    out.push((
                        c.control.meta.id.clone(),
                        format!("{} {:?}", fast.0, fast.1),
                        format!("{} {:?}", reference.0, reference.1),
                    ));
                }
            }
        }
        out
    }

    /// The reference evaluation of one control by the interpreter (`input`: the resource's
    /// input document, None when this resource's is already set).
    fn interpret(
        &mut self,
        c: &CompiledControl,
        resource: &Resource,
        input: Option<&Value>,
    ) -> (Status, String) {
        let engine = match self.interpreter(input) {
            Ok(engine) => engine,
            Err(e) => {
                return (
                    Status::Error,
                    format!("control {} failed to evaluate: {e}", c.control.meta.id),
                )
            }
        };
        let status = match engine.eval_rule(c.status_rule.clone()) {
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
        let reason = match engine.eval_rule(c.reason_rule.clone()) {
            Ok(Value::String(s)) => s.to_string(),
            // A missing reason is a catalog bug; keep the status and say what was checked.
            _ => format!("{} {}: {}", kind(resource), resource.name, c.control.title),
        };
        (status, reason)
    }
}

/// The interpreter over every policy file of the catalog, parsed and analysed (evaluating
/// one rule prepares it, so its clones share the analysis). With `check_every_control`,
/// every control is evaluated once on an empty resource so that a rule that cannot
/// evaluate fails at start-up, naming its file, rather than in the middle of a scan.
fn reference_engine(
    fast: &FastPrograms,
    controls: &[CompiledControl],
    check_every_control: bool,
) -> Result<regorus::Engine, CatalogError> {
    let mut engine = regorus::Engine::new();
    let files = fast.libraries.iter().map(|f| (&f.path, &f.text)).chain(
        controls
            .iter()
            .filter_map(|c| Some((&c.control.path, fast.texts.get(&c.control.path)?))),
    );
    for (path, text) in files {
        engine
            .add_policy(path.clone(), text.clone())
            .map_err(|e| rego_error(path, &e))?;
    }
    engine.set_input(Value::from(serde_json::json!({"resource": {"attributes": {}, "tags": {}}, "now": "1970-01-01T00:00:00Z"})));
    let checked = if check_every_control {
        controls
    } else {
        &controls[..controls.len().min(1)]
    };
    for c in checked {
        engine
            .eval_rule(c.status_rule.clone())
            .map_err(|e| rego_error(&c.control.path, &e))?;
    }
    Ok(engine)
}

/// An RVM program carries every source file of the policy it was compiled from, and at
/// most 256 of them; a catalog of 340 controls has more. So the fast programs come from
/// engines of their own, each holding the libraries and the controls of a bucket of
/// resource types (and their aggregation rules), small enough for that limit.
const SOURCES_PER_PROGRAM: usize = 240;

/// Plans one RVM program per resource type, from its aggregation rule, in buckets of
/// types that stay under the RVM's 256-source limit; they are compiled on first use.
fn plan_fast_programs(
    catalog: &Catalog,
    controls: &[CompiledControl],
    types: BTreeMap<&str, Vec<usize>>,
) -> (HashMap<String, TypePlan>, FastPrograms) {
    let control_paths: std::collections::HashSet<&str> =
        controls.iter().map(|c| c.control.path.as_str()).collect();
    let libraries: Vec<SourceFile> = catalog
        .rego
        .iter()
        .filter(|f| !f.path.ends_with("_test.rego") && !control_paths.contains(f.path.as_str()))
        .cloned()
        .collect();
    let texts: HashMap<String, String> = catalog
        .rego
        .iter()
        .filter(|f| control_paths.contains(f.path.as_str()))
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut by_type = HashMap::new();
    let mut sources = libraries.len();
    for (id, (resource_type, indices)) in types.into_iter().enumerate() {
        let needed = indices.len() + 1;
        if buckets.is_empty()
            || (sources + needed > SOURCES_PER_PROGRAM
                && !buckets.last().is_some_and(|b| b.types.is_empty()))
        {
            buckets.push(Bucket {
                types: Vec::new(),
                programs: OnceLock::new(),
            });
            sources = libraries.len();
        }
        sources += needed;
        let bucket = buckets.len() - 1;
        buckets[bucket]
            .types
            .push((id, resource_type.to_string(), indices.clone()));
        by_type.insert(
            resource_type.to_string(),
            TypePlan {
                id,
                controls: indices,
                bucket,
            },
        );
    }
    let fast = FastPrograms {
        libraries,
        texts,
        buckets,
    };
    (by_type, fast)
}

/// Each type's program of one bucket, by type id: one program with an entry point per
/// type, or, when the RVM compiler rejects one type's controls, a program per type so
/// that only the rejected types run on the interpreter.
fn compile_bucket(
    fast: &FastPrograms,
    controls: &[CompiledControl],
    types: &[(usize, String, Vec<usize>)],
) -> HashMap<usize, Option<FastProgram>> {
    let Some(policy) = bucket_policy(fast, controls, types) else {
        return types.iter().map(|(id, _, _)| (*id, None)).collect();
    };
    let entries: Vec<String> = types
        .iter()
        .map(|(id, _, _)| format!("data.{}.results", aggregate_package(*id)))
        .collect();
    let entry_refs: Vec<&str> = entries.iter().map(String::as_str).collect();
    if let Ok(program) = Compiler::compile_from_policy(&policy, &entry_refs) {
        return types
            .iter()
            .zip(&entries)
            .map(|((id, _, _), name)| {
                let fast = program
                    .entry_points
                    .get_index_of(name.as_str())
                    .map(|entry| {
                        let program = Arc::clone(&program);
                        FastProgram { program, entry }
                    });
                (*id, fast)
            })
            .collect();
    }
    types
        .iter()
        .zip(&entries)
        .map(|((id, resource_type, _), entry)| {
            let program = match Compiler::compile_from_policy(&policy, &[entry.as_str()]) {
                Ok(program) => Some(FastProgram { program, entry: 0 }),
                Err(e) => {
                    tracing::debug!("{resource_type}: controls run on the interpreter only: {e}");
                    None
                }
            };
            (*id, program)
        })
        .collect()
}

/// The compiled policy of one bucket of resource types, or None (then those types run on
/// the interpreter) when the RVM compiler rejects it.
fn bucket_policy(
    fast: &FastPrograms,
    controls: &[CompiledControl],
    bucket: &[(usize, String, Vec<usize>)],
) -> Option<regorus::CompiledPolicy> {
    let mut engine = regorus::Engine::new();
    for f in &fast.libraries {
        engine.add_policy(f.path.clone(), f.text.clone()).ok()?;
    }
    for (id, _, indices) in bucket {
        for &i in indices {
            let path = &controls[i].control.path;
            engine
                .add_policy(path.clone(), fast.texts.get(path)?.clone())
                .ok()?;
        }
        let packages: Vec<&str> = indices
            .iter()
            .map(|&i| controls[i].control.package.as_str())
            .collect();
        engine
            .add_policy(
                format!("<generated>/{}.rego", aggregate_package(*id)),
                aggregate_module(*id, &packages),
            )
            .ok()?;
    }
    let first = format!("data.{}.results", aggregate_package(bucket.first()?.0));
    match engine.compile_with_entrypoint(&first.as_str().into()) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::warn!("resource types run on the interpreter only: {e:#}");
            None
        }
    }
}

/// The input document of a resource, built directly (no JSON text, no copy of the
/// attributes through `serde_json::json!`).
fn input_value(resource: &Resource, now: &str) -> Value {
    let Ok(attributes) = Value::deserialize(&resource.attributes) else {
        return Value::Undefined;
    };
    let tags: BTreeMap<Value, Value> = resource
        .tags
        .iter()
        .map(|(k, v)| (Value::from(k.as_str()), Value::from(v.as_str())))
        .collect();
    let fields = [
        ("arn", Value::from(resource.arn.as_str())),
        (
            "resource_type",
            Value::from(resource.resource_type.as_str()),
        ),
        ("account_id", Value::from(resource.account_id.as_str())),
        ("region", Value::from(resource.region.as_str())),
        ("name", Value::from(resource.name.as_str())),
        ("tags", Value::from(tags)),
        ("attributes", attributes),
    ];
    let res: BTreeMap<Value, Value> = fields
        .into_iter()
        .map(|(k, v)| (Value::from(k), v))
        .collect();
    let mut top = BTreeMap::new();
    top.insert(Value::from("resource"), Value::from(res));
    top.insert(Value::from("now"), Value::from(now));
    Value::from(top)
}

/// ERROR when an attribute the control requires could not be read; checked before any rule.
fn required_attribute_error(c: &CompiledControl, resource: &Resource) -> Option<(Status, String)> {
    c.control.meta.requires.iter().find_map(|attr| {
        resource.attribute_error(attr).map(|err| {
            (
                Status::Error,
                format!(
                    "{} {}: could not read {attr}: {err}",
                    kind(resource),
                    resource.name
                ),
            )
        })
    })
}

/// The fast results by control position: a valid status with a string reason, or None
/// (left to the interpreter) for anything else: no element, two elements for one control,
/// a status that is not one a control may give.
fn fast_verdicts(results: &Value, n: usize) -> Vec<Option<(Status, String)>> {
    let mut out: Vec<Option<(Status, String)>> = vec![None; n];
    let mut seen = vec![false; n];
    let Ok(set) = results.as_set() else {
        return out;
    };
    for item in set.iter() {
        let Ok(a) = item.as_array() else { continue };
        let (Some(k), Some(s), Some(r)) = (a.get(0), a.get(1), a.get(2)) else {
            continue;
        };
        let Some(k) = k.as_u64().ok().and_then(|k| usize::try_from(k).ok()) else {
            continue;
        };
        if k >= n || a.len() != 3 {
            continue;
        }
        if std::mem::replace(&mut seen[k], true) {
            out[k] = None;
            continue;
        }
        if let (Value::String(s), Value::String(r)) = (s, r) {
            out[k] = match s.parse::<Status>() {
                Ok(st @ (Status::Pass | Status::Fail | Status::Info | Status::Skipped)) => {
                    Some((st, r.to_string()))
                }
                _ => None,
            };
        }
    }
    out
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

    // The scan pipeline shares the evaluator across threads and clones it per task.
    #[allow(dead_code)]
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    const _: fn() = assert_send_sync::<Evaluator>;
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
        let text = format!("# METADATA\n# title: Bucket has a policy\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   requires: [policy]\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.x\n\nimport rego.v1\n\n{rule}\n");
        let catalog = Catalog::from_files(vec![SourceFile {
            path: "aws/s3/x.rego".into(),
            text,
        }])
        .unwrap();
        Evaluator::new(&catalog).unwrap()
    }

    /// A control the RVM compiler rejects sends every control of its resource type to the
    /// interpreter, ten times slower: keep the whole catalog on the fast path.
    #[test]
    fn every_control_compiles_to_the_fast_path() {
        let full = Catalog::embedded().unwrap();
        let ev = Evaluator::new(&full).unwrap();
        let rejected = ev.compile_all();
        assert!(rejected.is_empty(), "not compiled by the RVM: {rejected:?}");
    }

    /// A program per type copied every source file of its bucket into each program (about
    /// 30 MB per bucket for the full catalog): the types of a bucket share one.
    #[test]
    fn the_types_of_a_bucket_share_one_program() {
        let ev = Evaluator::new(&Catalog::embedded().unwrap()).unwrap();
        assert!(ev.compile_all().is_empty());
        let mut programs = std::collections::HashSet::new();
        for (ty, plan) in ev.by_type.iter() {
            let fast = ev
                .program(plan)
                .unwrap_or_else(|| panic!("{ty}: no program"));
            let name = format!("data.{}.results", aggregate_package(plan.id));
            assert_eq!(
                fast.program.entry_points.get_index_of(&name),
                Some(fast.entry)
            );
            programs.insert(Arc::as_ptr(&fast.program) as usize);
        }
        assert_eq!(programs.len(), ev.fast.buckets.len());
    }

    /// When the RVM rejects one type's control, its bucket falls back to a program per
    /// type: only that type goes to the interpreter, the others stay on the fast path.
    #[test]
    fn a_type_the_compiler_rejects_leaves_the_other_types_fast() {
        let control = |id: &str, service: &str, ty: &str, rule: &str| {
            SourceFile {
            path: format!("aws/{service}/{id}.rego"),
            text: format!("# METADATA\n# title: T\n# description: D\n# custom:\n#   id: {id}\n#   severity: low\n#   service: {service}\n#   resource_type: {ty}\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.{service}.{id}\n\nimport rego.v1\n\n{rule}\nreason := \"r\"\n"),
        }
        };
        let catalog = Catalog::from_files(vec![
            control("fast_one", "s3", "AWS::S3::Bucket", "status := \"PASS\""),
            // The RVM compiler does not support `with` (regorus 0.14).
            control(
                "slow_one",
                "iam",
                "AWS::IAM::User",
                "status := \"FAIL\" if {\n\ttrue with input as {}\n}",
            ),
        ])
        .unwrap();
        let mut ev = Evaluator::new(&catalog).unwrap();
        assert_eq!(ev.fast.buckets.len(), 1);
        assert_eq!(ev.compile_all(), vec!["AWS::IAM::User"]);
        let now = "2026-01-01T00:00:00Z";
        let bucket = resource(serde_json::json!({}));
        let mut user = resource(serde_json::json!({}));
        user.resource_type = "AWS::IAM::User".into();
        assert_eq!(ev.evaluate(&bucket, now)[0].status, Status::Pass);
        assert_eq!(ev.evaluate(&user, now)[0].status, Status::Fail);
        assert_eq!(ev.interpreted(), vec![("slow_one", 1)]);
    }

    /// `Evaluator::new` skips this check for the embedded catalog (it costs start-up time
    /// in every worker): this test is what keeps the guarantee that each embedded control
    /// evaluates without error.
    #[test]
    fn every_embedded_control_evaluates_on_an_empty_resource() {
        let full = Catalog::embedded().unwrap();
        assert!(full.embedded_only);
        let ev = Evaluator::new(&full).unwrap();
        assert!(ev.reference.get().is_none(), "built on first use");
        if let Err(e) = reference_engine(&ev.fast, &ev.controls, true) {
            panic!("{e}");
        }
    }

    #[test]
    fn a_user_control_that_cannot_evaluate_is_a_start_up_error_naming_the_file() {
        let text = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.x\n\nimport rego.v1\n\nstatus := \"PASS\"\n\nstatus := \"FAIL\" if true\n";
        let mut catalog = Catalog::from_files(vec![SourceFile {
            path: "aws/s3/x.rego".into(),
            text: text.into(),
        }])
        .unwrap();
        let err = Evaluator::new(&catalog).err().expect("evaluation error");
        assert_eq!(err.path, "aws/s3/x.rego");
        // Without the start-up check (the embedded catalog's case) the same rule is an
        // ERROR finding when it is evaluated.
        catalog.embedded_only = true;
        let mut ev = Evaluator::new(&catalog).unwrap();
        let e = &ev.evaluate(&resource(serde_json::json!({})), "2026-01-01T00:00:00Z")[0];
        assert_eq!(e.status, Status::Error, "{}", e.reason);
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
        let text = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: x\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.x\n\nimport rego.v1\n\nstatus := if {\n";
        let catalog = Catalog::from_files(vec![SourceFile {
            path: "aws/s3/x.rego".into(),
            text: text.into(),
        }])
        .unwrap();
        let err = Evaluator::new(&catalog).err().expect("parse error");
        assert_eq!(err.path, "aws/s3/x.rego");
    }
}
