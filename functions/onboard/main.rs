//! Onboard Lambda: the CloudFormation custom resource of the target-account stack.

#[path = "../log.rs"]
mod log;

use lambda_runtime::{service_fn, Error, LambdaEvent};
use parapet::serverless::{onboard, Deps, Settings};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    parapet::allocator::return_freed_memory_promptly();
    log::init();
    let deps = &*Box::leak(Box::new(Deps::new(Settings::from_env()?).await));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let response = onboard::handle(deps.store.as_ref(), &event.payload).await?;
        Ok::<_, Error>(serde_json::to_value(response)?)
    }))
    .await
}
