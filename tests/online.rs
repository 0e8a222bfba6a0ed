//! The online lookup providers (postcodes.io, Parliament's Members API),
//! their HTTP manners and the chain that joins them, against a local
//! server replaying answers in the services' documented shapes
//! (`tests/fixtures/http/`, served by `tests/common/replay.rs`). Nothing
//! here reaches the real services.

#[path = "common/replay.rs"]
mod replay;
#[path = "common/run.rs"]
mod run;

use std::sync::Arc;
use std::time::Duration;

use postbag::lookup::chain::{Chain, Holder, MpAnswer, MpSource, PostcodeSource, SeatAnswer};
use postbag::lookup::http::{Host, HttpSettings};
use postbag::lookup::members_api::MembersApi;
use postbag::lookup::postcodes_io::PostcodesIo;
use postbag::lookup::{
    Answer, COMMONS_ADDRESS, Constituency, Lookup, Mp, Nation, NoSeat, Unavailable, resolve,
};
use postbag::postcode::Postcode;

use replay::{Request, Route, Server};

/// The operator's address, as the User-Agent must give it.
const CONTACT: &str = "lookups@campaign.example.org";
const SEVENOAKS: &str = "E14001465";
/// BR8 7RE as postcodes.io's path holds it.
const BR8: &str = "/postcodes/BR8%207RE";
const SEARCH: &str = "/api/Location/Constituency/Search";
const SEARCH_QUERY: &str = "searchText=Sevenoaks&skip=0&take=20";
const CONTACT_PATH: &str = "/api/Members/5901/Contact";
const MEMBERS: &str = "/api/Members/Search";
const MEMBERS_QUERY: &str = "House=1&IsCurrentMember=true&skip=0&take=1";
const LONG: Duration = Duration::from_secs(3600);
const TIMEOUT: Duration = Duration::from_secs(5);

fn host_at(name: &'static str, url: &str, timeout: Duration) -> Host {
    let settings = HttpSettings::new(CONTACT, Duration::from_secs(1), timeout);
    Host::new(
        name,
        url,
        settings.client().expect("client"),
        Duration::ZERO,
    )
    .expect("host")
}

fn postcodes_io(server: &Server) -> PostcodesIo {
    PostcodesIo::new(host_at("postcodes.io", &server.url(), TIMEOUT))
}

fn members_api(server: &Server, ttl: Duration) -> MembersApi {
    MembersApi::new(host_at("members-api", &server.url(), TIMEOUT), ttl)
}

/// postcodes.io, then the Members API, as `lookup.postcode_sources =
/// ["postcodes_io"]` and `mp_sources = ["members_api"]` build it.
fn chain(postcodes: &Server, members: &Server) -> Chain {
    Chain::new(
        vec![PostcodeSource::PostcodesIo(postcodes_io(postcodes))],
        vec![MpSource::MembersApi(Box::new(members_api(members, LONG)))],
        false,
    )
}

fn postcode(text: &str) -> Postcode {
    Postcode::parse(text).expect(text)
}

/// postcodes.io's answer for BR8 7RE: Sevenoaks.
fn br8() -> Route {
    Route::get(BR8).fixture("postcodes.io/postcode-br8-7re.json")
}

/// The Members API's answers for Sevenoaks: `search` for the seat (a file
/// in `members-api/`), `contact` for member 5901's contact list, and 649
/// current members.
fn sevenoaks(search: &str, contact: &str) -> Vec<Route> {
    vec![
        Route::get(SEARCH)
            .query(SEARCH_QUERY)
            .fixture(&format!("members-api/{search}")),
        Route::get(CONTACT_PATH).fixture(&format!("members-api/{contact}")),
        Route::get(MEMBERS)
            .query(MEMBERS_QUERY)
            .fixture("members-api/members-search-current.json"),
    ]
}

/// The invented MP of the fixtures.
fn testwell(email: Option<&str>, postal_address: Option<&str>) -> Mp {
    Mp {
        name: "Robin Testwell".into(),
        salutation: "Ms Testwell".into(),
        party: Some("Independent".into()),
        member_id: Some(5901),
        email: email.map(Into::into),
        postal_address: postal_address.map(Into::into),
    }
}

fn targets(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.target).collect()
}

/// Neither the postcode, in any spelling, nor a URL.
fn assert_private(text: &str) {
    let upper = text.to_ascii_uppercase();
    for needle in [
        "BR8 7RE",
        "BR87RE",
        "BR8%207RE",
        "BR8+7RE",
        "7RE",
        "://",
        "127.0.0.1",
        "POSTCODES/",
    ] {
        assert!(!upper.contains(needle), "{needle:?} in {text:?}");
    }
}

/// The reason a source was unavailable, checked for privacy.
fn unavailable_seat(answer: SeatAnswer) -> Unavailable {
    assert_private(&format!("{answer:?}"));
    match answer {
        SeatAnswer::Unavailable(u) => {
            assert_private(&u.reason);
            assert_private(&u.to_string());
            u
        }
        other => panic!("not unavailable: {other:?}"),
    }
}

fn unavailable_mp(answer: MpAnswer) -> Unavailable {
    match answer {
        MpAnswer::Unavailable(u) => {
            assert_private(&format!("{u:?} {u}"));
            u
        }
        other => panic!("not unavailable: {other:?}"),
    }
}

fn unavailable_lookup(answer: &Answer) -> &Unavailable {
    assert_private(&format!("{answer:?}"));
    match &answer.lookup {
        Lookup::Unavailable(u) => {
            assert_private(&u.to_string());
            u
        }
        other => panic!("not unavailable: {other:?}"),
    }
}

/// Whether two requests were ever in flight at once.
fn overlapped(requests: &[Request]) -> bool {
    let mut spans: Vec<_> = requests.iter().map(|r| (r.arrived, r.answered)).collect();
    spans.sort_by_key(|s| s.0);
    spans
        .windows(2)
        .any(|w| w[0].1.is_none_or(|answered| answered > w[1].0))
}

// postcodes.io

#[tokio::test]
async fn a_known_postcode_gives_its_seat() {
    let server = Server::start(vec![br8()]).await;
    let answer = postcodes_io(&server).seat(&postcode("br87re")).await;
    assert_eq!(
        answer,
        SeatAnswer::Seat {
            code: SEVENOAKS.into(),
            name: Some("Sevenoaks".into()),
            nation: Nation::England,
            mp: None,
        }
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].target, BR8);
    assert_eq!(requests[0].header("accept"), Some("application/json"));
}

#[tokio::test]
async fn an_invalid_postcode_is_invalid_without_a_second_request() {
    // postcodes.io's format check rejects BFPO numbers.
    let server = Server::start(vec![
        Route::get("/postcodes/BFPO%20794")
            .status(404)
            .fixture("postcodes.io/postcode-invalid.json"),
    ])
    .await;
    let answer = postcodes_io(&server).seat(&postcode("BFPO 794")).await;
    assert_eq!(answer, SeatAnswer::Invalid);
    assert_eq!(targets(&server), ["/postcodes/BFPO%20794"]);
}

#[tokio::test]
async fn an_unknown_postcode_is_checked_against_the_retired_ones() {
    let server = Server::start(vec![
        Route::get("/postcodes/SW1A%209ZZ")
            .status(404)
            .fixture("postcodes.io/postcode-not-found.json"),
        Route::get("/terminated_postcodes/SW1A%209ZZ")
            .status(404)
            .fixture("postcodes.io/terminated-not-found.json"),
    ])
    .await;
    let answer = postcodes_io(&server).seat(&postcode("SW1A 9ZZ")).await;
    assert_eq!(answer, SeatAnswer::Unknown);
    assert_eq!(
        targets(&server),
        ["/postcodes/SW1A%209ZZ", "/terminated_postcodes/SW1A%209ZZ"]
    );
}

#[tokio::test]
async fn a_retired_postcode_from_the_404_itself() {
    // postcodes.io 17.7 and later say so in the 404.
    let server = Server::start(vec![
        Route::get("/postcodes/AB1%200AA")
            .status(404)
            .fixture("postcodes.io/postcode-ab1-0aa-terminated.json"),
        Route::get("/terminated_postcodes/AB1%200AA")
            .status(404)
            .fixture("postcodes.io/terminated-not-found.json"),
    ])
    .await;
    let answer = postcodes_io(&server).seat(&postcode("ab1 0aa")).await;
    assert_eq!(answer, SeatAnswer::Terminated { year: Some(1996) });
    assert_eq!(targets(&server), ["/postcodes/AB1%200AA"]);
}

#[tokio::test]
async fn a_retired_postcode_from_an_older_server() {
    // Before 17.7 the 404 is plain; the terminated list knows.
    let server = Server::start(vec![
        Route::get("/postcodes/AB1%200AA")
            .status(404)
            .fixture("postcodes.io/postcode-not-found.json"),
        Route::get("/terminated_postcodes/AB1%200AA")
            .fixture("postcodes.io/terminated-ab1-0aa.json"),
    ])
    .await;
    let answer = postcodes_io(&server).seat(&postcode("AB1 0AA")).await;
    assert_eq!(answer, SeatAnswer::Terminated { year: Some(1996) });
    assert_eq!(
        targets(&server),
        ["/postcodes/AB1%200AA", "/terminated_postcodes/AB1%200AA"]
    );
}

#[tokio::test]
async fn a_crown_dependency_has_no_seat() {
    let server = Server::start(vec![
        Route::get("/postcodes/GY1%201AA").fixture("postcodes.io/postcode-gy1-1aa.json"),
        Route::get("/postcodes/IM1%201AA").fixture("postcodes.io/postcode-im1-1aa-codes-null.json"),
    ])
    .await;
    let api = postcodes_io(&server);
    for text in ["GY1 1AA", "IM1 1AA"] {
        assert_eq!(
            api.seat(&postcode(text)).await,
            SeatAnswer::NoSeat(NoSeat::CrownDependency),
            "{text}"
        );
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn resolve_never_sends_a_crown_dependency_postcode() {
    let postcodes = Server::start(vec![
        Route::get("/postcodes/GY1%201AA").fixture("postcodes.io/postcode-gy1-1aa.json"),
    ])
    .await;
    let members = Server::start(Vec::new()).await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("GY1 1AA")).await;
    assert_eq!(answer.lookup, Lookup::NoSeat(NoSeat::CrownDependency));
    assert_eq!(answer.source.to_string(), "postcode");
    assert!(postcodes.requests().is_empty());
    assert!(members.requests().is_empty());
}

// The Members API

#[tokio::test]
async fn a_sitting_mp_with_a_parliamentary_office_email() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Mp(testwell(Some("robin.testwell.mp@parliament.uk"), None)),
        }
    );
    // The seat by name (never the postcode), then the contact list.
    assert_eq!(
        targets(&server),
        [format!("{SEARCH}?{SEARCH_QUERY}"), CONTACT_PATH.to_owned()]
    );
}

#[tokio::test]
async fn without_an_office_email_another_parliament_address() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-other-parliament-email.json",
    ))
    .await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Mp(testwell(Some("robin.testwell.office@parliament.uk"), None)),
        }
    );
}

#[tokio::test]
async fn without_any_parliament_address_no_email_and_the_post() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-no-email.json",
    ))
    .await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Mp(testwell(None, Some("House of Commons, London, SW1A 0AA"))),
        }
    );
}

#[tokio::test]
async fn an_empty_contact_list_means_writing_to_the_commons() {
    // The schema lets `value` be null.
    for body in [
        r#"{"value":[],"links":[]}"#,
        r#"{"value":null,"links":null}"#,
    ] {
        let mut routes = sevenoaks(
            "constituency-search-sevenoaks.json",
            "contact-no-email.json",
        );
        routes.insert(0, Route::get(CONTACT_PATH).body(body));
        let server = Server::start(routes).await;
        let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
        assert_eq!(
            answer,
            MpAnswer::Seat {
                name: "Sevenoaks".into(),
                holder: Holder::Mp(testwell(None, Some(COMMONS_ADDRESS))),
            },
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_seat_with_no_representation_is_vacant() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks-vacant.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Vacant,
        }
    );
    // No contact list for nobody; the Commons still has members.
    assert_eq!(
        targets(&server),
        [
            format!("{SEARCH}?{SEARCH_QUERY}"),
            format!("{MEMBERS}?{MEMBERS_QUERY}")
        ]
    );
}

#[tokio::test]
async fn a_member_whose_membership_ended_leaves_the_seat_vacant() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks-member-left.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Vacant,
        }
    );
    assert!(!targets(&server).contains(&CONTACT_PATH.to_owned()));
}

#[tokio::test]
async fn a_vacancy_with_no_current_members_is_a_dissolution() {
    let routes = vec![
        Route::get(SEARCH)
            .query(SEARCH_QUERY)
            .fixture("members-api/constituency-search-sevenoaks-vacant.json"),
        Route::get(MEMBERS)
            .query(MEMBERS_QUERY)
            .fixture("members-api/members-search-none.json"),
    ];
    let members = Server::start(routes).await;
    let answer = members_api(&members, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Dissolved,
        }
    );

    // And through the chain.
    let postcodes = Server::start(vec![br8()]).await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("BR8 7RE")).await;
    assert_eq!(
        answer.lookup,
        Lookup::Dissolved {
            constituency: Constituency {
                name: "Sevenoaks".into(),
                code: SEVENOAKS.into(),
            },
            nation: Nation::England,
        }
    );
}

#[tokio::test]
async fn a_seat_the_api_does_not_list_is_unknown_and_the_lookup_waits() {
    // The schema lets `items` be null.
    let null = r#"{"items":null,"totalResults":0,"resultContext":"Sevenoaks","skip":0,"take":20,"links":null}"#;
    let server = Server::start(vec![Route::get(SEARCH).body(null)]).await;
    let answer = members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(answer, MpAnswer::UnknownSeat);

    let empty = r#"{"items":[],"totalResults":0,"resultContext":"Sevenoaks","skip":0,"take":20,"links":[]}"#;
    let members = Server::start(vec![Route::get(SEARCH).body(empty)]).await;
    let answer = members_api(&members, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(answer, MpAnswer::UnknownSeat);

    let postcodes = Server::start(vec![br8()]).await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("BR8 7RE")).await;
    unavailable_lookup(&answer);
}

#[tokio::test]
async fn answers_are_cached_per_seat_until_they_expire() {
    let server = Server::start(sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let api = members_api(&server, Duration::from_secs(1));
    let first = api.mp(SEVENOAKS, "Sevenoaks").await;
    assert!(matches!(first, MpAnswer::Seat { .. }), "{first:?}");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(api.mp(SEVENOAKS, "Sevenoaks").await, first);
    assert_eq!(server.requests().len(), 2, "asked again within the TTL");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(api.mp(SEVENOAKS, "Sevenoaks").await, first);
    assert_eq!(server.requests().len(), 4, "not asked again after the TTL");
}

// HTTP manners

#[tokio::test]
async fn too_many_requests_stops_all_asking_until_the_time_given() {
    let server = Server::start(vec![
        Route::get(BR8).status(429).header("Retry-After", "120"),
        Route::get("/postcodes/AB1%200AA")
            .status(404)
            .fixture("postcodes.io/postcode-ab1-0aa-terminated.json"),
    ])
    .await;
    let members = Server::start(Vec::new()).await;
    let chain = chain(&server, &members);
    let answer = resolve(&chain, &postcode("BR8 7RE")).await;
    let first = unavailable_lookup(&answer);
    assert_eq!(first.retry_after, Some(Duration::from_secs(120)));
    assert_eq!(server.requests().len(), 1);

    // Within the window neither this postcode nor another is asked about.
    for text in ["BR8 7RE", "AB1 0AA"] {
        let answer = resolve(&chain, &postcode(text)).await;
        let again = unavailable_lookup(&answer);
        let wait = again.retry_after.expect("a wait");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
    }
    assert_eq!(server.requests().len(), 1);
    assert!(members.requests().is_empty());
}

#[tokio::test]
async fn the_members_api_is_left_alone_after_a_429_too() {
    let server = Server::start(vec![
        Route::get(SEARCH).status(429).header("Retry-After", "120"),
    ])
    .await;
    let api = members_api(&server, LONG);
    let first = unavailable_mp(api.mp(SEVENOAKS, "Sevenoaks").await);
    assert_eq!(first.retry_after, Some(Duration::from_secs(120)));
    let again = unavailable_mp(api.mp("E14001234", "Somewhere Else").await);
    assert!(again.retry_after.is_some());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn after_the_wait_the_host_is_asked_again() {
    let server = Server::start(vec![Route::get(BR8).status(429).header("Retry-After", "1")]).await;
    let api = postcodes_io(&server);
    let pc = postcode("BR8 7RE");
    let first = unavailable_seat(api.seat(&pc).await);
    assert_eq!(first.retry_after, Some(Duration::from_secs(1)));
    unavailable_seat(api.seat(&pc).await);
    assert_eq!(server.requests().len(), 1);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    unavailable_seat(api.seat(&pc).await);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_server_error_is_unavailable() {
    let server = Server::start(vec![
        Route::get(BR8)
            .status(500)
            .body(r#"{"status":500,"error":"Internal server error"}"#),
        Route::get(SEARCH).status(500).body("<html>oops</html>"),
    ])
    .await;
    let seat = unavailable_seat(postcodes_io(&server).seat(&postcode("BR8 7RE")).await);
    assert_eq!(seat.retry_after, None);
    assert!(seat.reason.contains("500"), "{seat}");
    let mp = unavailable_mp(members_api(&server, LONG).mp(SEVENOAKS, "Sevenoaks").await);
    assert!(mp.reason.contains("500"), "{mp}");
}

#[tokio::test]
async fn a_malformed_answer_is_unavailable() {
    let server = Server::start(vec![
        Route::get(BR8).body(r#"{"status":200,"result":{"postcode":"BR8 7RE","country":"Eng"#),
        Route::get(SEARCH)
            .query(SEARCH_QUERY)
            .fixture("members-api/constituency-search-sevenoaks.json"),
        Route::get(CONTACT_PATH).body(r#"{"value":[{"type":"Parliamentary office","#),
    ])
    .await;
    let seat = unavailable_seat(postcodes_io(&server).seat(&postcode("BR8 7RE")).await);
    assert!(seat.reason.contains("malformed"), "{seat}");
    let api = members_api(&server, LONG);
    let mp = unavailable_mp(api.mp(SEVENOAKS, "Sevenoaks").await);
    assert!(mp.reason.contains("malformed"), "{mp}");
    // A failure is not cached.
    unavailable_mp(api.mp(SEVENOAKS, "Sevenoaks").await);
    assert_eq!(server.requests().len(), 5);
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = Server::start(vec![br8().delay(Duration::from_secs(3))]).await;
    let api = PostcodesIo::new(host_at(
        "postcodes.io",
        &server.url(),
        Duration::from_secs(1),
    ));
    let u = unavailable_seat(api.seat(&postcode("BR8 7RE")).await);
    assert!(u.reason.contains("timed out"), "{u}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn no_failure_names_the_postcode_or_the_url() {
    let failures = [
        Route::get(BR8)
            .status(429)
            .header("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT"),
        Route::get(BR8)
            .status(503)
            .body("<html>Service Unavailable BR8 7RE</html>"),
        Route::get(BR8)
            .status(400)
            .body(r#"{"status":400,"error":"BR8 7RE"}"#),
        Route::get(BR8)
            .status(404)
            .body("<html>Not here: BR8 7RE</html>"),
        Route::get(BR8).body("BR8 7RE"),
        Route::get(BR8)
            .status(302)
            .header("Location", "/postcodes/BR8%207RE"),
        br8().delay(Duration::from_secs(2)),
    ];
    for route in failures {
        let server = Server::start(vec![route]).await;
        let api = || {
            let host = host_at("postcodes.io", &server.url(), Duration::from_millis(500));
            PostcodesIo::new(host)
        };
        let direct = api();
        for text in ["BR8 7RE", "br87re"] {
            unavailable_seat(direct.seat(&postcode(text)).await);
        }
        let chain = Chain::new(vec![PostcodeSource::PostcodesIo(api())], Vec::new(), false);
        unavailable_lookup(&resolve(&chain, &postcode("BR87RE")).await);
    }
    // Nothing listening.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let api = PostcodesIo::new(host_at("postcodes.io", &url, TIMEOUT));
    let u = unavailable_seat(api.seat(&postcode("BR8 7RE")).await);
    assert!(u.reason.contains("connect"), "{u}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_request_at_a_time_per_host() {
    let delay = Duration::from_millis(100);
    let members = sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-parliamentary-office.json",
    );
    let members = members.into_iter().map(|r| r.delay(delay / 2)).collect();
    let postcodes = Server::start(vec![br8().delay(delay)]).await;
    let members = Server::start(members).await;
    let chain = Arc::new(chain(&postcodes, &members));
    let lookups: Vec<_> = (0..6)
        .map(|_| {
            let chain = chain.clone();
            tokio::spawn(async move { resolve(&*chain, &postcode("BR8 7RE")).await })
        })
        .collect();
    for lookup in lookups {
        let answer = lookup.await.expect("lookup");
        assert!(matches!(answer.lookup, Lookup::Found { .. }), "{answer:?}");
    }
    assert_eq!(postcodes.requests().len(), 6);
    assert!(!members.requests().is_empty());
    assert!(
        !overlapped(&postcodes.requests()),
        "{:#?}",
        postcodes.requests()
    );
    assert!(
        !overlapped(&members.requests()),
        "{:#?}",
        members.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hosts_are_asked_in_parallel() {
    // The check above can fail: separate hosts do overlap.
    let server = Server::start(vec![br8().delay(Duration::from_millis(300))]).await;
    let lookups: Vec<_> = (0..2)
        .map(|_| {
            let api = postcodes_io(&server);
            tokio::spawn(async move { api.seat(&postcode("BR8 7RE")).await })
        })
        .collect();
    for lookup in lookups {
        assert!(matches!(
            lookup.await.expect("lookup"),
            SeatAnswer::Seat { .. }
        ));
    }
    assert!(overlapped(&server.requests()), "{:#?}", server.requests());
}

// The chain

#[tokio::test]
async fn the_chain_finds_the_mp_without_telling_parliament_the_postcode() {
    let postcodes = Server::start(vec![br8()]).await;
    let members = Server::start(sevenoaks(
        "constituency-search-sevenoaks.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("br8 7re")).await;
    assert_eq!(
        answer.lookup,
        Lookup::Found {
            constituency: Constituency {
                name: "Sevenoaks".into(),
                code: SEVENOAKS.into(),
            },
            nation: Nation::England,
            mp: testwell(Some("robin.testwell.mp@parliament.uk"), None),
        }
    );
    assert_eq!(answer.source.to_string(), "postcodes.io+members-api");
    assert_eq!(targets(&postcodes), [BR8]);
    for target in targets(&members) {
        assert_private(&target);
    }
}

#[tokio::test]
async fn the_chain_reports_a_vacancy() {
    let postcodes = Server::start(vec![br8()]).await;
    let members = Server::start(sevenoaks(
        "constituency-search-sevenoaks-member-left.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("BR8 7RE")).await;
    assert_eq!(
        answer.lookup,
        Lookup::Vacant {
            constituency: Constituency {
                name: "Sevenoaks".into(),
                code: SEVENOAKS.into(),
            },
            nation: Nation::England,
        }
    );
}

#[tokio::test]
async fn the_chain_waits_when_the_members_api_cannot_answer() {
    let postcodes = Server::start(vec![br8()]).await;
    let members = Server::start(vec![
        Route::get(SEARCH).status(503).header("Retry-After", "30"),
    ])
    .await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("BR8 7RE")).await;
    let u = unavailable_lookup(&answer);
    assert_eq!(u.retry_after, Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn every_request_names_postbag_and_the_contact_address() {
    let postcodes = Server::start(vec![br8()]).await;
    let members = Server::start(sevenoaks(
        "constituency-search-sevenoaks-vacant.json",
        "contact-parliamentary-office.json",
    ))
    .await;
    let answer = resolve(&chain(&postcodes, &members), &postcode("BR8 7RE")).await;
    assert!(matches!(answer.lookup, Lookup::Vacant { .. }), "{answer:?}");
    let requests: Vec<Request> = postcodes
        .requests()
        .into_iter()
        .chain(members.requests())
        .collect();
    assert_eq!(requests.len(), 3);
    for request in requests {
        let agent = request.header("User-Agent").expect("a User-Agent");
        assert!(agent.starts_with("postbag/"), "{agent}");
        assert!(agent.contains(CONTACT), "{agent}");
    }
}

#[tokio::test]
async fn a_429_without_a_time_still_backs_off() {
    let server = Server::start(vec![Route::get(BR8).status(429)]).await;
    let source = postcodes_io(&server);
    let first = unavailable_seat(source.seat(&postcode("BR8 7RE")).await);
    assert_eq!(first.retry_after, Some(Duration::from_secs(60)));
    unavailable_seat(source.seat(&postcode("BR8 7RE")).await);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_unknown_seat_is_asked_about_again() {
    let empty = r#"{"items":[],"totalResults":0,"skip":0,"take":20,"links":[]}"#;
    let server = Server::start(vec![Route::get(SEARCH).body(empty)]).await;
    let api = members_api(&server, LONG);
    assert_eq!(api.mp(SEVENOAKS, "Sevenoaks").await, MpAnswer::UnknownSeat);
    assert_eq!(api.mp(SEVENOAKS, "Sevenoaks").await, MpAnswer::UnknownSeat);
    assert_eq!(
        server.requests().len(),
        2,
        "a glitch must not be remembered"
    );
}

#[tokio::test]
async fn only_an_explicit_count_of_zero_is_a_dissolution() {
    let members = Server::start(vec![
        Route::get(SEARCH)
            .query(SEARCH_QUERY)
            .fixture("members-api/constituency-search-sevenoaks-vacant.json"),
        Route::get(MEMBERS).query(MEMBERS_QUERY).body("{}"),
    ])
    .await;
    let answer = members_api(&members, LONG).mp(SEVENOAKS, "Sevenoaks").await;
    assert_eq!(
        answer,
        MpAnswer::Seat {
            name: "Sevenoaks".into(),
            holder: Holder::Vacant,
        }
    );
}

/// One seat of a Members API constituency list, as the real search
/// returns it.
fn listed_seat(
    id: u32,
    name: &str,
    gss: Option<&str>,
    member: Option<(u32, &str)>,
) -> serde_json::Value {
    let representation = member.map(|(member_id, display)| {
        serde_json::json!({
            "member": {"value": {
                "id": member_id,
                "nameDisplayAs": display,
                "nameAddressAs": format!("Mx {display}"),
                "latestParty": {"id": 8, "name": "Independent"},
                "latestHouseMembership": {
                    "membershipFrom": name, "house": 1, "membershipEndDate": null,
                    "membershipStatus": {"statusIsActive": true, "statusDescription": "Current Member"}
                }
            }},
            "representation": {"membershipFrom": name, "house": 1, "membershipEndDate": null}
        })
    });
    let mut value = serde_json::json!({
        "id": id, "name": name, "startDate": "2024-07-04T00:00:00", "endDate": null,
        "currentRepresentation": representation
    });
    if let Some(gss) = gss {
        value["gssCode"] = serde_json::Value::String(gss.to_owned());
    }
    serde_json::json!({"value": value, "links": []})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_mps_fetches_every_seat_and_keeps_the_codes() {
    let page = |items: Vec<serde_json::Value>, skip: u32| {
        serde_json::json!({"items": items, "totalResults": 4, "skip": skip, "take": 20}).to_string()
    };
    let first = page(
        vec![
            listed_seat(4001, "Sevenoaks", None, Some((7001, "Pat Example"))),
            listed_seat(4002, "Makerfield", None, None),
        ],
        0,
    );
    let second = page(
        vec![
            listed_seat(4003, "Preston", None, Some((7003, "Lee Example"))),
            listed_seat(4004, "Newtown", Some("E14009999"), Some((7004, "Sam New"))),
        ],
        2,
    );
    let office = r#"{"value":[{"type":"Parliamentary office","line1":"House of Commons","email":"pat.example@example.org"}]}"#;
    let server = Server::start(vec![
        Route::get(SEARCH)
            .query("searchText=&skip=0&take=20")
            .body(&first),
        Route::get(SEARCH)
            .query("searchText=&skip=2&take=20")
            .body(&second),
        Route::get("/api/Members/7001/Contact").body(office),
        Route::get("/api/Members/7003/Contact").body(r#"{"value":[]}"#),
        Route::get("/api/Members/7004/Contact").body(r#"{"value":null}"#),
    ])
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_owned();
    let url = server.url();
    let out = tokio::task::spawn_blocking(move || {
        let dir = data.to_str().expect("utf-8");
        let run = |args: &[&str]| {
            let args = [args, &["--data-dir", dir]].concat();
            run::postbag(&args, &[("POSTBAG_LOOKUP__MEMBERS_API_URL", &url)])
        };
        // The codes of seats the API lists by name come from the MP list
        // already there.
        let import = run(&["data", "import-mps", "tests/fixtures/lookup/mps.csv"]);
        assert_eq!(import.status.code(), Some(0));
        let refresh = run(&["data", "refresh-mps"]);
        (
            refresh,
            std::fs::read_to_string(data.join("mps.json")).expect("mps.json"),
        )
    })
    .await
    .expect("join");
    let (refresh, written) = out;
    assert_eq!(
        refresh.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&refresh.stderr)
    );
    assert!(String::from_utf8_lossy(&refresh.stderr).contains("4 seats, 3 with an MP"));
    let written: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    let seats = written["seats"].as_array().expect("seats");
    let seat = |code: &str| {
        seats
            .iter()
            .find(|s| s["code"] == code)
            .unwrap_or_else(|| panic!("{code} missing"))
    };
    assert_eq!(seat(SEVENOAKS)["mp"]["email"], "pat.example@example.org");
    assert_eq!(seat(SEVENOAKS)["mp"]["salutation"], "Mx Pat Example");
    assert_eq!(seat(SEVENOAKS)["mp"]["member_id"], 7001);
    assert_eq!(seat("E14001358")["mp"], serde_json::Value::Null);
    assert_eq!(seat("E14001444")["mp"]["email"], serde_json::Value::Null);
    assert_eq!(seat("E14001444")["mp"]["postal_address"], COMMONS_ADDRESS);
    assert_eq!(seat("E14009999")["name"], "Newtown");
    assert_eq!(written["dissolved"], false);
    // The whole list, then one contact list per sitting MP; one at a time.
    assert_eq!(server.requests().len(), 5);
}
