//! The embedded store of the local CLI: one SQLite file.

use super::{
    failure_line, more_failures_line, task_error_detail, FindingQuery, Store, Tags, TaskProgress,
    MAX_FAILURES_ON_SCAN,
};
use crate::model::{Account, Finding, Mask, MuteRule, Resource, Scan, ScanState, ScanSummary};
use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

/// How long a write waits for another process's transaction on the same file (two
/// scans into one store) before failing: longer than any one transaction of a scan.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The schema, one migration per version: `PRAGMA user_version` is the number applied.
/// Version 1 is the schema of files written before the version was recorded (they read
/// 0), so its statements are idempotent. A new version appends a migration here.
/// Version 2: alert destinations and the delivery ledger (`alert::store`).
const MIGRATIONS: &[&str] = &[SCHEMA_V1, crate::alert::store::SQLITE_SCHEMA_V2];

const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS scans (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    state TEXT NOT NULL, regions TEXT NOT NULL, tasks_total INTEGER NOT NULL, summary TEXT);
CREATE INDEX IF NOT EXISTS scans_by_account ON scans(account_id, started_at);
CREATE TABLE IF NOT EXISTS scan_tasks (
    scan_id TEXT NOT NULL, task_key TEXT NOT NULL, error TEXT, PRIMARY KEY (scan_id, task_key));
CREATE TABLE IF NOT EXISTS resources (
    scan_id TEXT NOT NULL, arn TEXT NOT NULL, resource_type TEXT NOT NULL, account_id TEXT NOT NULL,
    region TEXT NOT NULL, name TEXT NOT NULL, tags TEXT NOT NULL, attributes TEXT NOT NULL,
    collected_at TEXT NOT NULL, PRIMARY KEY (scan_id, arn));
CREATE TABLE IF NOT EXISTS findings (
    scan_id TEXT NOT NULL, control_id TEXT NOT NULL, resource_arn TEXT NOT NULL, resource_name TEXT NOT NULL,
    resource_type TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, service TEXT NOT NULL,
    severity TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL, status_changed_at TEXT NOT NULL,
    PRIMARY KEY (scan_id, control_id, resource_arn));
CREATE TABLE IF NOT EXISTS finding_state (
    account_id TEXT NOT NULL, control_id TEXT NOT NULL, resource_arn TEXT NOT NULL,
    status TEXT NOT NULL, first_seen TEXT NOT NULL, status_changed_at TEXT NOT NULL,
    PRIMARY KEY (account_id, control_id, resource_arn));
CREATE TABLE IF NOT EXISTS accounts (account_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mute_rules (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS masks (
    control_id TEXT NOT NULL, benchmark TEXT NOT NULL, account_id TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (control_id, benchmark, account_id));
";

impl SqliteStore {
    /// Opens (creating if needed) the store file, readable by its owner only.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        if !path.exists() {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            opts.open(path)
                .with_context(|| format!("cannot create the store {}", path.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the store {}", path.display()))?;
        Self::init(conn)
            .with_context(|| format!("{} is not a usable parapet store", path.display()))
    }

    pub fn in_memory() -> anyhow::Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> anyhow::Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, for the capabilities implemented beside the store (`alert::store`).
    pub(crate) fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Brings the file's schema to the latest version, in one IMMEDIATE transaction (two
/// processes opening one file migrate it once), or refuses a file written by a newer
/// parapet, naming both versions.
fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let latest = MIGRATIONS.len() as u32;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > latest {
        anyhow::bail!(
            "the store has schema version {version}, newer than the version {latest} this parapet knows; use a newer parapet or another store file"
        );
    }
    for (i, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(migration)
            .with_context(|| format!("cannot migrate the store to schema version {}", i + 1))?;
    }
    if version < latest {
        tx.pragma_update(None, "user_version", latest)?;
    }
    tx.commit()?;
    Ok(())
}

/// A write transaction that takes the file's write lock at once: a deferred one that
/// read first would fail with SQLITE_BUSY, without waiting, when another process wrote
/// in between; this one waits up to `BUSY_TIMEOUT` for its turn.
fn write_tx(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

fn time(s: String) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

fn parse<T: std::str::FromStr<Err = String>>(s: String) -> rusqlite::Result<T> {
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

fn scan_row(conn: &Connection, row: &rusqlite::Row<'_>) -> rusqlite::Result<Scan> {
    let id: String = row.get(0)?;
    let state: String = row.get(4)?;
    let summary: Option<String> = row.get(6)?;
    let (done, failed, failures) = task_counts(conn, &id)?;
    Ok(Scan {
        account_id: row.get(1)?,
        started_at: time(row.get(2)?)?,
        finished_at: row.get::<_, Option<String>>(3)?.map(time).transpose()?,
        state: ScanState::parse(&state).unwrap_or(ScanState::Running),
        regions: serde_json::from_str(&row.get::<_, String>(7)?).unwrap_or_default(),
        tasks_total: row.get(5)?,
        tasks_done: done,
        tasks_failed: failed,
        failures,
        summary: summary.and_then(|s| serde_json::from_str(&s).ok()),
        id,
    })
}

fn task_counts(conn: &Connection, scan_id: &str) -> rusqlite::Result<(u32, u32, Vec<String>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT task_key, error FROM scan_tasks WHERE scan_id = ?1 ORDER BY task_key",
    )?;
    let rows = stmt.query_map([scan_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let (mut done, mut failed, mut failures) = (0, 0u32, Vec::new());
    for row in rows {
        match row? {
            (_, None) => done += 1,
            (key, Some(err)) => {
                failed += 1;
                if failures.len() < MAX_FAILURES_ON_SCAN {
                    failures.push(failure_line(&key, &err));
                }
            }
        }
    }
    let omitted = failed.saturating_sub(failures.len() as u32);
    if omitted > 0 {
        failures.push(more_failures_line(omitted));
    }
    Ok((done, failed, failures))
}

const SCAN_COLUMNS: &str =
    "id, account_id, started_at, finished_at, state, tasks_total, summary, regions";
const FINDING_COLUMNS: &str = "control_id, resource_arn, resource_name, resource_type, account_id, region, service, severity, status, reason, scan_id, first_seen, last_seen, status_changed_at";

fn finding_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Finding> {
    Ok(Finding {
        control_id: row.get(0)?,
        resource_arn: row.get(1)?,
        resource_name: row.get(2)?,
        resource_type: row.get(3)?,
        account_id: row.get(4)?,
        region: row.get(5)?,
        service: row.get(6)?,
        severity: parse(row.get(7)?)?,
        status: parse(row.get(8)?)?,
        reason: row.get(9)?,
        scan_id: row.get(10)?,
        first_seen: time(row.get(11)?)?,
        last_seen: time(row.get(12)?)?,
        status_changed_at: time(row.get(13)?)?,
        muted: None,
    })
}

/// The WHERE clause of a finding query and its arguments (?1, ?2, ... in order).
fn finding_filter(q: &FindingQuery) -> (String, Vec<String>) {
    let mut sql = String::from("1 = 1");
    let mut args: Vec<String> = Vec::new();
    let mut eq = |sql: &mut String, column: &str, value: &Option<String>| {
        if let Some(v) = value {
            args.push(v.clone());
            sql.push_str(&format!(" AND {column} = ?{}", args.len()));
        }
    };
    eq(&mut sql, "scan_id", &q.scan_id);
    eq(&mut sql, "account_id", &q.account_id);
    eq(&mut sql, "resource_arn", &q.resource_arn);
    let mut any_of = |sql: &mut String, column: &str, values: Vec<String>| {
        if !values.is_empty() {
            let start = args.len();
            args.extend(values);
            let marks: Vec<String> = (start + 1..=args.len()).map(|i| format!("?{i}")).collect();
            sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
        }
    };
    any_of(&mut sql, "control_id", q.control_ids.clone());
    any_of(&mut sql, "service", q.services.clone());
    any_of(
        &mut sql,
        "status",
        q.statuses.iter().map(|s| s.as_str().to_string()).collect(),
    );
    any_of(
        &mut sql,
        "severity",
        q.severities
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
    );
    (sql, args)
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_scan(&self, scan: &Scan) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT INTO scans (id, account_id, started_at, state, regions, tasks_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![scan.id, scan.account_id, scan.started_at.to_rfc3339(), scan.state.as_str(), serde_json::to_string(&scan.regions)?, scan.tasks_total],
        )?;
        Ok(())
    }

    async fn finish_task(
        &self,
        scan_id: &str,
        task_key: &str,
        error: Option<&str>,
    ) -> anyhow::Result<TaskProgress> {
        let mut conn = self.conn();
        let tx = write_tx(&mut conn)?;
        let total: u32 = tx
            .query_row(
                "SELECT tasks_total FROM scans WHERE id = ?1",
                [scan_id],
                |r| r.get(0),
            )
            .optional()?
            .with_context(|| format!("scan {scan_id} does not exist"))?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO scan_tasks (scan_id, task_key, error) VALUES (?1, ?2, ?3)",
            params![scan_id, task_key, error.map(task_error_detail)],
        )?;
        let (done, failed, _) = task_counts(&tx, scan_id)?;
        tx.commit()?;
        Ok(TaskProgress {
            done,
            failed,
            total,
            newly_counted: inserted == 1,
        })
    }

    async fn finalize_scan(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<Scan> {
        let conn = self.conn();
        let (_, failed, _) = task_counts(&conn, scan_id)?;
        let state = if failed > 0 {
            ScanState::Partial
        } else {
            ScanState::Complete
        };
        conn.execute(
            "UPDATE scans SET finished_at = ?2, state = ?3, summary = ?4 WHERE id = ?1",
            params![
                scan_id,
                Utc::now().to_rfc3339(),
                state.as_str(),
                serde_json::to_string(summary)?
            ],
        )?;
        let scan = conn.query_row(
            &format!("SELECT {SCAN_COLUMNS} FROM scans WHERE id = ?1"),
            [scan_id],
            |r| scan_row(&conn, r),
        )?;
        Ok(scan)
    }

    async fn replace_summary(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<bool> {
        // One connection behind a lock: reading, comparing and writing cannot interleave.
        let conn = self.conn();
        let stored: Option<(Option<String>, Option<String>)> = conn
            .query_row(
                "SELECT finished_at, summary FROM scans WHERE id = ?1",
                [scan_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((Some(_finished), stored)) = stored else {
            return Ok(false);
        };
        let stored_at = stored
            .as_deref()
            .map(serde_json::from_str::<ScanSummary>)
            .transpose()
            .context("corrupt scan summary")?
            .and_then(|s| s.computed_at);
        if stored_at.is_some_and(|at| summary.computed_at.is_none_or(|new| new <= at)) {
            return Ok(false);
        }
        conn.execute(
            "UPDATE scans SET summary = ?2 WHERE id = ?1",
            params![scan_id, serde_json::to_string(summary)?],
        )?;
        Ok(true)
    }

    async fn scan(&self, scan_id: &str) -> anyhow::Result<Option<Scan>> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                &format!("SELECT {SCAN_COLUMNS} FROM scans WHERE id = ?1"),
                [scan_id],
                |r| scan_row(&conn, r),
            )
            .optional()?)
    }

    async fn scans(&self, account_id: Option<&str>, limit: usize) -> anyhow::Result<Vec<Scan>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {SCAN_COLUMNS} FROM scans WHERE (?1 IS NULL OR account_id = ?1) ORDER BY started_at DESC, rowid DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![account_id, limit as i64], |r| scan_row(&conn, r))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    async fn scans_since(
        &self,
        account_id: Option<&str>,
        since: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<Vec<Scan>> {
        // Two statements, so the one with an account reads the scans_by_account index.
        let filter = match account_id {
            Some(_) => "account_id = ?1 AND started_at >= ?2",
            None => "?1 IS NULL AND started_at >= ?2",
        };
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {SCAN_COLUMNS} FROM scans WHERE {filter} ORDER BY started_at DESC, rowid DESC LIMIT ?3"
        ))?;
        let rows = stmt.query_map(
            params![
                account_id,
                since.to_rfc3339(),
                limit.min(i64::MAX as usize) as i64
            ],
            |r| scan_row(&conn, r),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    async fn put_resources(&self, resources: &[Resource]) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let tx = write_tx(&mut conn)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO resources (scan_id, arn, resource_type, account_id, region, name, tags, attributes, collected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for r in resources {
                stmt.execute(params![
                    r.scan_id,
                    r.arn,
                    r.resource_type,
                    r.account_id,
                    r.region,
                    r.name,
                    serde_json::to_string(&r.tags)?,
                    serde_json::to_string(&r.attributes)?,
                    r.collected_at.to_rfc3339()
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    async fn put_findings(&self, findings: &mut [Finding]) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let tx = write_tx(&mut conn)?;
        {
            let mut get_state = tx.prepare_cached(
                "SELECT status, first_seen, status_changed_at FROM finding_state WHERE account_id = ?1 AND control_id = ?2 AND resource_arn = ?3",
            )?;
            let mut put_state = tx.prepare_cached(
                "INSERT OR REPLACE INTO finding_state (account_id, control_id, resource_arn, status, first_seen, status_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut put = tx.prepare_cached(&format!(
                "INSERT OR REPLACE INTO findings ({FINDING_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ))?;
            for f in findings.iter_mut() {
                let previous = get_state
                    .query_row(params![f.account_id, f.control_id, f.resource_arn], |r| {
                        Ok((r.get::<_, String>(0)?, time(r.get(1)?)?, time(r.get(2)?)?))
                    })
                    .optional()?;
                if let Some((status, first_seen, changed_at)) = previous {
                    f.first_seen = first_seen;
                    if status == f.status.as_str() {
                        f.status_changed_at = changed_at;
                    }
                }
                put_state.execute(params![
                    f.account_id,
                    f.control_id,
                    f.resource_arn,
                    f.status.as_str(),
                    f.first_seen.to_rfc3339(),
                    f.status_changed_at.to_rfc3339()
                ])?;
                put.execute(params![
                    f.control_id,
                    f.resource_arn,
                    f.resource_name,
                    f.resource_type,
                    f.account_id,
                    f.region,
                    f.service,
                    f.severity.as_str(),
                    f.status.as_str(),
                    f.reason,
                    f.scan_id,
                    f.first_seen.to_rfc3339(),
                    f.last_seen.to_rfc3339(),
                    f.status_changed_at.to_rfc3339()
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    async fn findings(&self, q: &FindingQuery) -> anyhow::Result<Vec<Finding>> {
        let (filter, args) = finding_filter(q);
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {filter} ORDER BY control_id, resource_arn"
        );
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), finding_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    async fn findings_by_page(
        &self,
        q: &FindingQuery,
        page_size: usize,
        visit: &mut (dyn FnMut(Vec<Finding>) -> anyhow::Result<()> + Send),
    ) -> anyhow::Result<()> {
        let (filter, args) = finding_filter(q);
        // Keyset paging: each page starts after the last row of the one before, so a
        // page costs the same however deep into the scan it is. Within one scan the
        // primary key (scan_id, control_id, resource_arn) gives this order as it is.
        let key: &[&str] = if q.scan_id.is_some() {
            &["control_id", "resource_arn"]
        } else {
            &["control_id", "resource_arn", "scan_id"]
        };
        let order = key.join(", ");
        let after_marks: Vec<String> = (1..=key.len())
            .map(|i| format!("?{}", args.len() + i))
            .collect();
        let page_size = page_size.max(1);
        let first_page = format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {filter} ORDER BY {order} LIMIT {page_size}"
        );
        let next_page = format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {filter} AND ({order}) > ({}) ORDER BY {order} LIMIT {page_size}",
            after_marks.join(", ")
        );
        let mut after: Option<Vec<String>> = None;
        loop {
            let page: Vec<Finding> = {
                let conn = self.conn();
                let mut values = args.clone();
                values.extend(after.iter().flatten().cloned());
                let sql = if after.is_some() {
                    &next_page
                } else {
                    &first_page
                };
                let mut stmt = conn.prepare_cached(sql)?;
                let rows = stmt.query_map(params_from_iter(values.iter()), finding_row)?;
                rows.collect::<Result<_, _>>()?
            };
            let full = page.len() == page_size;
            if let Some(last) = page.last() {
                let last_key = [&last.control_id, &last.resource_arn, &last.scan_id];
                after = Some(
                    last_key[..key.len()]
                        .iter()
                        .map(|v| v.to_string())
                        .collect(),
                );
                visit(page)?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    async fn resources(&self, scan_id: &str) -> anyhow::Result<Vec<Resource>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT arn, resource_type, account_id, region, name, tags, attributes, collected_at, scan_id FROM resources WHERE scan_id = ?1 ORDER BY resource_type, arn",
        )?;
        let rows = stmt.query_map([scan_id], |r| {
            let tags: String = r.get(5)?;
            let attributes: String = r.get(6)?;
            Ok(Resource {
                arn: r.get(0)?,
                resource_type: r.get(1)?,
                account_id: r.get(2)?,
                region: r.get(3)?,
                name: r.get(4)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                attributes: serde_json::from_str(&attributes).unwrap_or_default(),
                collected_at: time(r.get(7)?)?,
                scan_id: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    async fn resource_tags(&self, scan_id: &str) -> anyhow::Result<HashMap<String, Tags>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT arn, tags FROM resources WHERE scan_id = ?1")?;
        let rows = stmt.query_map([scan_id], |r| {
            let tags: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&tags).unwrap_or_default()))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    async fn resource_count(&self, scan_id: &str) -> anyhow::Result<u64> {
        let count: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM resources WHERE scan_id = ?1",
            [scan_id],
            |r| r.get(0),
        )?;
        Ok(count as u64)
    }

    async fn remove_resource(
        &self,
        scan_id: &str,
        account_id: &str,
        arn: &str,
    ) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let tx = write_tx(&mut conn)?;
        tx.execute(
            "DELETE FROM resources WHERE scan_id = ?1 AND arn = ?2",
            [scan_id, arn],
        )?;
        tx.execute(
            "DELETE FROM findings WHERE scan_id = ?1 AND resource_arn = ?2",
            [scan_id, arn],
        )?;
        tx.execute(
            "DELETE FROM finding_state WHERE account_id = ?1 AND resource_arn = ?2",
            [account_id, arn],
        )?;
        tx.commit()?;
        Ok(())
    }

    async fn put_account(&self, account: &Account) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO accounts (account_id, doc) VALUES (?1, ?2)",
            params![account.account_id, serde_json::to_string(account)?],
        )?;
        Ok(())
    }

    async fn accounts(&self) -> anyhow::Result<Vec<Account>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT doc FROM accounts ORDER BY account_id")?;
        let docs = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        docs.iter()
            .map(|d| serde_json::from_str(d).context("corrupt account record"))
            .collect()
    }

    async fn delete_account(&self, account_id: &str) -> anyhow::Result<bool> {
        Ok(self
            .conn()
            .execute("DELETE FROM accounts WHERE account_id = ?1", [account_id])?
            > 0)
    }

    async fn put_mute_rule(&self, rule: &MuteRule) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO mute_rules (id, doc) VALUES (?1, ?2)",
            params![rule.id, serde_json::to_string(rule)?],
        )?;
        Ok(())
    }

    async fn mute_rules(&self) -> anyhow::Result<Vec<MuteRule>> {
        read_docs(
            &self.conn(),
            "SELECT doc FROM mute_rules ORDER BY rowid",
            "mute rule",
        )
    }

    async fn delete_mute_rule(&self, id: &str) -> anyhow::Result<bool> {
        Ok(self
            .conn()
            .execute("DELETE FROM mute_rules WHERE id = ?1", [id])?
            > 0)
    }

    async fn put_mask(&self, mask: &Mask) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO masks (control_id, benchmark, account_id, doc) VALUES (?1, ?2, ?3, ?4)",
            params![
                mask.control_id,
                mask.benchmark.as_deref().unwrap_or(""),
                mask.account_id.as_deref().unwrap_or(""),
                serde_json::to_string(mask)?
            ],
        )?;
        Ok(())
    }

    async fn masks(&self) -> anyhow::Result<Vec<Mask>> {
        read_docs(
            &self.conn(),
            "SELECT doc FROM masks ORDER BY control_id, benchmark, account_id",
            "control mask",
        )
    }

    async fn delete_mask(
        &self,
        control_id: &str,
        benchmark: Option<&str>,
        account_id: Option<&str>,
    ) -> anyhow::Result<bool> {
        Ok(self.conn().execute(
            "DELETE FROM masks WHERE control_id = ?1 AND benchmark = ?2 AND account_id = ?3",
            params![
                control_id,
                benchmark.unwrap_or(""),
                account_id.unwrap_or("")
            ],
        )? > 0)
    }
}

/// Rows of one JSON document column, parsed; a corrupt row is an error naming its kind.
fn read_docs<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    kind: &str,
) -> anyhow::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let docs = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    docs.iter()
        .map(|d| serde_json::from_str(d).with_context(|| format!("corrupt {kind} record: {d}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, Status};
    use chrono::Duration;

    fn scan(id: &str, tasks: u32) -> Scan {
        Scan {
            id: id.into(),
            account_id: "123456789012".into(),
            started_at: Utc::now(),
            finished_at: None,
            state: ScanState::Running,
            regions: vec!["us-east-1".into()],
            tasks_total: tasks,
            tasks_done: 0,
            tasks_failed: 0,
            failures: Vec::new(),
            summary: None,
        }
    }

    fn finding(scan_id: &str, status: Status, at: DateTime<Utc>) -> Finding {
        Finding {
            control_id: "c".into(),
            resource_arn: "arn:aws:s3:::b".into(),
            resource_name: "b".into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            severity: Severity::High,
            status,
            reason: "r".into(),
            scan_id: scan_id.into(),
            first_seen: at,
            last_seen: at,
            status_changed_at: at,
            muted: None,
        }
    }

    #[tokio::test]
    async fn tasks_count_once_however_often_they_are_delivered() {
        let store = SqliteStore::in_memory().unwrap();
        store.create_scan(&scan("s1", 2)).await.unwrap();
        let p = store.finish_task("s1", "a", None).await.unwrap();
        assert_eq!(
            (p.done, p.total, p.newly_counted, p.finished()),
            (1, 2, true, false)
        );
        let p = store.finish_task("s1", "a", None).await.unwrap();
        assert_eq!((p.done, p.newly_counted), (1, false));
        let p = store.finish_task("s1", "b", Some("boom")).await.unwrap();
        assert_eq!((p.done, p.failed, p.finished()), (1, 1, true));
        let s = store
            .finalize_scan("s1", &Default::default())
            .await
            .unwrap();
        assert_eq!(s.state, ScanState::Partial);
        assert_eq!(s.failures, vec!["b: boom".to_string()]);
        assert!(store.finish_task("nope", "a", None).await.is_err());
    }

    #[tokio::test]
    async fn findings_keep_first_seen_and_track_status_changes() {
        let store = SqliteStore::in_memory().unwrap();
        let t0 = Utc::now() - Duration::days(2);
        let t1 = t0 + Duration::days(1);
        let t2 = t1 + Duration::days(1);
        let mut first = [finding("s1", Status::Fail, t0)];
        store.put_findings(&mut first).await.unwrap();
        // Redelivery of the same task: same rows, same times.
        let mut again = [finding("s1", Status::Fail, t0 + Duration::minutes(1))];
        store.put_findings(&mut again).await.unwrap();
        let q = FindingQuery {
            scan_id: Some("s1".into()),
            ..Default::default()
        };
        let rows = store.findings(&q).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].first_seen.timestamp(), t0.timestamp());

        let mut same = [finding("s2", Status::Fail, t1)];
        store.put_findings(&mut same).await.unwrap();
        assert_eq!(same[0].first_seen.timestamp(), t0.timestamp());
        assert_eq!(same[0].status_changed_at.timestamp(), t0.timestamp());

        let mut fixed = [finding("s3", Status::Pass, t2)];
        store.put_findings(&mut fixed).await.unwrap();
        assert_eq!(fixed[0].first_seen.timestamp(), t0.timestamp());
        assert_eq!(fixed[0].status_changed_at.timestamp(), t2.timestamp());

        let failing = FindingQuery {
            statuses: vec![Status::Fail],
            ..Default::default()
        };
        assert_eq!(
            store.findings(&failing).await.unwrap().len(),
            2,
            "scans s1 and s2 failed"
        );
    }

    #[tokio::test]
    async fn the_store_file_is_private_to_its_owner() {
        let dir = std::env::temp_dir().join(format!("parapet-store-test-{}", uuid::Uuid::new_v4()));
        let path = dir.join("p.db");
        let store = SqliteStore::open(&path).unwrap();
        store.create_scan(&scan("s1", 1)).await.unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        drop(store);
        let reopened = SqliteStore::open(&path).unwrap();
        assert!(reopened.scan("s1").await.unwrap().is_some());
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn temp_store_path() -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("parapet-store-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.db");
        (dir, path)
    }

    #[tokio::test]
    async fn a_store_without_a_schema_version_is_upgraded_in_place() {
        let (dir, path) = temp_store_path();
        // A file as parapet wrote it before the version was recorded: user_version 0.
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(SCHEMA_V1).unwrap();
            old.execute(
                "INSERT INTO scans (id, account_id, started_at, state, regions, tasks_total) VALUES ('s0', '123456789012', '2026-01-01T00:00:00+00:00', 'complete', '[]', 0)",
                [],
            )
            .unwrap();
            let v: u32 = old
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, 0);
        }
        let store = SqliteStore::open(&path).unwrap();
        assert!(store.scan("s0").await.unwrap().is_some());
        let v: u32 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as u32);
        drop(store);
        // Opening it again changes nothing.
        assert!(SqliteStore::open(&path).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn a_store_of_a_newer_schema_is_refused_naming_both_versions() {
        let (dir, path) = temp_store_path();
        drop(SqliteStore::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 7)
            .unwrap();
        let err = format!("{:#}", SqliteStore::open(&path).err().expect("refused"));
        let latest = MIGRATIONS.len();
        assert!(
            err.contains("schema version 7")
                && err.contains(&format!("version {latest} this parapet knows")),
            "{err}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn failure_lists_are_bounded_and_reasons_kept_whole_per_task() {
        let store = SqliteStore::in_memory().unwrap();
        store.create_scan(&scan("s", 150)).await.unwrap();
        let reason = format!("line\n{}", "z".repeat(2_000));
        for i in 0..150 {
            store
                .finish_task("s", &format!("k{i:03}"), Some(&reason))
                .await
                .unwrap();
        }
        let s = store.scan("s").await.unwrap().unwrap();
        assert_eq!(s.tasks_failed, 150);
        assert_eq!(s.failures.len(), MAX_FAILURES_ON_SCAN + 1);
        assert_eq!(s.failures[0], failure_line("k000", &reason));
        assert!(
            s.failures[100].contains("50 more failed tasks"),
            "{:?}",
            s.failures[100]
        );
        let kept: String = store
            .conn()
            .query_row(
                "SELECT error FROM scan_tasks WHERE task_key = 'k149'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, reason);
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_store_is_refused_untouched() {
        let dir = std::env::temp_dir().join(format!("parapet-store-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notes.txt");
        std::fs::write(&path, "my notes, not a database").unwrap();
        let err = SqliteStore::open(&path).err().expect("refused");
        assert!(
            format!("{err:#}").contains("not a usable parapet store"),
            "{err:#}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "my notes, not a database"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn mute_rules_and_masks_are_kept_until_removed() {
        use crate::model::MuteExceptions;
        let store = SqliteStore::in_memory().unwrap();
        let rule = MuteRule {
            id: "m1".into(),
            accounts: vec!["*".into()],
            controls: vec!["s3_*".into()],
            regions: vec!["*".into()],
            resources: vec!["^www-".into()],
            tags: vec!["env=prod".into()],
            exceptions: MuteExceptions {
                regions: vec!["eu-west-1".into()],
                ..Default::default()
            },
            reason: "website".into(),
            expires_at: Some(Utc::now() + Duration::days(3)),
            created_by: "alice".into(),
            created_at: Utc::now(),
        };
        store.put_mute_rule(&rule).await.unwrap();
        assert_eq!(store.mute_rules().await.unwrap(), vec![rule.clone()]);
        assert!(store.delete_mute_rule("m1").await.unwrap());
        assert!(!store.delete_mute_rule("m1").await.unwrap());
        assert!(store.mute_rules().await.unwrap().is_empty());

        let mask = Mask {
            control_id: "iam_root_hardware_mfa_enabled".into(),
            benchmark: Some("cis-aws-3.0".into()),
            account_id: None,
            reason: "organization-managed root".into(),
            created_by: "bob".into(),
            created_at: Utc::now(),
        };
        store.put_mask(&mask).await.unwrap();
        let mut for_account = mask.clone();
        for_account.benchmark = None;
        for_account.account_id = Some("123456789012".into());
        store.put_mask(&for_account).await.unwrap();
        assert_eq!(store.masks().await.unwrap().len(), 2);
        assert!(store
            .delete_mask(&mask.control_id, Some("cis-aws-3.0"), None)
            .await
            .unwrap());
        assert_eq!(store.masks().await.unwrap(), vec![for_account]);
    }

    #[tokio::test]
    async fn findings_of_earlier_scans_stay_readable_after_later_scans() {
        let store = SqliteStore::in_memory().unwrap();
        let t0 = Utc::now() - Duration::days(1);
        store
            .put_findings(&mut [finding("s1", Status::Fail, t0)])
            .await
            .unwrap();
        store
            .put_findings(&mut [finding("s2", Status::Pass, Utc::now())])
            .await
            .unwrap();
        let of = |id: &str| FindingQuery {
            scan_id: Some(id.into()),
            ..Default::default()
        };
        assert_eq!(
            store.findings(&of("s1")).await.unwrap()[0].status,
            Status::Fail
        );
        assert_eq!(
            store.findings(&of("s2")).await.unwrap()[0].status,
            Status::Pass
        );
    }

    #[tokio::test]
    async fn resource_tags_name_every_resource_of_the_scan_and_only_those() {
        let store = SqliteStore::in_memory().unwrap();
        let resource = |scan_id: &str, name: &str, tags: &[(&str, &str)]| Resource {
            arn: format!("arn:aws:s3:::{name}"),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            name: name.into(),
            tags: tags
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            attributes: serde_json::json!({"Versioning": "Enabled"}),
            collected_at: Utc::now(),
            scan_id: scan_id.into(),
        };
        store
            .put_resources(&[
                resource("s1", "www", &[("env", "prod"), ("team", "web")]),
                resource("s1", "logs", &[]),
                resource("s2", "other", &[("env", "dev")]),
            ])
            .await
            .unwrap();
        let tags = store.resource_tags("s1").await.unwrap();
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert_eq!(tags["arn:aws:s3:::www"]["team"], "web");
        assert!(tags["arn:aws:s3:::logs"].is_empty());
        assert!(store.resource_tags("s3").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn findings_by_page_reads_what_findings_reads_in_the_same_order() {
        let store = SqliteStore::in_memory().unwrap();
        let at = Utc::now();
        let mut all = Vec::new();
        for scan_id in ["s1", "s2"] {
            store.create_scan(&scan(scan_id, 1)).await.unwrap();
            for i in 0..37 {
                let mut f = finding(scan_id, [Status::Pass, Status::Fail][i % 2], at);
                f.control_id = format!("c{}", i % 4);
                f.resource_arn = format!("arn:aws:s3:::b{i:02}");
                f.severity = Severity::ALL[i % Severity::ALL.len()];
                all.push(f);
            }
        }
        store.put_findings(&mut all).await.unwrap();
        let queries = [
            FindingQuery::default(),
            FindingQuery {
                scan_id: Some("s2".into()),
                ..Default::default()
            },
            FindingQuery {
                scan_id: Some("s1".into()),
                statuses: vec![Status::Fail],
                severities: vec![Severity::High, Severity::Low],
                ..Default::default()
            },
        ];
        let key = |f: &Finding| {
            (
                f.scan_id.clone(),
                f.control_id.clone(),
                f.resource_arn.clone(),
            )
        };
        for query in &queries {
            let whole: Vec<_> = store.findings(query).await.unwrap();
            assert!(!whole.is_empty());
            for page_size in [1, 5, 36, 37, 74, 1000] {
                let (mut paged, mut pages) = (Vec::new(), 0);
                store
                    .findings_by_page(query, page_size, &mut |page| {
                        assert!(!page.is_empty() && page.len() <= page_size);
                        pages += 1;
                        paged.extend(page);
                        Ok(())
                    })
                    .await
                    .unwrap();
                assert_eq!(
                    pages,
                    whole.len().div_ceil(page_size),
                    "{query:?} by {page_size}"
                );
                // Same rows; within one scan in the same order (across scans `findings`
                // leaves the order of a control and resource's rows open).
                if query.scan_id.is_some() {
                    assert_eq!(
                        paged.iter().map(key).collect::<Vec<_>>(),
                        whole.iter().map(key).collect::<Vec<_>>()
                    );
                } else {
                    let mut a: Vec<_> = paged.iter().map(key).collect();
                    let mut b: Vec<_> = whole.iter().map(key).collect();
                    a.sort();
                    b.sort();
                    assert_eq!(a, b);
                }
            }
        }
        let mut visits = 0;
        let failed = store
            .findings_by_page(&queries[0], 10, &mut |_| {
                visits += 1;
                anyhow::bail!("the reader stopped")
            })
            .await;
        assert!(
            failed.is_err() && visits == 1,
            "an error from the visitor stops the read"
        );
        assert_eq!(store.resource_count("s1").await.unwrap(), 0);
    }
}
