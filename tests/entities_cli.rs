//! `qari entities` run as a binary on the seeds.

use std::process::Command;

#[test]
fn entities_json_on_a_seed() {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["entities", "--json", "seeds/003_6a1b7cce191ada7f.txt"])
        .env(
            "QARI_DATA_DIR",
            std::env::temp_dir().join("qari-entities-cli-test-none"),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &v[0];
    assert!(doc["doc"]
        .as_str()
        .unwrap()
        .contains("003_6a1b7cce191ada7f"));
    let text = std::fs::read_to_string("seeds/003_6a1b7cce191ada7f.txt").unwrap();
    let chars: Vec<char> = text.chars().collect();
    let ents = doc["entities"].as_array().unwrap();
    assert_eq!(ents[0]["name"], "أرمينيا");
    assert_eq!(ents[0]["type"], "place");
    for e in ents {
        let mentions = e["mentions"].as_array().unwrap();
        assert_eq!(e["count"].as_u64().unwrap() as usize, mentions.len());
        for m in mentions {
            let s = m["start"].as_u64().unwrap() as usize;
            let t = m["end"].as_u64().unwrap() as usize;
            assert_eq!(
                chars[s..t].iter().collect::<String>(),
                m["text"].as_str().unwrap()
            );
        }
    }
    let types: Vec<&str> = ents.iter().map(|e| e["type"].as_str().unwrap()).collect();
    for t in ["person", "place", "organization", "date"] {
        assert!(types.contains(&t), "{t} missing");
    }
}

#[test]
fn entities_reports_unreadable_paths() {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["entities", "/nonexistent/qari/file.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!out.stderr.is_empty());
}
