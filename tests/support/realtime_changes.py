"""The changes `tests/realtime_rescan_moto.rs` makes in the emulated account, each the
API call a user would make and whose CloudTrail event the test then delivers. Prints
what it made as JSON. Usage: realtime_changes.py --endpoint-url URL ACTION ARGS..."""
import argparse
import json
import sys

import boto3

REGION = "us-east-1"
ADMIN_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def setup(c) -> dict:
    """The resources the scan first sees, each in its passing (or unset) state."""
    ec2, rds, s3, logs = c("ec2"), c("rds"), c("s3"), c("logs")
    out = {}
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=1)["VolumeId"]
    out["snapshot"] = ec2.create_snapshot(VolumeId=volume, Description="rt")["SnapshotId"]
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    out["image"] = ec2.create_image(InstanceId=instance, Name="rt-image")["ImageId"]
    out["subnet"] = ec2.create_subnet(VpcId=vpc, CidrBlock="172.31.200.0/24")["Subnet"]["SubnetId"]
    rds.create_db_instance(DBInstanceIdentifier="rt-db", DBInstanceClass="db.t3.micro", Engine="postgres",
                           MasterUsername="admin", MasterUserPassword="password-123", AllocatedStorage=20)
    rds.create_db_snapshot(DBInstanceIdentifier="rt-db", DBSnapshotIdentifier="rt-db-snap")
    out["db_snapshot"] = "rt-db-snap"
    s3.create_bucket(Bucket="rt-lifecycle")
    s3.create_bucket(Bucket="rt-locked")
    logs.create_log_group(logGroupName="rt-logs")
    c("iam").create_role(RoleName="rt-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))
    out["file_system"] = c("efs").create_file_system(CreationToken="rt-efs")["FileSystemId"]
    return out


def change(c, action: str, args: list) -> dict:
    ec2 = c("ec2")
    if action == "snapshot-public":
        ec2.modify_snapshot_attribute(SnapshotId=args[0], Attribute="createVolumePermission",
                                      OperationType="add", GroupNames=["all"])
    elif action == "image-public":
        ec2.modify_image_attribute(ImageId=args[0], LaunchPermission={"Add": [{"Group": "all"}]})
    elif action == "subnet-public-ip":
        ec2.modify_subnet_attribute(SubnetId=args[0], MapPublicIpOnLaunch={"Value": True})
    elif action == "db-snapshot-public":
        c("rds").modify_db_snapshot_attribute(DBSnapshotIdentifier=args[0], AttributeName="restore",
                                              ValuesToAdd=["all"])
    elif action == "lifecycle":
        c("s3").put_bucket_lifecycle_configuration(Bucket=args[0], LifecycleConfiguration={"Rules": [
            {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 30}}]})
    elif action == "object-lock":
        # Object Lock turned on for an existing bucket: versioning first, as AWS requires.
        s3 = c("s3")
        s3.put_bucket_versioning(Bucket=args[0], VersioningConfiguration={"Status": "Enabled"})
        s3.put_object_lock_configuration(Bucket=args[0], ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    elif action == "account-public-access-block":
        account = c("sts").get_caller_identity()["Account"]
        s3control = c("s3control")

        # The SDK puts "<account>." before the endpoint's host; moto answers on the bare host.
        def bare_host(request, **_):
            request.url = request.url.replace(f"//{account}.", "//", 1)
        s3control.meta.events.register("before-send.s3-control.*", bare_host)
        s3control.put_public_access_block(AccountId=account, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})
    elif action == "db-snapshot":
        c("rds").create_db_snapshot(DBInstanceIdentifier=args[0], DBSnapshotIdentifier=args[1])
    elif action == "retention":
        c("logs").put_retention_policy(logGroupName=args[0], retentionInDays=int(args[1]))
    elif action == "launch-template":
        lt = ec2.create_launch_template(LaunchTemplateName=args[0], LaunchTemplateData={
            "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]})
        return {"launch_template": lt["LaunchTemplate"]["LaunchTemplateId"]}
    elif action == "admin-role-policy":
        c("iam").put_role_policy(RoleName=args[0], PolicyName=args[1], PolicyDocument=ADMIN_POLICY)
    elif action == "access-point":
        ap = c("efs").create_access_point(FileSystemId=args[0], ClientToken="rt-ap")
        return {"access_point": ap["AccessPointId"], "arn": ap["AccessPointArn"]}
    else:
        raise SystemExit(f"unknown action {action}")
    return {}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("action")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    session = boto3.session.Session(region_name=REGION)

    def client(name):
        return session.client(name, endpoint_url=a.endpoint_url)

    out = setup(client) if a.action == "setup" else change(client, a.action, a.args)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
