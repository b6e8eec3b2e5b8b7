//! The holder's duty to register the resources it provides for an authorised operation (YX-R §5
//! "登记主体应当对持有并纳入授权运营范围的公共数据资源进行登记", §18 ¶3 "开展授权运营活动并提供数据
//! 资源…后的20个工作日内提交首次登记申请", YX-AO §25, KM §23): the data authority records the
//! provision (holder, day, document); the holder files the first registration of a resource
//! referencing the agreement within 20 WD (30 WD from the measures taking effect for a provision
//! before); due and overdue supervision events name the holder.

use super::*;
use crate::{DueItem, Error, Provisions, ResourceDuties, ResourceDuty};
use dengji_primitives::{calendar::DAY_MS, BoundedName, ObjectKind, Uscc};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// An agreement operated by the Kunming subject from `start` to `end` (instants): the Yuxi
/// subject holds resources in its scope.
fn agreement(start: u64, end: u64) -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		BoundedName::try_from("玉溪市红塔区人民政府".as_bytes().to_vec()).unwrap(),
		kunming_subject(),
		start,
		end,
		[30u8; 32]
	));
	id
}

fn provide(a: u64, holder: Uscc, at: u64) -> DispatchResult {
	Registration::record_provision(RuntimeOrigin::root(), a, holder, at, [41u8; 32])
}

fn report(p: u64) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Provision(p))
}

/// The Yuxi subject's first registration of a resource, referencing `a` if Some.
fn submit_resource(a: Option<u64>) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataResource,
		a,
		info("授权运营范围内的数据资源"),
	));
	id
}

fn overdue_events() -> usize {
	events().iter().filter(|e| matches!(e, Event::ResourceDutyOverdue { .. })).count()
}

fn met_events() -> usize {
	events().iter().filter(|e| matches!(e, Event::ResourceDutyMet { .. })).count()
}

/// YX-R §5, §18 ¶3: "提供数据资源…后的20个工作日内提交首次登记申请". Provided on Mon 2026-03-02,
/// due Mon 2026-03-30; reported overdue from the next day naming the holder; the holder's first
/// registration of a resource referencing the agreement, even late, meets the duty. Each
/// refusal is typed and changes nothing.
#[test]
fn provision_starts_holders_twenty_working_day_duty_to_register_resources() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		let now = noon(start_day());
		assert_noop!(
			Registration::record_provision(
				RuntimeOrigin::signed(SUBJECT),
				a,
				subject(),
				now,
				[41u8; 32]
			),
			DispatchError::BadOrigin
		);
		assert_noop!(provide(99, subject(), now), Error::<Test>::AgreementNotFound);
		assert_noop!(provide(a, uscc(b"12530402MB0000099"), now), Error::<Test>::UnknownSubject);
		assert_noop!(provide(a, subject(), now + DAY_MS), Error::<Test>::ProvisionInFuture);
		assert_noop!(
			provide(a, subject(), noon(date(2025, 12, 1))),
			Error::<Test>::ProvisionOutsideTerm
		);
		let p = crate::NextProvisionId::<Test>::get();
		assert_ok!(provide(a, subject(), now));
		System::assert_has_event(
			Event::ResourceDutyDue {
				provision: p,
				agreement: a,
				holder: subject(),
				provided_on: start_day(),
				due: date(2026, 3, 30),
				transitional: false,
				provisional: false,
			}
			.into(),
		);
		assert_eq!(ResourceDuties::<Test>::get(a, subject()), Some(ResourceDuty::Provided(p)));
		assert_noop!(provide(a, subject(), now), Error::<Test>::ProvisionAlreadyRecorded);
		assert_noop!(report(p), Error::<Test>::NothingOverdue);
		assert_noop!(report(p + 1), Error::<Test>::ProvisionNotFound);
		run_to_day(date(2026, 3, 30));
		assert_noop!(report(p), Error::<Test>::NothingOverdue);
		run_to_day(date(2026, 3, 31));
		let post = report(p).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
		System::assert_has_event(
			Event::ResourceDutyOverdue {
				provision: p,
				agreement: a,
				holder: subject(),
				due: date(2026, 3, 30),
				provisional: false,
			}
			.into(),
		);
		assert_noop!(report(p), Error::<Test>::NothingOverdue);
		// A resource that does not reference the agreement is not the one in its scope.
		submit_resource(None);
		assert_eq!(met_events(), 0);
		let id = submit_resource(Some(a));
		System::assert_has_event(
			Event::ResourceDutyMet {
				provision: p,
				agreement: a,
				holder: subject(),
				application: id,
			}
			.into(),
		);
		assert_eq!(Provisions::<Test>::get(p).unwrap().met_on, Some(date(2026, 3, 31)));
		// A second resource changes nothing.
		submit_resource(Some(a));
		assert_eq!((overdue_events(), met_events()), (1, 1));
	});
}

/// YX-R §5, §18 ¶3: the holder's filing in time meets its duty and the sweep past the due day
/// reports nothing; the operator's product does not meet the holder's duty, nor another
/// holder's resource. Several holders may provide for one operation, each with its own duty. A
/// terminated agreement takes no provision.
#[test]
fn resource_duty_is_the_holders_and_met_in_time_is_not_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		let p = crate::NextProvisionId::<Test>::get();
		assert_ok!(provide(a, subject(), noon(start_day())));
		assert_ok!(provide(a, kunming_subject(), noon(start_day())));
		// The operator's product meets the operator's duty (after delivery), not the holder's.
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(KUNMING_SUBJECT),
			kunming(),
			kunming_subject(),
			ObjectKind::DataProductOrService,
			Some(a),
			info("数据产品"),
		));
		assert_eq!(met_events(), 0);
		run_to_day(date(2026, 3, 10));
		let id = submit_resource(Some(a));
		System::assert_has_event(
			Event::ResourceDutyMet {
				provision: p,
				agreement: a,
				holder: subject(),
				application: id,
			}
			.into(),
		);
		assert_eq!(Provisions::<Test>::get(p + 1).unwrap().met_on, None);
		run_to_day(date(2026, 4, 10));
		sweep();
		assert_noop!(report(p), Error::<Test>::NothingOverdue);
		// Only the Kunming holder, which filed nothing, is reported.
		assert_eq!(overdue_events(), 1);
		System::assert_has_event(
			Event::ResourceDutyOverdue {
				provision: p + 1,
				agreement: a,
				holder: kunming_subject(),
				due: date(2026, 3, 30),
				provisional: false,
			}
			.into(),
		);

		let ended = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		assert_ok!(Registration::set_agreement_status(
			RuntimeOrigin::root(),
			ended,
			crate::AgreementStatus::Terminated,
			[0u8; 32]
		));
		assert_noop!(
			provide(ended, subject(), noon(date(2026, 4, 9))),
			Error::<Test>::AgreementNotActive
		);
	});
}

/// YX-R §5, §18 ¶3: a filing before the provision is recorded meets the duty at once, naming
/// the filing; a filing withdrawn before does not (the duty runs).
#[test]
fn resource_filed_before_the_provision_meets_the_duty() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		let filed = submit_resource(Some(a));
		assert_eq!(ResourceDuties::<Test>::get(a, subject()), Some(ResourceDuty::Filed(filed)));
		let p = crate::NextProvisionId::<Test>::get();
		assert_ok!(provide(a, subject(), noon(start_day())));
		System::assert_has_event(
			Event::ResourceDutyMet {
				provision: p,
				agreement: a,
				holder: subject(),
				application: filed,
			}
			.into(),
		);
		assert_eq!(Provisions::<Test>::get(p).unwrap().met_on, Some(start_day()));
		assert_noop!(report(p), Error::<Test>::NothingOverdue);

		let b = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		let withdrawn = submit_resource(Some(b));
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), withdrawn));
		assert_ok!(provide(b, subject(), noon(start_day())));
		let q = p + 1;
		assert_eq!(Provisions::<Test>::get(q).unwrap().met_on, None);
		assert_eq!(met_events(), 1);
		run_to_day(date(2026, 3, 31));
		sweep();
		assert_eq!(overdue_events(), 1);
		let late = submit_resource(Some(b));
		System::assert_has_event(
			Event::ResourceDutyMet {
				provision: q,
				agreement: b,
				holder: subject(),
				application: late,
			}
			.into(),
		);
	});
}

/// YX-R §18 ¶3, §32: "本办法施行前已开展授权运营的…于本办法施行后的30个工作日内": resources
/// provided before 2025-10-19 are due 30 WD after it, Fri 2025-11-28; recorded after that day,
/// the duty is reported overdue at once, naming the holder.
#[test]
fn provision_before_the_measures_has_thirty_working_days() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2025, 6, 1)), noon(date(2027, 6, 1)));
		let p = crate::NextProvisionId::<Test>::get();
		assert_ok!(provide(a, subject(), noon(date(2025, 9, 1))));
		let d = Provisions::<Test>::get(p).unwrap();
		assert!(d.transitional);
		assert_eq!(d.provided_on, date(2025, 9, 1));
		assert_eq!(d.timer.started_on, date(2025, 10, 19));
		assert_eq!(d.timer.deadline.due, date(2025, 11, 28));
		System::assert_has_event(
			Event::ResourceDutyOverdue {
				provision: p,
				agreement: a,
				holder: subject(),
				due: date(2025, 11, 28),
				provisional: false,
			}
			.into(),
		);
		assert_noop!(report(p), Error::<Test>::NothingOverdue);
	});
}
