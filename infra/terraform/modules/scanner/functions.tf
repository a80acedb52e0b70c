# The four functions, their SQS triggers and who may invoke the onboard function.

resource "aws_lambda_function" "scheduler_function" {
  # checkov:skip=CKV_AWS_117:The functions only call public AWS APIs; a VPC would add NAT or endpoints and no protection.
  # checkov:skip=CKV_AWS_116:Invoked asynchronously by the schedule rule, whose target has its own dead-letter queue and retry policy.
  # checkov:skip=CKV_AWS_173:The environment holds names, numbers and at most a secret's ARN, never a secret; Lambda encrypts it at rest with an AWS key.
  # checkov:skip=CKV_AWS_50:X-Ray tracing is optional telemetry; the functions log to CloudWatch and the flavours stay equal.
  # checkov:skip=CKV_AWS_272:Code signing needs a signing profile the user owns; the zips come from the user's own bucket.
  function_name = "${local.name}-scheduler"
  description   = "Starts a scan of every registered account and fans its tasks out"
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  architectures = [var.architecture]
  s3_bucket     = var.code_bucket
  s3_key        = var.scheduler_code_key
  role          = aws_iam_role.scheduler_role.arn
  memory_size   = 256
  timeout       = 300
  # One scheduler at a time: two concurrent runs would start two scans.
  reserved_concurrent_executions = 1
  environment {
    variables = merge(local.common_env, local.external_id_key_env, {
      PARAPET_STUCK_SCAN_MINUTES = tostring(var.stuck_scan_minutes)
    })
  }
  depends_on = [aws_cloudwatch_log_group.scheduler_log_group]
}

resource "aws_lambda_function" "worker_function" {
  # checkov:skip=CKV_AWS_117:The functions only call public AWS APIs; a VPC would add NAT or endpoints and no protection.
  # checkov:skip=CKV_AWS_116:SQS-triggered: failed messages go to the scan queue's dead-letter queue, not to a function DLQ.
  # checkov:skip=CKV_AWS_173:The environment holds names, numbers and at most a secret's ARN, never a secret; Lambda encrypts it at rest with an AWS key.
  # checkov:skip=CKV_AWS_50:X-Ray tracing is optional telemetry; the functions log to CloudWatch and the flavours stay equal.
  # checkov:skip=CKV_AWS_272:Code signing needs a signing profile the user owns; the zips come from the user's own bucket.
  function_name                  = "${local.name}-worker"
  description                    = "Runs scan tasks - collects a region's resources and evaluates controls"
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = [var.architecture]
  s3_bucket                      = var.code_bucket
  s3_key                         = var.worker_code_key
  role                           = aws_iam_role.worker_role.arn
  memory_size                    = var.worker_memory
  timeout                        = 900
  reserved_concurrent_executions = var.worker_concurrency
  environment {
    variables = merge(local.common_env, local.external_id_key_env, {
      PARAPET_STUCK_SCAN_MINUTES = tostring(var.stuck_scan_minutes)
    })
  }
  depends_on = [aws_cloudwatch_log_group.worker_log_group]
}

resource "aws_lambda_function" "events_function" {
  # checkov:skip=CKV_AWS_117:The functions only call public AWS APIs; a VPC would add NAT or endpoints and no protection.
  # checkov:skip=CKV_AWS_116:SQS-triggered: failed messages go to the events queue's dead-letter queue, not to a function DLQ.
  # checkov:skip=CKV_AWS_173:The environment holds names, numbers and at most a secret's ARN, never a secret; Lambda encrypts it at rest with an AWS key.
  # checkov:skip=CKV_AWS_50:X-Ray tracing is optional telemetry; the functions log to CloudWatch and the flavours stay equal.
  # checkov:skip=CKV_AWS_272:Code signing needs a signing profile the user owns; the zips come from the user's own bucket.
  function_name                  = "${local.name}-events"
  description                    = "Turns CloudTrail write events into single-resource rescans"
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = [var.architecture]
  s3_bucket                      = var.code_bucket
  s3_key                         = var.events_code_key
  role                           = aws_iam_role.events_role.arn
  memory_size                    = 256
  timeout                        = 120
  reserved_concurrent_executions = 5
  environment {
    variables = merge(local.common_env, {
      PARAPET_RESCAN_DELAY_SECONDS = tostring(var.rescan_delay_seconds)
    })
  }
  depends_on = [aws_cloudwatch_log_group.events_log_group]
}

resource "aws_lambda_function" "onboard_function" {
  # checkov:skip=CKV_AWS_117:The functions only call public AWS APIs; a VPC would add NAT or endpoints and no protection.
  # checkov:skip=CKV_AWS_116:Invoked by CloudFormation, which reports a failure on the caller's stack; a DLQ would hide it.
  # checkov:skip=CKV_AWS_173:The environment holds names, numbers and at most a secret's ARN, never a secret; Lambda encrypts it at rest with an AWS key.
  # checkov:skip=CKV_AWS_50:X-Ray tracing is optional telemetry; the functions log to CloudWatch and the flavours stay equal.
  # checkov:skip=CKV_AWS_272:Code signing needs a signing profile the user owns; the zips come from the user's own bucket.
  function_name                  = "${local.name}-onboard"
  description                    = "Custom resource that registers a target account"
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = [var.architecture]
  s3_bucket                      = var.code_bucket
  s3_key                         = var.onboard_code_key
  role                           = aws_iam_role.onboard_role.arn
  memory_size                    = 128
  # The role check retries for up to 60 s (a new role takes seconds to be assumable).
  timeout                        = 120
  reserved_concurrent_executions = 5
  environment {
    variables = merge(local.common_env, local.external_id_key_env)
  }
  depends_on = [aws_cloudwatch_log_group.onboard_log_group]
}

# ReportBatchItemFailures: the functions answer with the failed message ids, so one bad
# task is redelivered (and dead-lettered) alone.
resource "aws_lambda_event_source_mapping" "worker_queue_mapping" {
  function_name           = aws_lambda_function.worker_function.arn
  event_source_arn        = aws_sqs_queue.scan_queue.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
  scaling_config {
    maximum_concurrency = var.worker_concurrency
  }
}

resource "aws_lambda_event_source_mapping" "events_queue_mapping" {
  function_name = aws_lambda_function.events_function.arn
  event_source_arn = aws_sqs_queue.events_queue.arn
  # Up to 100 events, gathered for 5 seconds, so bursts of changes to one resource dedupe
  # into one rescan.
  batch_size                         = 100
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]
  scaling_config {
    maximum_concurrency = 5
  }
}

# Target accounts' stacks invoke the onboard function as a custom resource. Only the
# Organization's accounts or the listed ones may.
resource "aws_lambda_permission" "onboard_organization_permission" {
  # checkov:skip=CKV_AWS_301:Principal "*" is narrowed by principal_org_id to the Organization's accounts, which must register themselves.
  count            = local.has_organization ? 1 : 0
  function_name    = aws_lambda_function.onboard_function.function_name
  action           = "lambda:InvokeFunction"
  principal        = "*"
  principal_org_id = var.organization_id
}

# The template needs one permission per list slot (OnboardAccount1..5Permission);
# Terraform loops.
resource "aws_lambda_permission" "onboard_account_permission" {
  for_each      = toset(var.member_account_ids)
  function_name = aws_lambda_function.onboard_function.function_name
  action        = "lambda:InvokeFunction"
  principal     = each.value
}
