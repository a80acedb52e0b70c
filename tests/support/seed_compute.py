"""Seeds moto with one compliant ("good-*") and one non-compliant ("bad-*") resource per
compute/application service the catalog_compute_moto test scans.

Usage: seed_compute.py ENDPOINT_URL
"""
import json
import sys

import boto3

URL = sys.argv[1]
REGION = "us-east-1"
ACCOUNT = "123456789012"


def client(name):
    return boto3.client(name, endpoint_url=URL, region_name=REGION)


def seed_ecs():
    ecs = client("ecs")
    ecs.register_task_definition(
        family="good-task",
        networkMode="awsvpc",
        containerDefinitions=[{
            "name": "app", "image": "app:1", "memory": 128, "user": "1000",
            "readonlyRootFilesystem": True, "privileged": False,
            "environment": [{"name": "LOG_LEVEL", "value": "info"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app"}},
        }],
    )
    ecs.register_task_definition(
        family="bad-task",
        networkMode="host",
        pidMode="host",
        containerDefinitions=[{
            "name": "app", "image": "app:1", "memory": 128, "privileged": True,
            "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}],
        }],
    )
    ecs.create_cluster(clusterName="apps")
    ecs.create_service(cluster="apps", serviceName="good-service", taskDefinition="good-task",
                       desiredCount=0, launchType="FARGATE", platformVersion="LATEST")
    ecs.create_service(cluster="apps", serviceName="bad-service", taskDefinition="good-task",
                       desiredCount=0, launchType="FARGATE", platformVersion="1.3.0")


def seed_eks():
    eks = client("eks")
    eks.create_cluster(
        name="good-cluster", version="1.40", roleArn=f"arn:aws:iam::{ACCOUNT}:role/eks",
        resourcesVpcConfig={"subnetIds": [], "endpointPublicAccess": False, "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": True}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/k"}}],
    )
    eks.create_cluster(
        name="bad-cluster", version="1.19", roleArn=f"arn:aws:iam::{ACCOUNT}:role/eks",
        resourcesVpcConfig={"subnetIds": [], "endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]},
    )


def lambda_role():
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    return iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


def seed_lambda():
    role = lambda_role()
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="lambda", Description="lambda", VpcId=vpc)["GroupId"]
    aws_lambda = client("lambda")
    code = {"ZipFile": b"PK\x05\x06" + b"\x00" * 18}
    aws_lambda.create_function(FunctionName="good-function", Runtime="python3.12", Role=role,
                               Handler="app.handler", Code=code,
                               VpcConfig={"SubnetIds": [subnet], "SecurityGroupIds": [sg]})
    aws_lambda.add_permission(FunctionName="good-function", StatementId="from-bucket",
                              Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                              SourceArn="arn:aws:s3:::uploads", SourceAccount=ACCOUNT)
    aws_lambda.create_function_url_config(FunctionName="good-function", AuthType="AWS_IAM")
    aws_lambda.create_function(FunctionName="bad-function", Runtime="python3.12", Role=role,
                               Handler="app.handler", Code=code)
    aws_lambda.add_permission(FunctionName="bad-function", StatementId="anyone",
                              Action="lambda:InvokeFunction", Principal="*")
    aws_lambda.create_function_url_config(FunctionName="bad-function", AuthType="NONE")


def seed_apigateway():
    apigw = client("apigateway")
    for kind in ["good", "bad"]:
        api = apigw.create_rest_api(name=f"{kind}-api")["id"]
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
        deployment = apigw.create_deployment(restApiId=api)["id"]
        good = kind == "good"
        apigw.create_stage(restApiId=api, stageName="prod", deploymentId=deployment,
                           tracingEnabled=good, cacheClusterEnabled=True, cacheClusterSize="0.5")
        ops = [
            {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR" if good else "OFF"},
            {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
            {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "true" if good else "false"},
        ]
        # moto has no client certificates (GenerateClientCertificate answers 404), so
        # apigateway_restapi_client_certificate_enabled is covered by its Rego tests only.
        apigw.update_stage(restApiId=api, stageName="prod", patchOperations=ops)
        if good:
            wafv2 = client("wafv2")
            acl = wafv2.create_web_acl(Name="api", Scope="REGIONAL", DefaultAction={"Allow": {}},
                                       VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "api"})
            wafv2.associate_web_acl(WebACLArn=acl["Summary"]["ARN"],
                                    ResourceArn=f"arn:aws:apigateway:{REGION}::/restapis/{api}/stages/prod")
    apigw.create_domain_name(domainName="good.example.com", regionalCertificateArn=f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/c",
                             endpointConfiguration={"types": ["REGIONAL"]}, securityPolicy="SecurityPolicy_TLS13_1_3_PQ_2025_09")
    apigw.create_domain_name(domainName="bad.example.com", regionalCertificateArn=f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/c",
                             endpointConfiguration={"types": ["REGIONAL"]}, securityPolicy="TLS_1_2")
    v2 = client("apigatewayv2")
    for kind in ["good", "bad"]:
        api = v2.create_api(Name=f"{kind}-http", ProtocolType="HTTP")["ApiId"]
        settings = {"AccessLogSettings": {"DestinationArn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:api", "Format": "$context.requestId"}} if kind == "good" else {}
        v2.create_stage(ApiId=api, StageName="live", **settings)
    appsync = client("appsync")
    appsync.create_graphql_api(name="good-graphql", authenticationType="API_KEY",
                               logConfig={"fieldLogLevel": "ERROR", "cloudWatchLogsRoleArn": f"arn:aws:iam::{ACCOUNT}:role/logs"})
    appsync.create_graphql_api(name="bad-graphql", authenticationType="API_KEY")


def seed_codebuild():
    codebuild = client("codebuild")
    common = dict(artifacts={"type": "NO_ARTIFACTS"}, serviceRole=f"arn:aws:iam::{ACCOUNT}:role/codebuild")
    env = lambda variables: {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                             "computeType": "BUILD_GENERAL1_SMALL", "environmentVariables": variables}
    codebuild.create_project(
        name="good-build", **common,
        source={"type": "GITHUB", "location": "https://github.com/example/app.git"},
        environment=env([{"name": "DB_PASSWORD", "value": "prod/db", "type": "SECRETS_MANAGER"}]),
        logsConfig={"cloudWatchLogs": {"status": "ENABLED"},
                    "s3Logs": {"status": "ENABLED", "location": "build-logs/app", "encryptionDisabled": False}},
    )
    codebuild.create_project(
        name="bad-build", **common,
        source={"type": "GITHUB", "location": "https://ci:ghp_secret@github.com/example/app.git"},
        environment=env([{"name": "DB_PASSWORD", "value": "hunter2", "type": "PLAINTEXT"}]),
        logsConfig={"cloudWatchLogs": {"status": "DISABLED"},
                    "s3Logs": {"status": "DISABLED"}},
    )
    codebuild.create_project(
        name="bad-build-s3", **common,
        source={"type": "S3", "location": "sources/app.zip"},
        environment=env([]),
        logsConfig={"cloudWatchLogs": {"status": "DISABLED"},
                    "s3Logs": {"status": "ENABLED", "location": "build-logs/app", "encryptionDisabled": True}},
    )


def seed_sagemaker():
    sagemaker = client("sagemaker")
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="notebook", Description="notebook", VpcId=vpc)["GroupId"]
    role = f"arn:aws:iam::{ACCOUNT}:role/sagemaker"
    sagemaker.create_notebook_instance(
        NotebookInstanceName="good-notebook", InstanceType="ml.t3.medium", RoleArn=role,
        KmsKeyId=f"arn:aws:kms:{REGION}:{ACCOUNT}:key/k", SubnetId=subnet, SecurityGroupIds=[sg],
        DirectInternetAccess="Disabled", RootAccess="Disabled")
    sagemaker.create_notebook_instance(
        NotebookInstanceName="bad-notebook", InstanceType="ml.t3.medium", RoleArn=role,
        DirectInternetAccess="Enabled", RootAccess="Enabled")


def seed_ecr():
    ecr = client("ecr")
    ecr.create_repository(repositoryName="good-repo", imageScanningConfiguration={"scanOnPush": True})
    ecr.put_lifecycle_policy(repositoryName="good-repo", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5},
        "action": {"type": "expire"}}]}))
    ecr.create_repository(repositoryName="bad-repo", imageScanningConfiguration={"scanOnPush": False})


def seed_glue():
    glue = client("glue")
    glue.create_security_configuration(Name="encrypted", EncryptionConfiguration={
        "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/k"}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/k"},
    })
    command = {"Name": "glueetl", "ScriptLocation": "s3://scripts/etl.py"}
    glue.create_job(Name="good-job", Role=f"arn:aws:iam::{ACCOUNT}:role/glue", Command=command,
                    SecurityConfiguration="encrypted",
                    DefaultArguments={"--enable-continuous-cloudwatch-log": "true"})
    glue.create_job(Name="bad-job", Role=f"arn:aws:iam::{ACCOUNT}:role/glue", Command=command)


def seed_bedrock():
    client("bedrock").put_model_invocation_logging_configuration(loggingConfig={
        "cloudWatchConfig": {"logGroupName": "/bedrock/invocations", "roleArn": f"arn:aws:iam::{ACCOUNT}:role/bedrock-logs"},
        "textDataDeliveryEnabled": True})
    ec2 = client("ec2")
    for kind in ["good", "bad"]:
        vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": f"{kind}-vpc"}]}])["Vpc"]["VpcId"]
        if kind == "good":
            ec2.create_vpc_endpoint(VpcId=vpc, VpcEndpointType="Interface",
                                    ServiceName=f"com.amazonaws.{REGION}.bedrock-runtime")
    client("iam").attach_role_policy(RoleName="lambda-exec",
                                     PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess")


def seed_streams():
    kinesis = client("kinesis")
    kinesis.create_stream(StreamName="good-stream", ShardCount=1)
    kinesis.increase_stream_retention_period(StreamName="good-stream", RetentionPeriodHours=168)
    kinesis.start_stream_encryption(StreamName="good-stream", EncryptionType="KMS", KeyId="alias/aws/kinesis")
    kinesis.create_stream(StreamName="bad-stream", ShardCount=1)
    kafka = client("kafka")
    for kind, client_broker in [("good", "TLS"), ("bad", "TLS_PLAINTEXT")]:
        # moto's CreateClusterV2 drops EncryptionInfo; CreateCluster keeps it.
        kafka.create_cluster(ClusterName=f"{kind}-kafka", KafkaVersion="3.6.0", NumberOfBrokerNodes=2,
            BrokerNodeGroupInfo={"InstanceType": "kafka.m5.large", "ClientSubnets": ["subnet-1", "subnet-2"]},
            EncryptionInfo={"EncryptionInTransit": {"ClientBroker": client_broker, "InCluster": True}})
    mq = client("mq")
    for kind, audit in [("good", True), ("bad", False)]:
        mq.create_broker(BrokerName=f"{kind}-broker", EngineType="ACTIVEMQ", EngineVersion="5.18",
                         DeploymentMode="SINGLE_INSTANCE", HostInstanceType="mq.t3.micro",
                         PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
                         Users=[{"Username": "admin", "Password": "correct-horse-battery"}],
                         Logs={"General": True, "Audit": audit})


def seed_data_services():
    emr = client("emr")
    emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={
        "BlockPublicSecurityGroupRules": True,
        "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]})
    emr.run_job_flow(Name="bad-emr", ReleaseLabel="emr-7.1.0", JobFlowRole="EMR_EC2_DefaultRole",
                     ServiceRole="EMR_DefaultRole", Instances={"InstanceCount": 1,
                     "MasterInstanceType": "m5.xlarge", "KeepJobFlowAliveWhenNoSteps": True})
    athena = client("athena")
    athena.create_work_group(Name="good-wg", Configuration={
        "ResultConfiguration": {"OutputLocation": "s3://results/", "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "k"}},
        "PublishCloudWatchMetricsEnabled": True})
    athena.create_work_group(Name="bad-wg", Configuration={
        "ResultConfiguration": {"OutputLocation": "s3://results/"}, "PublishCloudWatchMetricsEnabled": False})
    transfer = client("transfer")
    transfer.create_server(Protocols=["SFTP"], SecurityPolicyName="TransferSecurityPolicy-2025-03",
                           Tags=[{"Key": "Name", "Value": "good-sftp"}])
    transfer.create_server(Protocols=["SFTP", "FTP"], SecurityPolicyName="TransferSecurityPolicy-2020-06",
                           Tags=[{"Key": "Name", "Value": "bad-sftp"}])
    datasync = client("datasync")
    loc = lambda name: datasync.create_location_s3(S3BucketArn=f"arn:aws:s3:::{name}",
                                                   S3Config={"BucketAccessRoleArn": f"arn:aws:iam::{ACCOUNT}:role/ds"})["LocationArn"]
    src, dst = loc("src"), loc("dst")
    datasync.create_task(SourceLocationArn=src, DestinationLocationArn=dst, Name="good-task-sync",
                         CloudWatchLogGroupArn=f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:datasync")
    datasync.create_task(SourceLocationArn=src, DestinationLocationArn=dst, Name="bad-task-sync")


def seed_orchestration():
    sfn = client("stepfunctions")
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
    role = f"arn:aws:iam::{ACCOUNT}:role/sfn"
    sfn.create_state_machine(name="good-flow", definition=definition, roleArn=role, loggingConfiguration={
        "level": "ERROR", "includeExecutionData": False,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:sfn:*"}}]})
    sfn.create_state_machine(name="bad-flow", definition=definition, roleArn=role)
    autoscaling = client("autoscaling")
    for kind, tokens in [("good", "required"), ("bad", "optional")]:
        autoscaling.create_launch_configuration(LaunchConfigurationName=f"{kind}-lc", ImageId="ami-12c6146b",
                                                InstanceType="t3.micro", MetadataOptions={"HttpTokens": tokens})
        autoscaling.create_auto_scaling_group(AutoScalingGroupName=f"{kind}-asg", LaunchConfigurationName=f"{kind}-lc",
                                              MinSize=0, MaxSize=1, AvailabilityZones=[f"{REGION}a"])
    ssm = client("ssm")
    content = json.dumps({"schemaVersion": "2.2", "description": "x", "mainSteps": [
        {"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": ["true"]}}]})
    for kind in ["good", "bad"]:
        ssm.create_document(Name=f"{kind}-doc", Content=content, DocumentType="Command", DocumentFormat="JSON")
    ssm.modify_document_permission(Name="bad-doc", PermissionType="Share", AccountIdsToAdd=["all"])
    # A running instance for ec2_instance_managed_by_ssm (moto has no
    # DescribeInstanceInformation, so the test expects ERROR).
    client("ec2").run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                TagSpecifications=[{"ResourceType": "instance",
                                                    "Tags": [{"Key": "Name", "Value": "ssm-node"}]}])
    eb = client("elasticbeanstalk")
    eb.create_application(ApplicationName="shop")
    eb.create_environment(ApplicationName="shop", EnvironmentName="shop-env",
                          SolutionStackName="64bit Amazon Linux 2023 v4.0.0 running Python 3.11")


for seed in [seed_streams, seed_data_services, seed_orchestration, seed_glue, seed_ecr, seed_ecs, seed_eks, seed_lambda, seed_apigateway, seed_codebuild, seed_sagemaker, seed_bedrock]:
    seed()
print("seeded")
