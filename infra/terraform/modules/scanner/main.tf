# parapet's serverless installation in the scanner account: the Terraform flavour of
# infra/cloudformation/scanner.yml, resource for resource (resource names are the
# template's logical ids in snake_case; infra/tests/test_parity.py keeps them in step).

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  region    = data.aws_region.current.name
  partition = data.aws_partition.current.partition
  name      = "${var.name_prefix}parapet"
  functions = ["scheduler", "worker", "events", "onboard"]
  # The same variables as the CloudFormation flavour, per function.
  common_env = {
    PARAPET_TABLE          = aws_dynamodb_table.table.name
    PARAPET_SCAN_QUEUE_URL = aws_sqs_queue.scan_queue.url
    PARAPET_MAX_RECEIVE    = tostring(var.max_receive_count)
    PARAPET_LOG            = var.log_level
  }
  has_organization    = var.organization_id != ""
  has_member_accounts = length(var.member_account_ids) > 0
  has_trail_bucket    = var.cloudtrail_bucket_name != ""
  has_trail_key       = local.has_trail_bucket && var.cloudtrail_kms_key_arn != ""
  table_key_via_ddb   = "dynamodb.${data.aws_region.current.name}.amazonaws.com"
}

# ------------------------------------------------------------------ encryption key
# One customer managed key for the table and the log groups, so that access to the
# stored findings is also governed (and logged) by a key policy, not only by IAM.
data "aws_iam_policy_document" "data_key" {
  # checkov:skip=CKV_AWS_111:A key policy's Resource "*" means this key only; administration stays with the account's IAM.
  # checkov:skip=CKV_AWS_109:A key policy's Resource "*" means this key only; administration stays with the account's IAM.
  # checkov:skip=CKV_AWS_356:A key policy's Resource "*" means this key only; administration stays with the account's IAM.
  # Key administration stays with the account (IAM policies decide who).
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }
  # CloudWatch Logs encrypts this installation's log groups with it.
  statement {
    sid       = "LogsEncryptParapetLogGroups"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account}:log-group:/aws/lambda/${local.name}-*"]
    }
  }
}

resource "aws_kms_key" "data_key" {
  description         = "parapet table encryption"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.data_key.json
}

resource "aws_kms_alias" "data_key_alias" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.data_key.key_id
}

# ------------------------------------------------------------------ table
resource "aws_dynamodb_table" "table" {
  name         = local.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
  attribute {
    name = "list_pk"
    type = "S"
  }
  attribute {
    name = "list_sk"
    type = "S"
  }
  attribute {
    name = "account_id"
    type = "S"
  }

  # Both indexes are sparse (only scans and accounts carry their keys) and project
  # everything, because every read fetches whole items.
  global_secondary_index {
    name            = "list"
    hash_key        = "list_pk"
    range_key       = "list_sk"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "account"
    hash_key        = "account_id"
    range_key       = "list_sk"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data_key.arn
  }

  # The scan history outlives a mistaken destroy, as DeletionPolicy: Retain does in the template.
  lifecycle {
    prevent_destroy = true
  }
}

# ------------------------------------------------------------------ queues
# Visibility timeouts are six times the consuming function's timeout, AWS's advice for
# SQS event sources. Encrypted with SQS-managed keys: a customer key would have to
# trust EventBridge and S3, for messages that hold ids only.
resource "aws_sqs_queue" "scan_dead_letter_queue" {
  # checkov:skip=CKV_AWS_27:Encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer key would have to trust EventBridge and S3, for messages that hold ids only.
  name                      = "${local.name}-scan-tasks-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "scan_queue" {
  # checkov:skip=CKV_AWS_27:Encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer key would have to trust EventBridge and S3, for messages that hold ids only.
  name                       = "${local.name}-scan-tasks"
  visibility_timeout_seconds = 5400
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.scan_dead_letter_queue.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue" "events_dead_letter_queue" {
  # checkov:skip=CKV_AWS_27:Encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer key would have to trust EventBridge and S3, for messages that hold ids only.
  name                      = "${local.name}-events-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "events_queue" {
  # checkov:skip=CKV_AWS_27:Encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer key would have to trust EventBridge and S3, for messages that hold ids only.
  name                       = "${local.name}-events"
  visibility_timeout_seconds = 720
  message_retention_seconds  = 86400
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dead_letter_queue.arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Who may put messages on the events queue: the forwarding rule of our bus, and, when a
# trail bucket is given, that bucket's S3 notifications.
data "aws_iam_policy_document" "events_queue_policy" {
  statement {
    sid       = "ForwardingRule"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events_queue.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.cloud_trail_events_rule.arn]
    }
  }
  dynamic "statement" {
    for_each = local.has_trail_bucket ? [1] : []
    content {
      sid       = "TrailLogNotifications"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.events_queue.arn]
      principals {
        type        = "Service"
        identifiers = ["s3.amazonaws.com"]
      }
      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:s3:::${var.cloudtrail_bucket_name}"]
      }
    }
  }
}

resource "aws_sqs_queue_policy" "events_queue_policy" {
  queue_url = aws_sqs_queue.events_queue.id
  policy    = data.aws_iam_policy_document.events_queue_policy.json
}

# ------------------------------------------------------------------ event bus
resource "aws_cloudwatch_event_bus" "event_bus" {
  name = local.name
}

# Only the Organization's accounts, or the listed accounts, may put events on the bus.
# Terraform keeps a bus's whole policy in one resource: the template's two statements
# (OrganizationBusPolicy, AccountsBusPolicy) are the two statements of this one.
data "aws_iam_policy_document" "bus_policy" {
  dynamic "statement" {
    for_each = local.has_organization ? [1] : []
    content {
      sid       = "${local.name}-organization"
      actions   = ["events:PutEvents"]
      resources = [aws_cloudwatch_event_bus.event_bus.arn]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = [var.organization_id]
      }
    }
  }
  dynamic "statement" {
    for_each = local.has_member_accounts ? [1] : []
    content {
      sid       = "${local.name}-accounts"
      actions   = ["events:PutEvents"]
      resources = [aws_cloudwatch_event_bus.event_bus.arn]
      principals {
        type        = "AWS"
        identifiers = var.member_account_ids
      }
    }
  }
}

resource "aws_cloudwatch_event_bus_policy" "bus_policy" {
  count          = local.has_organization || local.has_member_accounts ? 1 : 0
  event_bus_name = aws_cloudwatch_event_bus.event_bus.name
  policy         = data.aws_iam_policy_document.bus_policy.json
}

# Forwarded events are already write calls (the target accounts' rules filter them);
# matching the detail-type again keeps anything else off the queue.
resource "aws_cloudwatch_event_rule" "cloud_trail_events_rule" {
  name           = "${local.name}-cloudtrail-to-events"
  description    = "CloudTrail write events forwarded by target accounts, to the events queue"
  event_bus_name = aws_cloudwatch_event_bus.event_bus.name
  event_pattern = jsonencode({
    detail-type = ["AWS API Call via CloudTrail"]
  })
}

resource "aws_cloudwatch_event_target" "cloud_trail_events_rule" {
  rule           = aws_cloudwatch_event_rule.cloud_trail_events_rule.name
  event_bus_name = aws_cloudwatch_event_bus.event_bus.name
  target_id      = "events-queue"
  arn            = aws_sqs_queue.events_queue.arn
}

# ------------------------------------------------------------------ schedule
resource "aws_cloudwatch_event_rule" "schedule_rule" {
  name                = "${local.name}-daily-scan"
  description         = "Full scan of every registered account"
  schedule_expression = var.schedule_expression
}

resource "aws_cloudwatch_event_target" "schedule_rule" {
  rule      = aws_cloudwatch_event_rule.schedule_rule.name
  target_id = "scheduler"
  arn       = aws_lambda_function.scheduler_function.arn
  # A failed invocation is retried for an hour, then kept on a queue of its own (not
  # the scan DLQ, whose messages may be moved back to the scan queue) so a missed scan
  # is visible.
  retry_policy {
    maximum_retry_attempts       = 4
    maximum_event_age_in_seconds = 3600
  }
  dead_letter_config {
    arn = aws_sqs_queue.schedule_dead_letter_queue.arn
  }
}

resource "aws_lambda_permission" "schedule_permission" {
  function_name = aws_lambda_function.scheduler_function.function_name
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule_rule.arn
}

resource "aws_sqs_queue" "schedule_dead_letter_queue" {
  # checkov:skip=CKV_AWS_27:Encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer key would have to trust EventBridge and S3, for messages that hold ids only.
  name                      = "${local.name}-schedule-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# Only the schedule rule may put its dead letters there.
data "aws_iam_policy_document" "schedule_dead_letter_queue_policy" {
  statement {
    sid       = "ScheduleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dead_letter_queue.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.schedule_rule.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "schedule_dead_letter_queue_policy" {
  queue_url = aws_sqs_queue.schedule_dead_letter_queue.id
  policy    = data.aws_iam_policy_document.schedule_dead_letter_queue_policy.json
}

# ------------------------------------------------------------------ log groups
# Created here, not by Lambda on first run, so they have a retention and the functions
# need no logs:CreateLogGroup.
resource "aws_cloudwatch_log_group" "scheduler_log_group" {
  name              = "/aws/lambda/${local.name}-scheduler"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data_key.arn
}

resource "aws_cloudwatch_log_group" "worker_log_group" {
  name              = "/aws/lambda/${local.name}-worker"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data_key.arn
}

resource "aws_cloudwatch_log_group" "events_log_group" {
  name              = "/aws/lambda/${local.name}-events"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data_key.arn
}

resource "aws_cloudwatch_log_group" "onboard_log_group" {
  name              = "/aws/lambda/${local.name}-onboard"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data_key.arn
}
