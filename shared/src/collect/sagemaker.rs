//! SageMaker notebook instances (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text, with};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::{json, Value};

const SAGEMAKER: Service = json_service("sagemaker", "api.sagemaker", "1.1", "SageMaker");

const NOTEBOOK: &str = "AWS::SageMaker::NotebookInstance";

/// The fields of DescribeNotebookInstance controls read; absent ones become null.
const DESCRIBED: &[&str] = &[
    "KmsKeyId",
    "DirectInternetAccess",
    "RootAccess",
    "SubnetId",
    "SecurityGroups",
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SAGEMAKER, ctx.region);
    let _permit = ctx.permit("sagemaker", ctx.region).await;
    let Some(notebooks) = listed(
        api.list(
            "ListNotebookInstances",
            json!({}),
            "NextToken",
            "NextToken",
            "NotebookInstances",
        )
        .await,
        out,
        NOTEBOOK,
        ctx.region,
        "ListNotebookInstances",
    ) else {
        return;
    };
    for summary in notebooks {
        let name = text(&summary, "NotebookInstanceName").to_string();
        let arn = text(&summary, "NotebookInstanceArn").to_string();
        let mut errors = Errors::default();
        let mut derived = serde_json::Map::new();
        match api
            .call(
                "DescribeNotebookInstance",
                &json!({ "NotebookInstanceName": name }),
            )
            .await
        {
            Ok(d) => {
                for field in DESCRIBED {
                    derived.insert(
                        field.to_string(),
                        d.get(*field).cloned().unwrap_or(Value::Null),
                    );
                }
            }
            Err(e) => {
                for field in DESCRIBED {
                    errors.record_api(field, &e);
                }
            }
        }
        let attrs = errors.attach(with(summary, Value::Object(derived)));
        out.resources.push(ctx.resource(
            arn,
            NOTEBOOK,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}
