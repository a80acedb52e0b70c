//! DataSync tasks (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

const DATASYNC: Service = json_service("datasync", "datasync", "1.1", "FmrsService");

const TASK: &str = "AWS::DataSync::Task";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&DATASYNC, ctx.region);
    let _permit = ctx.permit("datasync", ctx.region).await;
    let Some(tasks) = listed(
        api.list("ListTasks", json!({}), "NextToken", "NextToken", "Tasks")
            .await,
        out,
        TASK,
        ctx.region,
        "ListTasks",
    ) else {
        return;
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
