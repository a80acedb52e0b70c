"""Seeds moto with one compliant and one non-compliant resource per data service the
catalog_data_moto test scans (names say which: `good-*` passes, `bad-*` fails)."""
import argparse
import json
import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint-url", required=True)
parser.add_argument("--only", help="comma-separated seeders to run (default: all)")
args = parser.parse_args()
REGION = "us-east-1"


def client(name):
    return boto3.client(name, endpoint_url=args.endpoint_url, region_name=REGION)


def neptune():
    # moto's RDS accepts the neptune engine but not docdb (DocumentDB is not emulated).
    rds = client("rds")
    for engine, prefix in [("neptune", "graph")]:
        rds.create_db_cluster(
            DBClusterIdentifier=f"good-{prefix}", Engine=engine, StorageEncrypted=True,
            BackupRetentionPeriod=7, CopyTagsToSnapshot=True,
            # moto refuses IAM database authentication on non-Aurora engines.
            EnableCloudwatchLogsExports=["audit"],
            MasterUsername="admin", MasterUserPassword="not-a-real-password-1",
        )
        rds.create_db_cluster(
            DBClusterIdentifier=f"bad-{prefix}", Engine=engine, StorageEncrypted=False,
            BackupRetentionPeriod=1, MasterUsername="admin",
            MasterUserPassword="not-a-real-password-1",
        )
        rds.create_db_cluster_snapshot(
            DBClusterSnapshotIdentifier=f"good-{prefix}-snap", DBClusterIdentifier=f"good-{prefix}")
        rds.create_db_cluster_snapshot(
            DBClusterSnapshotIdentifier=f"bad-{prefix}-snap", DBClusterIdentifier=f"bad-{prefix}")
        rds.modify_db_cluster_snapshot_attribute(
            DBClusterSnapshotIdentifier=f"bad-{prefix}-snap", AttributeName="restore",
            ValuesToAdd=["all"])



def redshift():
    rs = client("redshift")
    common = dict(NodeType="ra3.xlplus", MasterUsername="admin",
                  MasterUserPassword="Not-a-real-password-1", ClusterType="single-node")
    rs.create_cluster(ClusterIdentifier="good-wh", Encrypted=True, EnhancedVpcRouting=True,
                      AllowVersionUpgrade=True, PubliclyAccessible=False,
                      AutomatedSnapshotRetentionPeriod=7, **common)
    rs.enable_logging(ClusterIdentifier="good-wh", LogDestinationType="cloudwatch",
                      LogExports=["connectionlog", "userlog"])
    rs.create_cluster(ClusterIdentifier="bad-wh", Encrypted=False, EnhancedVpcRouting=False,
                      AllowVersionUpgrade=False, PubliclyAccessible=True,
                      AutomatedSnapshotRetentionPeriod=0, **common)


def opensearch():
    es = client("opensearch")
    group = "arn:aws:logs:us-east-1:123456789012:log-group:search"
    logs = {k: {"CloudWatchLogsLogGroupArn": group, "Enabled": True}
            for k in ["AUDIT_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"]}
    es.create_domain(
        DomainName="good-search", EngineVersion="OpenSearch_2.11",
        EncryptionAtRestOptions={"Enabled": True},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True},
        AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": False,
                                 "MasterUserOptions": {"MasterUserARN": "arn:aws:iam::123456789012:role/admin"}},
        LogPublishingOptions=logs,
        AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
            "Action": "es:*", "Resource": "*"}]}),
    )
    es.create_domain(
        DomainName="bad-search", EngineVersion="OpenSearch_2.11",
        AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "es:*", "Resource": "*"}]}),
    )


def elasticache():
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.2.0/24")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    ec = client("elasticache")
    ec.create_cache_subnet_group(CacheSubnetGroupName="public-cache",
                                 CacheSubnetGroupDescription="public", SubnetIds=[public])
    ec.create_cache_subnet_group(CacheSubnetGroupName="private-cache",
                                 CacheSubnetGroupDescription="private", SubnetIds=[private])
    ec.create_cache_cluster(CacheClusterId="good-cache", Engine="memcached",
                            CacheNodeType="cache.t3.micro", NumCacheNodes=1,
                            CacheSubnetGroupName="private-cache")
    ec.create_cache_cluster(CacheClusterId="bad-cache", Engine="memcached",
                            CacheNodeType="cache.t3.micro", NumCacheNodes=1,
                            CacheSubnetGroupName="public-cache")
    ec.create_replication_group(
        ReplicationGroupId="good-redis", ReplicationGroupDescription="compliant",
        Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=1,
        AtRestEncryptionEnabled=True, TransitEncryptionEnabled=True,
        AutoMinorVersionUpgrade=True, SnapshotRetentionLimit=7)
    ec.create_replication_group(
        ReplicationGroupId="bad-redis", ReplicationGroupDescription="not compliant",
        Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=1,
        AtRestEncryptionEnabled=False, TransitEncryptionEnabled=False,
        AutoMinorVersionUpgrade=False, SnapshotRetentionLimit=0)


def dms():
    d = client("dms")
    d.create_replication_instance(ReplicationInstanceIdentifier="good-migrate",
                                  ReplicationInstanceClass="dms.t3.medium", PubliclyAccessible=False)
    d.create_replication_instance(ReplicationInstanceIdentifier="bad-migrate",
                                  ReplicationInstanceClass="dms.t3.medium", PubliclyAccessible=True)
    pg = dict(EngineName="postgres", ServerName="db.internal", Port=5432, DatabaseName="app",
              Username="dms", Password="not-a-real-password")
    good_src = d.create_endpoint(EndpointIdentifier="good-src", EndpointType="source",
                                 SslMode="verify-full", **pg)["Endpoint"]["EndpointArn"]
    bad_src = d.create_endpoint(EndpointIdentifier="bad-src", EndpointType="source",
                                SslMode="none", **pg)["Endpoint"]["EndpointArn"]
    d.create_endpoint(EndpointIdentifier="good-redis-target", EndpointType="target",
                      EngineName="redis", SslMode="none",
                      RedisSettings={"ServerName": "cache.internal", "Port": 6379,
                                     "SslSecurityProtocol": "ssl-encryption"})
    d.create_endpoint(EndpointIdentifier="bad-redis-target", EndpointType="target",
                      EngineName="redis", SslMode="none",
                      RedisSettings={"ServerName": "cache.internal", "Port": 6379,
                                     "SslSecurityProtocol": "plaintext"})
    instance = d.describe_replication_instances()["ReplicationInstances"][0]["ReplicationInstanceArn"]
    components = ["SOURCE_CAPTURE", "SOURCE_UNLOAD", "TARGET_APPLY", "TARGET_LOAD"]
    logged = {"Logging": {"EnableLogging": True, "LogComponents": [
        {"Id": c, "Severity": "LOGGER_SEVERITY_DEFAULT"} for c in components]}}
    for name, settings in [("good-task", logged), ("bad-task", {"Logging": {"EnableLogging": False}})]:
        d.create_replication_task(
            ReplicationTaskIdentifier=name, SourceEndpointArn=good_src, TargetEndpointArn=bad_src,
            ReplicationInstanceArn=instance, MigrationType="full-load",
            TableMappings=json.dumps({"rules": []}), ReplicationTaskSettings=json.dumps(settings))


def dynamodb_and_backup():
    kms = client("kms")
    key = kms.create_key(Description="table and vault key")["KeyMetadata"]["Arn"]
    ddb = client("dynamodb")
    schema = dict(KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                  AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                  BillingMode="PAY_PER_REQUEST")
    ddb.create_table(TableName="good-table", SSESpecification={
        "Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key},
        Tags=[{"Key": "backup", "Value": "daily"}], **schema)
    ddb.update_continuous_backups(TableName="good-table", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})
    ddb.create_table(TableName="bad-table", **schema)
    dax = client("dax")
    common = dict(NodeType="dax.t3.small", ReplicationFactor=1,
                  IamRoleArn="arn:aws:iam::123456789012:role/dax")
    dax.create_cluster(ClusterName="good-dax", SSESpecification={"Enabled": True},
                       ClusterEndpointEncryptionType="TLS", **common)
    dax.create_cluster(ClusterName="bad-dax", SSESpecification={"Enabled": False},
                       ClusterEndpointEncryptionType="NONE", **common)
    backup = client("backup")
    backup.create_backup_vault(BackupVaultName="good-vault", EncryptionKeyArn=key)
    backup.create_backup_vault(BackupVaultName="bad-vault")
    backup.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [{
        "RuleName": "daily", "TargetBackupVaultName": "good-vault",
        "ScheduleExpression": "cron(0 5 * * ? *)"}]})


def self_signed(bits, digest):
    """A self-signed certificate and its key, PEM-encoded."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"rsa{bits}.example.com")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(f"rsa{bits}.example.com")]),
                           critical=False)
            .sign(key, digest))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


def secrets_and_certificates():
    from cryptography.hazmat.primitives import hashes
    sm = client("secretsmanager")
    sm.create_secret(Name="good-secret", SecretString="s3cr3t")
    # moto's RotateSecret invokes the rotation Lambda, which needs Docker: no rotation here.
    sm.get_secret_value(SecretId="good-secret")
    sm.create_secret(Name="bad-secret", SecretString="s3cr3t")
    acm = client("acm")
    for bits, digest in [(2048, hashes.SHA256()), (1024, hashes.SHA256())]:
        cert, key = self_signed(bits, digest)
        acm.import_certificate(Certificate=cert, PrivateKey=key)


def governance():
    client("guardduty").create_detector(Enable=True)
    client("organizations").create_organization(FeatureSet="ALL")
    sc = client("servicecatalog")
    good = sc.create_portfolio(DisplayName="good-portfolio", ProviderName="platform")
    bad = sc.create_portfolio(DisplayName="bad-portfolio", ProviderName="platform")
    sc.create_portfolio_share(PortfolioId=bad["PortfolioDetail"]["Id"], AccountId="444455556666")
    fsx = client("fsx")
    fsx.create_file_system(FileSystemType="WINDOWS", StorageCapacity=32, SubnetIds=["subnet-0123456789abcdef0"],
                           WindowsConfiguration={"ThroughputCapacity": 8, "CopyTagsToBackups": True},
                           Tags=[{"Key": "Name", "Value": "good-fs"}])
    fsx.create_file_system(FileSystemType="LUSTRE", StorageCapacity=1200, SubnetIds=["subnet-0123456789abcdef0"],
                           LustreConfiguration={"CopyTagsToBackups": False},
                           Tags=[{"Key": "Name", "Value": "bad-fs"}])


def enclave_keys():
    kms = client("kms")
    image, zeros = "ab" * 48, "0" * 96
    root = {"Sid": "IAM", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "kms:*", "Resource": "*"}
    def enclave(conditions):
        return {"Sid": "Enclave", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                "Principal": {"AWS": "arn:aws:iam::123456789012:role/parent"},
                "Condition": conditions}
    good = enclave({"StringEqualsIgnoreCase": {
        "kms:RecipientAttestation:ImageSha384": image, "kms:RecipientAttestation:PCR0": image,
        "kms:RecipientAttestation:PCR8": image}})
    # Not enforced (IfExists), a debug (zero) PCR0 that contradicts ImageSha384, no
    # deployment binding, and a plain Decrypt grant beside it.
    bad = enclave({"StringEqualsIgnoreCaseIfExists": {
        "kms:RecipientAttestation:PCR0": zeros, "kms:RecipientAttestation:ImageSha384": image}})
    plain = {"Sid": "ParentDecrypt", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
             "Principal": {"AWS": "arn:aws:iam::123456789012:role/parent"}}
    for alias, statements in [("good-enclave-key", [root, good]), ("bad-enclave-key", [root, bad, plain])]:
        key = kms.create_key(Policy=json.dumps({"Version": "2012-10-17", "Statement": statements}))
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key["KeyMetadata"]["KeyId"])


def iam_users():
    client("iam").create_user(UserName="analyst")


SEEDERS = [neptune, redshift, opensearch, elasticache, dms, dynamodb_and_backup,
           secrets_and_certificates, governance, enclave_keys,
           iam_users]

for seeder in SEEDERS:
    if not args.only or seeder.__name__ in args.only.split(","):
        seeder()
