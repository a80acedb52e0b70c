# One role per function, each with only what that function does. Role names are fixed
# so that target accounts' trust policies can name them.

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

locals {
  table_resources = [aws_dynamodb_table.table.arn, "${aws_dynamodb_table.table.arn}/index/*"]
  target_roles    = "arn:${local.partition}:iam::*:role/${var.target_role_name_pattern}"
  forward_roles   = "arn:${local.partition}:iam::*:role/${var.target_role_name_pattern}-forward-events"
  # Roles of the listed accounts (and this one) may be assumed when accounts are listed,
  # or when there is no Organization to name them by.
  has_listed_accounts = local.has_member_accounts || !local.has_organization
  listed_accounts     = concat([local.account], var.member_account_ids)
}

# What the scheduler, worker and onboard roles share: target roles only in accounts of the
# Organization or the listed accounts (whatever a registration says), and the key the
# ExternalIds are derived from. Merged into each role's document.
data "aws_iam_policy_document" "target_access" {
  dynamic "statement" {
    for_each = local.has_organization ? [1] : []
    content {
      sid       = "TargetRolesInOrganization"
      actions   = ["sts:AssumeRole"]
      resources = [local.target_roles]
      condition {
        test     = "StringEquals"
        variable = "aws:ResourceOrgID"
        values   = [var.organization_id]
      }
    }
  }
  dynamic "statement" {
    for_each = local.has_listed_accounts ? [1] : []
    content {
      sid       = "TargetRolesInListedAccounts"
      actions   = ["sts:AssumeRole"]
      resources = [local.target_roles]
      condition {
        test     = "StringEquals"
        variable = "aws:ResourceAccount"
        values   = local.listed_accounts
      }
    }
  }
  # The ExternalIds are derived from this secret.
  statement {
    sid       = "ExternalIdKey"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.external_id_key.arn]
  }
  statement {
    sid       = "ExternalIdKeyDecrypt"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.data_key.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

# ---------------------------------------------------------------- scheduler
data "aws_iam_policy_document" "scheduler_role" {
  # Lists the enabled regions of an account registered without a region list.
  source_policy_documents = [data.aws_iam_policy_document.target_access.json]
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.scheduler_log_group.arn]
  }
  # Reads the accounts registry and running scans, creates scans.
  statement {
    sid       = "Table"
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"]
    resources = local.table_resources
  }
  statement {
    sid       = "TableKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.data_key.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.table_key_via_ddb]
    }
  }
  # Fans a scan's tasks out.
  statement {
    sid       = "ScanQueue"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.scan_queue.arn]
  }
}

resource "aws_iam_role" "scheduler_role" {
  name               = "${local.name}-scheduler-${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "scheduler_role" {
  name   = "scheduler"
  role   = aws_iam_role.scheduler_role.id
  policy = data.aws_iam_policy_document.scheduler_role.json
}

# ---------------------------------------------------------------- worker
data "aws_iam_policy_document" "worker_role" {
  # The read-only role in each target account, nothing else.
  source_policy_documents = [data.aws_iam_policy_document.target_access.json]
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.worker_log_group.arn]
  }
  # Writes resources, findings and their states, counts tasks in a transaction, removes
  # resources a rescan no longer finds.
  statement {
    sid = "Table"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
    ]
    resources = local.table_resources
  }
  statement {
    sid       = "TableKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.data_key.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.table_key_via_ddb]
    }
  }
  # Consumes its queue (event source mapping) and enqueues a collector's next page.
  statement {
    sid       = "ScanQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:SendMessage"]
    resources = [aws_sqs_queue.scan_queue.arn]
  }
}

resource "aws_iam_role" "worker_role" {
  name               = "${local.name}-worker-${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "worker_role" {
  name   = "worker"
  role   = aws_iam_role.worker_role.id
  policy = data.aws_iam_policy_document.worker_role.json
}

# ---------------------------------------------------------------- events
data "aws_iam_policy_document" "events_role" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.events_log_group.arn]
  }
  # Reads the account and its scan's LATEST pointer (GetItem), or, on tables older than
  # the pointer, the account index (Query). Writes nothing else than its rescan
  # rate-limit counters (items keyed RESCAN#...).
  statement {
    sid       = "Table"
    actions   = ["dynamodb:GetItem"]
    resources = [aws_dynamodb_table.table.arn]
  }
  statement {
    sid       = "AccountIndex"
    actions   = ["dynamodb:Query"]
    resources = ["${aws_dynamodb_table.table.arn}/index/account"]
  }
  statement {
    sid       = "RescanCounters"
    actions   = ["dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.table.arn]
    condition {
      test     = "ForAllValues:StringLike"
      variable = "dynamodb:LeadingKeys"
      values   = ["RESCAN#*"]
    }
  }
  statement {
    sid       = "TableKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.data_key.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.table_key_via_ddb]
    }
  }
  statement {
    sid       = "EventsQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.events_queue.arn]
  }
  # Enqueues single-resource rescans.
  statement {
    sid       = "ScanQueue"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.scan_queue.arn]
  }
  dynamic "statement" {
    for_each = local.has_trail_bucket ? [1] : []
    content {
      sid       = "TrailLogs"
      actions   = ["s3:GetObject"]
      resources = ["arn:${local.partition}:s3:::${var.cloudtrail_bucket_name}/*"]
    }
  }
  dynamic "statement" {
    for_each = local.has_trail_key ? [1] : []
    content {
      sid       = "TrailLogsKey"
      actions   = ["kms:Decrypt"]
      resources = [var.cloudtrail_kms_key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${local.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "events_role" {
  name               = "${local.name}-events-${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "events_role" {
  name   = "events"
  role   = aws_iam_role.events_role.id
  policy = data.aws_iam_policy_document.events_role.json
}

# ---------------------------------------------------------------- onboard
data "aws_iam_policy_document" "onboard_role" {
  # Proves a registration: assumes the role it names with the derived ExternalId.
  source_policy_documents = [data.aws_iam_policy_document.target_access.json]
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.onboard_log_group.arn]
  }
  # Registers, updates and removes one account item; no index reads.
  statement {
    sid       = "Table"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
    resources = [aws_dynamodb_table.table.arn]
  }
  statement {
    sid       = "TableKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.data_key.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.table_key_via_ddb]
    }
  }
}

resource "aws_iam_role" "onboard_role" {
  name               = "${local.name}-onboard-${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "onboard_role" {
  name   = "onboard"
  role   = aws_iam_role.onboard_role.id
  policy = data.aws_iam_policy_document.onboard_role.json
}
