//! DataSync tasks (regional), read through `aws::api`.

use super::api_support::text;
use super::{Collected, Context, Errors};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const DATASYNC: Service = Service {
    signing_name: "datasync",
    endpoint_prefix: "datasync",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "FmrsService",
    },
    global: None,
    xml_lists: &[],
};

const TASK: &str = "AWS::DataSync::Task";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&DATASYNC, ctx.region);
    let _permit = ctx.permit("datasync", ctx.region).await;
    let tasks = match api
        .list("ListTasks", json!({}), "NextToken", "NextToken", "Tasks")
        .await
    {
        Ok(t) => t,
        Err(e) => return out.fail(TASK, ctx.region, format!("ListTasks failed: {e}")),
    };
    for summary in tasks {
        let arn = text(&summary, "TaskArn").to_string();
        let attrs = match api.call("DescribeTask", &json!({ "TaskArn": arn })).await {
            Ok(d) => d,
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("CloudWatchLogGroupArn", &e);
                errors.attach(summary.clone())
            }
        };
        let name = match text(&attrs, "Name") {
            "" => arn.rsplit('/').next().unwrap_or_default().to_string(),
            n => n.to_string(),
        };
        out.resources
            .push(ctx.resource(arn, TASK, ctx.region, name, Default::default(), attrs));
    }
}
