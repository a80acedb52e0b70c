//! Events Lambda: SQS-triggered with CloudTrail write events (from EventBridge) or S3
//! notifications of CloudTrail log files; enqueues real-time rescans.

#[path = "../log.rs"]
mod log;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use parapet::queue::SqsQueue;
use parapet::serverless::{events, Deps, Settings};
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Error> {
    parapet::allocator::return_freed_memory_promptly();
    log::init();
    let deps = Deps::new(Settings::from_env()?).await;
    let config = deps.sessions.config(None, None).await?;
    let s3 = aws_sdk_s3::config::Builder::from(&config)
        .force_path_style(deps.settings.endpoint_url.is_some())
        .build();
    let s3 = &*Box::leak(Box::new(aws_sdk_s3::Client::from_conf(s3)));
    let queue = &*Box::leak(Box::new(
        SqsQueue::new(
            aws_sdk_sqs::Client::new(&config),
            &deps.settings.scan_queue_url,
        )
        .with_delay(deps.settings.rescan_delay),
    ));
    // Collector-wide rescans replacing those over the per-minute limit wait past the
    // minute they cover.
    let deferred = &*Box::leak(Box::new(
        SqsQueue::new(
            aws_sdk_sqs::Client::new(&config),
            &deps.settings.scan_queue_url,
        )
        .with_delay(
            deps.settings.rescan_delay + Duration::from_secs(events::DEFERRED_RESCAN_DELAY_SECONDS),
        ),
    ));
    let store = &*Box::leak(Box::new(deps.store));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| async move {
        let intake = events::Intake {
            deferred,
            ..events::Intake::new(store.as_ref(), queue, s3)
        };
        let (response, _) = events::handle_intake(&intake, event.payload).await;
        Ok::<SqsBatchResponse, Error>(response)
    }))
    .await
}
