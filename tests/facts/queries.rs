//! NULL order, LIMIT forms, GROUP BY, JSON lists, comparisons, windows and joins.

use super::*;

/// Every dialect writes the NULL order out (the defaults differ: redshift item 10, bigquery
/// item 10, trino item 10, oracle "NULL order"), or emulates it where there is no NULLS LAST
/// (mssql item 10).
#[test]
fn null_order_is_always_explicit() {
    fact("oracle", "reportc always writes `NULLS FIRST`/`NULLS LAST`");
    fact("bigquery", "ASC gives NULLS FIRST, DESC gives NULLS LAST");
    fact(
        "trino",
        "\"The default null ordering is `NULLS LAST`, regardless of the\n    ordering direction.\"",
    );
    fact(
        "mssql (SQL Server T-SQL)",
        "NULLs smallest: ASC first, DESC last. **No `NULLS FIRST/LAST`.**",
    );
    // the emulated key is an expression over the input columns, which the ORDER BY page allows
    cited(
        "mssql (SQL Server T-SQL)",
        "https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008-r2/ms188385(v=sql.105)",
        "\"A sort column can include an expression\"",
    );
    for d in ["bigquery", "snowflake", "trino", "athena", "redshift"] {
        assert_has(&sql(d, WEEKS), "NULLS LAST");
    }
    assert_has(&sql("oracle", NO_EMPTY), "\"w\" NULLS LAST");
    assert_has(&sql("mssql", WEEKS), "CASE WHEN DATETRUNC(iso_week, ");
    assert_lacks(&sql("mssql", WEEKS), "NULLS");
}

/// LIMIT forms: SQL Server TOP (item 11), Oracle FETCH FIRST (row_limiting_clause), LIMIT
/// elsewhere.
#[test]
fn limit_forms() {
    fact("oracle", "FETCH { FIRST \\| NEXT } [ { rowcount \\| percent PERCENT } ] { ROW \\| ROWS } { ONLY \\| WITH TIES } ]");
    fact(
        "mssql (SQL Server T-SQL)",
        "\"For backward compatibility, TOP expression without parentheses in SELECT statements is supported, but we do not recommend this\"",
    );
    assert_has(&sql("oracle", NO_EMPTY), "FETCH FIRST 5 ROWS ONLY");
    assert_has(&sql("mssql", WEEKS), "SELECT TOP (5)");
    for d in [
        "bigquery",
        "snowflake",
        "trino",
        "athena",
        "redshift",
        "databricks",
    ] {
        assert_has(&sql(d, WEEKS), "LIMIT 5");
    }
}

/// redshift "GROUP BY ordinal": ordinals reference the select list; oracle "GROUP BY":
/// GROUP_BY_POSITION_ENABLED is FALSE by default, so the expressions are repeated; mssql item
/// 17: neither alias nor ordinal.
#[test]
fn group_by_forms() {
    fact(
        "redshift",
        "\"GROUP BY 子句中的表达式也可以使用序号来引用选择列表\"",
    );
    fact("oracle", "\"Default value FALSE\"");
    fact(
        "mssql (SQL Server T-SQL)",
        "**neither** (repeat the expression",
    );
    let report = "source: sms\ncolumns:\n  - m: send_date by month\n  - n: count()\n";
    for d in ["redshift", "snowflake", "bigquery", "trino"] {
        assert_has(&sql(d, report), "GROUP BY\n  1");
    }
    assert_has(&sql("oracle", report), "GROUP BY\n  TRUNC(send_date, 'MM')");
    assert_has(
        &sql("mssql", report),
        "GROUP BY\n  DATETRUNC(month, send_date)",
    );
}

/// oracle "NULL order": the grammar puts NULLS FIRST/LAST after an expression, a position or a
/// column alias, in either direction; reportc writes no window ORDER BY.
#[test]
fn oracle_order_by_takes_nulls_after_an_alias() {
    fact(
        "oracle",
        "\"ORDER [ SIBLINGS ] BY { expr \\| position \\| c_alias } [ ASC \\| DESC ] [ NULLS FIRST \\| NULLS LAST ]",
    );
    let s = sql("oracle", NAMES);
    assert_has(
        &s,
        "ORDER BY\n  \"n\" DESC NULLS LAST, \"sms_type\" NULLS LAST",
    );
    assert_lacks(&s, "OVER");
    let p = sql(
        "oracle",
        "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\norder_by: [p desc]\n",
    );
    assert_has(&p, "WITHIN GROUP (ORDER BY wait_time) AS \"p\"");
    assert_has(&p, "\"p\" DESC NULLS LAST");
}

/// oracle "ListContains": JSON_TABLE in the FROM of an EXISTS subquery, one row per element of
/// `'$[*]'`, the element's value in a VARCHAR2(4000) column.
#[test]
fn oracle_lists_are_json_table_rows() {
    fact(
        "oracle",
        "\"column_name [ JSON_value_return_type ] PATH JSON_basic_path_expression\"",
    );
    fact(
        "oracle",
        "\"You must specify JSON_TABLE only in the FROM clause of a SELECT statement\"",
    );
    let s = sql(
        "oracle",
        "source: messages\ncolumns:\n  - messaging_type\n  - vip: count() where checkpoints contains 'vip'\n",
    );
    assert_has(
        &s,
        "EXISTS (SELECT 1 FROM JSON_TABLE(checkpoints, '$[*]' COLUMNS(v VARCHAR2(4000) PATH '$')) jt WHERE jt.v = 'vip')",
    );
}

const PREVIOUS: &str = "source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - queue
  - offered: count()
  - offered_change: change(offered)
group_by: [week, queue]
";

const ROLLING: &str = "source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - rolling_offered: rolling(count(), 7)
group_by: [day]
";

const SECTION: &str = "comparisons and windows (issue 12)";

#[test]
fn comparisons_and_windows_are_ctes_and_joins() {
    let cases: &[(&str, &str)] = &[
        ("snowflake", "The WITH\n  clause is an optional clause that precedes the body of the SELECT statement"),
        ("mssql", "Specifies a temporary named result set, known as a common table expression (CTE)."),
        ("trino", "join types include \"LEFT [ OUTER ] JOIN\""),
        ("athena", "join types include \"LEFT [ OUTER ] JOIN\""),
        ("oracle", "WITH [ plsql_declarations ] [ subquery_factoring_clause | subav_factoring_clause ]"),
        ("redshift", "A WITH\n  clause is an optional clause that precedes the SELECT list in a query."),
        ("databricks", "Syntax `WITH common_table_expression [, ...]`."),
    ];
    for (dialect, quote) in cases {
        fact(SECTION, quote);
        let s = sql(dialect, PREVIOUS);
        assert!(s.starts_with("WITH\nrc_bucketed AS ("), "{dialect}:\n{s}");
        assert_has(&s, "LEFT JOIN rc_previous ON rc_j0 = ");
        assert_has(&s, "(rc_k1 = rc_j1 OR (rc_k1 IS NULL AND rc_j1 IS NULL))");
        let s = sql(dialect, ROLLING);
        assert_has(
            &s,
            "JOIN incoming_message_distributions ON distribution_date >= ",
        );
    }
}

#[test]
fn bigquery_refuses_comparisons_and_windows() {
    fact(SECTION, "LEFT OUTER JOIN\n  cannot be used without a condition that is an equality of fields from both sides of the join");
    for report in [PREVIOUS, ROLLING] {
        let d = refused("bigquery", report);
        assert!(
            d[0].help.as_deref().unwrap_or("").contains("equality"),
            "{d:?}"
        );
    }
}

#[test]
fn clickhouse_previous_sets_join_use_nulls() {
    fact(SECTION, "`SETTINGS join_use_nulls = 1`");
    let s = sql("clickhouse", PREVIOUS);
    assert!(
        s.trim_end().ends_with("SETTINGS join_use_nulls = 1;"),
        "{s}"
    );
    assert!(!sql("clickhouse", ROLLING).contains("SETTINGS"));
}

/// A report following a link (`message.messaging_type` from `sms`).
const JOINED: &str = "source: sms\ncolumns:\n  - message.messaging_type\n  - n: count()\n";

/// SQL Server and Databricks: a derived table aliased without `AS`, LEFT JOIN on the key.
#[test]
fn joins_are_left_joins_in_a_derived_table() {
    fact("joins (issue 15)", "`derived_table [ AS ] table_alias`");
    fact("joins (issue 15)", "or appends NULL if there is no match");
    for d in ["mssql", "databricks"] {
        let s = sql(d, JOINED);
        assert_has(
            &s,
            "FROM sms r0 LEFT JOIN (SELECT interaction_id AS rc_k, messaging_type AS rc_1, 1 AS rc_m FROM messages) r1 ON r0.interaction_id = r1.rc_k) r",
        );
        assert_has(
            &s,
            "CASE WHEN r1.rc_m = 1 THEN r1.rc_1 END AS message__messaging_type",
        );
    }
}

/// BigQuery, Snowflake, Trino, Athena, Oracle and Redshift: each documents a subquery in FROM
/// with an alias and a LEFT [OUTER] JOIN ... ON; Trino documents the alias as `AS x`.
#[test]
fn joins_rest_on_each_vendors_from_clause() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "snowflake",
            &[
                "[ LATERAL ] ( <subquery> ) [ [ AS ] <alias_name> ]",
                "JOIN <object_ref2>\n  [ ON <condition> ]",
            ],
            "",
        ),
        (
            "bigquery",
            &[
                "`( query_expr ) [ [ AS ] alias ]`",
                "LEFT [OUTER]",
                "`[ expression. ]*`",
            ],
            "",
        ),
        (
            "trino",
            &["( SELECT a, MAX(b) AS b FROM t GROUP BY a ) AS x"],
            "AS ",
        ),
        ("athena", &["Athena has Trino's row"], "AS "),
        (
            "oracle",
            &[
                "`[ LATERAL ] (subquery [ subquery_restriction_clause ])`",
                "list takes `t_alias.*` beside",
            ],
            "",
        ),
        (
            "redshift",
            &[
                "`( subquery ) [ table_alias ]`",
                "The AS keyword is always optional",
            ],
            "",
        ),
    ];
    const MANY: &str = "source: messages\ncolumns:\n  - messaging_type\n  - sms_sent: count(sms)\nfilters:\n  - any(sms.origin = 'payment module')\n";
    for (d, quotes, alias) in cases {
        for q in *quotes {
            fact("joins (issue 15)", q);
        }
        let s = sql(d, JOINED);
        assert_has(&s, " LEFT JOIN (SELECT ");
        assert_has(&s, &format!(") {alias}r1 ON "));
        assert!(s.contains(&format!(") {alias}r\n")), "{d}:\n{s}");
        let s = sql(d, MANY);
        assert_has(&s, " GROUP BY interaction_id) ");
        assert_has(&s, " ELSE 0 END AS sms__n1");
    }
}

/// `top` on SQL Server (no engine here): ranked with `ROW_NUMBER()` in a CTE, NULLs last by
/// `CASE` keys, the outer query ordered by `MIN(rank)` (a sort column may be an expression).
#[test]
fn mssql_top_rest_orders_by_the_smallest_rank() {
    fact(
        "Top N with the rest (issue 12 item 5: `top`)",
        "A sort column can include an\n  expression",
    );
    fact(
        "Top N with the rest (issue 12 item 5: `top`)",
        "PARTITION BY \"can only\n  refer to columns made available by the FROM clause\"",
    );
    let top = "source: incoming_message_distributions\ncolumns:\n  - week: distribution_date by week\n  - queue\n  - offered: count()\n  - avg_wait: avg(wait_time)\n  - of_week: share(count(), week)\ntop: {n: 3, by: offered, per: [week], rest: Other}\n";
    let s = sql("mssql", top);
    assert_has(
        &s,
        "ROW_NUMBER() OVER (PARTITION BY rc_k0 ORDER BY CASE WHEN rc_b IS NULL THEN 1 ELSE 0 END, rc_b DESC, CASE WHEN rc_k1 IS NULL THEN 1 ELSE 0 END, rc_k1) AS rc_rank",
    );
    assert_has(
        &s,
        "CASE WHEN MIN(rc_rank) <= 3 THEN MIN(rc_k1) ELSE 'Other' END AS queue",
    );
    assert_has(&s, "CASE WHEN rc_rank <= 3 THEN rc_rank ELSE 4 END");
    assert_has(&s, "MIN(rc_rank);");
    // the share's total: a window over the CTE's columns, read back with MIN
    assert_has(
        &s,
        "SUM(CAST(rc_c0 AS BIGINT)) OVER (PARTITION BY rc_k0) AS rc_t0",
    );
    assert_has(&s, "NULLIF(MIN(rc_t0), 0) AS of_week");
    assert!(!s.contains("NULLS"), "{s}");
}
/// "ORDER BY in a view": SQL Server takes ORDER BY in a view only with TOP, so the view of a
/// report with `order_by` and no `limit` drops it (with a comment); with a `limit` (`TOP`), and
/// on the dialects that state no such rule, the view's query is the report's SQL.
#[test]
fn mssql_views_drop_an_order_by_without_top() {
    const SECTION: &str =
        "Creating or replacing a view (`Dialect::create_view`, `compile --template view`, issue 14)";
    fact(
        SECTION,
        "is also a TOP clause in the select list of the SELECT statement",
    );
    fact(SECTION, "No restriction on ORDER BY is stated there");
    let view = |dialect: &str, report: &str| {
        let file = SourceFile::new("fact.yaml", report);
        let d = dialect_by_name(dialect).unwrap();
        let c = reportc::compile_report(
            &file,
            InputFormat::Yaml,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
        )
        .unwrap();
        (c.sql, c.view_sql)
    };
    const ORDERED: &str = "source: sms\ncolumns: [sms_type, n: count()]\norder_by: [n desc]\n";
    let (sql, body) = view("mssql", ORDERED);
    assert!(sql.contains("ORDER BY"), "{sql}");
    let body = body.expect("a view body without ORDER BY");
    assert!(!body.contains("ORDER BY\n"), "{body}");
    assert!(
        body.starts_with("-- no ORDER BY: SQL Server refuses it in a view without TOP"),
        "{body}"
    );
    // the same query, up to where its ORDER BY was
    let cut = sql.find("\nORDER BY").unwrap();
    assert!(body.ends_with(&format!("\n{};\n", &sql[..cut])), "{body}");
    let limited = format!("{ORDERED}limit: 5\n");
    let (sql, body) = view("mssql", &limited);
    assert!(sql.contains("TOP (5)") && sql.contains("ORDER BY"), "{sql}");
    assert_eq!(body, None);
    for d in [
        "snowflake",
        "oracle",
        "trino",
        "bigquery",
        "databricks",
        "postgres",
    ] {
        assert_eq!(view(d, ORDERED).1, None, "{d}");
    }
}

/// "Percentiles as a window over the rows": SQL Server's and BigQuery's PERCENTILE_CONT is a
/// window function; each percentile is that window over its group's rows, read back with MIN,
/// its `where` folded into the argument (NULLs ignored); with a link it is refused.
#[test]
fn percentiles_are_windows_over_the_rows_where_there_is_no_aggregate() {
    const SECTION: &str =
        "Percentiles as a window over the rows (SQL Server, BigQuery: `builder::percentile_rows`)";
    cited(
        SECTION,
        "https://learn.microsoft.com/en-us/sql/t-sql/functions/percentile-cont-transact-sql",
        "\"Any nulls in the data set are ignored\"",
    );
    cited(
        SECTION,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont",
        "\"This function ignores NULL values if `RESPECT NULLS` is absent\"",
    );
    let report = "source: incoming_message_distributions\ncolumns:\n  - queue\n  - n: count()\n  - m: median(wait_time) where interaction_status = 'treated'\n";
    for (d, window) in [
        (
            "mssql",
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CASE WHEN interaction_status = 'treated' THEN wait_time END) OVER (PARTITION BY queue) AS rc_p0",
        ),
        (
            "bigquery",
            "PERCENTILE_CONT(CASE WHEN interaction_status = 'treated' THEN wait_time END, 0.5) OVER (PARTITION BY queue) AS rc_p0",
        ),
    ] {
        let s = sql(d, report);
        assert_has(&s, "rc_rows AS (");
        assert_has(&s, "    *,\n");
        assert_has(&s, window);
        assert_has(&s, "MIN(rc_p0) AS m");
        assert_has(&s, "FROM\n  rc_rows");
        let linked = format!("{report}filters: [message.session_start in last 30 days]\n");
        refused(d, &linked);
    }
}
