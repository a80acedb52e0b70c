//! Resource policies judged by the one policy library (issue 18): per service, one
//! resource open to everyone and one restricted the way AWS documents it, seeded into
//! moto_server and judged through a real `parapet scan`.
//!
//! What moto does not emulate: Glacier's GetVaultAccessPolicy and AWS Backup's
//! GetBackupVaultAccessPolicy (moto 5.2 routes no `/access-policy` path of either, so the
//! vault policies cannot be read and their controls must answer ERROR, never a verdict;
//! the Rego tests cover the verdicts).

use crate::support;
use support::*;

/// Seeds the scenario; argv[1] is the endpoint.
const SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
ACCOUNT = "123456789012"
def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})
def open_to_all(sid, actions):
    return {"Sid": sid, "Effect": "Allow", "Principal": "*", "Action": actions, "Resource": "*"}

sns = c("sns")
public_topic = sns.create_topic(Name="rp-topic-public")["TopicArn"]
sns.set_topic_attributes(TopicArn=public_topic, AttributeName="Policy",
                         AttributeValue=doc(open_to_all("open-subscribe", "sns:Subscribe")))
owned_topic = sns.create_topic(Name="rp-topic-owned")["TopicArn"]
sns.set_topic_attributes(TopicArn=owned_topic, AttributeName="Policy", AttributeValue=doc(
    {"Sid": "owner", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "SNS:Publish",
     "Resource": owned_topic, "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}}))

sqs = c("sqs")
sqs.create_queue(QueueName="rp-queue-public", Attributes={"Policy": doc(
    open_to_all("anyone-receives", ["sqs:ReceiveMessage", "sqs:DeleteMessage"]))})
sqs.create_queue(QueueName="rp-queue-from-topic", Attributes={"Policy": doc(
    {"Sid": "topic", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*",
     "Condition": {"ArnEquals": {"aws:SourceArn": owned_topic}}})})
sqs.create_queue(QueueName="rp-queue-no-policy")

ecr = c("ecr")
for name in ["rp-repo-public", "rp-repo-org", "rp-repo-no-policy"]:
    ecr.create_repository(repositoryName=name)
ecr.set_repository_policy(repositoryName="rp-repo-public", policyText=doc(
    {"Sid": "AllowPull", "Effect": "Allow", "Principal": "*",
     "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}))
ecr.set_repository_policy(repositoryName="rp-repo-org", policyText=doc(
    {"Sid": "OrgPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage"],
     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}))

efs = c("efs")
def file_system(name):
    return efs.create_file_system(CreationToken=name, Tags=[{"Key": "Name", "Value": name}])["FileSystemId"]
tls_only = file_system("rp-fs-tls-only")
efs.put_file_system_policy(FileSystemId=tls_only, Policy=doc(
    {"Sid": "tls", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount"],
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}))
one_role = file_system("rp-fs-one-role")
efs.put_file_system_policy(FileSystemId=one_role, Policy=doc(
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/app"},
     "Action": ["elasticfilesystem:ClientMount"]}))
file_system("rp-fs-no-policy")

sm = c("secretsmanager")
for name in ["rp-secret-public", "rp-secret-shared", "rp-secret-no-policy"]:
    sm.create_secret(Name=name, SecretString="not-a-real-secret")
sm.put_resource_policy(SecretId="rp-secret-public", ResourcePolicy=doc(
    open_to_all("everyone", "secretsmanager:GetSecretValue")))
sm.put_resource_policy(SecretId="rp-secret-shared", ResourcePolicy=doc(
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"},
     "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))

kms = c("kms")
root = {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}
for alias, extra in [("rp-key-public", [open_to_all("open-decrypt", "kms:Decrypt")]), ("rp-key-default", [])]:
    key = kms.create_key(Policy=doc(root, *extra))["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key)

events = c("events")
for name in ["rp-bus-public", "rp-bus-org"]:
    events.create_event_bus(Name=name)
events.put_permission(EventBusName="rp-bus-public", Action="events:PutEvents", Principal="*",
                      StatementId="anyone")
events.put_permission(EventBusName="rp-bus-org", Action="events:PutEvents", Principal="*",
                      StatementId="org", Condition={"Type": "StringEquals",
                      "Key": "aws:PrincipalOrgID", "Value": "o-a1b2c3d4e5"})

c("glacier").create_vault(vaultName="rp-vault")
c("backup").create_backup_vault(BackupVaultName="rp-backup-vault")
"#;

#[test]
fn resource_policies_are_judged_by_the_policy_library() {
    let moto = Moto::start();
    python(&["-c", SEED, &moto.url]);
    let expected: &[(&str, &str, &str)] = &[
        (
            "sns_topics_not_publicly_accessible",
            "rp-topic-public",
            "FAIL",
        ),
        (
            "sns_topics_not_publicly_accessible",
            "rp-topic-owned",
            "PASS",
        ),
        (
            "sqs_queues_not_publicly_accessible",
            "rp-queue-public",
            "FAIL",
        ),
        (
            "sqs_queues_not_publicly_accessible",
            "rp-queue-from-topic",
            "PASS",
        ),
        (
            "sqs_queues_not_publicly_accessible",
            "rp-queue-no-policy",
            "PASS",
        ),
        (
            "ecr_repositories_not_publicly_accessible",
            "rp-repo-public",
            "FAIL",
        ),
        (
            "ecr_repositories_not_publicly_accessible",
            "rp-repo-org",
            "PASS",
        ),
        (
            "ecr_repositories_not_publicly_accessible",
            "rp-repo-no-policy",
            "PASS",
        ),
        ("efs_not_publicly_accessible", "rp-fs-tls-only", "FAIL"),
        ("efs_not_publicly_accessible", "rp-fs-one-role", "PASS"),
        ("efs_not_publicly_accessible", "rp-fs-no-policy", "FAIL"),
        (
            "secretsmanager_not_publicly_accessible",
            "rp-secret-public",
            "FAIL",
        ),
        (
            "secretsmanager_not_publicly_accessible",
            "rp-secret-shared",
            "PASS",
        ),
        (
            "secretsmanager_not_publicly_accessible",
            "rp-secret-no-policy",
            "PASS",
        ),
        ("kms_key_not_publicly_accessible", "rp-key-public", "FAIL"),
        ("kms_key_not_publicly_accessible", "rp-key-default", "PASS"),
        ("eventbridge_bus_exposed", "rp-bus-public", "FAIL"),
        ("eventbridge_bus_exposed", "rp-bus-org", "PASS"),
        ("eventbridge_bus_exposed", "default", "PASS"),
        // Not emulated by moto: see the module comment.
        ("glacier_vaults_policy_public_access", "rp-vault", "ERROR"),
        (
            "backup_vaults_not_publicly_accessible",
            "rp-backup-vault",
            "ERROR",
        ),
    ];
    let verdicts = assert_verdicts(&moto, expected);
    // A FAIL names the open statement and its actions.
    let reason =
        |control: &str, name: &str| verdicts[&(control.to_string(), name.to_string())].1.clone();
    assert!(
        reason("sqs_queues_not_publicly_accessible", "rp-queue-public")
            .contains(r#"statement "anyone-receives" (sqs:ReceiveMessage, sqs:DeleteMessage)"#),
        "{}",
        reason("sqs_queues_not_publicly_accessible", "rp-queue-public")
    );
    assert!(reason("kms_key_not_publicly_accessible", "rp-key-public")
        .contains(r#"statement "open-decrypt" (kms:Decrypt)"#));
    // The unreadable vault policies are errors naming the call, not verdicts.
    assert!(
        reason("backup_vaults_not_publicly_accessible", "rp-backup-vault")
            .contains("GetBackupVaultAccessPolicy"),
        "{}",
        reason("backup_vaults_not_publicly_accessible", "rp-backup-vault")
    );
    assert!(
        reason("glacier_vaults_policy_public_access", "rp-vault").contains("GetVaultAccessPolicy"),
        "{}",
        reason("glacier_vaults_policy_public_access", "rp-vault")
    );
}

/// Kinesis streams and DynamoDB tables (GetResourcePolicy of each), the ECR registry
/// policy, the Glue Data Catalog policy and Lambda layer version policies. What moto does not
/// emulate: DynamoDB stream policies (moto 5.2 looks a stream ARN up as a table name and
/// answers ResourceNotFoundException), so the tables here have no stream and the stream
/// control is SKIPPED; the Rego tests and the replay tests cover stream policies.
const SEED_STREAMS_AND_TABLES: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
ACCOUNT = "123456789012"
def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})

kinesis = c("kinesis")
for name in ["rp-stream-public", "rp-stream-shared", "rp-stream-no-policy"]:
    kinesis.create_stream(StreamName=name, ShardCount=1)
arn = lambda name: f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/{name}"
kinesis.put_resource_policy(ResourceARN=arn("rp-stream-public"), Policy=doc(
    {"Sid": "anyone-reads", "Effect": "Allow", "Principal": {"AWS": "*"},
     "Action": ["kinesis:GetRecords", "kinesis:GetShardIterator"], "Resource": arn("rp-stream-public")}))
kinesis.put_resource_policy(ResourceARN=arn("rp-stream-shared"), Policy=doc(
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"},
     "Action": ["kinesis:GetRecords"], "Resource": arn("rp-stream-shared")}))

ddb = c("dynamodb")
for name in ["rp-table-public", "rp-table-org", "rp-table-no-policy"]:
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
table = lambda name: f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/{name}"
ddb.put_resource_policy(ResourceArn=table("rp-table-public"), Policy=doc(
    {"Sid": "open-scan", "Effect": "Allow", "Principal": "*", "Action": "dynamodb:Scan",
     "Resource": table("rp-table-public")}))
ddb.put_resource_policy(ResourceArn=table("rp-table-org"), Policy=doc(
    {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": table("rp-table-org"),
     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}))

# The region's ECR registry replicates from anyone; its Glue Data Catalog is shared with
# one account.
c("ecr").put_registry_policy(policyText=doc(
    {"Sid": "AnyoneReplicates", "Effect": "Allow", "Principal": {"AWS": "*"},
     "Action": ["ecr:CreateRepository", "ecr:ReplicateImage"],
     "Resource": f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/*"}))
c("glue").put_resource_policy(PolicyInJson=doc(
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
     "Action": ["glue:GetDatabase", "glue:GetTables"],
     "Resource": [f"arn:aws:glue:us-east-1:{ACCOUNT}:catalog"]}))

# Lambda layers: version 1 of one shared with every account, of the other with one
# account; each through AddLayerVersionPermission as the CLI does it. (moto 5.2 drops the
# OrganizationId parameter of layer permissions, so an organization share cannot be
# emulated; the Rego tests cover it.)
import io, zipfile
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("python/helpers.py", "VALUE = 1\n")
lam = c("lambda")
for name in ["rp-layer-public", "rp-layer-shared"]:
    lam.publish_layer_version(LayerName=name, Content={"ZipFile": archive.getvalue()},
                              CompatibleRuntimes=["python3.12"])
lam.add_layer_version_permission(LayerName="rp-layer-public", VersionNumber=1, StatementId="public",
                                 Action="lambda:GetLayerVersion", Principal="*")
lam.add_layer_version_permission(LayerName="rp-layer-shared", VersionNumber=1, StatementId="one-account",
                                 Action="lambda:GetLayerVersion", Principal="444455556666")
"#;

#[test]
fn stream_table_registry_and_catalog_policies_are_judged_by_the_policy_library() {
    let moto = Moto::start();
    python(&["-c", SEED_STREAMS_AND_TABLES, &moto.url]);
    let expected: &[(&str, &str, &str)] = &[
        (
            "kinesis_stream_not_publicly_accessible",
            "rp-stream-public",
            "FAIL",
        ),
        (
            "kinesis_stream_not_publicly_accessible",
            "rp-stream-shared",
            "PASS",
        ),
        (
            "kinesis_stream_not_publicly_accessible",
            "rp-stream-no-policy",
            "PASS",
        ),
        (
            "dynamodb_table_not_publicly_accessible",
            "rp-table-public",
            "FAIL",
        ),
        (
            "dynamodb_table_not_publicly_accessible",
            "rp-table-org",
            "PASS",
        ),
        (
            "dynamodb_table_not_publicly_accessible",
            "rp-table-no-policy",
            "PASS",
        ),
        (
            "dynamodb_table_stream_not_publicly_accessible",
            "rp-table-public",
            "SKIPPED",
        ),
        (
            "ecr_registry_policy_not_publicly_accessible",
            "123456789012",
            "FAIL",
        ),
        (
            "glue_data_catalogs_not_publicly_accessible",
            "123456789012",
            "PASS",
        ),
        (
            "awslambda_layer_version_not_publicly_accessible",
            "rp-layer-public:1",
            "FAIL",
        ),
        (
            "awslambda_layer_version_not_publicly_accessible",
            "rp-layer-shared:1",
            "PASS",
        ),
    ];
    let verdicts = assert_verdicts(&moto, expected);
    let reason =
        |control: &str, name: &str| verdicts[&(control.to_string(), name.to_string())].1.clone();
    assert!(
        reason("kinesis_stream_not_publicly_accessible", "rp-stream-public")
            .contains(r#"statement "anyone-reads" (kinesis:GetRecords, kinesis:GetShardIterator)"#),
        "{}",
        reason("kinesis_stream_not_publicly_accessible", "rp-stream-public")
    );
    assert!(reason(
        "dynamodb_table_not_publicly_accessible",
        "rp-table-no-policy"
    )
    .contains("has no resource policy"));
}
