//! The real binary on a temporary sessions folder.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn firstmove(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("firstmove").unwrap();
    cmd.env("FIRSTMOVE_DIR", dir).env("NO_COLOR", "1");
    cmd
}

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples")
}

fn dir_with_examples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(examples()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

#[test]
fn help_and_version() {
    let tmp = tempfile::tempdir().unwrap();
    firstmove(tmp.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("report").and(predicate::str::contains("FIRSTMOVE_DIR")));
    firstmove(tmp.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("firstmove {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_on_an_empty_folder_says_how_to_start() {
    let tmp = tempfile::tempdir().unwrap();
    firstmove(&tmp.path().join("none"))
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions"));
}

#[test]
fn list_shows_sessions_newest_first_and_unreadable_ones() {
    let tmp = dir_with_examples();
    fs::write(tmp.path().join("zz-broken.json"), "{ nope").unwrap();
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("NAME") && lines[0].contains("ROUTE"), "{out}");
    assert!(lines[1].starts_with("Retention deep dive") && lines[1].contains("Discovery first"), "{out}");
    assert!(
        lines[2].starts_with("Kick-off, no data yet") && lines[2].contains("Collect evidence first"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("Q1 scaling review")
            && lines[3].contains("Activation")
            && lines[3].contains("First move"),
        "{out}"
    );
    // The two cycles of the follow-through example: the later one names the earlier under AFTER.
    assert!(lines[0].trim_end().ends_with("AFTER"), "{out}");
    assert!(
        lines[4].starts_with("Q4 activation push (cycle 2)")
            && lines[4].trim_end().ends_with("Q4 activation push"),
        "{out}"
    );
    assert!(lines[5].starts_with("Q4 activation push ") && lines[5].trim_end().ends_with('–'), "{out}");
    assert!(
        lines[6].starts_with("zz-broken.json") && lines[6].contains("unreadable") && lines[6].contains(":1:"),
        "{out}"
    );
}

/// A conflict copy beside a session: `list` marks it as a copy of its file, the session's name
/// still opens the session, and `report` by name works.
#[test]
fn conflict_copies_are_listed_as_copies_and_the_name_stays_the_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(examples().join("first-move.json")).unwrap();
    fs::write(tmp.path().join("first-move.json"), &text).unwrap();
    for stamp in ["20261128T052116Z", "20261128T052116Z-2", "20261128T052230Z"] {
        fs::write(tmp.path().join(format!("first-move.conflict-{stamp}.json")), &text).unwrap();
    }
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let (table, copies) = out.split_once("\n\n").expect("the copies after the table");
    assert_eq!(table.lines().count(), 2, "one session: {out}");
    assert!(table.lines().nth(1).unwrap().starts_with("Q1 scaling review "), "{out}");
    assert!(copies.starts_with("Conflict copies"), "{out}");
    let rows: Vec<&str> = copies.lines().filter(|l| l.starts_with("first-move.conflict-")).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows.iter().all(|r| r.contains("conflict copy of first-move.json")), "{out}");
    firstmove(tmp.path())
        .args(["report", "Q1 scaling review"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Q1 scaling review"));
    firstmove(tmp.path()).args(["report", "first-move.conflict-20261128T052230Z.json"]).assert().success();
}

#[test]
fn list_says_when_the_previous_cycle_is_not_in_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(examples().join("follow-through-cycle-2.json"), tmp.path().join("c2.json")).unwrap();
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.lines().nth(1).unwrap().trim_end().ends_with("(not in this folder)"), "{out}");
}

#[test]
fn history_prints_the_chain_from_any_cycle_with_the_hit_rate() {
    let tmp = dir_with_examples();
    for arg in ["Q4 activation push", "Q4 activation push (cycle 2)", "follow-through-cycle-2.json"] {
        let out = firstmove(tmp.path()).args(["history", arg]).assert().success().get_output().stdout.clone();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].ends_with(": 2 cycles in the chain, oldest first"), "{out}");
        assert!(lines[2].starts_with("CYCLE") && lines[2].contains("PREDICTION"), "{out}");
        let first = lines[3];
        for part in [
            "1 ",
            "2025-10-06",
            "Activation",
            "Guided setup",
            "22% → 38%",
            "it worked",
            "35% (70% sure): held",
        ] {
            assert!(first.contains(part), "{part:?} missing in {first:?}\n{out}");
        }
        assert!(lines[4].starts_with("2 ") && !lines[4].contains("Activation"), "{out}");
        assert_eq!(
            lines[6],
            "Predictions held in 1 of 1 judged cycles (100%); the team said it was 70% sure on average.",
            "{out}"
        );
    }
    // A session on its own is a chain of one, with nothing judged.
    let out = firstmove(tmp.path())
        .args(["history", "Q1 scaling review"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("Q1 scaling review: 1 cycle in the chain"), "{out}");
    assert!(out.contains("No prediction judged yet"), "{out}");
    firstmove(tmp.path())
        .args(["history", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no session called \"nobody\""));
}

/// A last check-in whose value is not a number ("about forty") is kept but is not the
/// latest: history shows the latest readable value, as the follow-through step does.
#[test]
fn history_shows_the_latest_readable_value() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(examples().join("follow-through.json")).unwrap()).unwrap();
    let mut late = v["check_ins"][2].clone();
    late["date"] = "2026-01-06".into();
    late["metric_value"] = "about forty".into();
    v["check_ins"].as_array_mut().unwrap().push(late);
    fs::write(tmp.path().join("ft.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out =
        firstmove(tmp.path()).args(["history", "ft.json"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("22% → 38%") && !out.contains("about forty"), "{out}");
}

#[test]
fn history_strips_control_characters_from_names() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(examples().join("follow-through.json")).unwrap()).unwrap();
    v["name"] = "Evil\u{1b}[2J name".into();
    v["candidates"][0]["title"] = "Move\u{202e}gnp.exe".into();
    fs::write(tmp.path().join("evil.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out =
        firstmove(tmp.path()).args(["history", "evil.json"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'), "{out:?}");
    assert!(out.contains("Evil") && out.contains("gnp.exe"), "{out}");
}

#[test]
fn report_prints_each_example_route() {
    let tmp = dir_with_examples();
    for (arg, title) in [
        ("first-move", "# First move: Q1 scaling review"),
        ("Kick-off, no data yet", "# Collect evidence first: Kick-off, no data yet"),
        ("discovery-first.json", "# Discovery first: Retention deep dive"),
    ] {
        firstmove(tmp.path())
            .args(["report", arg])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(title));
    }
    let path = examples().join("first-move.json");
    firstmove(tmp.path())
        .args(["report", path.to_str().unwrap(), "--format", "text"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("The first move: Guided setup")
                .and(predicate::str::contains("30/60/90 plan"))
                .and(predicate::str::contains("Why this move\n-------------\n\nWins on lowest median"))
                .and(predicate::str::contains("How sure\n--------\n\nRobust: ")),
        );
    firstmove(tmp.path()).args(["report", "discovery-first"]).assert().success().stdout(
        predicate::str::contains("## Why this move\n\nWins on lowest median")
            .and(predicate::str::contains("Discovery comes first because it is flagged: needs discovery.")),
    );
}

/// Every session file in assets/examples.
fn example_paths() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = fs::read_dir(examples()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn report_of(dir: &Path, session: &str, format: &str) -> String {
    let out = firstmove(dir).args(["report", session, "--format", format]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The lines of `md` that start with `prefix`, without it.
fn lines_after<'a>(md: &'a str, prefix: &str) -> Vec<&'a str> {
    md.lines().filter_map(|l| l.strip_prefix(prefix)).collect()
}

/// The whole workshop in Markdown, on every example: the decision's sections for its route,
/// then the gate, each filter, the constraints with a column per person, and the candidates.
#[test]
fn report_markdown_has_every_section_on_every_example() {
    let tmp = dir_with_examples();
    let pb = firstmove::method::playbook();
    for path in example_paths() {
        let p = path.to_str().unwrap();
        let md = report_of(tmp.path(), p, "markdown");
        let v: serde_json::Value = serde_json::from_str(&report_of(tmp.path(), p, "json")).unwrap();
        let route = v["route"].as_str().unwrap();
        let h2 = lines_after(&md, "## ");
        let at = |h: &str| {
            h2.iter().position(|x| x.starts_with(h)).unwrap_or_else(|| panic!("{p}: no {h:?} in\n{md}"))
        };
        assert!(md.starts_with(&format!("# {}: ", v["route_text"]["title"].as_str().unwrap())), "{md}");
        // The decision first, then the record in the wizard's order.
        let record = [at("Route: "), at("The gate"), at("Pressure filters"), at("Constraints")];
        assert!(record.is_sorted(), "{p}: {h2:?}");
        let h3 = lines_after(&md, "### ");
        for f in &pb.filters {
            assert!(h3.contains(&f.name.as_str()), "{p}: no filter {:?} in {h3:?}", f.name);
        }
        let labels: Vec<&str> =
            v["participants"].as_array().unwrap().iter().map(|p| p["label"].as_str().unwrap()).collect();
        assert!(
            md.contains(&format!("| Constraint | {} | Median | Spread |", labels.join(" | "))),
            "{p}:\n{md}"
        );
        for c in v["candidates"].as_array().unwrap() {
            assert!(h3.contains(&c["title"].as_str().unwrap()), "{p}: candidate {c} has no heading");
        }
        if !v["candidates"].as_array().unwrap().is_empty() {
            assert!(at("Candidates") > at("Constraints"), "{p}: {h2:?}");
            assert!(md.contains(&format!(
                "| Person | Impact | Evidence | Confidence | Timing |\n|---|---|---|---|---|\n| {} |",
                labels[0]
            )));
        }
        follow_through_sections(p, &md, &v);
        match route {
            "first_move" => {
                let decision = [
                    at("Why this move"),
                    at("How sure"),
                    at("Primary constraint: "),
                    at("The first move: "),
                    at("30/60/90 plan"),
                    at("The gate"),
                ];
                assert!(decision.is_sorted(), "{p}: {h2:?}");
                assert!(md.contains("Ranked by lowest median") && md.contains("| primary |"), "{md}");
            }
            "discovery_first" => {
                assert!(at("Run discovery on: ") > at("Why this move"), "{p}: {h2:?}");
                assert!(!md.contains("## 30/60/90 plan"), "{md}");
            }
            // Routes that park the plan: the scores as a record, never a ranking.
            "collect_evidence_first" | "mvp_first" | "ai_proof_of_concept_first" => {
                for never in [
                    "## Primary constraint",
                    "## Next bottleneck",
                    "## 30/60/90 plan",
                    "Ranked by",
                    "| primary |",
                    "| next |",
                    "## Why this move",
                ] {
                    assert!(!md.contains(never), "{p}: {never:?} on {route}:\n{md}");
                }
            }
            _ => {}
        }
    }
}

/// The follow-through and workshop-mode sections of one example's Markdown, against its JSON:
/// each there exactly when it has something to show, in its place, with its rows.
fn follow_through_sections(p: &str, md: &str, v: &serde_json::Value) {
    let h2 = lines_after(md, "## ");
    let at = |h: &str| h2.iter().position(|x| *x == h);
    let gate = at("The gate").unwrap();
    let decided = !v["follow_through"].is_null();
    assert_eq!(at("Follow-through").is_some(), decided, "{p}: {h2:?}");
    if let Some(i) = at("Follow-through") {
        assert!(i < gate, "{p}: {h2:?}");
        if let Some(plan) = at("30/60/90 plan") {
            assert!(plan < i, "{p}: {h2:?}");
            // Each phase with its dates, from the day after the decision to day 90.
            for phase in v["plan"].as_array().unwrap() {
                assert!(phase["start"].is_string() && phase["end"].is_string(), "{p}: {phase}");
            }
        }
        for line in v["follow_through"]["text"].as_array().unwrap() {
            let (k, val) = line.as_str().unwrap().split_once(": ").unwrap();
            assert!(md.contains(&format!("- **{k}:** ")), "{p}: no field {k:?}");
            assert!(md.contains(val.split(" (").next().unwrap()), "{p}: {val:?}");
        }
        assert!(md.contains("- **Decided on:** "), "{p}");
        let prediction = &v["follow_through"]["prediction"];
        if prediction["met"].is_boolean() {
            let verdict =
                if prediction["met"] == true { "the prediction held" } else { "the prediction missed" };
            assert!(md.contains(verdict), "{p}: {verdict}");
        }
    }
    let check_ins = v["check_ins"].as_array().unwrap();
    assert_eq!(at("Check-ins").is_some(), !check_ins.is_empty(), "{p}: {h2:?}");
    if let Some(i) = at("Check-ins") {
        assert!(at("Follow-through").is_none_or(|f| f < i) && i < gate, "{p}: {h2:?}");
        let table = md.split("| Date | Day | Metric | Progress | Decision |\n|---|---|---|---|---|\n").nth(1);
        let rows = table
            .unwrap_or_else(|| panic!("{p}: no check-in table"))
            .lines()
            .take_while(|l| l.starts_with('|'));
        assert_eq!(rows.count(), check_ins.len(), "{p}");
        for c in check_ins {
            for note in ["adoption", "quality", "speed", "support_load", "technical_health"] {
                let note = c[note].as_str().unwrap().trim();
                assert!(note.is_empty() || md.contains(note), "{p}: note {note:?}");
            }
        }
    }
    let previous = &v["previous_cycle"];
    assert_eq!(at("Previous cycle").is_some(), !previous.is_null(), "{p}: {h2:?}");
    if !previous.is_null() {
        assert!(
            md.contains(&format!("## Previous cycle\n\n{}\n", previous["text"].as_str().unwrap())),
            "{md}"
        );
    }
    let record = at("Constraints").unwrap();
    for (h, has) in [
        ("Vote rounds", !v["rounds"].as_array().unwrap().is_empty()),
        ("Time per step", !v["timebox"].is_null()),
        ("Decisions log", !v["decisions"].as_array().unwrap().is_empty()),
    ] {
        assert_eq!(at(h).is_some(), has, "{p}: {h} in {h2:?}");
        assert!(at(h).is_none_or(|i| i > record), "{p}: {h2:?}");
    }
}

/// Every Markdown table row has as many cells as its head: no pipe from the session splits one.
fn assert_tables_whole(md: &str) {
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let mut head = None;
    for l in md.lines() {
        match (l.starts_with('|'), head) {
            (true, None) => head = Some(cells(l)),
            (true, Some(n)) => assert_eq!(cells(l), n, "{l}"),
            (false, _) => head = None,
        }
    }
}

/// A report with no raw markup from the session: no script, no external reference.
fn assert_self_contained(what: &str, page: &str) {
    let doc = scraper::Html::parse_document(page);
    assert!(doc.errors.is_empty(), "{what}: parse errors {:?}", doc.errors);
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let e = el.value();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "audio", "video", "source", "base",
                "form", "input"
            ]
            .contains(&e.name()),
            "{what}: a <{}> element",
            e.name()
        );
        for (name, value) in e.attrs() {
            assert!(
                ![
                    "src",
                    "href",
                    "srcset",
                    "action",
                    "formaction",
                    "xlink:href",
                    "background",
                    "poster",
                    "data"
                ]
                .contains(&name)
                    && !name.starts_with("on"),
                "{what}: attribute {name}={value:?} on <{}>",
                e.name()
            );
            assert!(
                !value.contains("http") && !value.contains("//") && !value.contains("url("),
                "{what}: {name}={value:?}"
            );
        }
    }
    let style: String = doc.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(!style.contains("url(") && !style.contains("@import"), "{what}: {style}");
    assert!(!page.contains("http") && !page.contains("src="), "{what}: an external reference");
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(|e| e.text().collect::<String>()).collect()
}

/// The HTML page of every example: valid, self-contained, the same sections, tables and
/// sub-headings as the Markdown, and charts with a text alternative.
#[test]
fn report_html_is_one_self_contained_page_with_the_markdowns_structure() {
    let tmp = dir_with_examples();
    for path in example_paths() {
        let p = path.to_str().unwrap();
        let (page, md) = (report_of(tmp.path(), p, "html"), report_of(tmp.path(), p, "markdown"));
        assert_self_contained(p, &page);
        let doc = scraper::Html::parse_document(&page);
        assert_eq!(texts(&doc, "html > head > title"), texts(&doc, "body > main > header > h1"), "{p}");
        assert_eq!(texts(&doc, "h1"), lines_after(&md, "# "), "{p}");
        // One section per Markdown heading, each starting with it, in the same order.
        assert_eq!(texts(&doc, "main > section > h2:first-child"), lines_after(&md, "## "), "{p}");
        assert_eq!(doc.select(&sel("main > section")).count(), lines_after(&md, "## ").len(), "{p}");
        assert_eq!(texts(&doc, "section h3"), lines_after(&md, "### "), "{p}");
        assert_eq!(
            doc.select(&sel("table")).count(),
            md.lines().filter(|l| l.starts_with("|---")).count(),
            "{p}"
        );
        assert_eq!(
            doc.select(&sel("section dl > dt")).count() + doc.select(&sel("header dl > dt")).count(),
            md.lines().filter(|l| l.starts_with("- **")).count(),
            "{p}: one term per Markdown field"
        );
        // Each chart: an SVG image labelled by its title and a description in words.
        let figures: Vec<_> = doc.select(&sel("figure")).collect();
        for f in &figures {
            let svg = f
                .select(&sel("svg[role=img]"))
                .next()
                .unwrap_or_else(|| panic!("{p}: a figure with no svg image"));
            let ids = svg.value().attr("aria-labelledby").unwrap();
            for id in ids.split(' ') {
                let target =
                    doc.select(&sel(&format!("#{id}"))).next().unwrap_or_else(|| panic!("{p}: no #{id}"));
                assert!(target.text().collect::<String>().trim().len() > 10, "{p}: #{id} says nothing");
            }
            let desc: String = svg.select(&sel("desc")).flat_map(|d| d.text()).collect();
            assert!(desc.ends_with('.') && desc.contains(':'), "{p}: {desc:?}");
            assert!(
                svg.select(&sel("title")).next().is_some() && svg.select(&sel("rect")).count() > 0,
                "{p}"
            );
        }
        let v: serde_json::Value = serde_json::from_str(&report_of(tmp.path(), p, "json")).unwrap();
        let rated = v["constraints"].as_array().unwrap().iter().any(|c| c["count"].as_u64() > Some(0));
        // The check-in trend: with the follow-through, when a check-in has a value to draw.
        let trend = !v["follow_through"]["progress"].is_null();
        let trends: Vec<_> = figures.iter().filter(|f| f.select(&sel("polyline")).next().is_some()).collect();
        assert_eq!(
            trends.len(),
            usize::from(trend),
            "{p}: a trend chart exactly when a check-in has a value"
        );
        if let Some(f) = trends.first() {
            assert_trend(p, f, &v);
        }
        let figures: Vec<_> =
            figures.into_iter().filter(|f| f.select(&sel("polyline")).next().is_none()).collect();
        assert_eq!(figures.is_empty(), !rated, "{p}: a chart exactly when someone rated a constraint");
        if !v["ranking"].as_array().unwrap().is_empty() {
            assert_eq!(figures.len(), 2, "{p}: severity and medians charts");
            let desc: String = figures[1].select(&sel("desc")).flat_map(|d| d.text()).collect();
            for title in texts(&doc, "section table tbody th").iter().filter(|t| desc.contains(t.as_str())) {
                assert!(desc.contains(&format!("{title}: Impact ")), "{desc}");
            }
        }
    }
}

/// The check-in trend chart: under *Follow-through*, a point per check-in with a value, the
/// baseline and target as dashed lines, and its words naming each value.
fn assert_trend(p: &str, f: &scraper::ElementRef, v: &serde_json::Value) {
    let section: String = f
        .ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "section")
        .and_then(|s| s.select(&sel("h2")).next())
        .map(|h| h.text().collect())
        .unwrap_or_default();
    assert_eq!(section, "Follow-through", "{p}");
    let valued: Vec<&serde_json::Value> =
        v["check_ins"].as_array().unwrap().iter().filter(|c| !c["zone"].is_null()).collect();
    assert_eq!(f.select(&sel("circle")).count(), valued.len(), "{p}: a point per check-in with a value");
    assert_eq!(
        f.select(&sel("line[stroke-dasharray]")).count(),
        2 + 2,
        "{p}: baseline and target, in the chart and legend"
    );
    let desc: String = f.select(&sel("desc")).flat_map(|d| d.text()).collect();
    let m = &v["follow_through"]["measure"];
    let unit = m["unit"].as_str().unwrap();
    for (k, n) in [("baseline", &m["baseline"]), ("target", &m["target"])] {
        assert!(desc.contains(&format!("{k} {}{unit}", n.as_f64().unwrap())), "{p}: {desc}");
    }
    for c in valued {
        assert!(desc.contains(&format!("day {} (", c["day"])), "{p}: {desc}");
        assert!(desc.contains(c["metric_value"].as_str().unwrap()), "{p}: {desc}");
    }
    let legend: Vec<String> = f.select(&sel("ul.legend li")).map(|l| l.text().collect()).collect();
    assert!(
        legend.iter().any(|l| l.starts_with("baseline ")) && legend.iter().any(|l| l.starts_with("target ")),
        "{legend:?}"
    );
}

/// A name with markup, a pipe and a heading stays text in every format.
#[test]
fn report_escapes_user_text_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script> | # heading";
    let mut s = firstmove::store::load(&examples().join("first-move.json")).unwrap();
    s.name = evil.into();
    s.participants[0].name = evil.into();
    s.filters[0].answer = format!("# heading\n{evil}");
    s.constraints[0].evidence = evil.into();
    s.candidates[0].title = evil.into();
    s.candidates[0].metric = "1. | a | b |".into();
    firstmove::store::save(&tmp.path().join("evil.json"), &s).unwrap();

    let md = report_of(tmp.path(), "evil.json", "markdown");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.starts_with("# First move: \\<script\\>alert(1)\\</script\\> \\| \\# heading\n"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# heading") || l.starts_with("#heading")), "{md}");
    assert_tables_whole(&md);

    let txt = report_of(tmp.path(), "evil.json", "text");
    assert!(txt.starts_with(&format!("First move: {evil}\n")), "{txt}");

    let page = report_of(tmp.path(), "evil.json", "html");
    assert_self_contained("evil", &page);
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(texts(&doc, "h1"), [format!("First move: {evil}")]);
    assert!(texts(&doc, "thead th").contains(&evil.to_string()), "the person's column");
    assert!(texts(&doc, "h2").contains(&format!("The first move: {evil}")));
    assert!(texts(&doc, "desc").iter().any(|d| d.contains(&format!("{evil} 5"))), "the chart's words");

    let v: serde_json::Value = serde_json::from_str(&report_of(tmp.path(), "evil.json", "json")).unwrap();
    assert_eq!(v["session"]["name"], evil);
    assert_eq!(v["participants"][0]["name"], evil);
    assert_eq!(v["move"]["title"], evil);
    assert_eq!(v["filters"][0]["answer"], format!("# heading\n{evil}"));
}

#[test]
fn report_json_is_the_recommendation() {
    let tmp = dir_with_examples();
    let out = firstmove(tmp.path())
        .args(["report", "first-move", "-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["route"], "first_move");
    assert_eq!(v["primary"]["constraint"], "activation");
    assert_eq!(v["top"], "c1");
    assert_eq!(v["next_bottleneck"], "adoption");
    assert_eq!(v["ranking"][0]["lowest"], 4.0);
    assert_eq!(v["ranking"][0]["mean"], 4.25);
    assert_eq!(v["why"]["decided_by"]["rule"], "ranking");
    assert_eq!(v["why"]["decided_by"]["key"], "lowest_median");
    assert_eq!(v["why"]["weakest"]["median"], 4.0);
    assert_eq!(v["robustness"]["first_move"]["verdict"], "robust");
    assert_eq!(v["robustness"]["primary"]["verdict"], "picked_by_team");
    // The move with its answers, and the plan (see docs/report-format.md for the rest).
    assert_eq!(v["move"]["behavior"], "New agencies send their first invoice on the day they sign up.");
    assert_eq!((v["move"]["baseline"].as_str(), v["move"]["target"].as_str()), (Some("22%"), Some("40%")));
    assert_eq!(v["move"]["checklist"][0]["done"], true);
    assert_eq!(v["plan"].as_array().unwrap().len(), 3);
    assert_eq!(v["suggestion"], serde_json::json!({"kind": "one", "constraints": ["activation"]}));
    assert_eq!(v["constraints"][2]["discuss"], true);
    let out = report_of(tmp.path(), "Kick-off, no data yet", "json");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["warnings"][0]["code"], "traction_unconfirmed");
    assert!(v["warnings"][0]["text"].as_str().unwrap().starts_with("Traction is not confirmed yet"));
    assert!(v["plan"].as_array().unwrap().is_empty() && v["move"].is_null());
}

#[test]
fn errors_are_one_clear_line() {
    let tmp = dir_with_examples();
    fs::write(tmp.path().join("broken.json"), "{\"schema_version\": 2,\n\"name\": }").unwrap();
    for (args, want) in [
        (vec!["report", "nobody"], "no session called \"nobody\""),
        (vec!["report", "broken"], "broken.json:2:9: not valid JSON"),
    ] {
        let out = firstmove(tmp.path())
            .args(&args)
            .assert()
            .failure()
            .code(1)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("firstmove: error: ") && err.contains(want), "{err}");
        assert!(!err.contains("panicked") && !err.contains("Error {"), "{err}");
    }
    firstmove(tmp.path()).args(["report", "x", "--format", "pdf"]).assert().failure().code(2);
}

// ---- Nothing from a file or a name reaches the terminal raw (issue 8, item 8) ----

const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
const OSC_CLIPBOARD: &str = "\u{1b}]52;c;cHduZWQ=\u{7}";

/// No ESC, no BEL, no C1 control, no bidi override or isolate in `bytes`.
fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07),
        "{what}: a raw control in {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.chars().any(|c| c != '\n' && firstmove::sanitize::is_unsafe(c)), "{what}: {text:?}");
}

fn example_json() -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(examples().join("first-move.json")).unwrap()).unwrap()
}

#[test]
fn control_characters_in_a_file_never_reach_the_terminal_through_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let mut unknown_key = example_json();
    unknown_key[OSC_TITLE] = 1.into();
    let mut enum_value = example_json();
    enum_value["filters"][0]["clarity"] = OSC_TITLE.into();
    let mut bidi = example_json();
    bidi["filters"][0]["clarity"] = "\u{202e}raelc".into();
    for (file, doc) in [("key.json", unknown_key), ("value.json", enum_value), ("bidi.json", bidi)] {
        // serde_json writes ESC as \u001b: the file itself is plain text.
        fs::write(tmp.path().join(file), serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        let out = firstmove(tmp.path()).args(["report", file]).assert().failure().get_output().clone();
        assert_clean(file, &out.stderr);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("\\u{1b}]0;pwned\\u{7}") || err.contains("\\u{202e}raelc"),
            "shown, escaped: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A file *name* with controls, broken inside, by path and in the list.
    let evil = tmp.path().join(format!("evil{OSC_CLIPBOARD}\u{202e}.json"));
    fs::write(&evil, "{ nope").unwrap();
    let out = firstmove(tmp.path())
        .args(["report", evil.to_str().unwrap()])
        .assert()
        .failure()
        .get_output()
        .clone();
    assert_clean("a file name in an error", &out.stderr);
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().clone();
    assert_clean("list", &out.stdout);
    let out = firstmove(&tmp.path().join(format!("none{OSC_TITLE}")))
        .arg("list")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_clean("an empty folder's name", &out.stdout);
}

#[test]
fn list_and_every_report_format_print_no_control_or_bidi_characters() {
    let tmp = dir_with_examples();
    let mut s = firstmove::store::load(&examples().join("first-move.json")).unwrap();
    s.name = format!("Evil {OSC_CLIPBOARD} \u{202e}txt.exe\u{2066}");
    s.product = "C1 \u{9b}31m red \u{1b}[31m".into();
    s.candidates[0].title = format!("Title {OSC_TITLE}\u{202d}");
    s.filters[0].answer = "bell \u{7} and \u{2067}isolate\u{2069}".into();
    // The follow-through and workshop mode: a check-in's notes, the decisions log.
    s.decide("c1", "2026-01-05".into());
    let i = s.add_check_in("2026-02-04".into());
    s.check_ins[i].adoption = format!("note {OSC_TITLE} \u{202e}gnp");
    s.check_ins[i].label = format!("label {OSC_CLIPBOARD}");
    s.check_ins[i].metric_value = "31%\u{1b}[2J".into();
    s.record_decision(
        "2026-01-05T10:00:00Z",
        firstmove::method::Step::Ranking,
        &format!("log {OSC_TITLE}"),
        "\u{9b}31m",
        "",
    )
    .unwrap();
    firstmove::store::save(&tmp.path().join("evil.json"), &s).unwrap();
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    assert_clean("list", &out);
    assert!(String::from_utf8_lossy(&out).contains("Evil ]52;c;cHduZWQ= txt.exe"));
    for format in ["text", "markdown", "json", "html"] {
        let out = firstmove(tmp.path())
            .args(["report", "evil.json", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_clean(format, &out);
    }
}

#[test]
fn the_exit_line_prints_no_control_characters() {
    let line = firstmove::cli::saved_line(Path::new(&format!("/tmp/a{OSC_CLIPBOARD}\u{202e}/x.json")));
    assert_clean("exit line", line.as_bytes());
    assert_eq!(line, "Session saved in /tmp/a\\u{1b}]52;c;cHduZWQ=\\u{7}\\u{202e}/x.json");
}

/// Every error names the path actually at fault, with the real reason: a directory at the
/// backup's name is named (not the session file), `/dev/stdin` is a link to a pipe (nothing
/// to do with the sessions folder), a path that leads nowhere is that path.
#[test]
fn errors_name_the_path_at_fault_and_the_real_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (path, _) = firstmove::store::Store::new(&dir).create("Test").unwrap();
    let bak = firstmove::store::backup_path(&path);
    fs::create_dir(&bak).unwrap();
    // Plain mode (the input is not a terminal): a new name is a change of content, which
    // rotates the backup.
    let out = firstmove(&dir).args(["resume", "test.json"]).write_stdin("Renamed\n").output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains(&format!("{} is a directory, in the way of the backup", bak.display())), "{said}");
    assert!(!said.contains(&format!("cannot save {}:", path.display())), "{said}");
    assert_eq!(firstmove::store::load(&path).unwrap().name, "Test", "nothing was written");

    firstmove(&dir)
        .args(["report", "/nonexistent/x.json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/x.json does not exist"));
    #[cfg(target_os = "linux")]
    firstmove(&dir).args(["report", "/dev/stdin"]).write_stdin("{}").assert().failure().stderr(
        predicate::str::contains(
            "/dev/stdin is a symbolic link to /proc/self/fd/0, which is a FIFO (named pipe)",
        )
        .and(predicate::str::contains("sessions folder").not()),
    );
}

/// Item 13: the exact session name wins over a file whose slug matches.
#[test]
fn report_prefers_the_session_with_exactly_that_name() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firstmove::store::Store::new(tmp.path());
    store.create("Same Name").unwrap();
    store.create("SAME  NAME!!").unwrap();
    firstmove(tmp.path())
        .args(["report", "SAME  NAME!!", "--format", "text"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SAME  NAME!!"));
    store.create("same name").unwrap();
    firstmove(tmp.path())
        .args(["report", "Same Name"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("same-name.json").and(predicate::str::contains("same-name-3.json")));
}

/// The follow-through example run in workshop mode as well: a private round with a re-vote,
/// time on two steps, the log; with `evil` in a check-in's notes, a round's reason and the
/// log's text, owner and due date.
fn workshop_session(evil: &str) -> firstmove::method::Session {
    use firstmove::method::rounds::{Ballot, Subject};
    use firstmove::method::{ConstraintId, Step};
    let mut s = firstmove::store::load(&examples().join("follow-through.json")).unwrap();
    let (t0, t1) = ("2026-01-12T09:00:00Z", "2026-01-12T09:10:00Z");
    let act = Subject::Severity(ConstraintId::Activation);
    let r = s.open_round(act.clone(), t0, "").unwrap();
    for (p, v) in [("p1", 5), ("p2", 1), ("p3", 4)] {
        s.cast(r, p, Ballot::Severity(v)).unwrap();
    }
    s.reveal(r, t0).unwrap();
    let r = s.open_round(act, t1, evil).unwrap();
    for (p, v) in [("p1", 5), ("p2", 4), ("p3", 4)] {
        s.cast(r, p, Ballot::Severity(v)).unwrap();
    }
    s.reveal(r, t1).unwrap();
    s.workshop.timebox.on = true;
    s.workshop.timebox.spent.insert(Step::Gate, 250);
    s.workshop.timebox.spent.insert(Step::Ranking, 420);
    assert!(s.record_decision(t1, Step::Ranking, evil, evil, "").unwrap());
    // A due date from before dates were checked (free text): still escaped everywhere.
    s.workshop.decisions.last_mut().unwrap().due = evil.into();
    s.check_ins[0].adoption = evil.into();
    s.check_ins[1].label = evil.into();
    s
}

/// Issue 10 through the binary: the rounds' convergence, time per step with the whole
/// workshop's balance, and the decisions log, in every format; user text stays text.
#[test]
fn report_shows_workshop_mode_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script> | # heading";
    firstmove::store::save(&tmp.path().join("room.json"), &workshop_session(evil)).unwrap();

    let md = report_of(tmp.path(), "room.json", "markdown");
    let esc = "\\<script\\>alert(1)\\</script\\> \\| \\# heading";
    for line in [
        "## Vote rounds\n",
        "- Activation severity: round 1 spread 4 (median 4) → round 2 spread 1 (median 4): the room came closer.\n",
        "## Time per step\n",
        "| Traction gate | 3:00 | 4:10 | 1:10 over |\n",
        "| Ranking | 5:00 | 7:00 | 2:00 over |\n",
        "The whole workshop: 3:10 behind plan.\n",
        "## Decisions log\n",
        &format!("- Re-vote: Round 2 opened: {esc} · Constraint · Activation, 2026-01-12 09:10\n"),
        &format!("- Action: {esc} (owner {esc}, due {esc}) · Ranking, 2026-01-12 09:10\n"),
        &format!("- **Adoption:** {esc}\n"),
        &format!("### Day 60 · {esc} · 5 Dec 2025\n"),
    ] {
        assert!(md.contains(line), "{line:?} missing in\n{md}");
    }
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# heading")), "{md}");
    assert_tables_whole(&md);

    let txt = report_of(tmp.path(), "room.json", "text");
    for line in [
        "Vote rounds\n-----------\n",
        "  * Activation severity: round 1 spread 4 (median 4) → round 2 spread 1 (median 4): the room came closer.\n",
        "Time per step\n-------------\n",
        "  Traction gate  3:00     4:10   1:10 over\n",
        "The whole workshop: 3:10 behind plan.",
        "Decisions log\n-------------\n",
        &format!("Adoption:     {evil}\n"),
    ] {
        assert!(txt.contains(line), "{line:?} missing in\n{txt}");
    }

    let page = report_of(tmp.path(), "room.json", "html");
    assert_self_contained("room", &page);
    let doc = scraper::Html::parse_document(&page);
    let h2 = texts(&doc, "section > h2");
    for h in ["Follow-through", "Check-ins", "Vote rounds", "Time per step", "Decisions log"] {
        assert!(h2.iter().any(|x| x == h), "{h} in {h2:?}");
    }
    let cells = texts(&doc, "td, tbody th");
    for c in ["1:10 over", "Traction gate"] {
        assert!(cells.iter().any(|x| x == c), "{c:?} not a cell in {cells:?}");
    }
    let items = texts(&doc, "section li");
    for entry in [
        format!("Re-vote: Round 2 opened: {evil} · Constraint · Activation, 2026-01-12 09:10"),
        format!("Action: {evil} (owner {evil}, due {evil}) · Ranking, 2026-01-12 09:10"),
    ] {
        assert!(items.contains(&entry), "{entry:?} not in {items:?}");
    }
    assert!(texts(&doc, "dd").iter().any(|d| d == evil), "the check-in note");
    assert!(texts(&doc, "h3").contains(&format!("Day 60 · {evil} · 5 Dec 2025")), "the check-in's label");
    let trend = doc.select(&sel("figure")).find(|f| f.select(&sel("polyline")).next().is_some());
    let trend = trend.expect("the check-in trend chart");
    let desc: String = trend.select(&sel("desc")).flat_map(|d| d.text()).collect();
    assert!(desc.contains("baseline 22%, target 40%: day 30 (5 Nov 2025): 27%;"), "{desc}");

    let v: serde_json::Value = serde_json::from_str(&report_of(tmp.path(), "room.json", "json")).unwrap();
    assert_eq!(v["rounds"][0]["text"], "round 1 spread 4 (median 4) → round 2 spread 1 (median 4)");
    assert_eq!(v["rounds"][0]["converged"], true);
    assert_eq!(v["timebox"]["balance_seconds"], -190);
    assert_eq!(v["decisions"][1]["text"], evil);
    assert_eq!(v["decisions"][1]["owner"], evil);
    assert_eq!(v["check_ins"][0]["adoption"], evil);
    assert_eq!(v["follow_through"]["prediction"]["met"], true);
}

/// The wizard's last screen draws the same document, and its `w` writes the same Markdown as
/// `firstmove report`: the follow-through and workshop-mode sections included.
#[test]
fn the_wizards_report_screen_and_w_carry_the_new_sections() {
    use firstmove::tui::runtime::effects::perform;
    use firstmove::tui::{App, Effect, Msg, Theme, update};
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("room.json");
    firstmove::store::save(&path, &workshop_session("Plain words")).unwrap();
    let store = firstmove::store::Store::new(tmp.path());
    let mut app = App::new(Theme::MONO);
    let opened = perform(&store, &mut app, Effect::Open(path.clone()));
    update(&mut app, opened);
    let w = app.wizard().expect("the session is open");
    let screen: Vec<String> =
        firstmove::tui::view::report::lines(w.derived.report(&w.session), 100, Theme::MONO)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
    for line in
        ["Follow-through", "Check-ins", "Previous cycle", "Vote rounds", "Time per step", "Decisions log"]
    {
        assert_eq!(
            screen.iter().any(|l| l == line),
            line != "Previous cycle",
            "{line:?} on the Recommendation screen: {screen:?}"
        );
    }
    assert!(screen.iter().any(|l| l.starts_with("Adoption: Plain words")), "{screen:?}");
    let written = perform(&store, &mut app, Effect::WriteReport);
    let Msg::ReportWritten(Ok(report)) = written else { panic!("{written:?}") };
    let md = fs::read_to_string(report).unwrap();
    let (mark, md) = md.split_once('\n').unwrap();
    assert_eq!(mark, firstmove::store::REPORT_MARK);
    assert_eq!(md, report_of(tmp.path(), "room.json", "markdown"));
    for h in [
        "## Follow-through\n",
        "## Check-ins\n",
        "## Vote rounds\n",
        "## Time per step\n",
        "## Decisions log\n",
    ] {
        assert!(md.contains(h), "{h:?} missing in\n{md}");
    }
}

/// `w` never replaces a file firstmove did not write: a `NAME-report.md` of the user's own
/// (or a link there) is kept and the report goes to `NAME-report-2.md`, which later `w`s
/// replace; deleting the session takes only the reports firstmove wrote.
#[test]
fn w_never_replaces_a_report_firstmove_did_not_write() {
    use firstmove::tui::runtime::effects::perform;
    use firstmove::tui::{App, Effect, Msg, Theme, update};
    let tmp = tempfile::tempdir().unwrap();
    let store = firstmove::store::Store::new(tmp.path().join("sessions"));
    let (path, _) = store.create("Q3").unwrap();
    let mine = store.dir().join("q3-report.md");
    fs::write(&mine, "# My own notes\n").unwrap();
    let mut app = App::new(Theme::MONO);
    let opened = perform(&store, &mut app, Effect::Open(path.clone()));
    update(&mut app, opened);
    let write = |app: &mut App| match perform(&store, app, Effect::WriteReport) {
        Msg::ReportWritten(Ok(at)) => at,
        other => panic!("{other:?}"),
    };
    let at = write(&mut app);
    assert_eq!(fs::read_to_string(&mine).unwrap(), "# My own notes\n", "the user's file is kept");
    assert_eq!(at, store.dir().join("q3-report-2.md"));
    update(&mut app, Msg::ReportWritten(Ok(at.clone())));
    let said = format!("{:?}", app.status);
    assert!(
        said.contains("q3-report-2.md") && said.contains("q3-report.md is not a report firstmove wrote"),
        "{said}"
    );
    let ours = fs::read_to_string(&at).unwrap();
    assert!(ours.starts_with("<!-- ") && ours.contains("\n# "), "{ours}");
    // Written again: the same file of ours is replaced, no third one.
    assert_eq!(write(&mut app), at);
    assert!(!store.dir().join("q3-report-3.md").exists());
    // A link at the name is not followed, nor replaced.
    #[cfg(unix)]
    {
        let victim = tmp.path().join("victim.md");
        fs::write(&victim, "untouched").unwrap();
        fs::remove_file(&at).unwrap();
        std::os::unix::fs::symlink(&victim, &at).unwrap();
        assert_eq!(write(&mut app), store.dir().join("q3-report-3.md"));
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
        assert!(fs::symlink_metadata(&at).unwrap().file_type().is_symlink());
        fs::remove_file(&at).unwrap();
    }
    // Deleting the session takes firstmove's reports and leaves the user's.
    drop(app);
    // Another test of this binary may be starting a process just now: until that child execs,
    // it holds a copy of every open file, the lock just released included (a flock belongs
    // to the open file, not the process). Seen once in a few hundred runs; a person's
    // firstmove starts no process, so only this test waits out such a child.
    let mut tries = 0;
    while let Err(e) = store.delete(&path) {
        tries += 1;
        assert!(tries < 500 && e.to_string().contains("open in another firstmove"), "{e}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let left: Vec<String> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(left, ["q3-report.md"]);
}

/// U+2028 and U+2029 are line breaks to many terminals, editors and Markdown viewers: no
/// row of `list` or of the text and Markdown reports is split by one (they become spaces),
/// while JSON and HTML keep the user's character, escaped.
#[test]
fn line_and_paragraph_separators_never_split_a_row() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = firstmove::store::load(&examples().join("first-move.json")).unwrap();
    s.name = "Two\u{2028}lines".into();
    s.product = "Para\u{2029}graph".into();
    s.candidates[0].title = "Cand\u{2028}idate".into();
    firstmove::store::save(&tmp.path().join("sep.json"), &s).unwrap();
    let raw = |out: &str| out.contains(['\u{2028}', '\u{2029}']);
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!raw(&out) && out.contains("Two lines") && out.contains("Para graph"), "{out:?}");
    for format in ["text", "markdown"] {
        let out = report_of(tmp.path(), "sep.json", format);
        assert!(!raw(&out), "{format}: {out:?}");
        assert!(out.contains("Two lines") && out.contains("Cand idate"), "{format}: {out}");
    }
    let json = report_of(tmp.path(), "sep.json", "json");
    assert!(!raw(&json) && json.contains("Two\\u2028lines"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["session"]["name"], "Two\u{2028}lines", "JSON keeps the user's text");
    let html = report_of(tmp.path(), "sep.json", "html");
    assert!(!raw(&html) && html.contains("Two&#x2028;lines"), "{html}");
}

/// The usage line never shows an option as required because its value came from the
/// environment (`FIRSTMOVE_DIR`, `FIRSTMOVE_THEME`): clap's own error usage lists them as if
/// typed ("Usage: firstmove report --dir <PATH> <SESSION>").
#[test]
fn usage_lines_do_not_show_options_from_the_environment_as_required() {
    let tmp = tempfile::tempdir().unwrap();
    let usage = |out: &[u8]| {
        let text = String::from_utf8(out.to_vec()).unwrap();
        text.lines()
            .find(|l| l.starts_with("Usage: "))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{text}"))
    };
    let mut subcommands = vec!["report", "resume", "history"];
    if cfg!(feature = "serve") {
        subcommands.push("serve");
    }
    for sub in subcommands {
        let o = firstmove(tmp.path()).env("FIRSTMOVE_THEME", "dark").arg(sub).output().unwrap();
        assert!(!o.status.success());
        let line = usage(&o.stderr);
        assert_eq!(line, format!("Usage: firstmove {sub} [OPTIONS] <SESSION>"), "{sub}");
        // The same line as --help, with or without the environment.
        let help = firstmove(tmp.path()).env_remove("FIRSTMOVE_DIR").args([sub, "--help"]).output().unwrap();
        assert_eq!(usage(&help.stdout), line, "{sub} --help");
    }
    let o = firstmove(tmp.path()).arg("--bogus").output().unwrap();
    assert_eq!(usage(&o.stderr), "Usage: firstmove [OPTIONS] [COMMAND]");
}

/// Each usage line written out in src/cli.rs is the one clap generates from the arguments.
#[test]
fn the_written_usage_lines_are_clap_s_own() {
    use clap::CommandFactory;
    let mut root = firstmove::cli::Cli::command();
    root.build();
    let generated =
        |c: &clap::Command| c.clone().override_usage(None::<&'static str>).render_usage().to_string();
    assert_eq!(root.clone().render_usage().to_string(), generated(&root));
    let mut n = 0;
    for sub in root.get_subcommands().filter(|c| c.get_name() != "help") {
        assert_eq!(sub.clone().render_usage().to_string(), generated(sub), "{}", sub.get_name());
        n += 1;
    }
    assert!(n >= 5);
}

/// On a terminal, `list` fits each row to its width (the newcomer's 80 and 120 columns), cut
/// with an ellipsis, instead of rows as wide as the widest cells (164 columns); piped, the
/// cells stay whole.
#[test]
fn list_fits_the_terminals_width_and_keeps_whole_cells_when_piped() {
    use unicode_width::UnicodeWidthStr;
    let tmp = dir_with_examples();
    let store = firstmove::store::Store::new(tmp.path());
    for width in [80, 120] {
        let mut out = Vec::new();
        firstmove::cli::list_cut(&store, width, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().next().unwrap().starts_with("NAME"), "{text}");
        for line in text.lines() {
            assert!(line.width() <= width, "{} columns at {width}:\n{text}", line.width());
        }
        assert!(text.contains('…'), "{text}");
        assert!(text.contains("Q1 scaling review"), "short names stay whole:\n{text}");
    }
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Ledgerly (invoicing for small agencies)") && !out.contains('…'), "{out}");
}
