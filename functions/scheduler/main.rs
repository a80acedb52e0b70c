//! Scheduler Lambda: an EventBridge schedule (or a hand invocation with
//! `{"account_id": "..."}`) starts scans and fans their tasks out on SQS.

#[path = "../log.rs"]
mod log;

use lambda_runtime::{service_fn, Error, LambdaEvent};
use parapet::serverless::scheduler::{schedule, ScheduleRequest};
use parapet::serverless::{Deps, Settings};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    parapet::allocator::return_freed_memory_promptly();
    log::init();
    let deps = &*Box::leak(Box::new(Deps::new(Settings::from_env()?).await));
    let key = &*Box::leak(Box::new(deps.external_id_key().await?));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let request = ScheduleRequest::from_payload(&event.payload)?;
        let outcome = schedule(
            deps.store.as_ref(),
            deps.queue.as_ref(),
            &deps.sessions,
            key,
            &request,
            deps.settings.stuck_after,
        )
        .await?;
        Ok::<_, Error>(serde_json::to_value(outcome)?)
    }))
    .await
}
