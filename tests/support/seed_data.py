"""Seeds moto with one compliant and one non-compliant resource per data service the
catalog_data_moto test scans (names say which: `good-*` passes, `bad-*` fails)."""
import argparse
import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint-url", required=True)
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


neptune()
