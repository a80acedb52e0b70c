//! Worker Lambda: SQS-triggered; runs scan tasks and reports partial batch failures.

#[path = "../log.rs"]
mod log;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use parapet::aws::Limiter;
use parapet::controls::Catalog;
use parapet::pipeline::Worker;
use parapet::serverless::shared_rates::DynamoSharedRates;
use parapet::serverless::{worker, Deps, Settings};
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    parapet::allocator::return_freed_memory_promptly();
    log::init();
    let deps = Deps::new(Settings::from_env()?).await;
    let max_receive = deps.settings.max_receive;
    let key = Arc::new(deps.external_id_key().await?);
    // Concurrent workers scanning one account share its AWS rates through the table.
    let shared_rates = Arc::new(DynamoSharedRates::for_installation(&deps).await?);
    let worker = &*Box::leak(Box::new(
        Worker::new(
            deps.store.clone(),
            Arc::new(Catalog::embedded()?),
            deps.sessions.clone(),
            Limiter::new(4).with_shared_rates(shared_rates),
        )?
        .with_registry(key)
        .with_summary_requests(deps.summary_requests.clone())
        .with_continuations(deps.queue.clone()),
    ));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| async move {
        Ok::<SqsBatchResponse, Error>(
            worker::handle_invocation(worker, event.payload, max_receive, event.context.deadline)
                .await,
        )
    }))
    .await
}
