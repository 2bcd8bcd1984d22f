//! The fast path held to saphyr: wherever [`super::fast`] accepts a text, its tree is saphyr's
//! tree, spans and offsets included. Run on every YAML file of the project, on thousands of
//! edits of them, and on hand-picked edges.

use super::parse::{fast_tree, saphyr_tree};
use super::{project_yaml, yaml_files};
use std::path::Path;

/// Whether the fast path took `text`; panics when it gives another tree than saphyr.
fn agree(text: &str) -> bool {
    let Some(fast) = fast_tree(text) else {
        return false;
    };
    match saphyr_tree(text) {
        Ok(slow) => assert!(fast == slow, "the two parsers differ on:\n{text}"),
        Err(e) => panic!("saphyr refuses what the fast path took: {e:?}\n{text}"),
    }
    true
}

#[test]
fn every_project_file_agrees_and_most_reports_take_the_fast_path() {
    let files = project_yaml();
    assert!(files.len() > 100, "{} files", files.len());
    let taken = files.iter().filter(|t| agree(t)).count();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut reports = Vec::new();
    yaml_files(&root.join("reports"), &mut reports);
    let fast = reports.iter().filter(|t| fast_tree(t).is_some()).count();
    assert!(
        fast * 10 >= reports.len() * 8,
        "only {fast} of {} example reports take the fast path",
        reports.len()
    );
    assert!(taken > 0);
}

/// A small deterministic generator (no dependency, same cases on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn edits_of_every_project_file_agree() {
    let mut rng = Lcg(7);
    let pieces = [
        " ", "  ", "-", "- ", ":", ": ", "#", " #", "'", "''", "\"", "[", "]", ",", "x", "\n",
        "\n  ", "é", "[]", "[a, b]", "~", "null", "key: v\n", "  - ", "\\", "%", "&a ", "*a",
        "!t ", "|", ">", "{", "?", "---\n", "...\n", "\t", "\r",
    ];
    let (mut cases, mut taken) = (0, 0);
    for text in project_yaml() {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        // line edits: drop one, repeat one, indent one more or less, comment one
        for i in 0..lines.len() {
            let mut edited = Vec::new();
            for (how, line) in [
                ("drop", ""),
                ("repeat", lines[i]),
                ("indent", lines[i]),
                ("dedent", lines[i]),
                ("comment", lines[i]),
            ] {
                let mut l = lines.clone();
                let new;
                match how {
                    "drop" => {
                        l.remove(i);
                    }
                    "repeat" => l.insert(i, line),
                    "indent" => {
                        new = format!(" {line}");
                        l[i] = &new;
                        edited.push(l.concat());
                        continue;
                    }
                    "dedent" => l[i] = line.strip_prefix(' ').unwrap_or(line),
                    _ => {
                        new = format!("{} # c\n", line.trim_end_matches('\n'));
                        l[i] = &new;
                        edited.push(l.concat());
                        continue;
                    }
                }
                edited.push(l.concat());
            }
            for e in edited {
                taken += usize::from(agree(&e));
                cases += 1;
            }
        }
        // insertions of YAML's special characters at random places
        for round in 0..80 {
            let mut t = text.clone();
            for _ in 0..=(round % 3) {
                let mut at = rng.next(t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                t.insert_str(at, pieces[rng.next(pieces.len())]);
            }
            taken += usize::from(agree(&t));
            cases += 1;
        }
    }
    assert!(cases > 5_000, "{cases} cases");
    // the edits exercise the fast path, not only the fallback
    assert!(
        taken * 4 > cases,
        "{taken} of {cases} edits took the fast path"
    );
}

#[test]
fn hand_picked_edges_agree() {
    let cases = [
        "a: 1\n",
        "a: 1",
        "a:\n",
        "a:",
        "a:   \nb: 2\n",
        "a: # c\nb: 2\n",
        "a: 'x'   \nb: \"y\" # c\n",
        "a: 'it''s'\n",
        "a: ''\nb: \"\"\n",
        "a: 'x' # c",
        "a: [ ]\nb: []\nc: [ a , b ]\nd: [a,b]\n",
        "a: [a, b]   # c\n",
        "a:\n- x\n- y\nb: z\n",
        "a:\n  - x\n  - y\nb: z\n",
        "a:\n  - k: v\n    j: w\n  - z\n",
        "a:\n- k: v\n  j: w\n- z\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "# head\n\na: b\n",
        "   \na: b\n",
        "a: b\n  c: d\n",
        "a: b\n c\n",
        "a:\n  - x\n   - y\n",
        "a: x:y\n",
        "a: x: y\n",
        "a: x#y\n",
        "a: é ü\nb: 'ÉQUIPE'\n",
        "é: x\n",
        "a-b: 1\n_c: 2\n",
        "a : 1\n",
        "a: -1\n",
        "a:\n  -\n",
        "a:\n  - - x\n",
        "a: b\na: c\n",
        "a:\n  - x\nb:\n  - y\n",
        "columns: [origin, count()]\n",
        "filters:\n  - content icontains 'x'\n",
        "a: 'x\n",
        "a: \"x\\\"y\"\n",
        "a:\n    - x\n    - y\n  b: c\n",
        "a:\n  b: 1\n c: 2\n",
    ];
    for c in cases {
        agree(c);
    }
    // the common shapes do take the fast path
    for c in [
        "a: 1\n",
        "a:\n- x\n",
        "a:\n  - k: v\n    j: w\n",
        "a: [a, b]\n",
        "a: 'it''s'\n",
    ] {
        assert!(fast_tree(c).is_some(), "{c}");
    }
}
