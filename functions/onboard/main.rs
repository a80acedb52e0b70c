//! Onboard Lambda: the CloudFormation custom resources of the target-account stack.

#[path = "../log.rs"]
mod log;

use lambda_runtime::{service_fn, Error, LambdaEvent};
use parapet::serverless::onboard::{self, Onboard};
use parapet::serverless::{Deps, Settings};
use serde_json::Value;
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    parapet::allocator::return_freed_memory_promptly();
    log::init();
    let deps = Deps::new(Settings::from_env()?).await;
    let key = Arc::new(deps.external_id_key().await?);
    let mut onboard = Onboard::new(deps.store.clone(), deps.sessions.clone(), key);
    onboard.response_endpoint = deps.settings.cfn_response_endpoint.clone();
    let onboard = &*Box::leak(Box::new(onboard));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        // The outcome says how the stack was answered; the answer's data (an
        // ExternalId) never leaves through the invocation result.
        let deadline = onboard::deadline_instant(event.context.deadline);
        let outcome = onboard.handle_until(&event.payload, Some(deadline)).await?;
        Ok::<_, Error>(serde_json::to_value(outcome)?)
    }))
    .await
}
