//! CodeBuild projects (regional), read through `aws::api`.

use super::api_support::{json_service, listed, tags_of, text};
use super::{Collected, Context};
use crate::aws::Service;
use serde_json::json;

const CODEBUILD: Service = json_service("codebuild", "codebuild", "1.1", "CodeBuild_20161006");

const PROJECT: &str = "AWS::CodeBuild::Project";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&CODEBUILD, ctx.region);
    let _permit = ctx.permit("codebuild", ctx.region).await;
    let Some(names) = listed(
        api.list(
            "ListProjects",
            json!({}),
            "nextToken",
            "nextToken",
            "projects",
        )
        .await,
        out,
        PROJECT,
        ctx.region,
        "ListProjects",
    ) else {
        return;
    };
    // BatchGetProjects takes at most 100 names per call.
    for chunk in names.chunks(100) {
        let Some(answer) = listed(
            api.call("BatchGetProjects", &json!({ "names": chunk }))
                .await,
            out,
            PROJECT,
            ctx.region,
            "BatchGetProjects",
        ) else {
            return;
        };
        for p in answer["projects"].as_array().into_iter().flatten() {
            let arn = text(p, "arn").to_string();
            let name = text(p, "name").to_string();
            let tags = tags_of(&p["tags"]);
            let attrs = p.clone();
            out.resources
                .push(ctx.resource(arn, PROJECT, ctx.region, name, tags, attrs));
        }
    }
}
