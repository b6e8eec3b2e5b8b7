//! The CLI's query commands (`dengji publicity list`, `app show|list`, `registration show`,
//! `queue`) against a real `--dev` node: they read the registration state at the finalized head
//! by storage iteration, with no portal. The commands run through `dengji_cli` as a library (the
//! same parsing and outcome the `dengji` binary prints), in `--json` and `--csv` form.

use clap::Parser as _;
use dengji_cli::{cmd, Cli};
use dengji_client::{primitives::ObjectKind, roles};
use dengji_tests::flow::{basic_info, event_u64, Dev, DEV_INSTITUTION};
use serde_json::Value;

/// Runs `dengji --quiet <args> --url <node>` and returns (JSON document, text or CSV).
async fn dengji(dev: &Dev, args: &[&str]) -> (Value, String) {
	let url = dev.node.ws_url();
	let argv = std::iter::once("dengji")
		.chain(["--quiet"])
		.chain(args.iter().copied())
		.chain(["--url", url.as_str()]);
	let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("parsing {args:?}: {e}"));
	let out = cmd::run(cli).await.unwrap_or_else(|e| panic!("dengji {args:?}: {}", e.message()));
	assert_eq!(out.exit.code(), 0, "dengji {args:?}");
	// The text (or CSV) form, for `--nocapture` readers.
	eprintln!("$ dengji {}\n{}\n", args.join(" "), out.text);
	(out.json, out.text)
}

/// YX-R §22: the notice is listed while publicity runs, with its four fields and the working days
/// left on the chain's calendar; the queue orders the institution's open work by deadline; after
/// approval the registration is shown with its certificate. Records only (YX-R §24).
#[tokio::test(flavor = "multi_thread")]
async fn query_commands_show_publicity_queue_application_and_registration() {
	let dev = Dev::start("queries").await.expect("dev node and SDK");
	let p = dev.parties(1).await.expect("subject admitted");

	let data_name = "Yuxi bus ridership, daily \"raw\"";
	let (application, closes_on) = dev
		.apply_and_publish(&p, ObjectKind::DataResource, None, data_name)
		.await
		.expect("apply, accept and publish");
	// A second application, only submitted: its acceptance clock (3 WD) runs.
	let submitted = dev
		.submit(
			&roles::subject::apply(
				p.institution,
				p.uscc,
				ObjectKind::DataResource,
				None,
				&basic_info("Yuxi parking occupancy"),
			),
			&p.subject,
		)
		.await
		.expect("second application");
	let second = event_u64(&submitted, "Registration", "ApplicationSubmitted", "application")
		.expect("application id");

	// publicity list: the notice with the four YX-R §22 fields and working days left.
	let (json, _) = dengji(&dev, &["publicity", "list", "--json"]).await;
	let notices = json["notices"].as_array().expect("notices");
	let n = notices
		.iter()
		.find(|n| n["application"] == application)
		.unwrap_or_else(|| panic!("application {application} not in publicity: {json}"));
	assert_eq!(n["subject_name"], "Yuxi Data Co. 1");
	assert_eq!(n["registration_type"], "FirstTime");
	assert_eq!(n["registration_type_zh"], "首次登记");
	assert_eq!(n["data_name"], data_name);
	assert_eq!(n["summary"], basic_info(data_name).summary);
	assert_eq!(n["last_day"], closes_on);
	let left = n["working_days_left"].as_u64().expect("working days left");
	assert!((1..=10).contains(&left), "working days left {left}: {n}");
	assert!(notices.iter().all(|n| n["application"] != second), "not published: {json}");
	// CSV: a header row, then the notice with its quoted data name.
	let (_, text) = dengji(&dev, &["publicity", "list"]).await;
	assert!(text.contains("剩余") && text.contains(data_name), "{text}");
	let (_, csv) = dengji(&dev, &["publicity", "list", "--csv"]).await;
	assert!(csv.starts_with("申请号 application,主体名称 subject name,"), "{csv}");
	assert!(csv.contains("\"Yuxi bus ridership, daily \"\"raw\"\"\""), "{csv}");

	// app show: the state, the publicity clock and its working days left.
	let (json, text) = dengji(&dev, &["app", "show", &application.to_string(), "--json"]).await;
	assert_eq!(json["application"]["state"], "InPublicity");
	assert_eq!(json["application"]["publicity"]["closes_on"], closes_on);
	assert_eq!(json["subject_name"], "Yuxi Data Co. 1");
	assert!(json["working_days_left"].as_u64().is_some(), "{json}");
	assert!(!text.is_empty());

	// queue: the institution's open applications by deadline.
	let div = DEV_INSTITUTION.to_string();
	let _ = dengji(&dev, &["queue", "--institution", &div]).await;
	let (json, _) = dengji(&dev, &["queue", "--institution", &div, "--json"]).await;
	let items = json["items"].as_array().expect("items");
	let ids: Vec<u64> = items.iter().filter_map(|i| i["application"].as_u64()).collect();
	assert!(ids.contains(&application) && ids.contains(&second), "{json}");
	let dues: Vec<u64> = items.iter().filter_map(|i| i["due"].as_u64()).collect();
	assert!(dues.windows(2).all(|w| w[0] <= w[1]), "ordered by deadline: {json}");
	assert!(items.iter().all(|i| i["overdue"].is_boolean()), "{json}");
	let clock_of = |id: u64| {
		items
			.iter()
			.find(|i| i["id"] == id && i["item"] == "application")
			.map(|i| i["clock"].clone())
	};
	assert_eq!(clock_of(second), Some(Value::from("Acceptance")));
	assert_eq!(clock_of(application), Some(Value::from("Publicity")));

	// After publicity: approve and issue, then the registration with its certificate.
	dev.close_publicity_when_over(&p, application, closes_on).await.expect("publicity over");
	let code = dev.approve_and_issue(&p, application).await.expect("approved and issued");
	let record =
		dev.client.reader().fetch_certificate(&code).await.expect("read").expect("certificate");
	let number = record.body.registration;
	let _ = dengji(&dev, &["registration", "show", &number.to_string()]).await;
	let (json, _) = dengji(&dev, &["registration", "show", &number.to_string(), "--json"]).await;
	assert_eq!(json["registration"]["certificate"], code.to_string());
	assert_eq!(json["registration"]["status"], "Active");
	assert_eq!(json["registration"]["data_name"], data_name);
	assert_eq!(json["certificate_status"], "Valid");
	let (json, _) = dengji(&dev, &["app", "show", &application.to_string(), "--json"]).await;
	assert_eq!(json["application"]["state"], "Approved");
	assert_eq!(json["application"]["certificate"], code.to_string());
	// No deadline runs on a terminal application.
	assert_eq!(json["overdue"], false);
	assert_eq!(json["working_days_left"], Value::Null);
	// app list filters; the approved application is no longer in the queue or in publicity.
	let (json, _) = dengji(&dev, &["app", "list", "--state", "Approved", "--json"]).await;
	let listed: Vec<u64> = json["applications"]
		.as_array()
		.expect("list")
		.iter()
		.filter_map(|a| a["id"].as_u64())
		.collect();
	assert_eq!(listed, vec![application]);
	let (json, _) = dengji(&dev, &["queue", "--institution", &div, "--json"]).await;
	assert!(
		json["items"].as_array().expect("items").iter().all(|i| i["application"] != application),
		"{json}"
	);
	let (json, _) = dengji(&dev, &["publicity", "list", "--json"]).await;
	assert!(json["notices"].as_array().expect("notices").is_empty(), "{json}");
}
