output "scan_role_arn" {
  value = aws_cloudformation_stack.scan_role.outputs["ScanRoleArn"]
}

output "forward_role_arn" {
  value = local.forward ? aws_iam_role.forward_role[0].arn : null
}
