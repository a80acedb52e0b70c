"""Seeds moto_server with one compliant and one non-compliant resource per service of
the edge and network catalog (load balancers, WAF, Shield, CloudFront, Route 53,
Network Firewall, VPC) for tests/catalog_edge_moto.rs.

Usage: seed_edge.py ENDPOINT_URL
Names: a resource whose name starts with "good-" should PASS its controls, "bad-" FAIL.
"""

import json
import sys

import boto3

URL = sys.argv[1]
REGION = "us-east-1"


def client(name):
    return boto3.client(name, endpoint_url=URL, region_name=REGION)


ec2 = client("ec2")
vpc_id = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
subnets = [
    ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=z)["Subnet"]["SubnetId"]
    for i, z in enumerate(zones)
]


def internet_route(vpc, table=None, subnet=None):
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    if table is None:
        table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)


# VPCs: the seeded one has a public subnet (own route table to an internet gateway) and
# a private one (main table, no such route); the other routes its only subnet out.
ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "good-vpc"}])
internet_route(vpc_id, subnet=subnets[0])
bad_vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
ec2.create_tags(Resources=[bad_vpc], Tags=[{"Key": "Name", "Value": "bad-vpc"}])
ec2.create_subnet(VpcId=bad_vpc, CidrBlock="10.30.0.0/24", AvailabilityZone=zones[0])
main_table = ec2.describe_route_tables(Filters=[
    {"Name": "vpc-id", "Values": [bad_vpc]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
internet_route(bad_vpc, table=main_table["RouteTableId"])

acm_arn = client("acm").request_certificate(DomainName="good.example.com")["CertificateArn"]
iam_cert_arn = client("iam").upload_server_certificate(
    ServerCertificateName="bad-legacy-cert",
    CertificateBody="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    PrivateKey="-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
)["ServerCertificateMetadata"]["Arn"]

# Classic Load Balancers.
elb = client("elb")
elb.create_load_balancer(
    LoadBalancerName="good-classic",
    AvailabilityZones=zones,
    Listeners=[{"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP",
                "InstancePort": 80, "SSLCertificateId": acm_arn}],
)
elb.modify_load_balancer_attributes(
    LoadBalancerName="good-classic",
    LoadBalancerAttributes={
        "AccessLog": {"Enabled": True, "S3BucketName": "lb-logs", "EmitInterval": 60},
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "strictest"}],
    },
)
elb.create_load_balancer(
    LoadBalancerName="bad-classic",
    AvailabilityZones=zones,
    Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80},
        {"Protocol": "SSL", "LoadBalancerPort": 8443, "InstanceProtocol": "TCP",
         "InstancePort": 8080, "SSLCertificateId": iam_cert_arn},
    ],
)
elb.modify_load_balancer_attributes(
    LoadBalancerName="bad-classic",
    LoadBalancerAttributes={
        "AccessLog": {"Enabled": False},
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}],
    },
)

# Application Load Balancers, their web ACL and Shield Advanced protection.
elbv2 = client("elbv2")
wafv2 = client("wafv2")
logs = client("logs")
shield = client("shield")
shield.create_subscription()


def visibility(name, metrics=True):
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": metrics, "MetricName": name}


good_acl = wafv2.create_web_acl(
    Name="good-acl", Scope="REGIONAL", DefaultAction={"Allow": {}},
    VisibilityConfig=visibility("good-acl"),
    Rules=[{
        "Name": "block-bad-ips", "Priority": 1, "Action": {"Block": {}},
        "Statement": {"GeoMatchStatement": {"CountryCodes": ["KP"]}},
        "VisibilityConfig": visibility("block-bad-ips"),
    }],
)["Summary"]
logs.create_log_group(logGroupName="aws-waf-logs-good")
log_group_arn = f"arn:aws:logs:{REGION}:123456789012:log-group:aws-waf-logs-good"
wafv2.put_logging_configuration(LoggingConfiguration={
    "ResourceArn": good_acl["ARN"], "LogDestinationConfigs": [log_group_arn]})
wafv2.create_web_acl(
    Name="bad-acl", Scope="REGIONAL", DefaultAction={"Allow": {}},
    VisibilityConfig=visibility("bad-acl"), Rules=[],
)
wafv2.create_web_acl(
    Name="bad-unmetered-acl", Scope="REGIONAL", DefaultAction={"Allow": {}},
    VisibilityConfig=visibility("bad-unmetered-acl"),
    Rules=[{
        "Name": "unmetered", "Priority": 1, "Action": {"Count": {}},
        "Statement": {"GeoMatchStatement": {"CountryCodes": ["KP"]}},
        "VisibilityConfig": visibility("unmetered", metrics=False),
    }],
)


def alb(name, protected, ssl_policy, cert):
    sg = ec2.create_security_group(GroupName=f"{name}-sg", Description="lb", VpcId=vpc_id)["GroupId"]
    arn = elbv2.create_load_balancer(
        Name=name, Subnets=subnets, SecurityGroups=[sg], Scheme="internet-facing", Type="application",
    )["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elbv2.create_target_group(Name=f"{name}-tg", Protocol="HTTP", Port=80, VpcId=vpc_id)
    tg_arn = tg["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(
        LoadBalancerArn=arn, Protocol="HTTPS", Port=443, SslPolicy=ssl_policy,
        Certificates=[{"CertificateArn": cert}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_arn}],
    )
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "deletion_protection.enabled", "Value": str(protected).lower()},
        {"Key": "access_logs.s3.enabled", "Value": str(protected).lower()},
        {"Key": "access_logs.s3.bucket", "Value": "lb-logs" if protected else ""},
    ])
    if protected:
        wafv2.associate_web_acl(WebACLArn=good_acl["ARN"], ResourceArn=arn)
        shield.create_protection(Name=name, ResourceArn=arn)
    return arn


alb("good-alb", True, "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", acm_arn)
alb("bad-alb", False, "ELBSecurityPolicy-2016-08", iam_cert_arn)

# CloudFront: one distribution that does everything right, one that does nothing.
cloudfront = client("cloudfront")
edge_acl = wafv2.create_web_acl(
    Name="good-edge-acl", Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
    VisibilityConfig=visibility("good-edge-acl"), Rules=[],
)["Summary"]
oac = cloudfront.create_origin_access_control(OriginAccessControlConfig={
    "Name": "site", "SigningProtocol": "sigv4", "SigningBehavior": "always",
    "OriginAccessControlOriginType": "s3"})["OriginAccessControl"]["Id"]


def distribution(comment, good):
    s3_origin = {"Id": "assets", "DomainName": "assets.s3.us-east-1.amazonaws.com",
                 "S3OriginConfig": {"OriginAccessIdentity": ""}}
    if good:
        s3_origin["OriginAccessControlId"] = oac
    api_origin = {"Id": "api", "DomainName": "api.example.com", "CustomOriginConfig": {
        "HTTPPort": 80, "HTTPSPort": 443,
        "OriginProtocolPolicy": "https-only" if good else "http-only",
        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2" if good else "SSLv3"]}}}
    behaviour = {"TargetOriginId": "assets",
                 "ViewerProtocolPolicy": "redirect-to-https" if good else "allow-all",
                 "MinTTL": 0, "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}}
    config = {
        "CallerReference": comment, "Comment": comment, "Enabled": True,
        "Origins": {"Quantity": 2, "Items": [s3_origin, api_origin]},
        "DefaultCacheBehavior": behaviour,
        "Logging": {"Enabled": good, "IncludeCookies": False,
                    "Bucket": "cf-logs.s3.amazonaws.com" if good else "", "Prefix": ""},
    }
    if good:
        config["WebACLId"] = edge_acl["ARN"]
        config["ViewerCertificate"] = {"ACMCertificateArn": acm_arn, "SSLSupportMethod": "sni-only",
                                       "MinimumProtocolVersion": "TLSv1.2_2021"}
    else:
        config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


# Network Firewall: one firewall logging its alerts, one logging nothing.
nfw = client("network-firewall")
for name, logged in [("good-firewall", True), ("bad-firewall", False)]:
    arn = nfw.create_firewall(
        FirewallName=name, VpcId=vpc_id, SubnetMappings=[{"SubnetId": subnets[0]}],
        FirewallPolicyArn=f"arn:aws:network-firewall:{REGION}:123456789012:firewall-policy/strict",
    )["Firewall"]["FirewallArn"]
    if logged:
        nfw.update_logging_configuration(FirewallArn=arn, LoggingConfiguration={"LogDestinationConfigs": [
            {"LogType": "ALERT", "LogDestinationType": "CloudWatchLogs",
             "LogDestination": {"logGroup": "/network-firewall/alert"}}]})

# Route 53: a public zone logging its queries, a public zone that does not, and a
# private zone (not in scope).
route53 = client("route53")
logs.create_log_group(logGroupName="/aws/route53/good.example")
for name in ["good.example", "bad.example"]:
    zone = route53.create_hosted_zone(Name=name, CallerReference=name)["HostedZone"]["Id"]
    if name.startswith("good"):
        route53.create_query_logging_config(
            HostedZoneId=zone,
            CloudWatchLogsLogGroupArn=f"arn:aws:logs:{REGION}:123456789012:log-group:/aws/route53/good.example:*")
route53.create_hosted_zone(Name="internal.example", CallerReference="internal",
                           VPC={"VPCRegion": REGION, "VPCId": vpc_id},
                           HostedZoneConfig={"PrivateZone": True})

# Confidential workload hosts (by tag: moto has no Nitro Enclaves options): one running,
# one stopped.
image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
for name in ["good-host", "bad-host"]:
    instance = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnets[1],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [
            {"Key": "Name", "Value": name}, {"Key": "DataClassification", "Value": "confidential"}]}],
    )["Instances"][0]["InstanceId"]
    if name == "bad-host":
        ec2.stop_instances(InstanceIds=[instance])
ec2.create_volume(AvailabilityZone=zones[0], Size=8, TagSpecifications=[
    {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "data-volume"}]}])

good_dist = distribution("good-distribution", True)
bad_dist = distribution("bad-distribution", False)
print(json.dumps({"good-distribution": good_dist, "bad-distribution": bad_dist}))
