use super::*;
use crate::annotations::offsets::CodePoints;

const TEXT_A: &str = "قمة القاهرة\nقال المتحدث إنَّ الاجتماع سيُعقد يوم الخميس، وإن \"الوفود\" ستصل مساءً.\nوأضاف: الموعد نهائي.";
const TEXT_B: &str = "Breaking: وصل الرئيس إلى باريس, حيث التقى نظيره.\n\tتفاصيل لاحقة.";

pub(crate) fn doc(id: &str, text: &str) -> Document {
    Document {
        title: text.lines().next().unwrap_or_default().into(),
        ..Document::from_text(id, text)
    }
}

fn span(doc: &Document, needle: &str) -> Range<usize> {
    let s = doc.text().find(needle).unwrap();
    s..s + needle.len()
}

/// Two documents; annotations on one line, across a line break and a tab,
/// with commas, quotes and newlines in notes; an orphan; a missing document.
fn fixture() -> (Vec<Document>, AnnotationSet) {
    let a = doc("akhbar/a.txt", TEXT_A);
    let b = doc("b.md", TEXT_B);
    let mut set = AnnotationSet::default();
    let mut x = Annotation::new(
        &a.id,
        &a.text(),
        span(&a, "الاجتماع سيُعقد يوم الخميس"),
        "claim",
    );
    x.note = "ملاحظة, مع \"اقتباس\"\nوسطر ثان".into();
    x.tags = vec!["موعد".into(), "to check".into()];
    set.add(x);
    let across = span(&a, "ستصل مساءً.\nوأضاف");
    set.add(Annotation::new(&a.id, &a.text(), across, "my label"));
    set.add(Annotation::new(
        &b.id,
        &b.text(),
        span(&b, "باريس, حيث"),
        "place",
    ));
    set.add(Annotation::new(
        &b.id,
        &b.text(),
        span(&b, "نظيره.\n\tتفاصيل"),
        "quote",
    ));
    let mut gone = Annotation::new(&b.id, &b.text(), span(&b, "الرئيس"), "person");
    gone.target.quote.exact = "نص لم يعد موجودا في المقال".into();
    set.add(gone);
    set.add(Annotation::new("deleted.txt", "نص قديم", 0..4, "claim"));
    (vec![a, b], set)
}

#[test]
fn collect_anchors_and_counts() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    assert_eq!(c.docs.len(), 2);
    assert_eq!(c.anchored(), 4);
    assert_eq!(c.orphans(), 2);
    assert_eq!(c.missing.len(), 1);
    // orphans come last within their document
    assert!(is_orphan(c.docs[1].entries.last().unwrap()));
}

/// Parses brat text-bound lines and checks each against the document text
/// at its code-point offsets, as brat does.
#[test]
fn brat_spans_equal_the_document_text() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    let files = brat::files(&c);
    let get = |n: &str| {
        files
            .iter()
            .find(|(name, _)| name == n)
            .map(|(_, b)| b.clone())
    };
    let mut checked = 0;
    for d in &docs {
        let base = brat::base_name(&d.id);
        let txt = get(&format!("{base}.txt")).unwrap();
        assert_eq!(txt, &*d.text());
        let chars: Vec<char> = txt.chars().collect();
        let ann = get(&format!("{base}.ann")).unwrap();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let parts: Vec<&str> = line.split('\t').collect();
            assert_eq!(parts.len(), 3, "{line}");
            let (label, spans) = parts[1].split_once(' ').unwrap();
            assert!(!label.contains(' '));
            let pieces: Vec<String> = spans
                .split(';')
                .map(|s| {
                    let (a, b) = s.split_once(' ').unwrap();
                    let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
                    chars[a..b].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), parts[2], "{line}");
            assert!(!parts[2].contains('\n'));
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
    let a_ann = get("akhbar__a.ann").unwrap();
    assert!(a_ann.contains("\tmy_label "), "{a_ann}");
    assert!(
        a_ann.contains(";"),
        "a span over a line break is discontinuous"
    );
    assert!(a_ann
        .contains("#1\tAnnotatorNotes T1\ttags: موعد, to check; ملاحظة, مع \"اقتباس\" وسطر ثان"));
    let conf = get("annotation.conf").unwrap();
    assert!(
        conf.contains("[entities]\nclaim\nmy_label\nplace\nquote\n"),
        "{conf}"
    );
}

#[test]
fn brat_fragments_split_lines_and_trim() {
    let t = "ab \ncd\t ef";
    let f = brat::fragments(t, 0..t.len());
    let pieces: Vec<&str> = f.iter().map(|r| &t[r.clone()]).collect();
    assert_eq!(pieces, ["ab", "cd", "ef"]);
    assert!(brat::fragments(" \n ", 0..3).is_empty());
    assert_eq!(brat::sanitize_label(" a b;c "), "a_b_c");
    assert_eq!(brat::sanitize_label(""), "annotation");
    assert_eq!(brat::base_name("x/y/مقال.txt"), "x__y__مقال");
    assert_eq!(brat::base_name(".hidden"), "doc.hidden");
}

/// A small RFC 4180 reader for the round trip.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_parses_back_to_the_annotations() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    let rows = parse_csv(&csv::render(&c));
    assert_eq!(rows[0], csv::HEADER);
    assert_eq!(rows.len(), 1 + set.len());
    for r in &rows[1..] {
        assert_eq!(r.len(), 9);
        let ann = set.get(&r[8]).unwrap();
        assert_eq!(r[0], ann.doc());
        assert_eq!(r[3], ann.label);
        assert_eq!(r[5], ann.note);
        if r[7] == "orphan" {
            assert!(r[1].is_empty() && r[2].is_empty());
            continue;
        }
        let d = docs.iter().find(|d| d.id == r[0]).unwrap();
        let cps = CodePoints::new(&d.text());
        let (s, e) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        assert_eq!(&d.text()[cps.range_to_byte(&(s..e)).unwrap()], r[6]);
    }
    let noted = rows
        .iter()
        .find(|r| r[3] == "claim" && r[0] == "akhbar/a.txt")
        .unwrap();
    assert_eq!(noted[4], "موعد; to check");
}

#[test]
fn w3c_is_a_collection_of_annotations() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    let v: serde_json::Value = serde_json::from_str(&w3c::render(&c).unwrap()).unwrap();
    assert_eq!(v["@context"], w3c::CONTEXT);
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), set.len());
    assert_eq!(v["total"], set.len());
    for it in items {
        assert_eq!(it["type"], "Annotation");
        let sel = &it["target"]["selector"];
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        if it["x-anchor-status"] == "orphan" {
            continue;
        }
        let d = docs
            .iter()
            .find(|d| d.id == it["target"]["source"])
            .unwrap();
        let cps = CodePoints::new(&d.text());
        let (s, e) = (
            sel[1]["start"].as_u64().unwrap() as usize,
            sel[1]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &d.text()[cps.range_to_byte(&(s..e)).unwrap()],
            sel[0]["exact"]
        );
    }
    let claim = items
        .iter()
        .find(|i| i["body"][0]["value"] == "claim")
        .unwrap();
    assert_eq!(claim["body"][0]["purpose"], "classifying");
    assert_eq!(claim["body"][1]["purpose"], "tagging");
    assert_eq!(claim["body"][3]["purpose"], "commenting");
    assert_eq!(claim["body"][3]["textDirection"], "rtl");
    assert_eq!(claim["body"][2]["textDirection"], "ltr");
}

#[test]
fn markdown_groups_quotes_by_document() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    let md = md::render(&c);
    let a = md.find("## قمة القاهرة").unwrap();
    let b = md.find("## Breaking:").unwrap();
    assert!(a < b);
    assert!(md.contains("> الاجتماع سيُعقد يوم الخميس\n"));
    assert!(md.contains("**claim** · tags: موعد, to check · exact"));
    assert!(md.contains("\nوسطر ثان\n"));
    assert!(md.contains("## Orphans (document not in the corpus or no longer readable)"));
    assert!(md.contains("> ستصل مساءً.\n> وأضاف\n"), "{md}");
}

#[test]
fn brat_needs_a_folder_and_writes_files() {
    let (docs, set) = fixture();
    let c = collect(&docs, &set);
    assert!(render(Format::Brat, &c).is_err());
    let dir = tempfile::tempdir().unwrap();
    let files = write_to_dir(Format::Brat, &c, dir.path()).unwrap();
    assert_eq!(files.len(), 5);
    assert!(dir.path().join("b.ann").exists());
    let files = write_to_dir(Format::Csv, &c, dir.path()).unwrap();
    assert_eq!(files, [dir.path().join("annotations.csv")]);
}

#[test]
fn run_export_reads_the_corpus_store() {
    let data = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), TEXT_A).unwrap();
    let paths = vec![corpus.path().to_path_buf()];
    let loaded = crate::corpus::load(&paths);
    let d = &loaded.docs[0];
    let (mut store, _) = Store::open_corpus(data.path(), &paths);
    store
        .set
        .add(Annotation::new(&d.id, &d.text(), span(d, "الخميس"), "date"));
    store.save().unwrap();
    let out = tempfile::tempdir().unwrap();
    run_export(&paths, Format::Md, Some(out.path()), data.path()).unwrap();
    let md = std::fs::read_to_string(out.path().join("annotations.md")).unwrap();
    assert!(md.contains("> الخميس\n\n**date**"), "{md}");
    assert!(run_export(&paths, Format::Brat, None, data.path()).is_err());
}

#[test]
fn every_format_quotes_the_text_the_annotations_were_anchored_in() {
    let corpus = tempfile::tempdir().unwrap();
    let p = corpus.path().join("a.txt");
    std::fs::write(&p, TEXT_A).unwrap();
    let loaded = crate::corpus::load(&[corpus.path().to_path_buf()]);
    let d = &loaded.docs[0];
    assert!(d.body.is_on_disk());
    let mut set = AnnotationSet::default();
    set.add(Annotation::new(&d.id, &d.text(), span(d, "الخميس"), "date"));
    let c = collect(&loaded.docs, &set);
    // the file goes away after anchoring: the export still quotes its text
    std::fs::remove_file(&p).unwrap();
    for f in [Format::W3c, Format::Csv, Format::Md] {
        let out = render(f, &c).unwrap();
        assert!(out.contains("الخميس") && !out.contains('⚠'), "{f:?}: {out}");
    }
    let dir = tempfile::tempdir().unwrap();
    write_to_dir(Format::Brat, &c, dir.path()).unwrap();
    let ann = std::fs::read_to_string(dir.path().join("a.ann")).unwrap();
    assert!(ann.contains("الخميس"), "{ann}");
}

#[test]
fn a_file_gone_before_the_export_leaves_orphans_not_its_notice_as_text() {
    let corpus = tempfile::tempdir().unwrap();
    let p = corpus.path().join("a.txt");
    std::fs::write(&p, TEXT_A).unwrap();
    let loaded = crate::corpus::load(&[corpus.path().to_path_buf()]);
    let d = &loaded.docs[0];
    let mut set = AnnotationSet::default();
    set.add(Annotation::new(&d.id, &d.text(), span(d, "الخميس"), "date"));
    // the file changes before the export reads it
    std::fs::write(&p, "نص آخر تماما.\n").unwrap();
    let c = collect(&loaded.docs, &set);
    assert!(c.docs.is_empty(), "no document text to quote or write");
    assert_eq!((c.anchored(), c.orphans()), (0, 1));
    assert_eq!(c.unreadable.len(), 1);
    assert_eq!(c.unreadable[0].path, p);
    for f in [Format::W3c, Format::Csv, Format::Md] {
        let out = render(f, &c).unwrap();
        assert!(out.contains("الخميس") && !out.contains('⚠'), "{f:?}: {out}");
    }
    let dir = tempfile::tempdir().unwrap();
    let written = write_to_dir(Format::Brat, &c, dir.path()).unwrap();
    assert!(
        !dir.path().join("a.txt").exists(),
        "brat would hold the notice as the document's text: {written:?}"
    );
}
