"""Changes one thing in the emulated account, the way a user would, for the real-time
rescan tests; prints what it made as JSON. Usage: mutate.py --endpoint-url URL ACTION ARGS..."""
import argparse
import json
import sys

import boto3


def clients(endpoint: str, account: str | None):
    """boto3 session for the default account, or for `account` through AssumeRole
    (moto keeps each assumed account's resources apart)."""
    base = boto3.session.Session(region_name="us-east-1")
    if not account:
        return base
    creds = base.client("sts", endpoint_url=endpoint).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/parapet-scan", RoleSessionName="seed")["Credentials"]
    return boto3.session.Session(
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"], region_name="us-east-1")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--account")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("action")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    s = clients(a.endpoint_url, a.account)
    ec2 = s.client("ec2", endpoint_url=a.endpoint_url, region_name=a.region)
    s3 = s.client("s3", endpoint_url=a.endpoint_url, region_name="us-east-1")
    iam = s.client("iam", endpoint_url=a.endpoint_url)
    out: dict = {}
    if a.action == "create-sg":
        vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        out["group_id"] = ec2.create_security_group(GroupName=a.args[0], Description="rescan test", VpcId=vpc)["GroupId"]
    elif a.action == "open-ssh":
        ec2.authorize_security_group_ingress(GroupId=a.args[0], IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    elif a.action == "create-bucket":
        s3.create_bucket(Bucket=a.args[0])
        tags = [t.split("=", 1) for t in a.args[1:]]  # optional key=value tags
        if tags:
            s3.put_bucket_tagging(Bucket=a.args[0], Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags]})
    elif a.action == "public-policy":
        s3.put_bucket_policy(Bucket=a.args[0], Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{a.args[0]}/*"}]}))
    elif a.action == "delete-bucket":
        s3.delete_bucket(Bucket=a.args[0])
    elif a.action == "create-user":
        out["arn"] = iam.create_user(UserName=a.args[0])["User"]["Arn"]
    elif a.action == "create-access-key":
        out["access_key_id"] = iam.create_access_key(UserName=a.args[0])["AccessKey"]["AccessKeyId"]
    else:
        print(f"unknown action {a.action}", file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
