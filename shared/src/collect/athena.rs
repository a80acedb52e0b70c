//! Athena workgroups (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

const ATHENA: Service = json_service("athena", "athena", "1.1", "AmazonAthena");

const WORKGROUP: &str = "AWS::Athena::WorkGroup";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ATHENA, ctx.region);
    let _permit = ctx.permit("athena", ctx.region).await;
    let Some(groups) = listed(
        api.list(
            "ListWorkGroups",
            json!({}),
            "NextToken",
            "NextToken",
            "WorkGroups",
        )
        .await,
        out,
        WORKGROUP,
        ctx.region,
        "ListWorkGroups",
    ) else {
        return;
    };
    for summary in groups {
        let name = text(&summary, "Name").to_string();
        let arn = format!(
            "arn:aws:athena:{}:{}:workgroup/{name}",
            ctx.region, ctx.account_id
        );
        let attrs = match api
            .call("GetWorkGroup", &json!({ "WorkGroup": name }))
            .await
        {
            Ok(mut d) => d["WorkGroup"].take(),
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("Configuration", &e);
                errors.attach(summary)
            }
        };
        out.resources.push(ctx.resource(
            arn,
            WORKGROUP,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}
