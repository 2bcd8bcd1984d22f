//! One file per dialect: its capability row (overriding `dialect::BASE`) and its function table.

pub mod bigquery;
pub mod clickhouse;
pub mod duckdb;
pub mod mssql;
pub mod mysql;
pub mod oracle;
pub mod postgres;
pub mod redshift;
pub mod snowflake;
pub mod spark;
pub mod sqlite;
pub mod trino;
