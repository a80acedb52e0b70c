//! CodeBuild projects (regional), read through `aws::api`.

use super::api_support::{tags_of, text};
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const CODEBUILD: Service = Service {
    signing_name: "codebuild",
    endpoint_prefix: "codebuild",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "CodeBuild_20161006",
    },
    global: None,
    xml_lists: &[],
};

const PROJECT: &str = "AWS::CodeBuild::Project";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&CODEBUILD, ctx.region);
    let _permit = ctx.permit("codebuild", ctx.region).await;
    let names = match api
        .list(
            "ListProjects",
            json!({}),
            "nextToken",
            "nextToken",
            "projects",
        )
        .await
    {
        Ok(n) => n,
        Err(e) => return out.fail(PROJECT, ctx.region, format!("ListProjects failed: {e}")),
    };
    // BatchGetProjects takes at most 100 names per call.
    for chunk in names.chunks(100) {
        let answer = match api
            .call("BatchGetProjects", &json!({ "names": chunk }))
            .await
        {
            Ok(a) => a,
            Err(e) => {
                return out.fail(PROJECT, ctx.region, format!("BatchGetProjects failed: {e}"))
            }
        };
        for p in answer["projects"].as_array().into_iter().flatten() {
            let arn = text(p, "arn").to_string();
            let name = text(p, "name").to_string();
            let tags = tags_of(&p["tags"]);
            out.resources
                .push(ctx.resource(arn, PROJECT, ctx.region, name, tags, p.clone()));
        }
    }
}
