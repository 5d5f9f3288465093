//! The README's key table is the window's command table: generated here from
//! `neckguide::ui::shortcut_rows` and compared with what README.md says.

use neckguide::ui::shortcut_rows;

const HEADER: &str = "| key | what it does |";

/// The table as markdown: the header, then one row per key of the help
/// (what it does on each screen joined by " / "), the pain stop in bold.
fn table_from_the_commands() -> Vec<String> {
    let mut lines = vec![HEADER.to_owned(), "|---|---|".to_owned()];
    for row in shortcut_rows() {
        let what = row.what.join(" / ");
        let (keys, what) = if row.urgent {
            (format!("**{}**", row.keys), format!("**{what}**"))
        } else {
            (row.keys, what)
        };
        lines.push(format!("| {keys} | {what} |"));
    }
    lines
}

#[test]
fn the_readme_key_table_is_the_command_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split_once("### In the window")
        .map(|(_, rest)| rest)
        .expect("README.md has a section \"In the window\"");
    let table: Vec<&str> = section
        .lines()
        .skip_while(|l| *l != HEADER)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let expected = table_from_the_commands();
    assert_eq!(
        table,
        expected,
        "README.md's key table (section \"In the window\") differs from the command table \
         in src/ui/command.rs; it should read:\n\n{}\n",
        expected.join("\n")
    );
}
