//! The registry of diagnostic codes. Each code has a stable name and a one-paragraph doc
//! (what it means, why it is an error, how to fix it), shown by `reportc explain CODE`.

use std::fmt;

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $name:ident = $code:literal, $title:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $(#[doc = $doc])* $name, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
            /// The code as printed, e.g. `E0201`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }
            /// A short title.
            pub fn title(self) -> &'static str {
                match self { $(Code::$name => $title,)* }
            }
            /// The long explanation.
            pub fn doc(self) -> &'static str {
                match self { $(Code::$name => concat!($($doc, "\n",)*),)* }
            }
            /// The long explanation, one paragraph.
            pub fn explanation(self) -> String {
                self.doc().lines().map(str::trim).collect::<Vec<_>>().join(" ").trim().to_string()
            }
            /// A lint's code (`W...`): its diagnostics are warnings.
            pub fn is_warning(self) -> bool {
                self.as_str().starts_with('W')
            }
            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s))
            }
        }
    };
}

codes! {
    /// The file is not valid YAML (bad indentation, an unclosed quote, a tab used for indentation).
    /// Fix the YAML syntax at the position shown.
    YamlSyntax = "E0001", "invalid YAML";
    /// The same key appears twice in one mapping. YAML parsers disagree on which one wins, so
    /// reportc refuses both. Remove or rename one of them.
    DuplicateKey = "E0002", "duplicate key";
    /// A key that the format does not define. Usually a typo; the help line suggests the
    /// nearest known key.
    UnknownKey = "E0003", "unknown key";
    /// A required key (for example `source` in a report) is missing.
    MissingKey = "E0004", "missing key";
    /// A value has the wrong YAML shape: a list where a string was expected, a mapping where a
    /// list was expected, and so on.
    WrongShape = "E0005", "wrong kind of value";
    /// YAML anchors, aliases, tags and multiple documents are not accepted in reports or
    /// catalogues: they hide where a value came from and allow exponential expansion. Also
    /// `convert --to yaml` of a DSL comment holding a character that YAML cannot hold (a
    /// control character such as NUL): remove it from the comment.
    YamlFeature = "E0006", "unsupported YAML feature";
    /// The input is larger than the cap (1 MiB per file) or nests deeper than the cap (64 levels
    /// of YAML, 128 levels of expression). The cap protects CI machines from hostile input.
    InputTooLarge = "E0007", "input over the size or depth cap";
    /// The file could not be read, or has an extension reportc does not know.
    Io = "E0008", "cannot read input";
    /// A file has more diagnostics than are shown (100): the rest are counted in this note,
    /// not rendered, so that a hostile file cannot flood the terminal or CI log. Fix the ones
    /// shown and check again.
    TooManyDiagnostics = "E0009", "more diagnostics than are shown";
    /// `compile --out DIR`: two or more reports would write the same file in DIR (the same
    /// `report:` name, or files of the same name in different folders without one; names that
    /// differ only in case clash too, as they would on a case-insensitive file system). None
    /// of them is written, so that no report silently replaces another's SQL; the others are.
    /// Give each report its own `report:` name.
    OutputClash = "E0010", "two reports write the same output file";
    /// An expression (a filter, a column, a having or order item) is not well formed.
    ExprSyntax = "E0100", "invalid expression";
    /// A literal is malformed: a date that does not exist, a number out of range, a duration
    /// with an unknown unit, an invalid escape in a string.
    BadLiteral = "E0101", "invalid literal";
    /// The report names a data source the catalogue does not have.
    UnknownSource = "E0200", "unknown data source";
    /// An expression names a column the data source does not have.
    UnknownColumn = "E0201", "unknown column";
    /// A literal compared with an enum column is not one of its allowed values. Matching ignores
    /// case; the help line lists the allowed values.
    UnknownEnumValue = "E0202", "value not allowed for this column";
    /// Two operands have incompatible types, for example a duration compared with text, or a
    /// timestamp compared with a number.
    TypeMismatch = "E0203", "type mismatch";
    /// A function received an argument of the wrong type or the wrong number of arguments, for
    /// example `sum` of a text column.
    BadArgument = "E0204", "invalid function argument";
    /// A literal compared with a phone column is not a phone number in international (E.164)
    /// format: `+`, then 7 to 15 digits in all (no spaces or punctuation), starting with a
    /// country calling code in use (`+33` France, `+1` North America; `+999` is no
    /// country's). The country code is checked against the ITU list; the rest of the number
    /// is checked for its shape only, not against the country's numbering plan.
    BadPhone = "E0205", "malformed phone number";
    /// `having` or `order_by` names something that is not one of the report's output columns.
    NotAnOutput = "E0206", "not an output column";
    /// Two output columns have the same name.
    DuplicateOutput = "E0207", "duplicate output name";
    /// `limit` must be a whole number greater than zero.
    BadLimit = "E0208", "invalid limit";
    /// An aggregate (count, sum, ...) appears in `filters`, which filter rows before grouping.
    /// Move the condition to `having`.
    AggregateInFilter = "E0209", "aggregate in a row filter";
    /// An aggregate inside another aggregate, or an aggregate filter (`where`) on a
    /// non-aggregate.
    NestedAggregate = "E0210", "invalid aggregate nesting";
    /// An output column mixes per-row values and aggregates, or `group_by` omits a
    /// non-aggregated output column.
    Grouping = "E0211", "invalid grouping";
    /// A function that reportc does not know.
    UnknownFunction = "E0212", "unknown function";
    /// The report `timezone` is not an IANA time zone name such as `Europe/Paris`.
    BadTimezone = "E0213", "unknown time zone";
    /// A value outside its allowed range, for example a percentile fraction outside 0..1.
    OutOfRange = "E0214", "value out of range";
    /// A time bucket (`by day`) or relative range (`in last 7 days`) applied to a column that is
    /// not a timestamp.
    NotATimestamp = "E0215", "not a timestamp";
    /// An output column that is an expression needs a name.
    UnnamedOutput = "E0216", "output needs a name";
    /// The condition is not a yes/no expression: a filter or having item must be a comparison,
    /// a test such as `is null`, or a boolean column.
    NotACondition = "E0217", "not a condition";
    /// `$name` names no declared parameter, or `--param name=...` names no parameter of the
    /// report. Declare it under `parameters:` (a `parameter` clause in the DSL) or fix the name;
    /// the help line suggests the nearest declared one.
    UnknownParam = "E0230", "unknown parameter";
    /// A declared parameter has no value: give it with `--param name=VALUE` or declare a
    /// `default`. (With `--placeholders` no value is needed: the driver binds it.)
    MissingParam = "E0231", "parameter without a value";
    /// A parameter declaration is invalid: an unknown type, a name declared twice, or an
    /// `enum(column)` whose column is not an enum column of the source.
    BadParam = "E0232", "invalid parameter declaration";
    /// With `--placeholders`, a parameter whose value reportc converts at compile time (a date
    /// or timestamp read in the report time zone, a duration in the column's unit, an enum
    /// label to its stored code) cannot be left to the driver to bind with the same meaning.
    /// Give its value with `--param` instead, or declare it as text, integer, number or boolean.
    PlaceholderType = "E0233", "parameter cannot be a bind placeholder";
    /// `previous`, `change` and `relative_change` compare a bucket of the report's time bucket
    /// with the one before it (or one year earlier), so the report must group by exactly one
    /// time bucket (`distribution_date by week`) and may group by other keys too. Add the
    /// bucket to `group_by`, or remove the second bucket.
    ComparisonNeedsBucket = "E0240", "comparison without one time bucket";
    /// The first argument of `previous`, `change` or `relative_change` must be an aggregate or
    /// a measure (a value per bucket: `count()`, `avg(wait_time)`, an aggregate output), not a
    /// per-row column or another comparison; the second argument, when given, is `year`.
    ComparisonArgument = "E0241", "invalid comparison argument";
    /// `previous`, `change` and `relative_change` stand in `columns` or `having`, around an
    /// aggregate: not in a filter, a group key, the condition of a filtered aggregate, inside
    /// an aggregate or in a catalogue measure.
    ComparisonPlace = "E0242", "comparison not allowed here";
    /// The arguments of `rolling(m, N)` or `running(m[, unit])` are wrong: `m` must be an
    /// aggregate or a measure (not a per-row column, a comparison or another window), `N` a
    /// whole number of buckets from 1 to 10000, the period of `running` a time unit that holds
    /// whole buckets (days in a month; not weeks in a month, whose weeks straddle months).
    WindowArgument = "E0243", "invalid window argument";
    /// A report combines window and comparison shapes it cannot compute in one query:
    /// `previous` with `rolling`/`running`, windows of different sizes or periods, or a
    /// comparison or window with `share()` or with `link.column` paths. Keep one kind per
    /// report; write the other as a second report.
    WindowMix = "E0244", "windows that cannot be combined";
    /// `share(m)` takes an additive aggregate: a count or a sum (or a measure that is one, or
    /// sums and differences of them). The share of an average, a ratio, a percentile, a count
    /// distinct, a min or a max would not add up to 1 over the groups.
    ShareNotAdditive = "E0250", "share of a non-additive value";
    /// `share(m, k...)`: each `k` must name a per-row (grouping) output column written before
    /// the share, the groups within which the shares add up to 1.
    ShareWithin = "E0251", "share within a name that is not a group key";
    /// `share()` is an output column of an aggregated report only: not inside another
    /// expression's aggregate, a filter, `having` or a catalogue measure, and not in a report
    /// with `having` (its total would silently leave out the groups `having` removes).
    SharePlace = "E0252", "share where it cannot be computed";
    /// A report with `top` rebuilds the rest row from the groups' values, so every aggregate
    /// of its outputs must re-aggregate: counts and sums (summed), min and max, averages
    /// (through their sum and count), and shares of those. A count distinct, a percentile or a
    /// median cannot be rebuilt from per-group values (a value seen in two groups, the middle
    /// of the rest); remove it or write the report without `top`.
    TopMeasure = "E0253", "top with a value that does not re-aggregate";
    /// `top`'s `by` must name an aggregate output of the report (a count, a sum, an average,
    /// a measure...): not a group key, an unknown name, a share or a comparison.
    TopBy = "E0254", "top ranked by what is not an aggregate output";
    /// The groups `top` ranks are the group keys not named in `per`: there must be at least
    /// one, each an output of text (the rest row shows its label there; a time bucket goes in
    /// `per` to rank within each bucket), and `per` names group-key outputs. A share within a
    /// ranked key is refused.
    TopKeys = "E0255", "top over keys it cannot rank";
    /// `top` orders and limits its rows itself and is computed from the grouped rows: it does
    /// not go with `limit`, `having`, an `order_by` on other outputs than the `per` keys, or a
    /// comparison or window.
    TopClause = "E0256", "top combined with what it cannot";
    /// `top`'s number of groups is a whole number greater than zero, and its value has `n` and
    /// `by` (YAML `top: {n: 5, by: contacts}`, DSL `top 5 by contacts`).
    TopShape = "E0257", "invalid top";
    /// `fill: yes` shows every bucket of the report's date range, so the report must group by
    /// exactly one time bucket of a column (`distribution_date by day`). Add the bucket to
    /// `columns` and `group_by`, or remove `fill`.
    FillNeedsBucket = "E0260", "fill without one time bucket";
    /// `fill: yes` needs a bounded date range on the bucketed column, to know which buckets to
    /// show: one relative range (`distribution_date in last 7 days`), or one lower and one
    /// upper bound (`distribution_date >= 2026-03-01 and distribution_date < 2026-04-01`,
    /// `distribution_date between 2026-03-01 and 2026-03-31`), as filters of their own.
    FillNeedsRange = "E0261", "fill without a bounded date range";
    /// Every group key of a filled report must be an output column: each combination of the
    /// other keys gets every bucket, and rows whose keys are not shown would look alike. Add the
    /// key to the columns, or remove it from `group_by`.
    FillKeys = "E0262", "fill with a group key that is not an output";
    /// A filled report shows at most 1000 buckets (MySQL's default recursion depth, which the
    /// series of buckets is generated with): 1000 days, 41 days of hours. Shorten the range
    /// or use a longer bucket.
    FillTooLong = "E0263", "too many buckets to fill";
    /// `fill` does not combine with `previous`/`change`/`relative_change`, `rolling`/`running`,
    /// `share()`, `link.column` paths or `top` yet: write the filled report without them.
    FillMix = "E0264", "fill combined with a comparison, a window, a share, a path or top";
    /// Hour buckets in a report time zone with clock changes cannot be filled with the same
    /// meaning everywhere (a local hour that does not exist, or exists twice). Fill day or
    /// longer buckets, or use a zone without clock changes (UTC).
    FillHourZone = "E0265", "filled hour buckets in a zone with clock changes";
    /// `bucket_as: date` shows day, week, month, quarter and year buckets as dates (their first
    /// day). An hour bucket is not a date, and a report without a time bucket output has
    /// nothing to show as a date. Use a day (or longer) bucket, or remove `bucket_as`.
    BucketAsDate = "E0266", "bucket_as: date without a day or longer bucket";
    /// A report path `link.column` names a link the report's source does not have, or a column
    /// the linked source does not have. The help line lists the source's links (catalogue
    /// `links:`) or suggests the nearest column.
    UnknownPath = "E0270", "unknown path";
    /// A report path reads the "many" side of a link: a source whose rows link to the report's
    /// source (SMS of a message, from a messages report). Joining it would repeat each row of
    /// the report's source once per related row and inflate its counts and sums (fan-out), so
    /// it is refused. Write the report from the many side and follow its link (`message.channel`
    /// from `sms`).
    FanOut = "E0271", "path would fan out";
    /// An aggregate of a linked "many" side that cannot be computed per row of the report's
    /// source and combined: `count_distinct` and percentiles of the many rows (`percentile(
    /// sms.credits, 0.9)` from `messages`). A pre-aggregate per message cannot be merged into
    /// a per-channel distinct count or percentile, so it is refused, never approximated. Write
    /// the report from the many side (`from sms ... group by message.messaging_type`).
    ManyNotMergeable = "E0272", "many-side aggregate that cannot be combined";
    /// An aggregate or `any()` of a linked "many" side names something else than that side's
    /// columns: a column of the report's own source, a second linked source, or a bind
    /// placeholder. Inside `count(sms ...)`, `sum(sms.x)` or `any(sms.x = ...)` every column is
    /// `sms.<column>`.
    ManyMixed = "E0273", "many-side aggregate mixes sources";
    /// A name for the many side of a link is ambiguous (the source links to the report's
    /// source more than once: `sms` by `message` and by `original_message`), or `any()` names
    /// no linked many side. The help lists the names to use (`sms_via_message`).
    ManyName = "E0274", "ambiguous or missing many side";
    /// The target SQL dialect cannot express this construct with the same meaning. reportc never
    /// emits SQL with different semantics; choose another construct or dialect.
    Unsupported = "E0300", "not supported by the dialect";
    /// The catalogue file is invalid: a bad type, a missing enum list, a duplicate code.
    Catalog = "E0400", "invalid catalogue";
    /// A catalogue measure uses itself, directly or through other measures (`a` uses `b`, which
    /// uses `a`). The message names the path. A measure stands for one aggregate expression,
    /// so its definition must end: write one of the measures on the path with columns only.
    MeasureCycle = "E0410", "measure uses itself";
    /// A catalogue measure is not an aggregate, or uses a column outside an aggregate
    /// (`sum(exchange_time) + wait_time`). A measure is used wherever an aggregate may stand, so
    /// every column in it must be inside `count`, `sum`, `avg`, `min`, `max`, ... (or inside a
    /// measure it uses).
    MeasureNotAggregate = "E0411", "measure is not an aggregate";
    /// A catalogue measure is too large once the measures it uses are written out (over 10,000
    /// expression nodes, or nested more than 32 measures or 256 expression levels deep). Measures
    /// are inlined into the SQL of every report that uses them, so their size is bounded;
    /// define the measure more directly.
    MeasureTooLarge = "E0412", "measure too large";
    /// A report uses a catalogue measure that has an error of its own (a cycle, a column outside
    /// an aggregate, a type error). The message quotes the measure's error; `reportc check
    /// --catalog FILE` (or any command loading the catalogue) shows it in the catalogue file.
    BrokenMeasure = "E0413", "report uses a broken measure";
    /// A catalogue link (`links:`) is incomplete or names what does not exist: no `column`,
    /// `to` or `cardinality`, a column the source lacks, an unknown source or column in `to:
    /// source.column`, an unknown cardinality. The help line suggests the nearest name.
    BadLink = "E0420", "invalid catalogue link";
    /// A catalogue link relates columns of different types (an integer to a text identifier).
    /// A link joins on equal values, so both columns need the same type (identifiers, text
    /// and phone numbers count as text).
    LinkTypeMismatch = "E0421", "link relates columns of different types";
    /// A catalogue link goes to a column that is not a declared key of its source (`keys:`).
    /// Following a many-to-one link must find at most one row, or the report's rows would be
    /// repeated (fan-out); declare the key if the column identifies one row.
    LinkTargetNotKey = "E0422", "link target is not a key";
    /// Two links of one source have the same name, or a link has the name of a column: a
    /// report path `link.column` must say one thing. Rename one of them.
    DuplicateLink = "E0423", "duplicate link name";
    /// One-to-one links form a cycle (`a → b → a`): nothing says which side refers to which.
    /// Declare the link on one side only, or make one of them many-to-one.
    LinkCycle = "E0424", "one-to-one links form a cycle";
    /// `keys:` names a column the source does not have, or one column twice.
    BadKey = "E0425", "invalid key";
    /// A link's `reverse:` name (how reports of the target name the linking rows) is not a
    /// valid name, or is already a link, a column or another reverse name of the target.
    BadReverse = "E0426", "invalid reverse link name";
    /// `reportc run`: the engine could not run the compiled SQL (for example data files whose
    /// columns do not match the catalogue). The message is the engine's; the help shows the SQL.
    EngineError = "E0500", "the engine could not run the report";
    /// `reportc run --data`: the data cannot be read: the path does not exist, a folder or file
    /// cannot be opened, a DuckDB database file is not one, or a CSV or Parquet file is
    /// malformed (the engine's message says where). Check the path and the file's format.
    DataUnreadable = "E0501", "cannot read the data";
    /// `reportc run --data`: a data file has no column for a column of the catalogue. Columns
    /// are matched by their physical name (the catalogue's `column:`, else the column id),
    /// exactly, else ignoring case. Rename the file's column, or fix the catalogue's `column:`;
    /// the help line suggests the nearest column of the file.
    DataMissingColumn = "E0502", "a data file lacks a catalogue column";
    /// `reportc run --data`: a value in a data file is not of its catalogue column's type (a
    /// timestamp column holding `yesterday`, a list that is not a JSON array). The message
    /// names the row and the column of the first such value of each column; conversions are
    /// lenient (see the README), so the value must be fixed or made empty (NULL).
    DataBadValue = "E0503", "a value in the data does not convert";
    /// `reportc run --data`: the folder or DuckDB file holds none of the catalogue's tables.
    /// Files in a folder are named after the tables (`<table>.csv`, `.csv.gz`, `.tsv`,
    /// `.parquet`) or the source ids, ignoring case; a DuckDB file's tables are found by their
    /// qualified name, else by their name in any schema.
    DataNoTables = "E0504", "the data holds none of the catalogue's tables";
    /// `reportc demo-data` (or `run`'s demo data): a data file cannot be written, for example
    /// a folder without write permission or a full disk; or a table name that the format
    /// cannot hold (a DuckDB file holds one database, so no three-part table names); or two
    /// tables whose names give one data file name (`x/y` and `x_y`: `/` becomes `_`; names
    /// that differ only in case), which would write one file over the other: nothing is
    /// written. Rename one of the tables in the catalogue.
    DataWrite = "E0505", "cannot write the data";
    /// `reportc run`, `demo-data --format parquet|duckdb`: the embedded DuckDB could not start
    /// or be configured. This is not caused by the report or the data; the message is DuckDB's.
    EngineStart = "E0506", "the embedded engine could not start";
    /// `reportc run --connect URL`: the URL is not one reportc reads: an unknown scheme, no host,
    /// a port that is not a number, a bad `%` escape, a parameter the database's URL does not
    /// take. The message shows the URL without its password. Schemes: `postgres://`,
    /// `postgresql://`, `redshift://`, `mysql://`, `mariadb://`, `clickhouse://`, `http://`
    /// (ClickHouse's HTTP interface), `sqlite:`, `duckdb:`.
    ConnectUrl = "E0510", "invalid --connect URL";
    /// `reportc run --connect URL`: this build has no client for the URL's database (each is a
    /// cargo feature: `postgres`, `mysql`, `clickhouse`, `sqlite`, or `connect` for these four;
    /// a DuckDB file needs `duckdb`, the embedded engine), or the URL asks for what the client
    /// cannot do (TLS: `sslmode=require`, `https://`).
    ConnectUnsupported = "E0511", "no client for this database";
    /// `reportc run --connect URL`: the database could not be reached, or refused the login
    /// (wrong user or password, no such database), or the session could not be set up (read-only
    /// transaction, statement timeout). The message is the driver's or the server's, without the
    /// password; the URL is shown without it too.
    ConnectFailed = "E0512", "cannot connect to the database";
    /// `reportc run --connect URL`: the database could not run the compiled SQL: a table of the
    /// catalogue that it does not have, a column of another type, a permission. The message is
    /// the server's; the help shows the SQL. Point the catalogue's `table:` at the tables the
    /// database has.
    ConnectQuery = "E0513", "the database could not run the report";
    /// `reportc run --connect URL`: the database stopped the query at the statement timeout
    /// (`--timeout SECONDS`, default 60). Raise it, or narrow the report.
    ConnectTimeout = "E0514", "the query ran past --timeout";
    /// `reportc run --connect URL -d DIALECT`: the dialect given disagrees with the database of
    /// the URL. The dialect follows the URL's scheme (`postgres://` is postgres, `redshift://`
    /// redshift, `mysql://` and `mariadb://` mysql, `clickhouse://` clickhouse); drop `-d`.
    ConnectDialect = "E0515", "-d disagrees with the --connect URL";
    /// `reportc run --connect sqlite:PATH` (or `duckdb:PATH`): the file cannot be read as a
    /// SQLite (DuckDB) database: it does not exist (it is opened read-only and never created),
    /// it is a folder, it may not be read, or it is not such a database (or is damaged). A
    /// relative PATH is from the current folder; `sqlite:///abs/path` is absolute.
    ConnectFileUnreadable = "E0516", "the database file cannot be read";
    /// The project config, `reportc.toml`, is invalid: TOML syntax, an unknown dialect or lint
    /// code, a catalogue file that does not exist. Paths in it are relative to its folder.
    /// `--isolated` ignores it; `--config FILE` names another one.
    Config = "E0600", "invalid project config";
    /// `compile --template`: the template is not valid minijinja (an unclosed `{{` or `{%`, an
    /// unknown tag such as `include`, which templates cannot use since they read no other
    /// file). The span is in the template file.
    TemplateSyntax = "E0700", "invalid template";
    /// `compile --template`: the template failed while rendering: an undefined variable
    /// (templates are strict; they see `sql`, `query`, `view_sql`, `report`, `dialect`, `parameters`), a
    /// filter's error, or a limit (instructions, nesting, output size) that stops a template
    /// that would not end. The span is in the template file.
    TemplateRender = "E0701", "the template failed";
    /// A warning (lint): `and` and `or` mixed without parentheses, as in `where a and b or c`.
    /// `and` binds tighter, so this is `(a and b) or c`: every row where `c` holds passes,
    /// whatever `a` and `b` say, which is rarely what was meant. Write the parentheses you
    /// mean: `(a and b) or c`, or `a and (b or c)`. `fmt` and `convert` keep them.
    MixedAndOr = "W0101", "`and` and `or` mixed without parentheses";
    /// A warning (lint): a filter that can never hold (`x = 'a' and x = 'b'`, `n > 5 and n < 3`),
    /// so the report returns no row, or that always holds (`x != 'a' or x != 'b'`), so it
    /// filters nothing. Only cases that are certain are reported: the same column compared with
    /// literals. Fix the values, or remove the filter.
    ConstantFilter = "W0102", "a filter that never holds or always holds";
    /// A warning (lint): `limit` without `order_by`. Which rows are kept is then up to the
    /// database and can change from one run to the next. Add an `order_by` (for a top-N, the
    /// measure, descending).
    LimitWithoutOrder = "W0103", "`limit` without `order_by`";
    /// A warning (lint): two files of one `check` or `compile` run give the same report name
    /// (the `report:` key, or the file name without one). The warning points at the second
    /// file and names the first. Give each report its own name.
    DuplicateReportName = "W0104", "the same report name in two files";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {}", c.as_str());
            assert!(!c.doc().trim().is_empty(), "{} has no doc", c.as_str());
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
