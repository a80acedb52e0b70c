output "event_bus_arn" {
  description = "Target accounts forward CloudTrail write events here (scanner_event_bus_arn of the target-account module)."
  value       = aws_cloudwatch_event_bus.event_bus.arn
}

output "onboard_function_arn" {
  description = "ServiceToken of the registration custom resource (onboard_function_arn of the target-account module)."
  value       = aws_lambda_function.onboard_function.arn
}

output "table_name" {
  value = aws_dynamodb_table.table.name
}

output "scan_queue_url" {
  value = aws_sqs_queue.scan_queue.url
}

output "scan_dead_letter_queue_url" {
  value = aws_sqs_queue.scan_dead_letter_queue.url
}

output "events_queue_url" {
  value = aws_sqs_queue.events_queue.url
}

output "events_dead_letter_queue_url" {
  value = aws_sqs_queue.events_dead_letter_queue.url
}

output "schedule_dead_letter_queue_url" {
  value = aws_sqs_queue.schedule_dead_letter_queue.url
}

output "scanner_role_arns" {
  description = "The roles that assume target accounts' read-only roles."
  value       = join(",", [aws_iam_role.worker_role.arn, aws_iam_role.scheduler_role.arn, aws_iam_role.onboard_role.arn])
}

output "external_id_key_arn" {
  description = "The secret target accounts' ExternalIds are derived from (parapet accounts external-id --key-secret-arn)."
  value       = aws_secretsmanager_secret.external_id_key.arn
}
