//! The account's own AMIs (`AWS::EC2::Image`), named by their AMI name.

use super::{arn, flag, id, tags, text, Lister, IMAGE};
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    let own = json!({"MaxResults": 1000, "Owner.1": "self"});
    let answer = ec2.needed(IMAGE, "DescribeImages", own, "imagesSet").await;
    if let Some(images) = answer.items_or_failure(&mut out, ec2.ctx.region, IMAGE) {
        out.resources = images.iter().map(|i| image(ec2.ctx, i)).collect();
    }
    out
}

fn image(ctx: &Context<'_>, i: &Value) -> Resource {
    let image = id(i, "imageId");
    let attrs = json!({
        "ImageId": image, "Name": text(i, "name"), "Public": flag(i, "isPublic"),
        "State": text(i, "imageState"),
    });
    let name = text(i, "name");
    ctx.resource(
        arn(ctx, "image", image),
        IMAGE,
        ctx.region,
        name.as_str().unwrap_or(image).to_string(),
        tags(i),
        attrs,
    )
}
