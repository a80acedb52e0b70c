//! Launch templates (`AWS::EC2::LaunchTemplate`): the default version's network
//! interfaces say whether instances launched from it get public addresses (one
//! DescribeLaunchTemplateVersions each, made only when a control reads it).

use super::{arn, flag, id, int, items, tags, text, Lister, LAUNCH_TEMPLATE};
use crate::aws::Api;
use crate::collect::support::Errors;
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

const INTERFACES: &str = "default_version_network_interfaces";

pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    let page = json!({"MaxResults": 200});
    let answer = ec2
        .needed(
            LAUNCH_TEMPLATE,
            "DescribeLaunchTemplates",
            page,
            "launchTemplates",
        )
        .await;
    let templates = answer
        .items_or_failure(&mut out, ec2.ctx.region, LAUNCH_TEMPLATE)
        .unwrap_or_default();
    // One EC2 call slot for the version reads, one after another (after the listing
    // released its own).
    if !templates.is_empty() {
        let _permit = ec2.permit().await;
        for t in templates {
            out.resources.push(template(ec2.ctx, ec2.api, &t).await);
        }
    }
    out
}

async fn template(ctx: &Context<'_>, api: &Api, t: &Value) -> Resource {
    let template = id(t, "launchTemplateId");
    let mut errors = Errors::default();
    let interfaces = if !ctx.needs(LAUNCH_TEMPLATE, INTERFACES) {
        Value::Null
    } else {
        default_version_interfaces(api, template)
            .await
            .unwrap_or_else(|e| {
                errors.record_api(INTERFACES, &e);
                Value::Null
            })
    };
    let mut attrs = json!({
        "LaunchTemplateId": template, "LaunchTemplateName": text(t, "launchTemplateName"),
        "DefaultVersionNumber": int(t, "defaultVersionNumber"),
        INTERFACES: interfaces,
    });
    ctx.keep_planned(LAUNCH_TEMPLATE, &mut attrs, &[INTERFACES]);
    let attrs = errors.attach(attrs);
    let name = text(t, "launchTemplateName");
    ctx.resource(
        arn(ctx, "launch-template", template),
        LAUNCH_TEMPLATE,
        ctx.region,
        name.as_str().unwrap_or(template).to_string(),
        tags(t),
        attrs,
    )
}

/// `AssociatePublicIpAddress` of each network interface of the default version.
async fn default_version_interfaces(
    api: &Api,
    template: &str,
) -> Result<Value, crate::aws::ApiError> {
    let o = api
        .call(
            "DescribeLaunchTemplateVersions",
            &json!({"LaunchTemplateId": template, "LaunchTemplateVersion.1": "$Default"}),
        )
        .await?;
    Ok(items(&o, "launchTemplateVersionSet")
        .first()
        .and_then(|v| v.get("launchTemplateData"))
        .map(|d| {
            items(d, "networkInterfaceSet")
                .iter()
                .map(|n| json!({"AssociatePublicIpAddress": flag(n, "associatePublicIpAddress")}))
                .collect::<Vec<_>>()
        })
        .map_or_else(|| json!([]), |v| json!(v)))
}
