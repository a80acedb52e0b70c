# The regional part of a target account: the Terraform flavour of
# infra/cloudformation/target-account-region.yml. Use it once per region, with a provider
# of that region (us-east-1 included: IAM and other global services deliver their events
# there). The target-account module uses it for its own region.

variable "scanner_event_bus_arn" {
  description = "event_bus_arn output of the scanner."
  type        = string
}

variable "role_name" {
  description = "role_name of the target-account module; the forwarding role is <role_name>-forward-events."
  type        = string
  default     = "parapet-scan"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# Only successful calls of the services parapet collects: the scanner drops everything
# else anyway. EventBridge delivers CloudTrail's write (not read-only) management events
# to rules in the default state.
resource "aws_cloudwatch_event_rule" "forward_rule" {
  name        = "parapet-forward-cloudtrail"
  description = "CloudTrail write events of scanned services, to the parapet scanner"
  event_pattern = jsonencode({
    detail-type = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = [
        "access-analyzer.amazonaws.com",
        "acm.amazonaws.com",
        "apigateway.amazonaws.com",
        "appsync.amazonaws.com",
        "athena.amazonaws.com",
        "autoscaling.amazonaws.com",
        "backup.amazonaws.com",
        "bedrock.amazonaws.com",
        "cloudfront.amazonaws.com",
        "cloudtrail.amazonaws.com",
        "codebuild.amazonaws.com",
        "config.amazonaws.com",
        "datasync.amazonaws.com",
        "dax.amazonaws.com",
        "dms.amazonaws.com",
        "dynamodb.amazonaws.com",
        "ec2.amazonaws.com",
        "ecr.amazonaws.com",
        "ecs.amazonaws.com",
        "eks.amazonaws.com",
        "elasticache.amazonaws.com",
        "elasticbeanstalk.amazonaws.com",
        "elasticfilesystem.amazonaws.com",
        "elasticloadbalancing.amazonaws.com",
        "elasticmapreduce.amazonaws.com",
        "es.amazonaws.com",
        "events.amazonaws.com",
        "fsx.amazonaws.com",
        "glacier.amazonaws.com",
        "glue.amazonaws.com",
        "guardduty.amazonaws.com",
        "iam.amazonaws.com",
        "kafka.amazonaws.com",
        "kafkaconnect.amazonaws.com",
        "kinesis.amazonaws.com",
        "kms.amazonaws.com",
        "lambda.amazonaws.com",
        "logs.amazonaws.com",
        "macie2.amazonaws.com",
        "monitoring.amazonaws.com",
        "mq.amazonaws.com",
        "network-firewall.amazonaws.com",
        "organizations.amazonaws.com",
        "rds.amazonaws.com",
        "redshift.amazonaws.com",
        "route53.amazonaws.com",
        "s3.amazonaws.com",
        "sagemaker.amazonaws.com",
        "schemas.amazonaws.com",
        "secretsmanager.amazonaws.com",
        "securityhub.amazonaws.com",
        "servicecatalog.amazonaws.com",
        "shield.amazonaws.com",
        "sns.amazonaws.com",
        "sqs.amazonaws.com",
        "ssm.amazonaws.com",
        "states.amazonaws.com",
        "transfer.amazonaws.com",
        "waf-regional.amazonaws.com",
        "waf.amazonaws.com",
        "wafv2.amazonaws.com",
      ]
      errorCode = [{ exists = false }]
    }
  })
}

resource "aws_cloudwatch_event_target" "forward_rule" {
  rule      = aws_cloudwatch_event_rule.forward_rule.name
  target_id = "parapet-scanner-bus"
  arn       = var.scanner_event_bus_arn
  role_arn  = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/${var.role_name}-forward-events"
}

output "rule_arn" {
  value = aws_cloudwatch_event_rule.forward_rule.arn
}
