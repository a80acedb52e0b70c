use super::run_task::{fail_task, run_task, Worker};
use crate::model::{Scan, ScanTask};
use crate::queue::{LocalQueue, TaskQueue};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What the local runner reports as tasks finish (for a progress bar).
#[derive(Debug, Clone)]
pub enum LocalProgress {
    /// `unlisted`: the resource types the task could not list, one line each.
    TaskDone {
        task: ScanTask,
        resources: usize,
        unlisted: Vec<String>,
    },
    TaskFailed {
        task: ScanTask,
        error: String,
    },
}

/// Runs a planned scan in this process: the tasks go through the in-process queue and
/// `concurrency` workers drain it, exactly as worker Lambdas drain SQS. Returns the
/// finalized scan.
pub async fn run_local(
    worker: Arc<Worker>,
    tasks: Vec<ScanTask>,
    concurrency: usize,
    on_progress: Arc<dyn Fn(LocalProgress) + Send + Sync>,
) -> anyhow::Result<Scan> {
    let scan_id = tasks
        .first()
        .map(|t| t.scan_id.clone())
        .ok_or_else(|| anyhow::anyhow!("nothing to scan: no task was planned"))?;
    let queue = Arc::new(LocalQueue::default());
    queue.send(&tasks).await?;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (worker, queue, in_flight, on_progress) = (
            worker.clone(),
            queue.clone(),
            in_flight.clone(),
            on_progress.clone(),
        );
        handles.push(tokio::spawn(async move {
            loop {
                in_flight.fetch_add(1, Ordering::SeqCst);
                let Some(task) = queue.try_receive().await else {
                    // Nothing queued: stop once no running task can queue a follow-up.
                    if in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                        return anyhow::Ok(());
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                match run_task(&worker, &task).await {
                    Ok(outcome) => on_progress(LocalProgress::TaskDone {
                        task,
                        resources: outcome.resources,
                        unlisted: outcome.unlisted,
                    }),
                    Err(e) => {
                        let error = crate::aws::error_line(&e);
                        tracing::warn!(collector = %task.collector, region = %task.region, %error, "task failed");
                        fail_task(&worker, &task, &error).await?;
                        on_progress(LocalProgress::TaskFailed { task, error });
                    }
                }
                in_flight.fetch_sub(1, Ordering::SeqCst);
            }
        }));
    }
    for h in handles {
        h.await??;
    }
    worker
        .store
        .scan(&scan_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("scan {scan_id} vanished from the store"))
}
