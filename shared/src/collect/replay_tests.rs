//! Decoding tests: each collector run against AWS's documented answer shapes
//! (`shared/tests/fixtures/aws_answers`, sources in its README), asserting the resource
//! it builds: ids, ARNs, names, and attributes with the JSON types controls expect.

use super::call_plan::AttributePlan;
use super::replay::{context, first_of, only, Replay, Route, ACCOUNT, REGION};
use crate::model::Resource;
use serde_json::{json, Value};

#[tokio::test]
async fn kms_key_decodes_metadata_rotation_and_policy() {
    let replay = Replay::serve(&["kms"], &[]);
    let collected = replay.collect("kms").await;
    let key = only(&collected, "AWS::KMS::Key");
    let a = &key.attributes;
    assert_eq!(
        key.arn,
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    );
    // Named by its alias, which is how people refer to a key.
    assert_eq!(key.name, "orders-key");
    assert_eq!(a["KeyId"], "1234abcd-12ab-34cd-56ef-1234567890ab");
    assert_eq!(a["KeyManager"], "CUSTOMER");
    assert_eq!(a["KeyState"], "Enabled");
    assert_eq!(a["KeySpec"], "SYMMETRIC_DEFAULT");
    assert_eq!(a["KeyUsage"], "ENCRYPT_DECRYPT");
    assert_eq!(a["Origin"], "AWS_KMS");
    assert_eq!(a["CreationDate"], "2017-07-05T21:04:55.918Z");
    assert_eq!(a["rotation_enabled"], true);
    assert_eq!(a["policy"]["Statement"][0]["Action"], "kms:*");
    assert_eq!(
        a["policy"]["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::111122223333:root"
    );
}

const LAMBDA_ROUTES: &[Route] = &[
    ("GET", "/2018-10-31/layers", "ListLayers"),
    ("GET", "/2018-10-31/layers/{}/versions", "ListLayerVersions"),
    (
        "GET",
        "/2018-10-31/layers/{}/versions/{}/policy",
        "GetLayerVersionPolicy",
    ),
    ("GET", "/2015-03-31/functions/", "ListFunctions"),
    ("GET", "/2015-03-31/functions/{}/policy", "GetPolicy"),
    (
        "GET",
        "/2021-10-31/functions/{}/url",
        "GetFunctionUrlConfig",
    ),
];

#[tokio::test]
async fn lambda_function_decodes_configuration_policy_and_url() {
    let replay = Replay::serve(&["lambda"], LAMBDA_ROUTES);
    let collected = replay.collect("awslambda").await;
    let f = only(&collected, "AWS::Lambda::Function");
    let a = &f.attributes;
    assert_eq!(
        f.arn,
        "arn:aws:lambda:us-east-1:111122223333:function:resize-images"
    );
    assert_eq!(f.name, "resize-images");
    assert_eq!(a["Runtime"], "python3.12");
    assert_eq!(a["Timeout"], json!(30));
    assert_eq!(a["MemorySize"], json!(128));
    assert_eq!(a["in_vpc"], true);
    assert_eq!(a["LastModified"], "2023-10-26T18:31:22.811Z");
    assert_eq!(a["TracingConfig"]["Mode"], "Active");
    // One-item lists stay lists.
    assert_eq!(a["Layers"].as_array().map(Vec::len), Some(1));
    assert_eq!(a["Architectures"], json!(["x86_64"]));
    assert_eq!(
        a["VpcConfig"]["SubnetIds"],
        json!(["subnet-071f712345678e7c8"])
    );
    assert_eq!(
        a["policy"]["Statement"][0]["Principal"]["Service"],
        "s3.amazonaws.com"
    );
    assert_eq!(a["function_url"]["AuthType"], "AWS_IAM");
    assert_eq!(a["function_url"]["Cors"]["MaxAge"], json!(300));
    let layer = only(&collected, "AWS::Lambda::LayerVersion");
    assert_eq!(
        layer.arn,
        "arn:aws:lambda:us-east-1:111122223333:layer:my-layer:2"
    );
    assert_eq!(layer.name, "my-layer:2");
    assert_eq!(layer.attributes["Version"], json!(2));
    assert_eq!(layer.attributes["CreatedDate"], "2018-11-15T00:37:46.592Z");
    assert_eq!(
        layer.attributes["CompatibleRuntimes"],
        json!(["python3.12"])
    );
    assert_eq!(
        layer.attributes["policy"]["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::444455556666:root"
    );
    assert_eq!(
        replay.operations(),
        [
            "ListLayers",
            "ListLayerVersions",
            "GetLayerVersionPolicy",
            "ListFunctions",
            "GetPolicy",
            "GetFunctionUrlConfig"
        ]
    );
}

#[tokio::test]
async fn lambda_layer_version_without_a_policy_and_a_renamed_list() {
    let replay = Replay::serve(&["lambda"], LAMBDA_ROUTES);
    // Lambda's "no policy" is ResourceNotFoundException.
    replay.answer_with(
        "GetLayerVersionPolicy",
        r#"{"__type": "ResourceNotFoundException", "Message": "No policy is associated with the given resource."}"#,
    );
    let collected = replay.collect("awslambda").await;
    let layer = only(&collected, "AWS::Lambda::LayerVersion");
    assert_eq!(layer.attributes["policy"], Value::Null);
    // A listing whose list is renamed is a failure of the type, not "no layers".
    replay.answer_with("ListLayers", r#"{"LayerList": []}"#);
    let collected = replay.collect("awslambda").await;
    assert!(
        collected
            .failures
            .iter()
            .any(|f| f.resource_type == "AWS::Lambda::LayerVersion"
                && f.reason.contains("ListLayers")),
        "{:?}",
        collected.failures
    );
}

#[tokio::test]
async fn dynamodb_table_decodes_encryption_recovery_and_tags() {
    let replay = Replay::serve(
        &["dynamodb", "dax", "backup", "kms"],
        &[("GET", "/backup/plans/", "ListBackupPlans")],
    );
    let collected = replay.collect("dynamodb").await;
    let t = only(&collected, "AWS::DynamoDB::Table");
    let a = &t.attributes;
    assert_eq!(
        t.arn,
        "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"
    );
    assert_eq!(t.name, "Orders");
    assert_eq!(t.tags.get("team").map(String::as_str), Some("payments"));
    assert_eq!(a["SSEDescription"]["SSEType"], "KMS");
    assert_eq!(a["DeletionProtectionEnabled"], true);
    assert_eq!(a["CreationDateTime"], "2015-01-21T19:02:32Z");
    assert_eq!(a["ProvisionedThroughput"]["ReadCapacityUnits"], json!(5));
    assert_eq!(a["point_in_time_recovery"], "ENABLED");
    // The key's manager, read with KMS DescribeKey.
    assert_eq!(a["sse_key_manager"], "CUSTOMER");
    assert_eq!(a["KeySchema"].as_array().map(Vec::len), Some(1));
    assert!(a["backup_plans"].is_array(), "{}", a["backup_plans"]);
    assert_eq!(
        a["policy"]["Statement"][0]["Action"],
        json!(["dynamodb:GetItem", "dynamodb:Query"])
    );
}

#[tokio::test]
async fn dynamodb_table_without_a_policy_and_with_an_unreadable_one() {
    let services = &["dynamodb", "dax", "backup", "kms"];
    let routes = &[("GET", "/backup/plans/", "ListBackupPlans")];
    let replay = Replay::serve(services, routes);
    // DynamoDB's answer for a table without a resource policy.
    replay.answer_with(
        "GetResourcePolicy",
        r#"{"__type": "com.amazonaws.dynamodb.v20120810#PolicyNotFoundException", "message": "Resource-based policy not found"}"#,
    );
    let collected = replay.collect("dynamodb").await;
    let t = only(&collected, "AWS::DynamoDB::Table");
    assert_eq!(t.attributes["policy"], Value::Null);
    let replay = Replay::serve(services, routes);
    replay.answer_with("GetResourcePolicy", r#"{"RevisionId": "1709841168699"}"#);
    let collected = replay.collect("dynamodb").await;
    let a = &collected.resources[0].attributes;
    assert!(
        a["errors"]["policy"]
            .as_str()
            .is_some_and(|e| e.contains("no Policy")),
        "{a}"
    );
}

#[tokio::test]
async fn ecr_repository_decodes_scanning_lifecycle_and_policy() {
    let replay = Replay::serve(&["ecr"], &[]);
    let collected = replay.collect("ecr").await;
    let registry = only(&collected, "Parapet::ECR::RegistrySettings");
    assert_eq!(registry.arn, "arn:aws:ecr:us-east-1:111122223333:registry");
    assert_eq!(
        registry.attributes["registry_policy"]["Statement"][0]["Action"],
        json!(["ecr:CreateRepository", "ecr:ReplicateImage"])
    );
    let r = only(&collected, "AWS::ECR::Repository");
    let a = &r.attributes;
    assert_eq!(
        r.arn,
        "arn:aws:ecr:us-east-1:111122223333:repository/web-app"
    );
    assert_eq!(r.name, "web-app");
    assert_eq!(a["imageTagMutability"], "IMMUTABLE");
    assert_eq!(a["createdAt"], "2019-07-23T22:10:00Z");
    assert_eq!(a["imageScanningConfiguration"]["scanOnPush"], true);
    assert_eq!(a["encryptionConfiguration"]["encryptionType"], "AES256");
    assert_eq!(a["registry_scanning"]["scanType"], "ENHANCED");
    assert_eq!(
        a["registry_scanning"]["rules"][0]["scanFrequency"],
        "CONTINUOUS_SCAN"
    );
    assert_eq!(a["lifecycle_policy"]["rules"][0]["rulePriority"], json!(1));
    assert_eq!(
        a["policy"]["Statement"][0]["Action"],
        json!(["ecr:BatchGetImage"])
    );
}

#[tokio::test]
async fn efs_file_system_and_access_point_decode() {
    let replay = Replay::serve(
        &["efs"],
        &[
            ("GET", "/2015-02-01/file-systems", "DescribeFileSystems"),
            ("GET", "/2015-02-01/access-points", "DescribeAccessPoints"),
            (
                "GET",
                "/2015-02-01/file-systems/{}/backup-policy",
                "DescribeBackupPolicy",
            ),
            (
                "GET",
                "/2015-02-01/file-systems/{}/policy",
                "DescribeFileSystemPolicy",
            ),
        ],
    );
    let collected = replay.collect("efs").await;
    let fs = only(&collected, "AWS::EFS::FileSystem");
    let a = &fs.attributes;
    assert_eq!(
        fs.arn,
        "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0"
    );
    assert_eq!(fs.name, "shared-home");
    assert_eq!(fs.tags.get("Name").map(String::as_str), Some("shared-home"));
    assert_eq!(a["FileSystemId"], "fs-0123456789abcdef0");
    assert_eq!(a["Encrypted"], true);
    assert_eq!(a["backup_policy"], "ENABLED");
    assert_eq!(
        a["policy"]["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"],
        "false"
    );
    let ap = only(&collected, "AWS::EFS::AccessPoint");
    assert_eq!(ap.name, "uploads");
    assert_eq!(ap.attributes["FileSystemId"], "fs-0123456789abcdef0");
    assert_eq!(ap.attributes["PosixUser"]["Uid"], json!(1001));
    assert_eq!(ap.attributes["RootDirectory"]["Path"], "/uploads");
}

#[tokio::test]
async fn sns_topic_decodes_key_and_policy_from_the_attribute_map() {
    let replay = Replay::serve(&["sns"], &[]);
    let collected = replay.collect("sns").await;
    let t = only(&collected, "AWS::SNS::Topic");
    assert_eq!(t.arn, "arn:aws:sns:us-east-1:111122223333:alerts");
    assert_eq!(t.name, "alerts");
    assert_eq!(t.attributes["KmsMasterKeyId"], "alias/aws/sns");
    let statement = &t.attributes["Policy"]["Statement"][0];
    assert_eq!(statement["Principal"]["AWS"], "*");
    assert_eq!(
        statement["Condition"]["StringEquals"]["AWS:SourceOwner"],
        "111122223333"
    );
}

#[tokio::test]
async fn log_group_decodes_retention_key_and_resource_policies() {
    let replay = Replay::serve(&["logs"], &[]);
    let collected = replay.collect("logs").await;
    let g = only(&collected, "AWS::Logs::LogGroup");
    let a = &g.attributes;
    // The ARN without the `:*` suffix of the older `arn` field.
    assert_eq!(
        g.arn,
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/resize-images"
    );
    assert_eq!(g.name, "/aws/lambda/resize-images");
    assert_eq!(a["retentionInDays"], json!(365));
    assert!(a["kmsKeyId"].as_str().is_some_and(|k| k.contains(":key/")));
    let policies = a["resource_policies"].as_array().expect("a list");
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0]["PolicyName"], "route53-query-logs");
    assert_eq!(
        policies[0]["PolicyDocument"]["Statement"][0]["Principal"]["Service"],
        "route53.amazonaws.com"
    );
}

#[tokio::test]
async fn organization_settings_decode_the_organization() {
    let replay = Replay::serve(&["organizations"], &[]);
    let collected = replay.collect("organizations").await;
    let s = only(&collected, "Parapet::Organizations::AccountSettings");
    assert_eq!(s.arn, "arn:aws:organizations::111122223333:account");
    assert_eq!(s.region, "global");
    let org = &s.attributes["organization"];
    assert_eq!(org["Id"], "o-exampleorgid");
    assert_eq!(org["FeatureSet"], "ALL");
    assert_eq!(org["MasterAccountId"], "111111111111");
    assert_eq!(
        org["AvailablePolicyTypes"],
        json!([{"Status": "ENABLED", "Type": "SERVICE_CONTROL_POLICY"}])
    );
    assert_ne!(s.attributes["organization"], Value::Null);
}

#[tokio::test]
async fn security_hub_settings_decode_the_hub() {
    let replay = Replay::serve(&["securityhub"], &[("GET", "/accounts", "DescribeHub")]);
    let collected = replay.collect("securityhub").await;
    let s = only(&collected, "Parapet::SecurityHub::RegionSettings");
    assert_eq!(s.name, ACCOUNT);
    assert_eq!(s.attributes["enabled"], true);
    assert_eq!(
        s.attributes["HubArn"],
        "arn:aws:securityhub:us-east-1:111122223333:hub/default"
    );
    assert_eq!(s.attributes["SubscribedAt"], "2019-11-19T23:15:10.046Z");
}

#[tokio::test]
async fn access_analyzer_settings_list_the_analyzers() {
    let replay = Replay::serve(
        &["accessanalyzer"],
        &[("GET", "/analyzer", "ListAnalyzers")],
    );
    let collected = replay.collect("accessanalyzer").await;
    let s = only(&collected, "Parapet::AccessAnalyzer::RegionSettings");
    assert_eq!(
        s.attributes["analyzers"],
        json!([{
            "name": "account-analyzer",
            "arn": "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/account-analyzer",
            "type": "ACCOUNT",
            "status": "ACTIVE",
        }])
    );
}

#[tokio::test]
async fn macie_settings_decode_session_and_automated_discovery() {
    let replay = Replay::serve(
        &["macie"],
        &[
            ("GET", "/macie", "GetMacieSession"),
            (
                "GET",
                "/automated-discovery/configuration",
                "GetAutomatedDiscoveryConfiguration",
            ),
        ],
    );
    let collected = replay.collect("macie").await;
    let s = only(&collected, "Parapet::Macie::RegionSettings");
    assert_eq!(s.attributes["status"], "ENABLED");
    assert_eq!(s.attributes["automated_discovery"], "ENABLED");
}

#[tokio::test]
async fn codebuild_project_keeps_the_batch_answer() {
    let replay = Replay::serve(&["codebuild"], &[]);
    let collected = replay.collect("codebuild").await;
    let p = only(&collected, "AWS::CodeBuild::Project");
    let a = &p.attributes;
    assert_eq!(
        p.arn,
        "arn:aws:codebuild:us-east-1:111122223333:project/web-build"
    );
    assert_eq!(p.name, "web-build");
    assert_eq!(p.tags.get("team").map(String::as_str), Some("web"));
    assert_eq!(a["environment"]["privilegedMode"], false);
    assert_eq!(
        a["environment"]["environmentVariables"][0]["type"],
        "PLAINTEXT"
    );
    assert_eq!(a["logsConfig"]["cloudWatchLogs"]["status"], "ENABLED");
    assert_eq!(a["timeoutInMinutes"], json!(60));
    assert_eq!(a["created"], "2019-01-01T00:00:00Z");
    assert_eq!(a["lastModified"], "2019-01-01T00:00:00Z");
    assert_eq!(a["source"]["type"], "GITHUB");
}

#[tokio::test]
async fn mq_broker_decodes_the_described_broker() {
    let replay = Replay::serve(
        &["mq"],
        &[
            ("GET", "/v1/brokers", "ListBrokers"),
            ("GET", "/v1/brokers/{}", "DescribeBroker"),
        ],
    );
    let collected = replay.collect("mq").await;
    let b = only(&collected, "AWS::AmazonMQ::Broker");
    let a = &b.attributes;
    assert_eq!(b.name, "orders-broker");
    assert!(b
        .arn
        .starts_with("arn:aws:mq:us-east-1:111122223333:broker:orders-broker:"));
    assert_eq!(b.tags.get("team").map(String::as_str), Some("orders"));
    assert_eq!(a["publiclyAccessible"], false);
    assert_eq!(a["autoMinorVersionUpgrade"], true);
    assert_eq!(a["logs"]["audit"], true);
    assert_eq!(a["encryptionOptions"]["useAwsOwnedKey"], true);
    assert_eq!(a["brokerInstances"].as_array().map(Vec::len), Some(1));
    assert_eq!(replay.operations(), ["ListBrokers", "DescribeBroker"]);
}

#[tokio::test]
async fn transfer_server_decodes_protocols_and_policy() {
    let replay = Replay::serve(&["transfer"], &[]);
    let collected = replay.collect("transfer").await;
    let s = only(&collected, "AWS::Transfer::Server");
    assert_eq!(
        s.arn,
        "arn:aws:transfer:us-east-1:111122223333:server/s-01234567890abcdef"
    );
    assert_eq!(s.name, "partner-sftp");
    assert_eq!(s.attributes["Protocols"], json!(["SFTP"]));
    assert_eq!(
        s.attributes["SecurityPolicyName"],
        "TransferSecurityPolicy-2020-06"
    );
    assert_eq!(s.attributes["UserCount"], json!(3));
}

#[tokio::test]
async fn datasync_task_decodes_the_described_task() {
    let replay = Replay::serve(&["datasync"], &[]);
    let collected = replay.collect("datasync").await;
    let t = only(&collected, "AWS::DataSync::Task");
    assert_eq!(
        t.arn,
        "arn:aws:datasync:us-east-1:111122223333:task/task-08de6e6697796f026"
    );
    assert_eq!(t.name, "nightly-copy");
    assert_eq!(
        t.attributes["CloudWatchLogGroupArn"],
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/datasync"
    );
    assert_eq!(t.attributes["Options"]["BytesPerSecond"], json!(-1));
    assert_eq!(t.attributes["CreationTime"], "2018-07-27T03:05:33Z");
}

#[tokio::test]
async fn fsx_file_system_decodes_windows_configuration() {
    let replay = Replay::serve(&["fsx"], &[]);
    let collected = replay.collect("fsx").await;
    let fs = only(&collected, "AWS::FSx::FileSystem");
    let a = &fs.attributes;
    assert_eq!(
        fs.arn,
        "arn:aws:fsx:us-east-1:111122223333:file-system/fs-0498eed5fe91001ec"
    );
    assert_eq!(fs.name, "MyFileSystem");
    assert_eq!(a["FileSystemType"], "WINDOWS");
    assert_eq!(a["StorageCapacity"], json!(300));
    assert_eq!(a["CreationTime"], "2020-02-15T20:53:20Z");
    assert_eq!(a["WindowsConfiguration"]["CopyTagsToBackups"], true);
    assert_eq!(a["SubnetIds"], json!(["subnet-071f712345678e7c8"]));
}

#[tokio::test]
async fn appsync_api_keeps_log_config_and_tags() {
    let replay = Replay::serve(&["appsync"], &[("GET", "/v1/apis", "ListGraphqlApis")]);
    let collected = replay.collect("appsync").await;
    let api = only(&collected, "AWS::AppSync::GraphQLApi");
    let a = &api.attributes;
    assert_eq!(
        api.arn,
        "arn:aws:appsync:us-east-1:111122223333:apis/abcdefghijklmnopqrstuvwxyz"
    );
    assert_eq!(api.name, "orders-api");
    assert_eq!(api.tags.get("team").map(String::as_str), Some("orders"));
    assert_eq!(a["logConfig"]["fieldLogLevel"], "ERROR");
    assert_eq!(a["xrayEnabled"], true);
    assert_eq!(
        a["additionalAuthenticationProviders"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

/// 1.6E9 epoch seconds, as JSON-protocol answers send timestamps.
const EPOCH_1_6E9: &str = "2020-09-13T12:26:40Z";

#[tokio::test]
async fn kinesis_stream_decodes_the_summary() {
    let replay = Replay::serve(&["kinesis"], &[]);
    let collected = replay.collect("kinesis").await;
    let s = only(&collected, "AWS::Kinesis::Stream");
    let a = &s.attributes;
    assert_eq!(
        s.arn,
        "arn:aws:kinesis:us-east-1:111122223333:stream/clickstream"
    );
    assert_eq!(s.name, "clickstream");
    assert_eq!(a["EncryptionType"], "KMS");
    assert_eq!(a["RetentionPeriodHours"], json!(168));
    assert_eq!(a["StreamCreationTimestamp"], EPOCH_1_6E9);
    assert_eq!(a["EnhancedMonitoring"].as_array().map(Vec::len), Some(1));
    // GetResourcePolicy's JSON string, decoded.
    assert_eq!(
        a["policy"]["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::444455556666:role/clickstream-reader"
    );
}

#[tokio::test]
async fn kinesis_stream_without_a_policy_and_a_policy_answer_without_policy() {
    let replay = Replay::serve(&["kinesis"], &[]);
    // Kinesis answers a stream without a resource policy with an empty document.
    replay.answer_with("GetResourcePolicy", r#"{"Policy": "{}"}"#);
    let collected = replay.collect("kinesis").await;
    assert_eq!(
        only(&collected, "AWS::Kinesis::Stream").attributes["policy"],
        Value::Null
    );
    // An answer without its required Policy member is not "no policy".
    replay.answer_with("GetResourcePolicy", r#"{"Document": "{}"}"#);
    let collected = replay.collect("kinesis").await;
    let a = &collected.resources[0].attributes;
    assert_eq!(a["policy"], Value::Null);
    assert!(
        a["errors"]["policy"]
            .as_str()
            .is_some_and(|e| e.contains("GetResourcePolicy")),
        "{a}"
    );
}

#[tokio::test]
async fn state_machine_decodes_logging_without_its_definition() {
    let replay = Replay::serve(&["stepfunctions"], &[]);
    let collected = replay.collect("stepfunctions").await;
    let m = only(&collected, "AWS::StepFunctions::StateMachine");
    let a = &m.attributes;
    assert_eq!(
        m.arn,
        "arn:aws:states:us-east-1:111122223333:stateMachine:order-flow"
    );
    assert_eq!(m.name, "order-flow");
    assert_eq!(a["loggingConfiguration"]["level"], "ALL");
    assert_eq!(a["loggingConfiguration"]["includeExecutionData"], false);
    assert_eq!(a["tracingConfiguration"]["enabled"], true);
    assert_eq!(a["creationDate"], EPOCH_1_6E9);
    assert_eq!(a.get("definition"), None);
}

#[tokio::test]
async fn athena_workgroup_decodes_its_configuration() {
    let replay = Replay::serve(&["athena"], &[]);
    let collected = replay.collect("athena").await;
    let w = only(&collected, "AWS::Athena::WorkGroup");
    let c = &w.attributes["Configuration"];
    assert_eq!(
        w.arn,
        "arn:aws:athena:us-east-1:111122223333:workgroup/analysts"
    );
    assert_eq!(w.name, "analysts");
    assert_eq!(c["EnforceWorkGroupConfiguration"], true);
    assert_eq!(
        c["ResultConfiguration"]["EncryptionConfiguration"]["EncryptionOption"],
        "SSE_KMS"
    );
    assert_eq!(c["BytesScannedCutoffPerQuery"], json!(10737418240_u64));
    assert_eq!(w.attributes["CreationTime"], EPOCH_1_6E9);
}

#[tokio::test]
async fn bedrock_settings_decode_invocation_logging() {
    let replay = Replay::serve(
        &["bedrock"],
        &[(
            "GET",
            "/logging/modelinvocations",
            "GetModelInvocationLoggingConfiguration",
        )],
    );
    let collected = replay.collect("bedrock").await;
    let s = only(&collected, "Parapet::Bedrock::RegionSettings");
    let logging = &s.attributes["invocation_logging"];
    assert_eq!(
        logging["cloudWatchConfig"]["logGroupName"],
        "/bedrock/invocations"
    );
    assert_eq!(logging["textDataDeliveryEnabled"], true);
}

#[tokio::test]
async fn eks_cluster_decodes_endpoint_access_and_logging() {
    let replay = Replay::serve(
        &["eks"],
        &[
            ("GET", "/clusters", "ListClusters"),
            ("GET", "/clusters/{}", "DescribeCluster"),
        ],
    );
    let collected = replay.collect("eks").await;
    let c = only(&collected, "AWS::EKS::Cluster");
    let a = &c.attributes;
    assert_eq!(c.arn, "arn:aws:eks:us-east-1:111122223333:cluster/prod");
    assert_eq!(c.name, "prod");
    assert_eq!(c.tags.get("team").map(String::as_str), Some("platform"));
    assert_eq!(a["version"], "1.29");
    assert_eq!(a["resourcesVpcConfig"]["endpointPublicAccess"], false);
    assert_eq!(
        a["resourcesVpcConfig"]["publicAccessCidrs"],
        json!(["0.0.0.0/0"])
    );
    assert_eq!(a["logging"]["clusterLogging"][0]["enabled"], true);
    assert_eq!(a["encryptionConfig"][0]["resources"], json!(["secrets"]));
    assert_eq!(a["createdAt"], EPOCH_1_6E9);
}

#[tokio::test]
async fn msk_cluster_and_connector_decode() {
    let replay = Replay::serve(
        &["kafka", "kafkaconnect"],
        &[
            ("GET", "/api/v2/clusters", "ListClustersV2"),
            ("GET", "/v1/connectors", "ListConnectors"),
        ],
    );
    let collected = replay.collect("kafka").await;
    let c = only(&collected, "AWS::MSK::Cluster");
    assert_eq!(c.name, "events");
    assert_eq!(c.tags.get("team").map(String::as_str), Some("data"));
    let tls = &c.attributes["provisioned"]["encryptionInfo"]["encryptionInTransit"];
    assert_eq!(tls["clientBroker"], "TLS");
    assert_eq!(tls["inCluster"], true);
    assert_eq!(c.attributes["provisioned"]["numberOfBrokerNodes"], json!(3));
    let k = only(&collected, "AWS::KafkaConnect::Connector");
    assert_eq!(k.name, "s3-sink");
    assert_eq!(
        k.attributes["kafkaClusterEncryptionInTransit"]["encryptionType"],
        "TLS"
    );
}

#[tokio::test]
async fn glue_job_decodes_its_security_configuration() {
    let replay = Replay::serve(&["glue"], &[]);
    let collected = replay.collect("glue").await;
    let catalog = only(&collected, "Parapet::Glue::DataCatalog");
    assert_eq!(catalog.arn, "arn:aws:glue:us-east-1:111122223333:catalog");
    assert_eq!(
        catalog.attributes["policy"]["Statement"][0]["Principal"]["AWS"],
        json!(["arn:aws:iam::444455556666:root"])
    );
    let j = only(&collected, "AWS::Glue::Job");
    let a = &j.attributes;
    assert_eq!(j.arn, "arn:aws:glue:us-east-1:111122223333:job/nightly-etl");
    assert_eq!(j.name, "nightly-etl");
    assert_eq!(a["Timeout"], json!(2880));
    assert_eq!(a["CreatedOn"], EPOCH_1_6E9);
    assert_eq!(
        a["security_configuration"]["S3Encryption"][0]["S3EncryptionMode"],
        "SSE-KMS"
    );
    assert_eq!(
        a["security_configuration"]["CloudWatchEncryption"]["CloudWatchEncryptionMode"],
        "DISABLED"
    );
}

#[tokio::test]
async fn acm_certificate_decodes_dates_and_usage() {
    let replay = Replay::serve(&["acm"], &[]);
    let collected = replay.collect("acm").await;
    let c = only(&collected, "AWS::CertificateManager::Certificate");
    let a = &c.attributes;
    assert_eq!(
        c.arn,
        "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
    );
    assert_eq!(c.name, "www.example.com");
    assert_eq!(a["NotAfter"], "2023-11-14T22:13:20Z");
    assert_eq!(a["NotBefore"], EPOCH_1_6E9);
    assert_eq!(a["KeyAlgorithm"], "RSA-2048");
    assert_eq!(a["InUseBy"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        a["Options"]["CertificateTransparencyLoggingPreference"],
        "ENABLED"
    );
}

#[tokio::test]
async fn guardduty_settings_count_open_high_findings() {
    let replay = Replay::serve(
        &["guardduty"],
        &[
            ("GET", "/detector", "ListDetectors"),
            ("GET", "/detector/{}", "GetDetector"),
            ("POST", "/detector/{}/findings", "ListFindings"),
        ],
    );
    let collected = replay.collect("guardduty").await;
    let s = only(&collected, "Parapet::GuardDuty::RegionSettings");
    assert_eq!(
        s.attributes["detectors"],
        json!([{"DetectorId": "12abc34d567e8fa901bc2d34e56789f0", "Status": "ENABLED"}])
    );
    assert_eq!(s.attributes["high_severity_findings"], json!(2));
}

#[tokio::test]
async fn sagemaker_notebook_decodes_the_described_fields() {
    let replay = Replay::serve(&["sagemaker"], &[]);
    let collected = replay.collect("sagemaker").await;
    let n = only(&collected, "AWS::SageMaker::NotebookInstance");
    let a = &n.attributes;
    assert_eq!(
        n.arn,
        "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research"
    );
    assert_eq!(n.name, "research");
    assert_eq!(a["DirectInternetAccess"], "Disabled");
    assert_eq!(a["RootAccess"], "Disabled");
    assert_eq!(a["SecurityGroups"], json!(["sg-085912345678492fb"]));
    assert!(a["KmsKeyId"].as_str().is_some_and(|k| k.contains(":key/")));
}

#[tokio::test]
async fn emr_cluster_and_block_public_access_decode() {
    let replay = Replay::serve(&["emr"], &[]);
    let collected = replay.collect("emr").await;
    let s = only(&collected, "Parapet::EMR::RegionSettings");
    let block = &s.attributes["block_public_access"];
    assert_eq!(block["BlockPublicSecurityGroupRules"], true);
    assert_eq!(
        block["PermittedPublicSecurityGroupRuleRanges"],
        json!([{"MinRange": 22, "MaxRange": 22}])
    );
    let c = only(&collected, "AWS::EMR::Cluster");
    assert_eq!(
        c.arn,
        "arn:aws:elasticmapreduce:us-east-1:111122223333:cluster/j-3SD91U2E1L2QX"
    );
    assert_eq!(c.name, "spark-jobs");
    assert_eq!(c.tags.get("team").map(String::as_str), Some("analytics"));
    assert_eq!(
        c.attributes["MasterPublicDnsName"],
        "ip-10-0-0-10.ec2.internal"
    );
    assert_eq!(c.attributes["SecurityConfiguration"], "emr-encryption");
    assert_eq!(c.attributes["TerminationProtected"], true);
    // Nested epoch seconds, typed by the model (no collector code names this field).
    assert_eq!(
        c.attributes["Status"]["Timeline"]["CreationDateTime"],
        EPOCH_1_6E9
    );
}

#[tokio::test]
async fn http_api_stage_decodes_access_logging() {
    let replay = Replay::serve(
        &["apigatewayv2"],
        &[
            ("GET", "/v2/apis", "GetApis"),
            ("GET", "/v2/apis/{}/stages", "GetStages"),
        ],
    );
    let collected = replay.collect("apigatewayv2").await;
    let s = only(&collected, "AWS::ApiGatewayV2::Stage");
    let a = &s.attributes;
    assert_eq!(
        s.arn,
        "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5/stages/prod"
    );
    assert_eq!(s.name, "orders-http/prod");
    assert_eq!(s.tags.get("team").map(String::as_str), Some("orders"));
    assert_eq!(a["ProtocolType"], "HTTP");
    assert_eq!(
        a["accessLogSettings"]["DestinationArn"],
        "arn:aws:logs:us-east-1:111122223333:log-group:orders-http-access"
    );
    assert_eq!(a["autoDeploy"], true);
}

#[tokio::test]
async fn ecs_service_and_task_definition_decode() {
    let replay = Replay::serve(&["ecs"], &[]);
    let collected = replay.collect("ecs").await;
    let s = only(&collected, "AWS::ECS::Service");
    assert_eq!(
        s.arn,
        "arn:aws:ecs:us-east-1:111122223333:service/web/frontend"
    );
    assert_eq!(s.name, "frontend");
    assert_eq!(s.tags.get("team").map(String::as_str), Some("web"));
    assert_eq!(s.attributes["uses_fargate"], true);
    assert_eq!(
        s.attributes["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"],
        "DISABLED"
    );
    assert_eq!(s.attributes["desiredCount"], json!(2));
    assert_eq!(s.attributes["createdAt"], EPOCH_1_6E9);
    // Nested epoch seconds, typed by the model: each deployment's times.
    let deployment = &s.attributes["deployments"][0];
    assert_eq!(deployment["createdAt"], EPOCH_1_6E9);
    assert_eq!(deployment["updatedAt"], "2020-09-13T12:27:40Z");
    assert_eq!(deployment["desiredCount"], json!(2));
    let td = only(&collected, "AWS::ECS::TaskDefinition");
    assert_eq!(
        td.arn,
        "arn:aws:ecs:us-east-1:111122223333:task-definition/frontend:7"
    );
    assert_eq!(td.name, "frontend:7");
    assert_eq!(td.tags.get("team").map(String::as_str), Some("web"));
    let web = &td.attributes["containerDefinitions"][0];
    assert_eq!(web["privileged"], false);
    assert_eq!(web["readonlyRootFilesystem"], true);
    assert_eq!(td.attributes["registeredAt"], EPOCH_1_6E9);
}

#[tokio::test]
async fn service_catalog_portfolio_reads_shares_of_every_type() {
    let replay = Replay::serve(&["servicecatalog"], &[]);
    let collected = replay.collect("servicecatalog").await;
    let p = only(&collected, "AWS::ServiceCatalog::Portfolio");
    assert_eq!(
        p.arn,
        "arn:aws:catalog:us-east-1:111122223333:portfolio/port-2s6wuabcdefghij"
    );
    assert_eq!(p.name, "Approved stacks");
    assert_eq!(p.attributes["shares"], json!([]));
    assert_eq!(p.attributes["CreatedTime"], EPOCH_1_6E9);
    let share_calls = replay
        .operations()
        .iter()
        .filter(|op| *op == "DescribePortfolioShares")
        .count();
    assert_eq!(share_calls, 4);
}

#[tokio::test]
async fn rest_api_stage_and_domain_decode() {
    let replay = Replay::serve(
        &["apigateway"],
        &[
            ("GET", "/restapis", "GetRestApis"),
            ("GET", "/restapis/{}/stages", "GetStages"),
            ("GET", "/domainnames", "GetDomainNames"),
        ],
    );
    let collected = replay.collect("apigateway").await;
    let s = only(&collected, "AWS::ApiGateway::Stage");
    let a = &s.attributes;
    assert_eq!(
        s.arn,
        "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"
    );
    assert_eq!(s.name, "orders-rest/prod");
    assert_eq!(s.tags.get("team").map(String::as_str), Some("orders"));
    assert_eq!(a["logging"]["execution_level"], "ERROR");
    assert_eq!(
        a["logging"]["access_log_destination"],
        "arn:aws:logs:us-east-1:111122223333:log-group:orders-rest-access"
    );
    assert_eq!(
        a["caching"],
        json!({"cluster_enabled": true, "methods_caching": true, "data_encrypted": true})
    );
    assert_eq!(a["tracingEnabled"], true);
    assert_eq!(
        a["endpoint_configuration"],
        json!({"types": ["REGIONAL"], "ipAddressType": "dualstack", "vpcEndpointIds": null})
    );
    assert_eq!(a["createdDate"], EPOCH_1_6E9);
    let d = only(&collected, "AWS::ApiGateway::DomainName");
    assert_eq!(
        d.arn,
        "arn:aws:apigateway:us-east-1::/domainnames/api.example.com"
    );
    assert_eq!(d.name, "api.example.com");
    assert_eq!(d.attributes["securityPolicy"], "TLS_1_2");
    assert_eq!(d.attributes["certificateUploadDate"], EPOCH_1_6E9);
}

#[tokio::test]
async fn wafv2_web_acl_decodes_rules_and_logging_in_both_scopes() {
    let replay = Replay::serve(&["wafv2"], &[]);
    let collected = replay.collect("wafv2").await;
    assert!(collected.failures.is_empty(), "{:?}", collected.failures);
    // us-east-1 also holds the CloudFront scope: the one recorded ACL answers both.
    let scopes: Vec<&Value> = collected
        .resources
        .iter()
        .map(|r| &r.attributes["scope"])
        .collect();
    assert_eq!(scopes, [&json!("REGIONAL"), &json!("CLOUDFRONT")]);
    let acl = &collected.resources[0];
    let a = &acl.attributes;
    assert_eq!(acl.name, "orders");
    assert_eq!(a.get("errors"), None, "{a}");
    assert_eq!(a["DefaultAction"], json!({"Allow": {}}));
    assert_eq!(a["Rules"].as_array().map(Vec::len), Some(1));
    assert_eq!(a["Rules"][0]["Priority"], json!(0));
    assert_eq!(a["VisibilityConfig"]["CloudWatchMetricsEnabled"], true);
    assert_eq!(a["ManagedByFirewallManager"], false);
    assert_eq!(
        a["logging_configuration"]["LogDestinationConfigs"],
        json!(["arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-orders"])
    );
}

#[tokio::test]
async fn shield_reads_the_subscription_and_protected_arns() {
    let replay = Replay::serve(&["shield"], &[]);
    let clients = replay.clients();
    let plan = AttributePlan::everything();
    let regions = vec![REGION.to_string()];
    let ctx = context(&clients, &plan, &regions, false);
    let protection = super::shield::advanced_protection(&ctx).await.unwrap();
    assert!(protection.subscribed);
    let alb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/orders/50dc6c495c0c9188";
    assert_eq!(
        protection.for_resource(alb),
        json!({"subscribed": true, "protected": true})
    );
    assert_eq!(protection.protected_arns.len(), 1);
    // No subscription: Shield answers ResourceNotFoundException, which is "not subscribed".
    replay.answer_with(
        "DescribeSubscription",
        r#"{"__type": "ResourceNotFoundException", "message": "The subscription does not exist."}"#,
    );
    let protection = super::shield::advanced_protection(&ctx).await.unwrap();
    assert!(!protection.subscribed);
    // A ListProtections answer whose list is renamed is an error, not "nothing protected".
    replay.answer_with("ListProtections", r#"{"ProtectionList": []}"#);
    let err = super::shield::advanced_protection(&ctx).await.unwrap_err();
    assert!(err.to_string().contains("ListProtections"), "{err}");
}

#[tokio::test]
async fn backup_protected_resources_are_read_by_arn() {
    let replay = Replay::serve(
        &["backup"],
        &[("GET", "/resources/", "ListProtectedResources")],
    );
    let clients = replay.clients();
    let plan = AttributePlan::everything();
    let regions = vec![REGION.to_string()];
    let ctx = context(&clients, &plan, &regions, false);
    let arns = super::backup_protection::protected_arns(&ctx)
        .await
        .unwrap();
    assert_eq!(
        arns.into_iter().collect::<Vec<_>>(),
        ["arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"]
    );
    replay.answer_with("ListProtectedResources", r#"{"Resources": []}"#);
    let err = super::backup_protection::protected_arns(&ctx)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("ListProtectedResources"), "{err}");
}

#[tokio::test]
async fn service_last_accessed_decodes_each_namespace() {
    let replay = Replay::serve(&["iam"], &[]);
    let iam = replay.clients().iam(REGION);
    let user = "arn:aws:iam::111122223333:user/deploy".to_string();
    let found = super::iam_last_accessed::services_last_accessed(&iam, vec![user.clone()]).await;
    assert_eq!(
        found[&user],
        Ok(json!({"s3": "2018-10-24T19:11:00Z", "bedrock": null}))
    );
    assert_eq!(
        replay.operations(),
        [
            "GenerateServiceLastAccessedDetails",
            "GetServiceLastAccessedDetails"
        ]
    );
    // A job answer without its JobId cannot be polled: the principal is unreadable.
    replay.answer_with(
        "GenerateServiceLastAccessedDetails",
        "<GenerateServiceLastAccessedDetailsResponse><GenerateServiceLastAccessedDetailsResult></GenerateServiceLastAccessedDetailsResult></GenerateServiceLastAccessedDetailsResponse>",
    );
    let found = super::iam_last_accessed::services_last_accessed(&iam, vec![user.clone()]).await;
    assert!(
        found[&user]
            .as_ref()
            .is_err_and(|e| e.contains("GenerateServiceLastAccessedDetails")),
        "{:?}",
        found[&user]
    );
}

/// S3 (path style, as the clients address an endpoint override) and S3 Control.
const S3_ROUTES: &[Route] = &[
    (
        "GET",
        "/v20180820/configuration/publicAccessBlock",
        "GetAccountPublicAccessBlock",
    ),
    ("GET", "/v20180820/accesspoint", "ListAccessPoints"),
    ("GET", "/v20180820/accesspoint/{}", "GetAccessPoint"),
    ("GET", "/{}?policy", "GetBucketPolicy"),
    ("GET", "/{}?publicAccessBlock", "GetPublicAccessBlock"),
    ("GET", "/{}?encryption", "GetBucketEncryption"),
    ("GET", "/{}?versioning", "GetBucketVersioning"),
    ("GET", "/{}?logging", "GetBucketLogging"),
    ("GET", "/{}?ownershipControls", "GetBucketOwnershipControls"),
    ("GET", "/{}?acl", "GetBucketAcl"),
    ("GET", "/{}?object-lock", "GetObjectLockConfiguration"),
    ("GET", "/{}?lifecycle", "GetBucketLifecycleConfiguration"),
    (
        "GET",
        "/{}?notification",
        "GetBucketNotificationConfiguration",
    ),
    ("GET", "/{}?tagging", "GetBucketTagging"),
    ("GET", "/", "ListBuckets"),
];

#[tokio::test]
async fn s3_bucket_decodes_every_setting_and_the_account_block() {
    let replay = Replay::serve(&["s3", "s3control"], S3_ROUTES);
    let collected = replay.collect("s3").await;
    let b = only(&collected, "AWS::S3::Bucket");
    let a = &b.attributes;
    assert_eq!(b.arn, "arn:aws:s3:::orders-archive");
    assert_eq!(b.name, "orders-archive");
    assert_eq!(b.region, "us-east-1");
    // Tag values stay strings, "false" included.
    assert_eq!(b.tags.get("public").map(String::as_str), Some("false"));
    assert_eq!(a["policy"]["Statement"][0]["Effect"], "Deny");
    assert_eq!(
        a["policy"]["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"],
        "false"
    );
    assert_eq!(
        a["public_access_block"],
        json!({"BlockPublicAcls": true, "IgnorePublicAcls": true,
               "BlockPublicPolicy": true, "RestrictPublicBuckets": false})
    );
    assert_eq!(
        a["account_public_access_block"]["RestrictPublicBuckets"],
        true
    );
    assert_eq!(a["encryption"]["rules"][0]["SSEAlgorithm"], "aws:kms");
    assert_eq!(a["encryption"]["rules"][0]["BucketKeyEnabled"], true);
    assert_eq!(
        a["versioning"],
        json!({"Status": "Enabled", "MFADelete": "Disabled"})
    );
    assert_eq!(a["logging"]["TargetBucket"], "access-logs-111122223333");
    assert_eq!(a["ownership_controls"], "BucketOwnerEnforced");
    assert_eq!(a["acl_grants"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        a["acl_grants"][1],
        json!({"Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery", "ID": null},
               "Permission": "WRITE"})
    );
    assert_eq!(a["object_lock"]["ObjectLockEnabled"], "Enabled");
    assert_eq!(
        a["object_lock"]["DefaultRetention"],
        json!({"Mode": "GOVERNANCE", "Days": 30, "Years": null})
    );
    assert_eq!(
        a["lifecycle_rules"],
        json!([{"ID": "expire-old-versions", "Status": "Enabled"}])
    );
    assert_eq!(
        a["notifications"],
        json!({"topics": 1, "queues": 0, "lambda_functions": 0, "eventbridge": true})
    );
    let settings = only(&collected, "Parapet::S3::AccountSettings");
    assert_eq!(
        settings.attributes["public_access_block"]["BlockPublicAcls"],
        true
    );
    let ap = only(&collected, "AWS::S3::AccessPoint");
    assert_eq!(
        ap.arn,
        "arn:aws:s3:us-east-1:111122223333:accesspoint/orders-readers"
    );
    assert_eq!(ap.attributes["NetworkOrigin"], "VPC");
    assert_eq!(
        ap.attributes["public_access_block"]["IgnorePublicAcls"],
        true
    );
}

#[tokio::test]
async fn s3_failed_reads_leave_their_attributes_unknown() {
    let replay = Replay::serve(&["s3", "s3control"], S3_ROUTES);
    let denied = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
    for op in ["GetBucketPolicy", "GetAccountPublicAccessBlock"] {
        replay.answer_with(op, denied);
    }
    let collected = replay.collect("s3").await;
    let b = first_of(&collected, "AWS::S3::Bucket");
    let a = &b.attributes;
    assert_eq!(a["policy"], Value::Null);
    assert_eq!(a["account_public_access_block"], Value::Null);
    for attribute in ["policy", "account_public_access_block"] {
        assert!(
            a["errors"][attribute].as_str().is_some_and(
                |e| e.contains("GetPublicAccessBlock") || e.contains("GetBucketPolicy")
            ),
            "{attribute}: {a}"
        );
    }
    // The other settings were read.
    assert_eq!(a["versioning"]["Status"], "Enabled");
}

#[tokio::test]
async fn registry_and_catalog_without_policies_and_with_failed_reads() {
    let replay = Replay::serve(&["ecr"], &[]);
    replay.answer_with(
        "GetRegistryPolicy",
        r#"{"__type": "RegistryPolicyNotFoundException", "message": "Registry policy does not exist"}"#,
    );
    let collected = replay.collect("ecr").await;
    let registry = only(&collected, "Parapet::ECR::RegistrySettings");
    assert_eq!(registry.attributes["registry_policy"], Value::Null);
    replay.answer_with(
        "GetRegistryPolicy",
        r#"{"__type": "AccessDeniedException", "message": "not authorized to perform ecr:GetRegistryPolicy"}"#,
    );
    let collected = replay.collect("ecr").await;
    let a = &collected.resources[0].attributes;
    assert!(
        a["errors"]["registry_policy"]
            .as_str()
            .is_some_and(|e| e.contains("GetRegistryPolicy")),
        "{a}"
    );
    let replay = Replay::serve(&["glue"], &[]);
    replay.answer_with(
        "GetResourcePolicy",
        r#"{"__type": "EntityNotFoundException", "Message": "Policy not found"}"#,
    );
    let collected = replay.collect("glue").await;
    let catalog = only(&collected, "Parapet::Glue::DataCatalog");
    assert_eq!(catalog.attributes["policy"], Value::Null);
}

/// The facts internet reachability reads: the load balancer's subnets (one per zone),
/// its address type and its security groups, from the DescribeLoadBalancers answer.
#[tokio::test]
async fn elbv2_load_balancer_keeps_subnets_address_type_and_groups() {
    let replay = Replay::serve(&["elbv2", "shield"], &[]);
    let collected = replay.collect("elbv2").await;
    let lb = only(&collected, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    let a = &lb.attributes;
    assert_eq!(a["Scheme"], "internet-facing");
    assert_eq!(a["Type"], "network");
    assert_eq!(a["IpAddressType"], "dualstack");
    assert_eq!(
        a["AvailabilityZones"],
        json!([
            {"ZoneName": "us-east-1a", "SubnetId": "subnet-0a1b2c3d4e5f6a7b8"},
            {"ZoneName": "us-east-1b", "SubnetId": "subnet-0b1c2d3e4f5a6b7c8"},
        ])
    );
    assert_eq!(a["SecurityGroups"], json!(["sg-0a1b2c3d4e5f60718"]));
    assert_eq!(a["listeners"][0]["Protocol"], "TCP");
    assert_eq!(a["listeners"][0]["Port"], 443);
}

#[tokio::test]
async fn classic_load_balancer_keeps_subnets_groups_and_instances() {
    let replay = Replay::serve(&["elb"], &[]);
    let collected = replay.collect("elb").await;
    let lb = only(&collected, "AWS::ElasticLoadBalancing::LoadBalancer");
    let a = &lb.attributes;
    assert_eq!(a["Subnets"], json!(["subnet-0a1b2c3d4e5f6a7b8"]));
    assert_eq!(a["SecurityGroups"], json!(["sg-0a1b2c3d4e5f60718"]));
    assert_eq!(
        a["Instances"],
        json!([{"InstanceId": "i-0a1b2c3d4e5f60718"}])
    );
    assert_eq!(
        a["ListenerDescriptions"][0]["Listener"]["LoadBalancerPort"],
        80
    );
}

/// The whole EC2 collector over the recorded DescribeInstances and DescribeRouteTables
/// answers (its other listings have no recorded answer and fail, which is recorded and
/// does not stop these two types): the interfaces, subnets and route targets internet
/// reachability reads.
#[tokio::test]
async fn ec2_instance_interfaces_and_route_targets_decode() {
    let replay = Replay::serve(&["ec2"], &[]);
    let collected = replay.collect("ec2").await;
    let of = |t: &str| {
        let found: Vec<&Resource> = collected
            .resources
            .iter()
            .filter(|r| r.resource_type == t)
            .collect();
        assert_eq!(found.len(), 1, "{t}: {:?}", collected.resources);
        found[0].attributes.clone()
    };
    let i = of("AWS::EC2::Instance");
    assert_eq!(i["SubnetId"], "subnet-0a1b2c3d4e5f6a7b8");
    assert_eq!(i["VpcId"], "vpc-0a1b2c3d4e5f60718");
    assert_eq!(i["PublicIpAddress"], "203.0.113.25");
    let n = &i["NetworkInterfaces"][0];
    assert_eq!(n["NetworkInterfaceId"], "eni-0a1b2c3d4e5f60718");
    assert_eq!(n["SubnetId"], "subnet-0a1b2c3d4e5f6a7b8");
    assert_eq!(n["Groups"], json!([{"GroupId": "sg-0a1b2c3d4e5f60718"}]));
    assert_eq!(n["Association"], json!({"PublicIp": "203.0.113.25"}));
    // The secondary private address carries an Elastic IP of its own.
    assert_eq!(
        n["PrivateIpAddresses"][1],
        json!({"PrivateIpAddress": "10.0.1.13", "Primary": false,
               "Association": {"PublicIp": "198.51.100.7"}})
    );
    assert_eq!(
        n["Ipv6Addresses"],
        json!([{"Ipv6Address": "2600:1f18:1234:5601::12"}])
    );
    let t = of("AWS::EC2::RouteTable");
    let routes = t["Routes"].as_array().unwrap();
    assert_eq!(routes[1]["GatewayId"], "igw-0a1b2c3d4e5f60718");
    assert_eq!(routes[2]["NatGatewayId"], "nat-0a1b2c3d4e5f60718");
    assert_eq!(routes[2]["State"], "blackhole");
    assert_eq!(routes[3]["DestinationIpv6CidrBlock"], "::/0");
    assert_eq!(
        routes[3]["EgressOnlyInternetGatewayId"],
        "eigw-0a1b2c3d4e5f60718"
    );
    assert_eq!(routes[4]["TransitGatewayId"], "tgw-0a1b2c3d4e5f60718");
    assert_eq!(routes[5]["InstanceId"], "i-0b1c2d3e4f5a6b7c8");
    assert_eq!(routes[5]["NetworkInterfaceId"], "eni-0b1c2d3e4f5a6b7c8");
    assert_eq!(
        t["Associations"],
        json!([{"SubnetId": null, "Main": true},
               {"SubnetId": "subnet-0a1b2c3d4e5f6a7b8", "Main": false}])
    );
}

const OPENSEARCH_ROUTES: &[Route] = &[
    ("GET", "/2021-01-01/domain", "ListDomainNames"),
    (
        "POST",
        "/2021-01-01/opensearch/domain-info",
        "DescribeDomains",
    ),
    ("GET", "/2021-01-01/tags/", "ListTags"),
];

#[tokio::test]
async fn opensearch_domain_decodes_status_policy_and_tags() {
    let replay = Replay::serve(&["opensearch"], OPENSEARCH_ROUTES);
    let collected = replay.collect("opensearch").await;
    let d = only(&collected, "AWS::OpenSearchService::Domain");
    let a = &d.attributes;
    assert_eq!(d.name, "search-logs");
    assert_eq!(
        d.arn,
        "arn:aws:es:us-east-1:111122223333:domain/search-logs"
    );
    // Tag values stay strings, whatever they read.
    assert_eq!(d.tags.get("public").map(String::as_str), Some("false"));
    // The policy arrives as a JSON string and is kept as a document.
    assert_eq!(a["AccessPolicies"]["Statement"][0]["Action"], "es:ESHttp*");
    assert_eq!(a["in_vpc"], true);
    assert_eq!(a["EncryptionAtRestOptions"]["Enabled"], true);
    assert_eq!(a["NodeToNodeEncryptionOptions"]["Enabled"], true);
    assert_eq!(a["DomainEndpointOptions"]["EnforceHTTPS"], true);
    assert_eq!(a["ClusterConfig"]["InstanceCount"], 3);
    assert_eq!(a["EBSOptions"]["VolumeSize"], 100);
    assert_eq!(a["LogPublishingOptions"]["AUDIT_LOGS"]["Enabled"], true);
    assert_eq!(
        replay.operations(),
        ["ListDomainNames", "DescribeDomains", "ListTags"]
    );
}

#[tokio::test]
async fn opensearch_answer_without_its_status_list_is_a_failure() {
    let replay = Replay::serve(&["opensearch"], OPENSEARCH_ROUTES);
    replay.answer_with("DescribeDomains", r#"{"DomainStatuses": []}"#);
    let collected = replay.collect("opensearch").await;
    assert!(collected.resources.is_empty());
    let failure = &collected.failures[0];
    assert_eq!(failure.resource_type, "AWS::OpenSearchService::Domain");
    assert!(failure.reason.contains("DescribeDomains"), "{failure:?}");
}

#[tokio::test]
async fn client_vpn_endpoint_decodes_status_and_connection_logging() {
    let replay = Replay::serve(&["ec2"], &[]);
    let collected = replay.collect("clientvpn").await;
    let e = only(&collected, "AWS::EC2::ClientVpnEndpoint");
    let a = &e.attributes;
    assert_eq!(
        e.arn,
        "arn:aws:ec2:us-east-1:111122223333:client-vpn-endpoint/cvpn-endpoint-00c5d11fc4EXAMPLE"
    );
    assert_eq!(a["VpcId"], "vpc-0abc1234");
    assert_eq!(a["Status"], "available");
    // This shape's members have no lower-case wire names: the model decodes them as sent.
    assert_eq!(a["ConnectionLogOptions"]["Enabled"], true);
    assert_eq!(
        a["ConnectionLogOptions"]["CloudwatchLogGroup"],
        "client-vpn-connections"
    );
    assert_eq!(e.tags.get("team").map(String::as_str), Some("networking"));
}
