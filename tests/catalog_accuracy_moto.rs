//! Catalogue completeness (issue 18, section 3) against moto_server: Aurora cluster
//! snapshots are judged, the account-level S3 block counts for buckets (CIS 2.1.4), every
//! documented Cassandra port is an exposure, and a published privilege-escalation
//! combination in an inline policy is found while its partial form is not.

use crate::support;
use support::*;

/// Seeds the scenario; argv[1] is the endpoint. The s3control client needs the account id
/// taken off the host name: the SDK prefixes it and moto serves the bare host.
const SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")

rds = c("rds")
for name, encrypted in [("acc-aurora-enc", True), ("acc-aurora-plain", False)]:
    rds.create_db_cluster(DBClusterIdentifier=name, Engine="aurora-postgresql",
                          StorageEncrypted=encrypted, MasterUsername="admin",
                          MasterUserPassword="not-a-real-password-1")
rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="acc-shared-snap",
                               DBClusterIdentifier="acc-aurora-enc")
rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="acc-shared-snap",
                                         AttributeName="restore", ValuesToAdd=["444455556666"])
rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="acc-public-snap",
                               DBClusterIdentifier="acc-aurora-plain")
rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="acc-public-snap",
                                         AttributeName="restore", ValuesToAdd=["all"])

s3 = c("s3")
s3.create_bucket(Bucket="acc-no-own-block")
s3.create_bucket(Bucket="acc-own-block-half")
s3.put_public_access_block(Bucket="acc-own-block-half", PublicAccessBlockConfiguration={
    "BlockPublicAcls": True, "IgnorePublicAcls": True,
    "BlockPublicPolicy": False, "RestrictPublicBuckets": False})

ec2 = c("ec2")
vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
for name, port in [("acc-cassandra-internode", 7000), ("acc-cassandra-cql", 9042), ("acc-web", 443)]:
    sg = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                      SecurityGroupIds=[sg], TagSpecifications=[{"ResourceType": "instance",
                      "Tags": [{"Key": "Name", "Value": name}]}])

iam = c("iam")
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
iam.create_role(RoleName="acc-deployer", AssumeRolePolicyDocument=trust)
def allow(actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": actions, "Resource": "*"}]})
iam.put_role_policy(RoleName="acc-deployer", PolicyName="ecs-full-path",
                    PolicyDocument=allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]))
iam.put_role_policy(RoleName="acc-deployer", PolicyName="ecs-partial",
                    PolicyDocument=allow(["iam:PassRole", "ecs:RegisterTaskDefinition"]))
iam.put_role_policy(RoleName="acc-deployer", PolicyName="boundary-removal",
                    PolicyDocument=allow("iam:DeleteRolePermissionsBoundary"))
"#;

/// Sets the account-level S3 block (four flags); argv[1] is the endpoint.
const ACCOUNT_BLOCK: &str = r#"
import sys, boto3
flags = [v == "on" for v in sys.argv[2:6]]
s3control = boto3.client("s3control", endpoint_url=sys.argv[1], region_name="us-east-1")
s3control.meta.events.register("before-send.s3-control.*",
    lambda request, **_: setattr(request, "url", request.url.replace("//123456789012.", "//", 1)))
s3control.put_public_access_block(AccountId="123456789012", PublicAccessBlockConfiguration=dict(zip(
    ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"], flags)))
"#;

#[test]
fn completed_catalogues_judge_what_they_missed() {
    let moto = Moto::start();
    python(&["-c", SEED, &moto.url]);
    python(&["-c", ACCOUNT_BLOCK, &moto.url, "on", "on", "on", "on"]);
    assert_verdicts(
        &moto,
        &[
            // Aurora cluster snapshots: judged by the cluster-snapshot controls.
            ("rds_cluster_snapshots_public_access", "acc-public-snap", "FAIL"),
            ("rds_cluster_snapshots_public_access", "acc-shared-snap", "PASS"),
            ("rds_cluster_snapshots_encrypted", "acc-public-snap", "FAIL"),
            ("rds_cluster_snapshots_encrypted", "acc-shared-snap", "PASS"),
            // The account's four settings cover buckets without (all of) their own.
            ("s3_bucket_level_public_access_block", "acc-no-own-block", "PASS"),
            ("s3_bucket_level_public_access_block", "acc-own-block-half", "PASS"),
            // Cassandra's internode and CQL ports, not only 7199/8888/9160.
            ("ec2_instance_port_cassandra_exposed_to_internet", "acc-cassandra-internode", "FAIL"),
            ("ec2_instance_port_cassandra_exposed_to_internet", "acc-cassandra-cql", "FAIL"),
            ("ec2_instance_port_cassandra_exposed_to_internet", "acc-web", "PASS"),
            (
                "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cassandra_7199_9160_8888",
                "acc-cassandra-internode",
                "FAIL",
            ),
            // Escalation: the full ECS combination and a boundary removal, not the partial one.
            ("iam_inline_policy_allows_privilege_escalation", "acc-deployer/ecs-full-path", "FAIL"),
            ("iam_inline_policy_allows_privilege_escalation", "acc-deployer/ecs-partial", "PASS"),
            ("iam_inline_policy_allows_privilege_escalation", "acc-deployer/boundary-removal", "FAIL"),
        ],
    );
    // With one account setting off, a bucket without its own block fails again; the
    // bucket whose own block supplies that setting still passes.
    python(&["-c", ACCOUNT_BLOCK, &moto.url, "on", "off", "on", "on"]);
    assert_verdicts(
        &moto,
        &[
            (
                "s3_bucket_level_public_access_block",
                "acc-no-own-block",
                "FAIL",
            ),
            (
                "s3_bucket_level_public_access_block",
                "acc-own-block-half",
                "PASS",
            ),
        ],
    );
}
