//! Upgrades older session documents to the current schema, one version at a time.

use serde_json::{Map, Value};

use crate::method::SCHEMA_VERSION;
use crate::method::metric::Measure;

/// Brings `doc` from `from` up to `SCHEMA_VERSION`.
pub fn migrate(doc: &mut Value, from: u64) -> Result<(), String> {
    let mut version = from;
    while version < u64::from(SCHEMA_VERSION) {
        match version {
            1 => v1_to_v2(doc)?,
            2 => v2_to_v3(doc)?,
            v => return Err(format!("schema version {v} was never released")),
        }
        version += 1;
        doc["schema_version"] = Value::from(version);
    }
    Ok(())
}

/// Version 1 listed participants by name and keyed scores by name. Version 2 gives each
/// participant a stable id, so renaming someone no longer rewrites every score.
fn v1_to_v2(doc: &mut Value) -> Result<(), String> {
    let names: Vec<String> = match doc.get("participants") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or("participants: expected a list of names"))
            .collect::<Result<_, _>>()?,
        _ => return Err("participants: expected a list of names".into()),
    };
    let id_of = |name: &str| names.iter().position(|n| n == name).map(|i| format!("p{}", i + 1));
    let rekey = |map: &mut Value, field: &str| -> Result<(), String> {
        let Some(obj) = map.as_object_mut() else { return Ok(()) };
        let old = std::mem::take(obj);
        let mut new = Map::new();
        for (name, v) in old {
            let id = id_of(&name).ok_or_else(|| format!("{field}: {name:?} is not a participant"))?;
            new.insert(id, v);
        }
        *obj = new;
        Ok(())
    };
    if let Some(Value::Array(cs)) = doc.get_mut("constraints") {
        for (i, c) in cs.iter_mut().enumerate() {
            if let Some(sev) = c.get_mut("severity") {
                rekey(sev, &format!("constraints[{i}].severity"))?;
            }
        }
    }
    if let Some(Value::Array(cs)) = doc.get_mut("candidates") {
        for (i, c) in cs.iter_mut().enumerate() {
            if let Some(sc) = c.get_mut("scores") {
                rekey(sc, &format!("candidates[{i}].scores"))?;
            }
        }
    }
    doc["participants"] = names
        .iter()
        .enumerate()
        .map(|(i, n)| serde_json::json!({ "id": format!("p{}", i + 1), "name": n }))
        .collect();
    Ok(())
}

/// Version 2 kept a candidate's baseline and target as text only ("22%", "40%"). Version 3
/// also keeps them as numbers where they read as such (`measures`: baseline, target, unit,
/// direction), so progress can be computed; the text stays as typed, and a text that is not a
/// number ("about a fifth") gets no measure.
fn v2_to_v3(doc: &mut Value) -> Result<(), String> {
    let mut measures = Map::new();
    if let Some(Value::Array(cs)) = doc.get("candidates") {
        for c in cs {
            let text = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("");
            let (Some(id), Some(m)) =
                (c.get("id").and_then(Value::as_str), Measure::read(text("baseline"), text("target"), None))
            else {
                continue;
            };
            let m = serde_json::to_value(m).map_err(|e| format!("candidates: {e}"))?;
            measures.insert(id.to_string(), m);
        }
    }
    if !measures.is_empty()
        && let Some(obj) = doc.as_object_mut()
    {
        obj.insert("measures".into(), Value::Object(measures));
    }
    Ok(())
}
