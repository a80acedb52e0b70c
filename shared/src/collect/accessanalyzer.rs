//! IAM Access Analyzer analyzers (regional).

use super::{Collected, Context};
use crate::aws::failure;
use serde_json::{json, Value};

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "Parapet::AccessAnalyzer::RegionSettings";
    let client = ctx.clients.accessanalyzer(ctx.region);
    let _permit = ctx.permit("access-analyzer", ctx.region).await;
    let analyzers = match client
        .list_analyzers()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(a) => a,
        Err(e) => return out.fail(TYPE, ctx.region, failure("ListAnalyzers", &e)),
    };
    let analyzers: Vec<Value> = analyzers
        .iter()
        .map(|a| json!({"name": a.name(), "arn": a.arn(), "type": a.r#type().as_str(), "status": a.status().as_str()}))
        .collect();
    out.resources.push(ctx.region_settings(
        TYPE,
        "access-analyzer",
        "analyzers",
        json!({"analyzers": analyzers}),
    ));
}
