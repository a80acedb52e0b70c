use super::{finalize, refresh_summary};
use crate::aws::{CallCounter, Clients, Limiter, Sessions};
use crate::collect::call_plan::AttributePlan;
use crate::collect::{self, Collected, Context};
use crate::controls::{Catalog, Evaluator};
use crate::model::{role_account, Account, Finding, Resource, Scan, ScanState, ScanTask, Status};
use crate::queue::TaskQueue;
use crate::serverless::external_id::ExternalIdKey;
use crate::store::{Store, TaskProgress};
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Resources evaluated and written together by a task.
const WRITE_CHUNK: usize = 250;

/// Everything a task needs, built once per process (a Lambda's cold start, a CLI run).
pub struct Worker {
    pub store: Arc<dyn Store>,
    pub catalog: Arc<Catalog>,
    pub evaluator: Evaluator,
    pub sessions: Arc<Sessions>,
    pub limiter: Limiter,
    pub counter: CallCounter,
    /// The attributes collectors read: everything, unless the CLI scans a selection of
    /// the catalog (`with_plan`). The serverless worker evaluates the whole catalog.
    pub plan: Arc<AttributePlan>,
    /// Where rescans send their delayed summary refresh requests; without it (the local
    /// CLI, which has no rescans) a rescan refreshes its scan's summary itself.
    pub summary_requests: Option<Arc<dyn TaskQueue>>,
    /// Where a task that runs out of time sends its continuation; without it tasks run
    /// to the end.
    pub continuations: Option<Arc<dyn TaskQueue>>,
    /// How tasks reach their account.
    pub access: Access,
}

/// How a worker reaches the account of a task. Never from the task itself: a queue
/// message names ids only.
pub enum Access {
    /// The local CLI: the base credentials, or the role and ExternalId the operator gave.
    Given {
        role_arn: Option<String>,
        external_id: Option<String>,
    },
    /// The functions: only registered accounts, through the role their registration
    /// names, with the ExternalId derived from the installation's key.
    Registry(Arc<ExternalIdKey>),
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Access::Given { role_arn, .. } => write!(f, "Given({role_arn:?})"),
            Access::Registry(_) => f.write_str("Registry"),
        }
    }
}

/// A task the worker will not run: it names something the registry or its scan does not
/// vouch for (forged, or stale). Nothing is written for it and it is not retried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("task refused: {0}")]
pub struct TaskRefused(pub String);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskOutcome {
    pub resources: usize,
    pub findings: usize,
    /// Resource types that could not be listed, one line each ("could not list T in R:
    /// reason"): their controls report ERROR, and the CLI prints them as they happen.
    pub unlisted: Vec<String>,
    /// Resources a rescan was asked about that no longer exist (removed from the store).
    pub removed: usize,
    /// Set when this task was the scan's last and the scan is now finalized.
    pub finalized: Option<Scan>,
    /// Set when this task recomputed its finished scan's summary.
    pub summary_refreshed: bool,
    /// Set when this rescan left the summary to a delayed refresh request.
    pub summary_requested: bool,
    /// Set when this task ran out of time and sent a continuation resuming after this id.
    pub continued_after: Option<String>,
}

impl Worker {
    pub fn new(
        store: Arc<dyn Store>,
        catalog: Arc<Catalog>,
        sessions: Arc<Sessions>,
        limiter: Limiter,
    ) -> anyhow::Result<Self> {
        let evaluator = Evaluator::new(&catalog)?;
        Ok(Worker {
            store,
            catalog,
            evaluator,
            sessions,
            limiter,
            counter: CallCounter::default(),
            plan: Arc::new(AttributePlan::everything()),
            summary_requests: None,
            continuations: None,
            access: Access::Given {
                role_arn: None,
                external_id: None,
            },
        })
    }

    /// Tasks reach their account through `role_arn` (with `external_id`), as the
    /// operator gave them (the local CLI).
    pub fn with_role(mut self, role_arn: Option<String>, external_id: Option<String>) -> Self {
        self.access = Access::Given {
            role_arn,
            external_id,
        };
        self
    }

    /// Tasks run only for registered accounts, through their registered role and the
    /// ExternalId derived from `key` (the functions).
    pub fn with_registry(mut self, key: Arc<ExternalIdKey>) -> Self {
        self.access = Access::Registry(key);
        self
    }

    /// Collectors read only the attributes `plan` names (the selected controls').
    pub fn with_plan(mut self, plan: AttributePlan) -> Self {
        self.plan = Arc::new(plan);
        self
    }

    /// Rescans request their scan's summary refresh through `queue` (which delays its
    /// messages) instead of recomputing it themselves: a real-time rescan then answers in
    /// the time of one resource, and a burst of rescans costs one recompute.
    pub fn with_summary_requests(mut self, queue: Arc<dyn TaskQueue>) -> Self {
        self.summary_requests = Some(queue);
        self
    }

    /// Tasks given a time to stop collecting (`run_task_until`) leave what they could
    /// not read to a continuation sent through `queue`.
    pub fn with_continuations(mut self, queue: Arc<dyn TaskQueue>) -> Self {
        self.continuations = Some(queue);
        self
    }

    pub async fn clients(
        &self,
        role_arn: Option<&str>,
        external_id: Option<&str>,
    ) -> anyhow::Result<Clients> {
        self.sessions
            .clients(
                role_arn,
                external_id,
                self.limiter.clone(),
                self.counter.clone(),
            )
            .await
    }
}

/// Collects, evaluates and stores one task, counts it done on its scan, and finalizes
/// the scan when it was the last. An `Err` means nothing of this task was counted:
/// the caller retries it or records it failed.
pub async fn run_task(worker: &Worker, task: &ScanTask) -> anyhow::Result<TaskOutcome> {
    run_task_until(worker, task, None).await
}

/// `run_task`, where collectors that read resources one by one stop at `stop_at` (when
/// the worker has a continuation queue): what was read is evaluated and stored, and a
/// continuation task resumes after the last resource read. The part that stops is not
/// counted; the chain's last part counts the task once (they share its key).
pub async fn run_task_until(
    worker: &Worker,
    task: &ScanTask,
    stop_at: Option<std::time::Instant>,
) -> anyhow::Result<TaskOutcome> {
    let (scan, account) = admit(worker, task).await?;
    if let Some(requested_at) = task.summary_requested_at {
        return refresh_on_request(worker, &scan, requested_at).await;
    }
    let clients = task_clients(worker, task, account.as_ref()).await?;
    let home_region = worker.sessions.home_region();
    let ctx = Context {
        clients: &clients,
        account_id: &task.account_id,
        region: &task.region,
        regions: &scan.regions,
        home_region: &home_region,
        scan_id: &task.scan_id,
        now: Utc::now(),
        only: task.resource_ids.as_deref(),
        resume_after: task.page_token.as_deref(),
        // A rescan reads a few resources; only planned tasks are split.
        stop_at: stop_at.filter(|_| worker.continuations.is_some() && task.is_planned()),
        plan: &worker.plan,
        sink: None,
    };
    // A full task's collector hands its resources over as it reads them (`sink`), so a
    // task of thousands never holds them all; a rescan keeps them to see what vanished.
    let (sink, mut batches) = tokio::sync::mpsc::channel(1);
    let ctx = Context {
        sink: task.resource_ids.is_none().then_some(sink),
        ..ctx
    };
    // One evaluator per task, not per slice: its machine and any interpreter copy it
    // takes are made once.
    let mut evaluator = worker.evaluator.clone();
    let mut writer = Writer {
        worker,
        task,
        account: account.as_ref(),
        scan_time: &scan.started_at,
        resources: 0,
        findings: 0,
    };
    let produce = async move {
        // `ctx` (and with it the sink) is dropped when the collector is done, which
        // ends the loop below. Boxed: the dispatch's future is as large as the largest
        // collector's, too large for a 2 MB thread stack beside the writer's.
        Box::pin(collect::collect(&task.collector, &ctx)).await
    };
    let consume = async {
        while let Some(batch) = batches.recv().await {
            writer.write(&mut evaluator, batch).await?;
        }
        anyhow::Ok(())
    };
    let (collected, written) = tokio::join!(produce, consume);
    let mut collected =
        collected.with_context(|| format!("collector {} in {}", task.collector, task.region))?;
    written?;
    if let Some(account) = &account {
        collected
            .resources
            .retain(|r| !account.excludes(&r.resource_type, &r.arn));
        collected
            .failures
            .retain(|f| !account.excluded_resource_types.contains(&f.resource_type));
    }
    let mut removed = 0;
    if let Some(ids) = &task.resource_ids {
        collected
            .resources
            .retain(|r| ids.iter().any(|id| r.matches_id(id)));
        removed = remove_vanished(worker, task, ids, &collected).await?;
    }
    let rest = std::mem::take(&mut collected.resources);
    writer.write(&mut evaluator, rest).await?;
    let (resources, mut findings) = (writer.resources, writer.findings);
    let mut unreadable = evaluate(
        &mut evaluator,
        &[],
        &collected.failures,
        task,
        &scan.started_at,
    );
    if !unreadable.is_empty() {
        worker.store.put_findings(&mut unreadable).await?;
        findings += unreadable.len();
    }
    // A real-time rescan updates a scan in place, summary included; only the planned
    // tasks count toward finishing it.
    let (mut summary_refreshed, mut summary_requested) = (false, false);
    let finalized = if let (Some(after), Some(queue)) =
        (&collected.continue_after, &worker.continuations)
    {
        // Sent only after this part's writes, so a crash before it redelivers this part.
        queue.send(&[task.continuation(after.clone())]).await?;
        None
    } else if task.resource_ids.is_some() {
        match &worker.summary_requests {
            Some(queue) => {
                queue.send(&[task.summary_request(Utc::now())]).await?;
                summary_requested = true;
            }
            None => {
                summary_refreshed =
                    refresh_summary(worker.store.as_ref(), &worker.catalog, &task.scan_id).await?;
            }
        }
        None
    } else {
        let progress = worker
            .store
            .finish_task(&task.scan_id, &task.key(), None)
            .await?;
        if finalizes(&progress, &scan) {
            Some(finalize(worker.store.as_ref(), &worker.catalog, &task.scan_id).await?)
        } else {
            None
        }
    };
    Ok(TaskOutcome {
        resources,
        findings,
        unlisted: collected
            .failures
            .iter()
            .map(|f| {
                format!(
                    "could not list {} in {}: {}",
                    f.resource_type, f.region, f.reason
                )
            })
            .collect(),
        removed,
        finalized,
        summary_refreshed,
        summary_requested,
        continued_after: collected.continue_after,
    })
}

/// Checks a task against its scan and (for the functions) the registry before anything
/// runs: the scan exists and is the task's account's, the collector exists, the region
/// is one of the scan's (`global` for a global collector), and the account is
/// registered. Returns the scan and the account's registration, when there is one.
async fn admit(worker: &Worker, task: &ScanTask) -> anyhow::Result<(Scan, Option<Account>)> {
    let refuse = |why: String| anyhow::Error::new(TaskRefused(why));
    let Some(scan) = worker.store.scan(&task.scan_id).await? else {
        return Err(refuse(format!(
            "scan {} does not exist",
            bounded(&task.scan_id)
        )));
    };
    if scan.account_id != task.account_id {
        return Err(refuse(format!(
            "scan {} belongs to account {}, not {}",
            scan.id, scan.account_id, task.account_id
        )));
    }
    let Some(spec) = collect::spec(&task.collector) else {
        return Err(refuse(format!(
            "unknown collector {}",
            bounded(&task.collector)
        )));
    };
    let region_ok = match spec.scope {
        collect::Scope::Global => task.region == crate::model::GLOBAL_REGION,
        collect::Scope::Regional => scan.regions.contains(&task.region),
    };
    if !region_ok {
        return Err(refuse(format!(
            "region {} is not one of scan {}'s for collector {}",
            bounded(&task.region),
            scan.id,
            spec.name
        )));
    }
    let account = worker.store.account(&task.account_id).await?;
    if matches!(worker.access, Access::Registry(_)) && account.is_none() {
        return Err(refuse(format!(
            "account {} is not registered",
            task.account_id
        )));
    }
    Ok((scan, account))
}

/// A value from a message, cut short for an error message (a forged one can be long).
fn bounded(s: &str) -> String {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((end, _)) => format!("{:?}...", &s[..end]),
        None => format!("{s:?}"),
    }
}

/// The clients of the task's account: as given (the CLI), or through the role its
/// registration names with the ExternalId derived for it (the functions).
async fn task_clients(
    worker: &Worker,
    task: &ScanTask,
    account: Option<&Account>,
) -> anyhow::Result<Clients> {
    match &worker.access {
        Access::Given {
            role_arn,
            external_id,
        } => {
            worker
                .clients(role_arn.as_deref(), external_id.as_deref())
                .await
        }
        Access::Registry(key) => {
            let role = account.and_then(|a| a.role_arn.as_deref());
            if let Some(role) = role {
                if role_account(role) != Some(task.account_id.as_str()) {
                    return Err(anyhow::Error::new(TaskRefused(format!(
                        "account {}'s registered role {role} is in another account",
                        task.account_id
                    ))));
                }
            }
            let external_id = role.map(|_| key.derive(&task.account_id));
            worker.clients(role, external_id.as_deref()).await
        }
    }
}

/// A delayed summary refresh: skipped when a summary read after the request is stored
/// (an earlier request of the same burst already counted this rescan's writes).
async fn refresh_on_request(
    worker: &Worker,
    scan: &Scan,
    requested_at: DateTime<Utc>,
) -> anyhow::Result<TaskOutcome> {
    let covered = scan
        .summary
        .as_ref()
        .and_then(|s| s.computed_at)
        .is_some_and(|at| at >= requested_at);
    let summary_refreshed =
        !covered && refresh_summary(worker.store.as_ref(), &worker.catalog, &scan.id).await?;
    Ok(TaskOutcome {
        summary_refreshed,
        ..TaskOutcome::default()
    })
}

/// Whether this delivery finalizes the scan: the one that counted its last task, or a
/// redelivery of a task whose earlier delivery counted it and then died before the
/// summary was written (the scan, read before counting, is still running). Two workers
/// finalizing the same scan write the same summary.
fn finalizes(progress: &TaskProgress, scan: &Scan) -> bool {
    progress.finished() && (progress.newly_counted || scan.state == ScanState::Running)
}

/// A rescan names resources; those the collector no longer lists were deleted. They are
/// removed from the scan, with their findings, unless their type could not be listed
/// (then absence proves nothing).
async fn remove_vanished(
    worker: &Worker,
    task: &ScanTask,
    ids: &[String],
    collected: &Collected,
) -> anyhow::Result<usize> {
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !collected.resources.iter().any(|r| r.matches_id(id)))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let spec = collect::spec(&task.collector)
        .with_context(|| format!("unknown collector {}", task.collector))?;
    let unreadable: Vec<&str> = collected
        .failures
        .iter()
        .map(|f| f.resource_type.as_str())
        .collect();
    let mut removed = 0;
    for r in worker.store.resources(&task.scan_id).await? {
        let gone = r.account_id == task.account_id
            && (task.region == crate::model::GLOBAL_REGION || r.region == task.region)
            && spec.resource_types.contains(&r.resource_type.as_str())
            && !unreadable.contains(&r.resource_type.as_str())
            && missing.iter().any(|id| r.matches_id(id));
        if gone {
            worker
                .store
                .remove_resource(&task.scan_id, &task.account_id, &r.arn)
                .await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Records a task that cannot succeed, and finalizes the scan (as partial) if it was the last.
pub async fn fail_task(
    worker: &Worker,
    task: &ScanTask,
    error: &str,
) -> anyhow::Result<Option<Scan>> {
    let scan = worker
        .store
        .scan(&task.scan_id)
        .await?
        .with_context(|| format!("task names scan {}, which does not exist", task.scan_id))?;
    // Stored and shown as one line, whatever the failure's text held.
    let error = crate::aws::one_line(error, 2 * crate::aws::REASON_MAX_CHARS);
    let progress = worker
        .store
        .finish_task(&task.scan_id, &task.key(), Some(&error))
        .await?;
    if finalizes(&progress, &scan) {
        return Ok(Some(
            finalize(worker.store.as_ref(), &worker.catalog, &task.scan_id).await?,
        ));
    }
    Ok(None)
}

/// Evaluates and stores a task's resources as they come, a slice at a time, so a task
/// of thousands of resources never holds all their findings (and the store's items for
/// them) at once. Counts what it wrote.
struct Writer<'a> {
    worker: &'a Worker,
    task: &'a ScanTask,
    account: Option<&'a Account>,
    scan_time: &'a DateTime<Utc>,
    resources: usize,
    findings: usize,
}

impl Writer<'_> {
    async fn write(
        &mut self,
        evaluator: &mut Evaluator,
        mut batch: Vec<Resource>,
    ) -> anyhow::Result<()> {
        if let Some(account) = self.account {
            batch.retain(|r| !account.excludes(&r.resource_type, &r.arn));
        }
        for resources in batch.chunks(WRITE_CHUNK) {
            let mut evaluated = evaluate(evaluator, resources, &[], self.task, self.scan_time);
            self.worker.store.put_resources(resources).await?;
            self.worker.store.put_findings(&mut evaluated).await?;
            self.resources += resources.len();
            self.findings += evaluated.len();
        }
        Ok(())
    }
}

/// Runs every control on every collected resource; resource types that could not be
/// listed get one ERROR finding per control, so the gap shows instead of vanishing.
fn evaluate(
    evaluator: &mut Evaluator,
    resources: &[Resource],
    failures: &[collect::CollectFailure],
    task: &ScanTask,
    scan_time: &DateTime<Utc>,
) -> Vec<Finding> {
    let now = Utc::now();
    let scan_time = scan_time.to_rfc3339();
    let mut findings = Vec::new();
    let finding =
        |evaluator: &Evaluator, r: &Resource, control_id: &str, status: Status, reason: String| {
            let c = evaluator
                .controls()
                .find(|c| c.meta.id == control_id)
                .expect("evaluated controls come from the evaluator");
            Finding {
                control_id: control_id.to_string(),
                resource_arn: r.arn.clone(),
                resource_name: r.name.clone(),
                resource_type: r.resource_type.clone(),
                account_id: r.account_id.clone(),
                region: r.region.clone(),
                service: c.meta.service.clone(),
                severity: c.meta.severity,
                status,
                reason,
                scan_id: r.scan_id.clone(),
                first_seen: now,
                last_seen: now,
                status_changed_at: now,
                muted: None,
            }
        };
    for r in resources {
        for e in evaluator.evaluate(r, &scan_time) {
            findings.push(finding(evaluator, r, &e.control_id, e.status, e.reason));
        }
    }
    for f in failures {
        let r = Resource {
            arn: format!(
                "parapet:unreadable:{}:{}:{}",
                task.account_id, f.region, f.resource_type
            ),
            resource_type: f.resource_type.clone(),
            account_id: task.account_id.clone(),
            region: f.region.clone(),
            // A settings type has one resource per account/region, named by the account.
            name: if f.resource_type.starts_with("Parapet::") {
                task.account_id.clone()
            } else {
                format!("{} in {}", f.resource_type, f.region)
            },
            tags: Default::default(),
            attributes: serde_json::Value::Null,
            collected_at: now,
            scan_id: task.scan_id.clone(),
        };
        for c in evaluator.controls_for(&f.resource_type) {
            findings.push(finding(
                evaluator,
                &r,
                &c.meta.id,
                Status::Error,
                format!("could not list {}: {}", f.resource_type, f.reason),
            ));
        }
    }
    findings
}
