//! AWS Config recorders (regional).

use super::{Collected, Context};
use crate::aws::failure;
use aws_sdk_config::types::{ConfigurationRecorder, ConfigurationRecorderStatus};
use serde_json::{json, Value};

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "Parapet::Config::RegionSettings";
    let config = ctx.clients.config_service(ctx.region);
    let _permit = ctx.permit("config", ctx.region).await;
    let recorders = match config.describe_configuration_recorders().send().await {
        Ok(o) => o.configuration_recorders().to_vec(),
        Err(e) => {
            return out.fail(
                TYPE,
                ctx.region,
                failure("DescribeConfigurationRecorders", &e),
            )
        }
    };
    let statuses = match config.describe_configuration_recorder_status().send().await {
        Ok(o) => o.configuration_recorders_status().to_vec(),
        Err(e) => {
            return out.fail(
                TYPE,
                ctx.region,
                failure("DescribeConfigurationRecorderStatus", &e),
            )
        }
    };
    let (recorders, unknown) = recorder_summaries(&recorders, &statuses);
    let mut errors = super::Errors::default();
    if let Some(reason) = unknown {
        errors.note("recorders", reason);
    }
    let attrs = errors.attach(json!({"recorders": recorders}));
    out.resources
        .push(ctx.region_settings(TYPE, "config", "recorders", attrs));
}

/// Each recorder with its status. `last_status` keeps the API's spelling (`Pending`,
/// `Success`, `Failure`, `NotApplicable`). A recorder DescribeConfigurationRecorderStatus
/// did not answer for has an unknown `recording` (null) and yields the reason.
fn recorder_summaries(
    recorders: &[ConfigurationRecorder],
    statuses: &[ConfigurationRecorderStatus],
) -> (Vec<Value>, Option<String>) {
    let mut unknown = Vec::new();
    let summaries = recorders
        .iter()
        .map(|r| {
            let status = statuses.iter().find(|s| s.name() == r.name());
            if status.is_none() {
                unknown.push(r.name().unwrap_or_default().to_string());
            }
            let group = r.recording_group();
            json!({
                "name": r.name(),
                "recording": status.map(|s| s.recording()),
                "last_status": status.and_then(|s| s.last_status()).map(|s| s.as_str()),
                "all_supported": group.map(|g| g.all_supported()).unwrap_or(false),
                "include_global_resource_types": group.map(|g| g.include_global_resource_types()).unwrap_or(false),
            })
        })
        .collect();
    let reason = (!unknown.is_empty()).then(|| {
        format!(
            "DescribeConfigurationRecorderStatus returned no status for recorder(s) {}",
            unknown.join(", ")
        )
    });
    (summaries, reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_config::types::{RecorderStatus, RecordingGroup};

    /// The status values as the API reference spells them (botocore's `RecorderStatus`
    /// enum: Pending, Success, Failure, NotApplicable) reach the control unchanged.
    #[test]
    fn last_status_keeps_the_api_spelling_and_missing_status_is_unknown() {
        let recorder = |name: &str| {
            ConfigurationRecorder::builder()
                .name(name)
                .recording_group(
                    RecordingGroup::builder()
                        .all_supported(true)
                        .include_global_resource_types(true)
                        .build(),
                )
                .build()
        };
        let status = ConfigurationRecorderStatus::builder()
            .name("default")
            .recording(true)
            .last_status(RecorderStatus::from("Failure"))
            .build();
        let (summaries, unknown) =
            recorder_summaries(&[recorder("default"), recorder("second")], &[status]);
        assert_eq!(summaries[0]["last_status"], "Failure");
        assert_eq!(summaries[0]["recording"], true);
        assert_eq!(summaries[1]["recording"], Value::Null);
        assert!(unknown.unwrap().contains("second"));
    }
}
