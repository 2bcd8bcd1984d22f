//! One file per dialect: its capability row (built from its parent's row, or from
//! `dialect::BASE`, stating only what differs) and its own renderings; `families` holds the
//! renderings several unrelated dialects share.

pub mod athena;
pub mod bigquery;
pub mod clickhouse;
pub mod databricks;
pub mod duckdb;
pub mod families;
pub mod mssql;
pub mod mysql;
pub mod oracle;
pub mod postgres;
pub mod redshift;
pub mod snowflake;
pub mod spark;
pub mod sqlite;
pub mod trino;
