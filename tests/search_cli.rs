//! `qari search` and `qari grep` run as a binary.

use std::process::Command;

fn qari(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env(
            "QARI_DATA_DIR",
            std::env::temp_dir().join("qari-search-cli-test-none"),
        )
        .output()
        .expect("run qari");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn grep_json_offsets_are_code_points_into_the_file() {
    let (out, _) = qari(&["grep", "--json", "روسيا", "seeds"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = v.as_array().expect("array");
    assert!(rows.len() > 10);
    for r in rows {
        let id = r["id"].as_str().expect("id");
        let text = std::fs::read_to_string(format!("seeds/{id}")).expect("seed");
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            r["start"].as_u64().unwrap_or(0) as usize,
            r["end"].as_u64().unwrap_or(0) as usize,
        );
        let hit: String = chars[s..e].iter().collect();
        // Harakat on the last letter stay in the hit (روسياً).
        assert_eq!(qari::text::fold::fold_key(&hit), "روسيا");
        assert!(r["snippet"].as_str().unwrap_or("").contains("روسيا"));
    }
}

#[test]
fn search_reads_a_title_jsonl_and_reports_bad_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("titles.jsonl");
    std::fs::write(
        &path,
        concat!(
            "{\"id\":\"a\",\"title\":\"أرمينيا تطالب روسيا\",\"text\":\"\"}\n",
            "{\"id\":\"b\",\"title\":\"طقس\",\"text\":\"\"}\n",
            "not json\n",
            "{\"id\":\"c\",\"title\":\"روسيا وحدها\",\"text\":\"\"}\n",
        ),
    )
    .expect("write");
    let p = path.to_string_lossy().into_owned();
    let (out, err) = qari(&["search", "روسيا ارمينيا", &p]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("a\t"));
    assert!(err.contains("line 3"), "{err}");
    let (out, _) = qari(&["search", "--json", "--limit", "1", "روسيا", &p]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v.as_array().map(|a| a.len()), Some(1));
}
