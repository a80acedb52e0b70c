#!/usr/bin/env python3
"""Generate controls/frameworks/<id>.yaml from the team's reference tables.

    scripts/gen_frameworks.py [--reference scripts/reference/frameworks] [--out controls/frameworks]

The reference tables (one row per requirement: id, section, Automated|Manual, control
ids) are facts: which requirement exists and which check ids back it. Descriptions are
ours: written by hand below for the small frameworks, and composed from the section's
topic and the services of the backing controls for the large ones (PCI DSS has 1,679
rows, NIST 800-53 several hundred), so they say what parapet checks, not what the
standard's text says.

cis-aws-3.0.yaml is hand-written and not regenerated. The generated YAML is committed;
rerun this script when the reference tables change.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml  # PyYAML: only to read cis-aws-3.0.yaml's descriptions

REPO = Path(__file__).resolve().parent.parent

# Display names of the service prefixes of control ids.
SERVICES = {
    "accessanalyzer": "IAM Access Analyzer", "account": "account settings", "acm": "ACM",
    "apigateway": "API Gateway", "apigatewayv2": "API Gateway v2", "appsync": "AppSync",
    "athena": "Athena", "autoscaling": "Auto Scaling", "awslambda": "Lambda",
    "backup": "AWS Backup", "bedrock": "Bedrock", "cloudformation": "CloudFormation",
    "cloudfront": "CloudFront", "cloudtrail": "CloudTrail", "cloudwatch": "CloudWatch",
    "codebuild": "CodeBuild", "cognito": "Cognito", "config": "AWS Config",
    "datasync": "DataSync", "directoryservice": "Directory Service", "dlm": "Data Lifecycle Manager", "dms": "DMS",
    "documentdb": "DocumentDB", "drs": "Elastic Disaster Recovery", "dynamodb": "DynamoDB",
    "ec2": "EC2", "ecr": "ECR", "ecs": "ECS", "efs": "EFS", "eks": "EKS",
    "elasticache": "ElastiCache", "elasticbeanstalk": "Elastic Beanstalk", "elb": "Classic ELB",
    "elbv2": "ELBv2", "emr": "EMR", "eventbridge": "EventBridge", "fsx": "FSx",
    "glue": "Glue", "guardduty": "GuardDuty", "iam": "IAM", "inspector2": "Inspector",
    "kafka": "MSK", "kinesis": "Kinesis", "kms": "KMS", "lightsail": "Lightsail",
    "macie": "Macie", "mq": "Amazon MQ", "neptune": "Neptune",
    "networkfirewall": "Network Firewall", "opensearch": "OpenSearch",
    "organizations": "Organizations", "rds": "RDS", "redshift": "Redshift",
    "route53": "Route 53", "s3": "S3", "sagemaker": "SageMaker",
    "secretsmanager": "Secrets Manager", "securityhub": "Security Hub", "servicecatalog": "Service Catalog", "ses": "SES",
    "shield": "Shield", "sns": "SNS", "sqs": "SQS", "ssm": "Systems Manager",
    "ssmincidents": "Incident Manager", "stepfunctions": "Step Functions",
    "transfer": "Transfer Family", "trustedadvisor": "Trusted Advisor", "vpc": "VPC",
    "waf": "WAF", "wafv2": "WAFv2", "wellarchitected": "Well-Architected", "workspaces": "WorkSpaces",
}


def service_of(control_id: str) -> str:
    # Longest known prefix wins (apigatewayv2 before apigateway, elbv2 before elb).
    best = ""
    for prefix in SERVICES:
        if (control_id == prefix or control_id.startswith(prefix + "_")) and len(prefix) > len(best):
            best = prefix
    return SERVICES.get(best, control_id.split("_")[0])


def evidence(controls: list[str]) -> str:
    names: list[str] = []
    for c in controls:
        s = service_of(c)
        if s not in names:
            names.append(s)
    if len(names) > 6:
        names = names[:6] + ["others"]
    return ", ".join(names)


# --- PCI DSS 4.0: the topic of each principal requirement, in our words -------------
PCI_TOPICS = {
    "1": "Network security controls are installed and maintained",
    "2": "System components are configured securely",
    "3": "Stored account data is protected",
    "4": "Cardholder data is protected by strong cryptography in transit",
    "5": "Systems are protected from malicious software",
    "6": "Systems and software are developed and kept secure",
    "7": "Access is limited to what the business needs",
    "8": "Users are identified and authenticated",
    "9": "Physical access to cardholder data is restricted",
    "10": "Access to system components and data is logged and monitored",
    "11": "Security of systems and networks is tested regularly",
    "12": "An information security policy and programme are maintained",
    "A1": "Multi-tenant service providers isolate their customers",
    "A2": "Early TLS and SSL are not used for card-present POI connections",
    "A3": "Designated entities validate their controls continuously",
}


def pci_description(row: dict) -> str:
    top = row["requirement"].split(".")[0]
    topic = PCI_TOPICS.get(top, "PCI DSS requirement")
    if row["controls"]:
        return f"{topic} (req. {row['section']}): checked through {evidence(row['controls'])} configuration."
    return f"{topic} (req. {row['section']}): a documented process; a person verifies it."


# --- NIST SP 800-53 rev. 5: base control names (public-domain catalogue) -------------
NIST_CONTROLS = {
    "ac_2": "Account management", "ac_3": "Access enforcement", "ac_4": "Information flow enforcement",
    "ac_5": "Separation of duties", "ac_6": "Least privilege", "ac_7": "Unsuccessful logon attempts",
    "ac_16": "Security and privacy attributes", "ac_17": "Remote access",
    "ac_24": "Access control decisions", "au_2": "Event logging", "au_3": "Content of audit records",
    "au_4": "Audit log storage capacity", "au_6": "Audit record review, analysis and reporting",
    "au_7": "Audit record reduction and report generation", "au_8": "Time stamps",
    "au_9": "Protection of audit information", "au_11": "Audit record retention",
    "au_12": "Audit record generation", "au_14": "Session audit", "ca_2": "Control assessments",
    "ca_7": "Continuous monitoring", "ca_9": "Internal system connections",
    "cm_2": "Baseline configuration", "cm_3": "Configuration change control",
    "cm_5": "Access restrictions for change", "cm_6": "Configuration settings",
    "cm_7": "Least functionality", "cm_8": "System component inventory",
    "cm_9": "Configuration management plan", "cm_12": "Information location",
    "cp_1": "Contingency planning policy and procedures", "cp_2": "Contingency plan",
    "cp_6": "Alternate storage site", "cp_9": "System backup",
    "cp_10": "System recovery and reconstitution",
    "ia_2": "Identification and authentication of organisational users",
    "ia_3": "Device identification and authentication", "ia_4": "Identifier management",
    "ia_5": "Authenticator management",
    "ia_8": "Identification and authentication of non-organisational users",
    "ir_4": "Incident handling", "ma_4": "Nonlocal maintenance",
    "pe_6": "Monitoring physical access", "pm_11": "Mission and business process definition",
    "pm_14": "Testing, training and monitoring", "pm_17": "Protecting controlled information on external systems",
    "pm_21": "Accounting of disclosures", "ra_1": "Risk assessment policy and procedures",
    "ra_3": "Risk assessment", "ra_5": "Vulnerability monitoring and scanning",
    "ra_10": "Threat hunting", "sa_1": "System and services acquisition policy and procedures",
    "sa_9": "External system services", "sa_10": "Developer configuration management",
    "sa_15": "Development process, standards and tools", "sc_5": "Denial-of-service protection",
    "sc_7": "Boundary protection", "sc_8": "Transmission confidentiality and integrity",
    "sc_12": "Cryptographic key establishment and management", "sc_13": "Cryptographic protection",
    "sc_16": "Transmission of security and privacy attributes", "sc_23": "Session authenticity",
    "sc_28": "Protection of information at rest", "sc_36": "Distributed processing and storage",
    "sc_43": "Usage restrictions", "si_1": "System and information integrity policy and procedures",
    "si_2": "Flaw remediation", "si_3": "Malicious code protection", "si_4": "System monitoring",
    "si_5": "Security alerts, advisories and directives",
    "si_7": "Software, firmware and information integrity", "si_10": "Information input validation",
    "si_13": "Predictable failure prevention", "si_19": "De-identification",
}


def nist_label(req: str) -> str:
    """ac_2_3_a -> AC-2 (3)(a): numbers after the base control are enhancements, letters items."""
    parts = req.split("_")
    base = f"{parts[0].upper()}-{parts[1]}" if len(parts) > 1 else parts[0].upper()
    rest = "".join(f"({p})" for p in parts[2:])
    return f"{base}{(' ' + rest) if rest else ''}"


def nist_description(row: dict) -> str:
    parts = row["requirement"].split("_")
    name = NIST_CONTROLS.get("_".join(parts[:2]), row["section"])
    how = f"checked through {evidence(row['controls'])} configuration" if row["controls"] else "a person verifies it"
    return f"{name}, {nist_label(row['requirement'])}: {how}."


# --- HIPAA Security Rule ------------------------------------------------------------
HIPAA = {
    "164_308_a_1_ii_a": "Risk analysis: know where ePHI lives and what threatens it (recording and threat detection on).",
    "164_308_a_1_ii_b": "Risk management: reduce identified risks (encryption, no public exposure, least privilege).",
    "164_308_a_1_ii_d": "Information system activity review: activity is logged so it can be reviewed.",
    "164_308_a_3_i": "Workforce security: only authorised people reach ePHI; nothing is public.",
    "164_308_a_3_ii_a": "Authorisation and supervision of workforce access.",
    "164_308_a_3_ii_b": "Workforce clearance: access matches each person's role.",
    "164_308_a_3_ii_c": "Termination: access of people who left or stopped using it is removed.",
    "164_308_a_4_i": "Information access management: access is granted by policy, not by default.",
    "164_308_a_4_ii_a": "Isolate clearinghouse functions from the rest of the organisation.",
    "164_308_a_4_ii_b": "Access authorisation: grants are deliberate and scoped.",
    "164_308_a_4_ii_c": "Access establishment and modification: credentials are reviewed and rotated.",
    "164_308_a_5_ii_b": "Protection from malicious software.",
    "164_308_a_5_ii_c": "Log-in monitoring: failed and unusual sign-ins are detected.",
    "164_308_a_5_ii_d": "Password management: strong, rotated credentials.",
    "164_308_a_6_i": "Security incident procedures: incidents are detected.",
    "164_308_a_6_ii": "Incident response and reporting: findings reach responders.",
    "164_308_a_7_i": "Contingency plan: data and systems can be restored.",
    "164_308_a_7_ii_a": "Data backup plan: ePHI has retrievable copies.",
    "164_308_a_7_ii_b": "Disaster recovery plan: data survives the loss of a site or resource.",
    "164_308_a_7_ii_c": "Emergency mode operation: critical services keep running.",
    "164_308_a_8": "Evaluation: safeguards are assessed periodically.",
    "164_312_a_1": "Access control: technical limits on who can reach ePHI.",
    "164_312_a_2_i": "Unique user identification: no shared or root credentials in daily use.",
    "164_312_a_2_ii": "Emergency access procedure: ePHI stays reachable in an emergency.",
    "164_312_a_2_iv": "Encryption and decryption of ePHI at rest.",
    "164_312_b": "Audit controls: activity on systems holding ePHI is recorded.",
    "164_312_c_1": "Integrity: ePHI is protected from improper change or destruction.",
    "164_312_c_2": "Mechanism to authenticate ePHI: tampering is detectable.",
    "164_312_d": "Person or entity authentication: identities are verified (MFA, strong passwords).",
    "164_312_e_1": "Transmission security: ePHI is protected on networks.",
    "164_312_e_2_i": "Integrity controls for ePHI in transit.",
    "164_312_e_2_ii": "Encryption of ePHI in transit.",
}

# --- SOC 2 (2017 Trust Services Criteria) -------------------------------------------
SOC2 = {
    "cc_1_3": "Structures, reporting lines and authorities are defined (access through roles and groups).",
    "cc_2_1": "Relevant, quality information supports internal control (activity recording).",
    "cc_3_1": "Objectives are clear enough to identify risks (threat detection and posture tools on).",
    "cc_3_2": "Risks are identified and analysed (patching, threat findings).",
    "cc_3_3": "The potential for fraud is considered.",
    "cc_3_4": "Changes that affect internal control are identified.",
    "cc_4_2": "Control deficiencies are evaluated and communicated.",
    "cc_5_2": "General controls over technology are selected and developed.",
    "cc_6_1": "Logical access security protects information assets.",
    "cc_6_2": "Users are registered and authorised before access is granted.",
    "cc_6_3": "Access is granted, changed and removed by role and least privilege.",
    "cc_6_6": "Threats from outside the system boundary are blocked.",
    "cc_6_7": "Transmission and movement of information is restricted and protected.",
    "cc_6_8": "Unauthorised or malicious software is prevented or detected.",
    "cc_7_1": "Configuration changes and new vulnerabilities are detected.",
    "cc_7_2": "System components are monitored for anomalies.",
    "cc_7_3": "Security events are evaluated to decide whether they are incidents.",
    "cc_7_4": "Security incidents are responded to.",
    "cc_7_5": "The system recovers from security incidents.",
    "cc_8_1": "Changes to infrastructure and software are authorised and controlled.",
    "cc_a_1_1": "Processing capacity is monitored and managed (availability).",
    "cc_c_1_1": "Confidential information is identified and protected (confidentiality).",
    "cc_c_1_2": "Confidential information is disposed of as intended (confidentiality).",
    "pi_1_2": "Inputs are complete and accurate (processing integrity).",
    "pi_1_3": "Processing is complete, accurate and timely (processing integrity).",
    "pi_1_4": "Outputs are complete, accurate and delivered as intended (processing integrity).",
    "pi_1_5": "Inputs, items in processing and outputs are stored completely and accurately.",
}

GDPR = {
    "article_25": "Data protection by design and by default: secure defaults for identities, keys and logging.",
    "article_30": "Records of processing: activity on personal data is recorded and kept.",
    "article_32": "Security of processing: encryption, integrity and resilience of personal data.",
}

# --- CIS AWS 5.0: descriptions of 3.0 are reused when the control set is the same -----
CIS5_OVERRIDES = {
    "1.5": "The root user's MFA is a hardware device.",
    "1.6": "The root user is not used for everyday work.",
    "1.10": "Users with a console password were not given access keys at setup.",
    "1.21": "The AWSCloudShellFullAccess policy is not attached to any identity.",
    "2.1.2": "S3 buckets require MFA to delete object versions.",
    "2.1.3": "Sensitive data in S3 is discovered and classified (Macie).",
    "2.2.4": "RDS databases are deployed across several Availability Zones.",
    "3.1": "A CloudTrail trail records every region.",
    "3.4": "The CloudTrail bucket logs access to itself.",
    "5.1.2": "No security group admits CIFS/SMB (TCP 445) from the internet.",
    "5.3": "No security group admits remote administration from 0.0.0.0/0.",
    "5.4": "No security group admits remote administration from ::/0.",
    "5.6": "Routes to peered VPCs are as narrow as possible.",
    "5.7": "EC2 instances require IMDSv2 session tokens for instance metadata.",
}

FRAMEWORKS = [
    # id, tsv, name, version
    ("cis-aws-5.0", "CIS Amazon Web Services Foundations Benchmark", "5.0.0"),
    ("pci-dss-4.0", "Payment Card Industry Data Security Standard", "4.0"),
    ("hipaa", "HIPAA Security Rule (45 CFR Part 164 Subpart C)", "2013"),
    ("gdpr", "General Data Protection Regulation (articles 25, 30, 32)", "2016/679"),
    ("soc2", "SOC 2 Trust Services Criteria", "2017"),
    ("nist-800-53-r5", "NIST SP 800-53 Security and Privacy Controls", "rev. 5"),
]


def read_rows(path: Path) -> list[dict]:
    rows: list[dict] = []
    with path.open(newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            controls: list[str] = []
            for c in (r["control_ids"] or "").split(","):
                c = c.strip()
                if c and c not in controls:  # the tables repeat some ids within a row
                    controls.append(c)
            rows.append({
                "requirement": r["requirement"].strip(),
                "section": r["section"].strip(),
                "assessment": r["assessment"].strip().lower(),
                "controls": controls,
            })
    return rows


def fix_known_faults(fw: str, rows: list[dict]) -> list[dict]:
    """Repairs of two faults of the reference tables, each logged on stderr."""
    if fw == "cis-aws-5.0":
        # "1.10" lost its trailing zero (spreadsheet number); it sits between 1.9 and 1.11.
        for i, r in enumerate(rows):
            if r["requirement"] == "1.1" and i > 0 and rows[i - 1]["requirement"] == "1.9":
                print("cis-aws-5.0: row after 1.9 reads 1.1; taken as 1.10", file=sys.stderr)
                r["requirement"] = "1.10"
    out: list[dict] = []
    seen: dict[str, dict] = {}
    for r in rows:
        prev = seen.get(r["requirement"])
        if prev is not None:
            if prev == r:
                print(f"{fw}: duplicate identical row {r['requirement']} dropped", file=sys.stderr)
                continue
            sys.exit(f"{fw}: requirement {r['requirement']} listed twice with different content")
        seen[r["requirement"]] = r
        out.append(r)
    return out


def describe(fw: str, row: dict, cis3: dict) -> str:
    rid = row["requirement"]
    if fw == "cis-aws-5.0":
        if rid in CIS5_OVERRIDES:
            return CIS5_OVERRIDES[rid]
        key = tuple(sorted(row["controls"]))
        if key in cis3:
            return cis3[key]
        sys.exit(f"cis-aws-5.0 {rid}: no description; add it to CIS5_OVERRIDES")
    table = {"hipaa": HIPAA, "soc2": SOC2, "gdpr": GDPR}.get(fw)
    if table is not None:
        if rid not in table:
            sys.exit(f"{fw} {rid}: no description; add it to the table")
        return table[rid]
    if fw == "pci-dss-4.0":
        return pci_description(row)
    return nist_description(row)


def natural_key(rid: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"[._]", rid)]


def yaml_str(s: str) -> str:
    # Quote every scalar that YAML could read as something other than the string we mean.
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(fw: str, name: str, version: str, rows: list[dict], cis3: dict) -> str:
    lines = [
        f"# Generated by scripts/gen_frameworks.py from the team's reference table {fw}.tsv;",
        "# edit the script, not this file.",
        f"id: {fw}",
        f"name: {yaml_str(name)}",
        f"version: {yaml_str(version)}",
        "requirements:",
    ]
    for r in rows:
        lines += [
            f"  - id: {yaml_str(r['requirement'])}",
            f"    section: {yaml_str(r['section'])}",
            f"    description: {yaml_str(describe(fw, r, cis3))}",
            f"    assessment: {r['assessment']}",
            f"    controls: [{', '.join(r['controls'])}]",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, default=REPO / "scripts/reference/frameworks")
    ap.add_argument("--out", type=Path, default=REPO / "controls/frameworks")
    args = ap.parse_args()

    cis3_doc = yaml.safe_load((args.out / "cis-aws-3.0.yaml").read_text())
    cis3 = {tuple(sorted(r["controls"])): r["description"] for r in cis3_doc["requirements"]}
    for fw, name, version in FRAMEWORKS:
        rows = fix_known_faults(fw, read_rows(args.reference / f"{fw}.tsv"))
        if fw == "cis-aws-5.0":
            rows.sort(key=lambda r: natural_key(r["requirement"]))
        (args.out / f"{fw}.yaml").write_text(render(fw, name, version, rows, cis3))
        auto = sum(1 for r in rows if r["assessment"] == "automated")
        print(f"{fw}: {len(rows)} requirements ({auto} automated)")


if __name__ == "__main__":
    main()
