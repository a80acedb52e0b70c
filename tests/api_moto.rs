//! `aws::api`, the client for services read without an SDK crate, against moto_server:
//! one service per wire protocol, requests signed with a real IAM user's keys and
//! checked by moto (INITIAL_NO_AUTH_ACTION_COUNT turns on its SigV4 and IAM checks), the
//! answers decoded, pagination followed, and a denied call reported with its code.

mod support;
use parapet::aws::{
    api::{Method, Protocol},
    AwsOptions, CallCounter, ErrorKind, Limiter, Service, Sessions,
};
use serde_json::json;
use support::*;

const SETUP: &str = r#"
import boto3, json, sys
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
iam = c("iam")
iam.create_user(UserName="reader")
iam.put_user_policy(UserName="reader", PolicyName="read", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "elasticloadbalancing:DescribeLoadBalancerAttributes", "Resource": "*"},
    ]}))
key = iam.create_access_key(UserName="reader")["AccessKey"]
ecs = c("ecs")
for i in range(3):
    ecs.create_cluster(clusterName=f"cluster-{i}", settings=[{"name": "containerInsights", "value": "enabled" if i else "disabled"}])
elb = c("elb")
ec2 = c("ec2")
zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
elb.create_load_balancer(LoadBalancerName="web", AvailabilityZones=zones,
    Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}])
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

const ECS: Service = Service {
    signing_name: "ecs",
    endpoint_prefix: "ecs",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AmazonEC2ContainerServiceV20141113",
    },
    global: None,
};

const ELB: Service = Service {
    signing_name: "elasticloadbalancing",
    endpoint_prefix: "elasticloadbalancing",
    protocol: Protocol::Query {
        version: "2012-06-01",
    },
    global: None,
};

const EKS_SETUP: &str = r#"
import boto3, sys
eks = boto3.client("eks", endpoint_url=sys.argv[1], region_name="us-east-1")
for name in ["green", "blue"]:
    eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks",
        resourcesVpcConfig={"subnetIds": [], "endpointPublicAccess": True})
"#;

const EKS: Service = Service {
    signing_name: "eks",
    endpoint_prefix: "eks",
    protocol: Protocol::RestJson,
    global: None,
};

#[tokio::test(flavor = "multi_thread")]
async fn each_protocol_is_signed_decoded_and_paged() {
    // Eleven setup calls run unauthenticated; every call after is signature- and
    // policy-checked by moto.
    let moto = Moto::start_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", "11")]);
    let keys = python(&["-c", SETUP, &moto.url]);
    let (key_id, secret) = keys.trim().split_once(' ').expect("access key printed");
    std::env::set_var("AWS_ACCESS_KEY_ID", key_id);
    std::env::set_var("AWS_SECRET_ACCESS_KEY", secret);
    std::env::set_var("AWS_CONFIG_FILE", "/nonexistent/parapet-test-config");
    std::env::set_var(
        "AWS_SHARED_CREDENTIALS_FILE",
        "/nonexistent/parapet-test-credentials",
    );
    let sessions = Sessions::new(AwsOptions {
        endpoint_url: Some(moto.url.clone()),
        region: Some("us-east-1".into()),
        max_attempts: 3,
        ..Default::default()
    })
    .await;
    let counter = CallCounter::default();
    let clients = sessions
        .clients(None, None, Limiter::new(4), counter.clone())
        .await
        .unwrap();

    // JSON protocol, one item per page: three pages, tokens followed.
    let ecs = clients.api(&ECS, "us-east-1");
    let mut arns = ecs
        .list(
            "ListClusters",
            json!({"maxResults": 1}),
            "nextToken",
            "nextToken",
            "clusterArns",
        )
        .await
        .unwrap();
    arns.sort_by_key(|a| a.to_string());
    assert_eq!(arns.len(), 3, "{arns:?}");
    assert!(arns[0].as_str().unwrap().ends_with(":cluster/cluster-0"));
    let described = ecs
        .call(
            "DescribeClusters",
            &json!({"clusters": arns, "include": ["SETTINGS"]}),
        )
        .await
        .unwrap();
    let insights: Vec<_> = described["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["clusterName"].clone(), c["settings"][0]["value"].clone()))
        .collect();
    assert!(
        insights.contains(&(json!("cluster-0"), json!("disabled"))),
        "{insights:?}"
    );
    assert!(
        insights.contains(&(json!("cluster-1"), json!("enabled"))),
        "{insights:?}"
    );

    // Query protocol: XML decoded by the model, `member` lists as arrays, numbers typed.
    let elb = clients.api(&ELB, "us-east-1");
    let lbs = elb
        .list(
            "DescribeLoadBalancers",
            json!({}),
            "Marker",
            "NextMarker",
            "LoadBalancerDescriptions",
        )
        .await
        .unwrap();
    assert_eq!(lbs.len(), 1, "{lbs:?}");
    assert_eq!(lbs[0]["LoadBalancerName"], "web");
    assert_eq!(
        lbs[0]["ListenerDescriptions"][0]["Listener"]["InstancePort"],
        8080
    );

    // A denied call names its code and is an access failure, not an empty answer.
    let denied = elb
        .call(
            "DescribeLoadBalancerAttributes",
            &json!({"LoadBalancerName": "web"}),
        )
        .await
        .unwrap_err();
    assert_eq!(denied.kind(), ErrorKind::AccessDenied, "{denied}");
    assert_eq!(denied.status, 403);

    // REST-JSON. moto's SigV4 check rejects every REST GET, boto3's own included
    // (SignatureDoesNotMatch), so this part runs on a second moto_server without IAM
    // checks: it covers the request, the decoding and the paging, not the signature.
    let open = Moto::start();
    python(&["-c", EKS_SETUP, &open.url]);
    let sessions = Sessions::new(AwsOptions {
        endpoint_url: Some(open.url.clone()),
        region: Some("us-east-1".into()),
        max_attempts: 3,
        ..Default::default()
    })
    .await;
    let clients = sessions
        .clients(None, None, Limiter::new(4), counter.clone())
        .await
        .unwrap();
    let eks = clients.api(&EKS, "us-east-1");
    let mut names = eks
        .rest_list(
            "ListClusters",
            "/clusters",
            &[("maxResults", "1".into())],
            "nextToken",
            "nextToken",
            "clusters",
        )
        .await
        .unwrap();
    names.sort_by_key(|n| n.to_string());
    assert_eq!(names, vec![json!("blue"), json!("green")]);
    let cluster = eks
        .rest("DescribeCluster", Method::GET, "/clusters/blue", &[], None)
        .await
        .unwrap();
    assert_eq!(
        cluster["cluster"]["resourcesVpcConfig"]["endpointPublicAccess"],
        true
    );
    let missing = eks
        .rest("DescribeCluster", Method::GET, "/clusters/none", &[], None)
        .await
        .unwrap_err();
    assert_eq!(missing.code, "ResourceNotFoundException", "{missing}");

    // Every call went through the counter.
    assert!(counter.operations() >= 7, "{}", counter.operations());
    assert!(counter.get() >= counter.operations());
}
