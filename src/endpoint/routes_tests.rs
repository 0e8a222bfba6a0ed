use std::sync::Arc;
use std::time::Duration;

use super::*;

fn site(origins: &[&str]) -> Site {
    let config = HttpConfig {
        listen: "127.0.0.1:9187".parse().unwrap(),
        cors_origins: origins.iter().map(|o| (*o).to_owned()).collect(),
        stats_max_age: Duration::from_secs(15),
        max_connections: 4,
    };
    let letters = vec!["mp".into(), "ico".into(), "gp".into()];
    Site::new(config, letters, Arc::new(Status::new()))
}

fn get<'a>(path: &'a str, origin: Option<&'a HeaderValue>) -> Asked<'a> {
    Asked {
        method: &Method::GET,
        path,
        origin,
        if_none_match: None,
        has_body: false,
    }
}

fn header<'a>(answer: &'a Answer, name: &header::HeaderName) -> Option<&'a str> {
    answer
        .headers
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.to_str().ok())
}

fn json(answer: &Answer) -> serde_json::Value {
    serde_json::from_slice(answer.body.as_slice()).unwrap()
}

#[test]
fn stats_lists_letters_in_the_campaigns_order_with_its_cache_and_tag() {
    let site = site(&["https://campaign.example.org"]);
    let mut counts = Counts {
        people_helped: 2,
        help_replies: 1,
        ..Counts::default()
    };
    counts.letters.insert("mp".into(), 2);
    counts.letters.insert("ico".into(), 2);
    counts.letters.insert("retired".into(), 1);
    site.status.set_counts(&counts);
    let answer = answer(&site, &get("/stats.json", None), 1_800_000_000);
    assert_eq!(answer.status, StatusCode::OK);
    let body = json(&answer);
    assert_eq!(body["people_helped"], 2);
    assert_eq!(body["help_replies"], 1);
    assert_eq!(body["letters_total"], 5);
    let ids: Vec<_> = body["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}={}", l["id"].as_str().unwrap(), l["count"]))
        .collect();
    assert_eq!(ids, ["mp=2", "ico=2", "gp=0", "retired=1"]);
    assert_eq!(body["counting_since"], serde_json::Value::Null);
    let (_, counted_at) = site.status.count_generation();
    let counted_at = jiff::Timestamp::from_second(counted_at as i64).unwrap();
    assert_eq!(
        body["updated"],
        counted_at.to_string(),
        "when the count changed"
    );
    assert_eq!(
        header(&answer, &header::CACHE_CONTROL),
        Some("public, max-age=15")
    );
    assert_eq!(
        header(&answer, &header::ACCESS_CONTROL_ALLOW_ORIGIN),
        None,
        "no Origin, no CORS header"
    );
    assert!(header(&answer, &header::ETAG).unwrap().starts_with("W/\""));
}

#[test]
fn only_a_listed_origin_may_read_the_count() {
    let site = site(&["https://campaign.example.org"]);
    let listed = HeaderValue::from_static("https://campaign.example.org");
    let other = HeaderValue::from_static("https://elsewhere.example");
    let answer_listed = answer(&site, &get("/stats.json", Some(&listed)), 0);
    assert_eq!(
        header(&answer_listed, &header::ACCESS_CONTROL_ALLOW_ORIGIN),
        Some("https://campaign.example.org")
    );
    let answer_other = answer(&site, &get("/stats.json", Some(&other)), 0);
    assert_eq!(
        header(&answer_other, &header::ACCESS_CONTROL_ALLOW_ORIGIN),
        None
    );
    assert_eq!(header(&answer_other, &header::VARY), Some("Origin"));
    let any = self::site(&["*"]);
    let answer_any = answer(&any, &get("/stats.json", Some(&other)), 0);
    assert_eq!(
        header(&answer_any, &header::ACCESS_CONTROL_ALLOW_ORIGIN),
        Some("*")
    );
    let metrics = answer(&site, &get("/metrics", Some(&listed)), 0);
    assert_eq!(
        header(&metrics, &header::ACCESS_CONTROL_ALLOW_ORIGIN),
        None,
        "only the count is for pages"
    );
}

#[test]
fn the_same_count_is_not_modified_and_a_new_one_has_a_new_tag() {
    let site = site(&[]);
    let first = answer(&site, &get("/stats.json", None), 0);
    let tag = HeaderValue::from_str(header(&first, &header::ETAG).unwrap()).unwrap();
    let again = Asked {
        if_none_match: Some(&tag),
        ..get("/stats.json", None)
    };
    let same = answer(&site, &again, 10);
    assert_eq!(same.status, StatusCode::NOT_MODIFIED);
    assert!(same.body.as_slice().is_empty());
    let counts = Counts {
        help_replies: 1,
        ..Counts::default()
    };
    site.status.set_counts(&counts);
    let changed = answer(&site, &again, 20);
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(header(&changed, &header::ETAG), Some(tag.to_str().unwrap()));
}

#[test]
fn ready_needs_the_mailbox_and_a_relay_that_is_not_failing() {
    let site = site(&[]);
    let status = &site.status;
    let code = |now| answer(&site, &get("/readyz", None), now).status;
    assert_eq!(code(0), StatusCode::SERVICE_UNAVAILABLE, "no mailbox yet");
    status.set_mailbox_up(true);
    assert_eq!(code(0), StatusCode::OK, "nothing sent yet is no fault");
    status.relay_heard(false, 100);
    assert_eq!(code(100), StatusCode::SERVICE_UNAVAILABLE);
    status.relay_heard(true, 200);
    let body = json(&answer(&site, &get("/readyz", None), 230));
    assert_eq!(body["ready"], true);
    assert_eq!(body["relay"], "answering");
    assert_eq!(body["relay_answered_secs_ago"], 30);
    status.set_mailbox_up(false);
    assert_eq!(code(240), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        answer(&site, &get("/healthz", None), 0).status,
        StatusCode::OK,
        "alive whatever the mailbox does"
    );
}

#[test]
fn other_paths_methods_and_bodies_are_refused() {
    let site = site(&["https://campaign.example.org"]);
    assert_eq!(
        answer(&site, &get("/", None), 0).status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        answer(&site, &get("/stats.json/../metrics", None), 0).status,
        StatusCode::NOT_FOUND
    );
    let post = Asked {
        method: &Method::POST,
        ..get("/stats.json", None)
    };
    let refused = answer(&site, &post, 0);
    assert_eq!(refused.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&refused, &header::ALLOW), Some("GET, HEAD"));
    let with_body = Asked {
        has_body: true,
        ..get("/metrics", None)
    };
    assert_eq!(
        answer(&site, &with_body, 0).status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let origin = HeaderValue::from_static("https://campaign.example.org");
    let options = Asked {
        method: &Method::OPTIONS,
        ..get("/stats.json", Some(&origin))
    };
    let preflight = answer(&site, &options, 0);
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(
        header(&preflight, &header::ACCESS_CONTROL_ALLOW_METHODS),
        Some("GET, HEAD")
    );
}
