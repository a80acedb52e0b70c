//! Amazon Macie session status (regional).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{failure, is_code};
use aws_sdk_macie2::operation::get_macie_session::GetMacieSessionError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "Parapet::Macie::RegionSettings";
    let client = ctx.clients.macie(ctx.region);
    let _permit = ctx.permit("macie2", ctx.region).await;
    let status = match client.get_macie_session().send().await {
        Ok(o) => o.status().map(|s| s.as_str().to_string()),
        // Macie answers AccessDenied with this message when it was never enabled; any other
        // AccessDenied is a real permission problem and must not read as "disabled".
        Err(e) if is_code(&e, "AccessDeniedException") && not_enabled(e.as_service_error()) => None,
        Err(e) if is_code(&e, "ResourceNotFoundException") => None,
        Err(e) => return out.fail(TYPE, ctx.region, failure("GetMacieSession", &e)),
    };
    // Automated sensitive data discovery is a setting of an enabled Macie only.
    let mut errors = Errors::default();
    let mut discovery = Value::Null;
    if status.as_deref() == Some("ENABLED") {
        match client.get_automated_discovery_configuration().send().await {
            Ok(o) => discovery = json!(o.status().map(|s| s.as_str())),
            Err(e) => errors.record(
                "automated_discovery",
                "GetAutomatedDiscoveryConfiguration",
                &e,
            ),
        }
    }
    let attrs = errors.attach(json!({"status": status, "automated_discovery": discovery}));
    out.resources
        .push(ctx.region_settings(TYPE, "macie2", "session", attrs));
}

fn not_enabled(err: Option<&GetMacieSessionError>) -> bool {
    err.and_then(|e| e.message())
        .is_some_and(|m| m.to_ascii_lowercase().contains("not enabled"))
}
