//! One file per dialect: its capability row and its function table.

pub mod bigquery;
pub mod duckdb;
pub mod postgres;
pub mod snowflake;
