//! Which resources AWS Backup protects (REST-JSON ListProtectedResources: every resource
//! with at least one recovery point), read by the collectors of backup-able resources,
//! which record the fact on each resource.

use super::Context;
use crate::aws::{ApiError, Protocol, Service};
use std::collections::HashSet;

pub const BACKUP: Service = Service {
    signing_name: "backup",
    endpoint_prefix: "backup",
    protocol: Protocol::RestJson,
    global: None,
};

/// The ARNs of the region's resources that AWS Backup holds recovery points for.
pub async fn protected_arns(ctx: &Context<'_>) -> Result<HashSet<String>, ApiError> {
    let api = ctx.clients.api(&BACKUP, ctx.region);
    let resources = api
        .rest_list(
            "ListProtectedResources",
            "/resources/",
            &[("maxResults", "1000".into())],
            "nextToken",
            "NextToken",
            "Results",
        )
        .await?;
    Ok(resources
        .iter()
        .filter_map(|r| r["ResourceArn"].as_str().map(str::to_string))
        .collect())
}
