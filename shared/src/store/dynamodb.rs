//! The serverless store: one DynamoDB table. The item layout is in `docs/storage.md`.

use super::{
    failure_line, more_failures_line, task_error_detail, FindingQuery, RescanAdmission, Store,
    Tags, TaskProgress, MAX_FAILURES_ON_SCAN,
};
use crate::aws::describe;
use crate::model::{Account, Finding, Mask, MuteRule, Resource, Scan, ScanState, ScanSummary};
use anyhow::{anyhow, bail, Context};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, CancellationReason, DeleteRequest,
    GlobalSecondaryIndex, KeySchemaElement, KeyType, KeysAndAttributes, Projection, ProjectionType,
    Put, PutRequest, ReturnValue, ScalarAttributeType, TimeToLiveSpecification, TransactWriteItem,
    Update, WriteRequest,
};
use aws_sdk_dynamodb::Client;
use chrono::Utc;
use std::collections::HashMap;
use std::time::Duration;

type Item = HashMap<String, AttributeValue>;

/// DynamoDB refuses items over 400 KB; documents above this are trimmed before writing.
const MAX_DOC_BYTES: usize = 350 * 1024;
/// BatchWriteItem and BatchGetItem limits.
const WRITE_BATCH: usize = 25;
const GET_BATCH: usize = 100;
/// Rounds of UnprocessedItems retries before a write is reported failed.
const BATCH_ROUNDS: u32 = 10;
/// The sparse index listing scans (newest last) and accounts (by id).
const LIST_INDEX: &str = "list";
/// The sparse index of one account's scans, in time order.
const ACCOUNT_INDEX: &str = "account";
/// The sort key of an account's pointer to its newest scan.
const LATEST_SCAN: &str = "LATEST_SCAN";

pub struct DynamoStore {
    client: Client,
    table: String,
    /// Scan history (the scan, its tasks, resources and findings) expires this long after
    /// the scan started, through the table's TTL on `expires_at`.
    history: chrono::Duration,
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn key(pk: String, sk: String) -> Item {
    HashMap::from([("pk".to_string(), s(pk)), ("sk".to_string(), s(sk))])
}

fn scan_pk(scan_id: &str) -> String {
    format!("SCAN#{scan_id}")
}

fn account_pk(account_id: &str) -> String {
    format!("ACCOUNT#{account_id}")
}

/// An account's registry item: its document, its place in the account list, and the
/// registering stack as an attribute of its own for conditional writes.
fn account_item(account: &Account) -> anyhow::Result<Item> {
    let mut item = key(account_pk(&account.account_id), "ACCOUNT".into());
    item.insert("doc".into(), s(serde_json::to_string(account)?));
    item.insert("list_pk".into(), s("ACCOUNTS"));
    item.insert("list_sk".into(), s(&account.account_id));
    if let Some(stack) = &account.stack_id {
        item.insert("stack_id".into(), s(stack));
    }
    Ok(item)
}

fn finding_sk(control_id: &str, arn: &str) -> String {
    format!("FINDING#{control_id}#{arn}")
}

fn get_s<'a>(item: &'a Item, name: &str) -> anyhow::Result<&'a str> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
        .with_context(|| format!("item has no string attribute {name:?}"))
}

fn get_n(item: &Item, name: &str) -> u32 {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn doc<T: serde::de::DeserializeOwned>(item: &Item) -> anyhow::Result<T> {
    let raw = get_s(item, "doc")?;
    serde_json::from_str(raw).with_context(|| {
        format!(
            "corrupt item {:?}",
            item.get("sk").and_then(|v| v.as_s().ok())
        )
    })
}

/// When a summary's findings were read, as a fixed-width UTC string, so DynamoDB's
/// string comparison orders it in time (conditional writes compare it).
/// How many failures a scan item lists.
fn failures_listed(item: &Item) -> usize {
    item.get("failures")
        .and_then(|v| v.as_l().ok())
        .map_or(0, Vec::len)
}

fn summary_at(summary: &ScanSummary) -> String {
    summary
        .computed_at
        .unwrap_or_else(Utc::now)
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A resource's JSON, trimmed of its attributes when the item would exceed DynamoDB's
/// limit. The findings were evaluated on the full attributes before this; the stored copy
/// says it was trimmed instead of silently losing data.
fn resource_doc(r: &Resource) -> anyhow::Result<String> {
    let full = serde_json::to_string(r)?;
    if full.len() <= MAX_DOC_BYTES {
        return Ok(full);
    }
    let mut trimmed = r.clone();
    trimmed.attributes = serde_json::json!({
        "errors": {"_stored": format!(
            "attributes of {} bytes exceed the DynamoDB item limit and were not stored; findings were evaluated on the full resource",
            full.len()
        )}
    });
    Ok(serde_json::to_string(&trimmed)?)
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
            history: chrono::Duration::days(400),
        }
    }

    /// The table name for an installation's prefix (`--table-prefix`).
    pub fn table_name(prefix: &str) -> String {
        format!("{prefix}parapet")
    }

    pub fn with_history(mut self, history: chrono::Duration) -> Self {
        self.history = history;
        self
    }

    /// Creates the table as the CloudFormation template does (tests, first-time setup).
    pub async fn create_table(&self) -> anyhow::Result<()> {
        let attr = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
        };
        let key_el = |name: &str, t: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(t)
                .build()
        };
        self.client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(attr("pk")?)
            .attribute_definitions(attr("sk")?)
            .attribute_definitions(attr("list_pk")?)
            .attribute_definitions(attr("list_sk")?)
            .attribute_definitions(attr("account_id")?)
            .key_schema(key_el("pk", KeyType::Hash)?)
            .key_schema(key_el("sk", KeyType::Range)?)
            .global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(LIST_INDEX)
                    .key_schema(key_el("list_pk", KeyType::Hash)?)
                    .key_schema(key_el("list_sk", KeyType::Range)?)
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()?,
            )
            .global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(ACCOUNT_INDEX)
                    .key_schema(key_el("account_id", KeyType::Hash)?)
                    .key_schema(key_el("list_sk", KeyType::Range)?)
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()?,
            )
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot create DynamoDB table {}", self.table))?;
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .enabled(true)
                    .attribute_name("expires_at")
                    .build()?,
            )
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .context("cannot enable TTL")?;
        Ok(())
    }

    fn expires_at(&self, started: chrono::DateTime<Utc>) -> AttributeValue {
        n((started + self.history).timestamp())
    }

    async fn get(&self, pk: String, sk: String) -> anyhow::Result<Option<Item>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("DynamoDB GetItem on {}", self.table))?;
        Ok(out.item)
    }

    /// The documents of a partition's items whose sort key starts with `prefix`, each
    /// decoded as its page arrives, so only one page of raw items is held at a time.
    async fn query_docs<T: serde::de::DeserializeOwned>(
        &self,
        pk: String,
        prefix: &str,
    ) -> anyhow::Result<Vec<T>> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .expression_attribute_values(":pk", s(pk))
            .consistent_read(true);
        // DynamoDB refuses an empty string in a key condition: no prefix, whole partition.
        query = if prefix.is_empty() {
            query.key_condition_expression("pk = :pk")
        } else {
            query
                .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                .expression_attribute_values(":prefix", s(prefix))
        };
        let mut items = query.into_paginator().items().send();
        let mut docs = Vec::new();
        while let Some(item) = items.next().await {
            let item = item
                .map_err(|e| anyhow!(describe(&e)))
                .with_context(|| format!("DynamoDB Query on {}", self.table))?;
            docs.push(doc(&item)?);
        }
        Ok(docs)
    }

    /// Up to `limit` items of an index partition, highest sort key first; stops reading
    /// pages once it has them.
    async fn query_index(
        &self,
        index: &str,
        key_name: &str,
        key_value: &str,
        limit: usize,
    ) -> anyhow::Result<Vec<Item>> {
        self.query_index_from(index, key_name, key_value, None, limit)
            .await
    }

    /// `query_index`, only items whose `list_sk` is at least `min_sort` when given.
    async fn query_index_from(
        &self,
        index: &str,
        key_name: &str,
        key_value: &str,
        min_sort: Option<&str>,
        limit: usize,
    ) -> anyhow::Result<Vec<Item>> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index)
            .expression_attribute_names("#k", key_name)
            .expression_attribute_values(":v", s(key_value));
        query = match min_sort {
            Some(min) => query
                .key_condition_expression("#k = :v AND list_sk >= :min")
                .expression_attribute_values(":min", s(min)),
            None => query.key_condition_expression("#k = :v"),
        };
        let mut pages = query
            .scan_index_forward(false)
            .limit(limit.clamp(1, 100) as i32)
            .into_paginator()
            .items()
            .send();
        let mut items = Vec::new();
        while items.len() < limit {
            match pages.next().await {
                Some(item) => items.push(
                    item.map_err(|e| anyhow!(describe(&e)))
                        .with_context(|| format!("DynamoDB Query on {}/{index}", self.table))?,
                ),
                None => break,
            }
        }
        Ok(items)
    }

    /// BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff.
    async fn write_all(&self, mut requests: Vec<WriteRequest>) -> anyhow::Result<()> {
        while !requests.is_empty() {
            let rest = requests.split_off(requests.len().min(WRITE_BATCH));
            let mut pending = std::mem::replace(&mut requests, rest);
            for round in 0.. {
                let out = self
                    .client
                    .batch_write_item()
                    .request_items(&self.table, pending)
                    .send()
                    .await
                    .map_err(|e| anyhow!(describe(&e)))
                    .with_context(|| format!("DynamoDB BatchWriteItem on {}", self.table))?;
                pending = out
                    .unprocessed_items
                    .and_then(|mut m| m.remove(&self.table))
                    .unwrap_or_default();
                if pending.is_empty() {
                    break;
                }
                if round + 1 >= BATCH_ROUNDS {
                    bail!(
                        "DynamoDB left {} items unprocessed after {BATCH_ROUNDS} rounds",
                        pending.len()
                    );
                }
                tokio::time::sleep(Duration::from_millis(50 << round.min(6))).await;
            }
        }
        Ok(())
    }

    /// BatchGetItem in chunks of 100, retrying UnprocessedKeys with backoff.
    async fn get_all(&self, keys: Vec<Item>) -> anyhow::Result<Vec<Item>> {
        let mut found = Vec::new();
        for chunk in keys.chunks(GET_BATCH) {
            let mut pending = chunk.to_vec();
            for round in 0.. {
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(
                        &self.table,
                        KeysAndAttributes::builder()
                            .set_keys(Some(pending))
                            .consistent_read(true)
                            .build()?,
                    )
                    .send()
                    .await
                    .map_err(|e| anyhow!(describe(&e)))
                    .with_context(|| format!("DynamoDB BatchGetItem on {}", self.table))?;
                found.extend(
                    out.responses
                        .and_then(|mut m| m.remove(&self.table))
                        .unwrap_or_default(),
                );
                pending = out
                    .unprocessed_keys
                    .and_then(|mut m| m.remove(&self.table))
                    .map(|k| k.keys)
                    .unwrap_or_default();
                if pending.is_empty() {
                    break;
                }
                if round + 1 >= BATCH_ROUNDS {
                    bail!("DynamoDB left {} keys unprocessed", pending.len());
                }
                tokio::time::sleep(Duration::from_millis(50 << round.min(6))).await;
            }
        }
        Ok(found)
    }

    /// The transaction counting one task: its marker (with the full reason, up to
    /// `MAX_TASK_ERROR_BYTES`) if absent, and the scan's counter. A failure is appended
    /// to the scan's list as one bounded line when `listed`, only while the list is
    /// under `MAX_FAILURES_ON_SCAN`; otherwise `failures_omitted` counts it.
    fn count_task(
        &self,
        scan_id: &str,
        task_key: &str,
        error: Option<&str>,
        listed: bool,
        started: &Scan,
    ) -> anyhow::Result<aws_sdk_dynamodb::operation::transact_write_items::builders::TransactWriteItemsFluentBuilder>
    {
        let mut marker = key(scan_pk(scan_id), format!("TASK#{task_key}"));
        marker.insert("expires_at".into(), self.expires_at(started.started_at));
        let mut update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(key(scan_pk(scan_id), "SCAN".into())))
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":one", n(1));
        update = match error {
            None => update.update_expression("ADD tasks_done :one"),
            Some(e) if listed => {
                marker.insert("error".into(), s(task_error_detail(e)));
                update
                    .update_expression("ADD tasks_failed :one SET failures = list_append(if_not_exists(failures, :none), :failure)")
                    .condition_expression(
                        "attribute_exists(pk) AND (attribute_not_exists(failures) OR size(failures) < :cap)",
                    )
                    .expression_attribute_values(":none", AttributeValue::L(vec![]))
                    .expression_attribute_values(":cap", n(MAX_FAILURES_ON_SCAN))
                    .expression_attribute_values(
                        ":failure",
                        AttributeValue::L(vec![s(failure_line(task_key, e))]),
                    )
            }
            Some(e) => {
                marker.insert("error".into(), s(task_error_detail(e)));
                update.update_expression("ADD tasks_failed :one, failures_omitted :one")
            }
        };
        Ok(self
            .client
            .transact_write_items()
            .transact_items(
                TransactWriteItem::builder()
                    .put(
                        Put::builder()
                            .table_name(&self.table)
                            .set_item(Some(marker))
                            .condition_expression("attribute_not_exists(pk)")
                            .build()?,
                    )
                    .build(),
            )
            .transact_items(TransactWriteItem::builder().update(update.build()?).build()))
    }

    fn scan_from(item: &Item) -> anyhow::Result<Scan> {
        let mut scan: Scan = doc(item)?;
        scan.tasks_done = get_n(item, "tasks_done");
        scan.tasks_failed = get_n(item, "tasks_failed");
        scan.failures = item
            .get("failures")
            .and_then(|v| v.as_l().ok())
            .map(|l| l.iter().filter_map(|v| v.as_s().ok().cloned()).collect())
            .unwrap_or_default();
        let omitted = get_n(item, "failures_omitted");
        if omitted > 0 {
            scan.failures.push(more_failures_line(omitted));
        }
        if let Some(state) = item
            .get("state")
            .and_then(|v| v.as_s().ok())
            .and_then(|s| ScanState::parse(s))
        {
            scan.state = state;
        }
        if let Some(at) = item.get("finished_at").and_then(|v| v.as_s().ok()) {
            scan.finished_at = chrono::DateTime::parse_from_rfc3339(at)
                .ok()
                .map(|d| d.with_timezone(&Utc));
        }
        if let Some(summary) = item.get("summary").and_then(|v| v.as_s().ok()) {
            scan.summary = Some(serde_json::from_str(summary).context("corrupt scan summary")?);
        }
        Ok(scan)
    }

    async fn scan_findings(&self, scan_id: &str) -> anyhow::Result<Vec<Finding>> {
        self.query_docs(scan_pk(scan_id), "FINDING#").await
    }

    /// Mute rules and masks: small documents, one partition each (`MUTE`, `MASK`).
    async fn put_doc(&self, pk: &str, sk: &str, json: String) -> anyhow::Result<()> {
        let mut item = key(pk.into(), sk.into());
        item.insert("doc".into(), s(json));
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot store {pk} {sk}"))?;
        Ok(())
    }

    async fn delete_doc(&self, pk: &str, sk: &str) -> anyhow::Result<bool> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(pk.into(), sk.into())))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot delete {pk} {sk}"))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    /// Deletes every item of one resource in a scan: the resource and its findings.
    pub async fn delete_resource_items(
        &self,
        scan_id: &str,
        account_id: &str,
        arn: &str,
    ) -> anyhow::Result<()> {
        let findings = self.scan_findings(scan_id).await?;
        let mut requests = vec![delete(key(scan_pk(scan_id), format!("RESOURCE#{arn}")))?];
        for f in findings.iter().filter(|f| f.resource_arn == arn) {
            requests.push(delete(key(
                scan_pk(scan_id),
                finding_sk(&f.control_id, arn),
            ))?);
            requests.push(delete(key(
                account_pk(account_id),
                format!("STATE#{}#{arn}", f.control_id),
            ))?);
        }
        self.write_all(requests).await
    }
}

/// The sort key of a mask: its control and scope (empty = every benchmark or account).
fn mask_sk(control_id: &str, benchmark: Option<&str>, account_id: Option<&str>) -> String {
    format!(
        "{control_id}#{}#{}",
        benchmark.unwrap_or(""),
        account_id.unwrap_or("")
    )
}

fn put(item: Item) -> anyhow::Result<WriteRequest> {
    Ok(WriteRequest::builder()
        .put_request(PutRequest::builder().set_item(Some(item)).build()?)
        .build())
}

fn delete(key: Item) -> anyhow::Result<WriteRequest> {
    Ok(WriteRequest::builder()
        .delete_request(DeleteRequest::builder().set_key(Some(key)).build()?)
        .build())
}

/// Whether a conditional write was refused because its condition did not hold (an
/// answer, not a failure).
fn condition_failed<E, R>(e: &aws_sdk_dynamodb::error::SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    e.as_service_error().and_then(|e| e.code()) == Some("ConditionalCheckFailedException")
}
#[async_trait]
impl Store for DynamoStore {
    async fn create_scan(&self, scan: &Scan) -> anyhow::Result<()> {
        let mut item = key(scan_pk(&scan.id), "SCAN".into());
        item.insert("doc".into(), s(serde_json::to_string(scan)?));
        item.insert("account_id".into(), s(&scan.account_id));
        item.insert("state".into(), s(scan.state.as_str()));
        item.insert("tasks_done".into(), n(0));
        item.insert("tasks_failed".into(), n(0));
        let order = format!("{}#{}", scan.started_at.to_rfc3339(), scan.id);
        item.insert("list_pk".into(), s("SCANS"));
        item.insert("list_sk".into(), s(&order));
        item.insert("expires_at".into(), self.expires_at(scan.started_at));
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot create scan {}", scan.id))?;
        // After the scan exists, so the pointer never names a scan that does not.
        let mut latest = key(account_pk(&scan.account_id), LATEST_SCAN.into());
        latest.insert("scan_id".into(), s(&scan.id));
        latest.insert("scan_order".into(), s(&order));
        latest.insert("expires_at".into(), self.expires_at(scan.started_at));
        let pointed = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(latest))
            .condition_expression("attribute_not_exists(scan_order) OR scan_order < :order")
            .expression_attribute_values(":order", s(&order))
            .send()
            .await;
        match pointed {
            Ok(_) => Ok(()),
            // The account has a newer scan already; it stays the latest.
            Err(e) if condition_failed(&e) => Ok(()),
            Err(e) => Err(anyhow!(describe(&e))).with_context(|| {
                format!(
                    "cannot record scan {} as the latest of account {}",
                    scan.id, scan.account_id
                )
            }),
        }
    }

    /// One transaction writes the task's marker (only if absent) and bumps the scan's
    /// counter, so a redelivered task is never counted twice and a crash between the two
    /// writes cannot happen.
    async fn finish_task(
        &self,
        scan_id: &str,
        task_key: &str,
        error: Option<&str>,
    ) -> anyhow::Result<TaskProgress> {
        let scan_item = self
            .get(scan_pk(scan_id), "SCAN".into())
            .await?
            .with_context(|| format!("scan {scan_id} does not exist"))?;
        let started: Scan = doc(&scan_item)?;
        // The list is full or not: the transaction's condition says, so concurrent
        // failures never push it past the cap (a cancelled append is tried once more as
        // a count only).
        let mut listed = error.is_some() && failures_listed(&scan_item) < MAX_FAILURES_ON_SCAN;
        let mut conflicts = 0;
        let newly_counted = loop {
            let result = self
                .count_task(scan_id, task_key, error, listed, &started)?
                .send()
                .await;
            let Err(e) = result else { break true };
            // Tasks of one scan finishing at once count on the same item: DynamoDB cancels
            // a transaction that meets another one in progress, and the count must land.
            if conflicts < MAX_COUNT_CONFLICTS && is_transaction_conflict(&e) {
                conflicts += 1;
                tokio::time::sleep(conflict_backoff(conflicts)).await;
                continue;
            }
            // A cancelled transaction is a redelivery when the marker is there already.
            let marker = self
                .get(scan_pk(scan_id), format!("TASK#{task_key}"))
                .await?;
            if marker.is_some() {
                break false;
            }
            if !listed {
                return Err(anyhow!(describe(&e)))
                    .with_context(|| format!("cannot count task {task_key} of {scan_id}"));
            }
            listed = false;
        };
        let item = self
            .get(scan_pk(scan_id), "SCAN".into())
            .await?
            .with_context(|| format!("scan {scan_id} vanished"))?;
        Ok(TaskProgress {
            done: get_n(&item, "tasks_done"),
            failed: get_n(&item, "tasks_failed"),
            total: started.tasks_total,
            newly_counted,
        })
    }

    async fn finalize_scan(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<Scan> {
        let current = self
            .get(scan_pk(scan_id), "SCAN".into())
            .await?
            .with_context(|| format!("scan {scan_id} does not exist"))?;
        let state = if get_n(&current, "tasks_failed") > 0 {
            ScanState::Partial
        } else {
            ScanState::Complete
        };
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(scan_pk(scan_id), "SCAN".into())))
            .update_expression(
                "SET finished_at = :at, #state = :state, summary = :summary, summary_at = :summary_at",
            )
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":at", s(Utc::now().to_rfc3339()))
            .expression_attribute_values(":state", s(state.as_str()))
            .expression_attribute_values(":summary", s(serde_json::to_string(summary)?))
            .expression_attribute_values(":summary_at", s(summary_at(summary)))
            .return_values(ReturnValue::AllNew)
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot finalize scan {scan_id}"))?;
        Self::scan_from(&out.attributes.unwrap_or_default())
    }

    async fn replace_summary(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<bool> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(scan_pk(scan_id), "SCAN".into())))
            .update_expression("SET summary = :summary, summary_at = :summary_at")
            .condition_expression(
                "attribute_exists(finished_at) AND (attribute_not_exists(summary_at) OR summary_at < :summary_at)",
            )
            .expression_attribute_values(":summary", s(serde_json::to_string(summary)?))
            .expression_attribute_values(":summary_at", s(summary_at(summary)))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(anyhow!(describe(&e)))
                .with_context(|| format!("cannot replace the summary of scan {scan_id}")),
        }
    }

    async fn scan(&self, scan_id: &str) -> anyhow::Result<Option<Scan>> {
        self.get(scan_pk(scan_id), "SCAN".into())
            .await?
            .map(|i| Self::scan_from(&i))
            .transpose()
    }

    async fn scans(&self, account_id: Option<&str>, limit: usize) -> anyhow::Result<Vec<Scan>> {
        let items = match account_id {
            Some(a) => {
                self.query_index(ACCOUNT_INDEX, "account_id", a, limit)
                    .await?
            }
            None => {
                self.query_index(LIST_INDEX, "list_pk", "SCANS", limit)
                    .await?
            }
        };
        items.iter().map(Self::scan_from).collect()
    }

    /// Scans sort in both indexes by `list_sk`, `<started_at>#<id>`: the window is a
    /// key condition, so no earlier scan is read.
    async fn scans_since(
        &self,
        account_id: Option<&str>,
        since: chrono::DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<Vec<Scan>> {
        let (index, key_name, key_value) = match account_id {
            Some(a) => (ACCOUNT_INDEX, "account_id", a),
            None => (LIST_INDEX, "list_pk", "SCANS"),
        };
        let since = since.to_rfc3339();
        let items = self
            .query_index_from(index, key_name, key_value, Some(&since), limit)
            .await?;
        items.iter().map(Self::scan_from).collect()
    }

    /// One strongly consistent GetItem of the account's pointer, where an index query
    /// would be eventually consistent (a scan just created could be missed).
    async fn latest_scan_id(&self, account_id: &str) -> anyhow::Result<Option<String>> {
        let Some(item) = self.get(account_pk(account_id), LATEST_SCAN.into()).await? else {
            // Tables written before the pointer existed: the account index still knows.
            return Ok(self
                .scans(Some(account_id), 1)
                .await?
                .into_iter()
                .next()
                .map(|s| s.id));
        };
        // TTL deletes expired items late; the scan this names may be gone already.
        let expired = item
            .get("expires_at")
            .and_then(|v| v.as_n().ok())
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|at| at <= Utc::now().timestamp());
        if expired {
            return Ok(None);
        }
        Ok(Some(get_s(&item, "scan_id")?.to_string()))
    }

    async fn put_resources(&self, resources: &[Resource]) -> anyhow::Result<()> {
        let mut latest: HashMap<(String, String), Item> = HashMap::new();
        for r in resources {
            let mut item = key(scan_pk(&r.scan_id), format!("RESOURCE#{}", r.arn));
            item.insert("doc".into(), s(resource_doc(r)?));
            item.insert("expires_at".into(), self.expires_at(r.collected_at));
            latest.insert((r.scan_id.clone(), r.arn.clone()), item);
        }
        self.write_all(latest.into_values().map(put).collect::<Result<_, _>>()?)
            .await
    }

    async fn put_findings(&self, findings: &mut [Finding]) -> anyhow::Result<()> {
        let state_key = |f: &Finding| {
            key(
                account_pk(&f.account_id),
                format!("STATE#{}#{}", f.control_id, f.resource_arn),
            )
        };
        let unique: std::collections::BTreeSet<(String, String)> = findings
            .iter()
            .map(|f| {
                (
                    account_pk(&f.account_id),
                    format!("STATE#{}#{}", f.control_id, f.resource_arn),
                )
            })
            .collect();
        let keys: Vec<Item> = unique.into_iter().map(|(pk, sk)| key(pk, sk)).collect();
        let previous: HashMap<(String, String), Item> = self
            .get_all(keys)
            .await?
            .into_iter()
            .filter_map(|i| {
                let k = (
                    get_s(&i, "pk").ok()?.to_string(),
                    get_s(&i, "sk").ok()?.to_string(),
                );
                Some((k, i))
            })
            .collect();
        let time = |i: &Item, name: &str| {
            get_s(i, name)
                .ok()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        let mut writes: HashMap<(String, String), Item> = HashMap::new();
        for f in findings.iter_mut() {
            let k = state_key(f);
            let pk = get_s(&k, "pk")?.to_string();
            let sk = get_s(&k, "sk")?.to_string();
            if let Some(prev) = previous.get(&(pk.clone(), sk.clone())) {
                if let Some(first) = time(prev, "first_seen") {
                    f.first_seen = first;
                }
                if get_s(prev, "status").ok() == Some(f.status.as_str()) {
                    if let Some(changed) = time(prev, "status_changed_at") {
                        f.status_changed_at = changed;
                    }
                }
            }
            if f.reason.len() > 4096 {
                let mut cut = 4096;
                while !f.reason.is_char_boundary(cut) {
                    cut -= 1;
                }
                f.reason.truncate(cut);
                f.reason.push_str(" [truncated]");
            }
            let mut state = k;
            state.insert("status".into(), s(f.status.as_str()));
            state.insert("first_seen".into(), s(f.first_seen.to_rfc3339()));
            state.insert(
                "status_changed_at".into(),
                s(f.status_changed_at.to_rfc3339()),
            );
            // A state outlives the scans that saw it by the same history: a resource
            // gone for that long starts afresh, and the account's partition stays bounded.
            state.insert("expires_at".into(), self.expires_at(f.last_seen));
            writes.insert((pk, sk), state);
            let fsk = finding_sk(&f.control_id, &f.resource_arn);
            let mut item = key(scan_pk(&f.scan_id), fsk.clone());
            item.insert("doc".into(), s(serde_json::to_string(f)?));
            item.insert("expires_at".into(), self.expires_at(f.last_seen));
            writes.insert((scan_pk(&f.scan_id), fsk), item);
        }
        self.write_all(writes.into_values().map(put).collect::<Result<_, _>>()?)
            .await
    }

    /// Reads the findings of one scan, or of every scan of an account (or of every scan)
    /// when the query names none; filters apply in memory, since a filter expression would
    /// not read less.
    async fn findings(&self, q: &FindingQuery) -> anyhow::Result<Vec<Finding>> {
        let scan_ids: Vec<String> = match &q.scan_id {
            Some(id) => vec![id.clone()],
            None => self
                .scans(q.account_id.as_deref(), usize::MAX)
                .await?
                .into_iter()
                .map(|s| s.id)
                .collect(),
        };
        let mut out = Vec::new();
        for id in scan_ids {
            out.extend(
                self.scan_findings(&id)
                    .await?
                    .into_iter()
                    .filter(|f| q.matches(f)),
            );
        }
        out.sort_by(|a, b| {
            (&a.control_id, &a.resource_arn, &a.scan_id).cmp(&(
                &b.control_id,
                &b.resource_arn,
                &b.scan_id,
            ))
        });
        Ok(out)
    }

    async fn resources(&self, scan_id: &str) -> anyhow::Result<Vec<Resource>> {
        let mut rs: Vec<Resource> = self.query_docs(scan_pk(scan_id), "RESOURCE#").await?;
        rs.sort_by(|a, b| (&a.resource_type, &a.arn).cmp(&(&b.resource_type, &b.arn)));
        Ok(rs)
    }

    async fn resource_tags(&self, scan_id: &str) -> anyhow::Result<HashMap<String, Tags>> {
        // Decodes the arn and tags of each resource document and skips its attributes.
        #[derive(serde::Deserialize)]
        struct Tagged {
            arn: String,
            #[serde(default)]
            tags: Tags,
        }
        let tagged: Vec<Tagged> = self.query_docs(scan_pk(scan_id), "RESOURCE#").await?;
        Ok(tagged.into_iter().map(|t| (t.arn, t.tags)).collect())
    }

    async fn remove_resource(
        &self,
        scan_id: &str,
        account_id: &str,
        arn: &str,
    ) -> anyhow::Result<()> {
        self.delete_resource_items(scan_id, account_id, arn).await
    }

    async fn put_account(&self, account: &Account) -> anyhow::Result<()> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(account_item(account)?))
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot register account {}", account.account_id))?;
        Ok(())
    }

    async fn put_account_from_stack(
        &self,
        account: &Account,
        create: bool,
    ) -> anyhow::Result<bool> {
        let stack = account
            .stack_id
            .as_deref()
            .context("a stack's registration needs its StackId")?;
        let condition = if create {
            "attribute_not_exists(pk) OR attribute_not_exists(stack_id) OR stack_id = :stack"
        } else {
            "attribute_exists(pk) AND (attribute_not_exists(stack_id) OR stack_id = :stack)"
        };
        let written = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(account_item(account)?))
            .condition_expression(condition)
            .expression_attribute_values(":stack", s(stack))
            .send()
            .await;
        match written {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(anyhow!(describe(&e)))
                .with_context(|| format!("cannot register account {}", account.account_id)),
        }
    }

    async fn delete_account_from_stack(
        &self,
        account_id: &str,
        stack_id: &str,
    ) -> anyhow::Result<bool> {
        let deleted = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(account_pk(account_id), "ACCOUNT".into())))
            .condition_expression("stack_id = :stack")
            .expression_attribute_values(":stack", s(stack_id))
            .send()
            .await;
        match deleted {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(anyhow!(describe(&e)))
                .with_context(|| format!("cannot deregister account {account_id}")),
        }
    }

    async fn accounts(&self) -> anyhow::Result<Vec<Account>> {
        let mut accounts: Vec<Account> = self
            .query_index(LIST_INDEX, "list_pk", "ACCOUNTS", usize::MAX)
            .await?
            .iter()
            .map(doc)
            .collect::<Result<_, _>>()?;
        accounts.sort_by(|a, b| a.account_id.cmp(&b.account_id));
        Ok(accounts)
    }

    async fn account(&self, account_id: &str) -> anyhow::Result<Option<Account>> {
        self.get(account_pk(account_id), "ACCOUNT".into())
            .await?
            .map(|i| doc(&i))
            .transpose()
    }

    async fn delete_account(&self, account_id: &str) -> anyhow::Result<bool> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(account_pk(account_id), "ACCOUNT".into())))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| anyhow!(describe(&e)))
            .with_context(|| format!("cannot deregister account {account_id}"))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    /// One counter item per account, collector and minute (`RESCAN#<account>#<collector>`,
    /// `MINUTE#<minute>`), bumped by a conditional UpdateItem so concurrent invocations
    /// never admit more than `limit`; over it, a second conditional write adds the region
    /// to the item's `deferred_regions` set, which only the first caller per region gets through.
    /// The item expires (TTL) an hour after its minute.
    async fn admit_rescan(
        &self,
        account_id: &str,
        collector: &str,
        region: &str,
        minute: i64,
        limit: u32,
    ) -> anyhow::Result<RescanAdmission> {
        let item_key = || {
            Some(key(
                format!("RESCAN#{account_id}#{collector}"),
                format!("MINUTE#{minute}"),
            ))
        };
        let expires = n(minute * 60 + 3600);
        let counted = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(item_key())
            .update_expression("ADD rescans :one SET expires_at = :expires")
            .condition_expression("attribute_not_exists(rescans) OR rescans < :limit")
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":limit", n(limit))
            .expression_attribute_values(":expires", expires.clone())
            .send()
            .await;
        match counted {
            Ok(_) => return Ok(RescanAdmission::Admitted),
            Err(e) if condition_failed(&e) => {}
            Err(e) => return Err(anyhow!(describe(&e))),
        }
        let deferred = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(item_key())
            .update_expression("ADD deferred_regions :region SET expires_at = :expires")
            .condition_expression(
                "attribute_not_exists(deferred_regions) OR NOT contains(deferred_regions, :name)",
            )
            .expression_attribute_values(":region", AttributeValue::Ss(vec![region.to_string()]))
            .expression_attribute_values(":name", s(region))
            .expression_attribute_values(":expires", expires)
            .send()
            .await;
        match deferred {
            Ok(_) => Ok(RescanAdmission::Deferred),
            Err(e) if condition_failed(&e) => Ok(RescanAdmission::Folded),
            Err(e) => Err(anyhow!(describe(&e))),
        }
    }

    async fn put_mute_rule(&self, rule: &MuteRule) -> anyhow::Result<()> {
        self.put_doc("MUTE", &rule.id, serde_json::to_string(rule)?)
            .await
    }

    async fn mute_rules(&self) -> anyhow::Result<Vec<MuteRule>> {
        self.query_docs("MUTE".into(), "").await
    }

    async fn delete_mute_rule(&self, id: &str) -> anyhow::Result<bool> {
        self.delete_doc("MUTE", id).await
    }

    async fn put_mask(&self, mask: &Mask) -> anyhow::Result<()> {
        let sk = mask_sk(
            &mask.control_id,
            mask.benchmark.as_deref(),
            mask.account_id.as_deref(),
        );
        self.put_doc("MASK", &sk, serde_json::to_string(mask)?)
            .await
    }

    async fn masks(&self) -> anyhow::Result<Vec<Mask>> {
        self.query_docs("MASK".into(), "").await
    }

    async fn delete_mask(
        &self,
        control_id: &str,
        benchmark: Option<&str>,
        account_id: Option<&str>,
    ) -> anyhow::Result<bool> {
        self.delete_doc("MASK", &mask_sk(control_id, benchmark, account_id))
            .await
    }
}

/// Attempts of a task count cancelled by other transactions on the scan item before the
/// count is given up as failed.
const MAX_COUNT_CONFLICTS: u32 = 8;

/// Whether DynamoDB cancelled the transaction only because another transaction held one of
/// its items (`TransactionConflict`, or throttling of the item), which a later attempt
/// gets past; a failed condition (the task's marker is there: a redelivery) is not.
fn is_transaction_conflict<R>(
    e: &aws_sdk_dynamodb::error::SdkError<
        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError,
        R,
    >,
) -> bool {
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
    match e.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(c)) => {
            retryable_cancellation(c.cancellation_reasons())
        }
        _ => false,
    }
}

/// A cancellation with a conflict or throttling among its reasons and nothing else (the
/// items that were fine say `None`).
fn retryable_cancellation(reasons: &[CancellationReason]) -> bool {
    const RETRYABLE: [&str; 3] = [
        "TransactionConflict",
        "ThrottlingError",
        "ProvisionedThroughputExceeded",
    ];
    let codes: Vec<&str> = reasons.iter().filter_map(|r| r.code()).collect();
    codes.iter().any(|c| RETRYABLE.contains(c))
        && codes.iter().all(|c| *c == "None" || RETRYABLE.contains(c))
}

/// 20, 40, 80 ... ms up to one second, halved by jitter at most, so that the tasks that met
/// do not meet again.
fn conflict_backoff(attempt: u32) -> Duration {
    let base = (20u64 << attempt.min(6)).min(1000);
    Duration::from_millis(base / 2 + fastrand::u64(0..=base / 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(codes: &[&str]) -> Vec<CancellationReason> {
        codes
            .iter()
            .map(|c| CancellationReason::builder().code(*c).build())
            .collect()
    }

    #[test]
    fn only_conflicts_and_throttling_are_tried_again() {
        assert!(retryable_cancellation(&reasons(&[
            "None",
            "TransactionConflict"
        ])));
        assert!(retryable_cancellation(&reasons(&[
            "ThrottlingError",
            "None"
        ])));
        // The marker's condition failed: a redelivery, which another attempt cannot change.
        assert!(!retryable_cancellation(&reasons(&[
            "ConditionalCheckFailed",
            "None"
        ])));
        assert!(!retryable_cancellation(&reasons(&[
            "ConditionalCheckFailed",
            "TransactionConflict"
        ])));
        assert!(!retryable_cancellation(&reasons(&[
            "ValidationError",
            "None"
        ])));
        assert!(!retryable_cancellation(&[]));
    }

    #[test]
    fn backoff_grows_to_a_second_at_most() {
        for attempt in 1..=MAX_COUNT_CONFLICTS {
            let d = conflict_backoff(attempt).as_millis() as u64;
            let base = (20u64 << attempt.min(6)).min(1000);
            assert!((base / 2..=base).contains(&d), "{attempt}: {d} ms");
        }
    }
}
