//! The operator's duty to register after delivery (YX-R §18 ¶3, YX-AO §25, KM §23): the data
//! authority records the delivery of products and services under an agreement; the operator files
//! its first registration within 20 WD (30 WD from the measures taking effect for a delivery
//! before); due and overdue supervision events name the operator.

use super::*;
use crate::{Agreements, DueItem, Error};
use dengji_primitives::{calendar::DAY_MS, BoundedName, ObjectKind};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// An agreement of the subject from `start` to `end` (instants).
fn agreement(start: u64, end: u64) -> u64 {
	let id = crate::NextAgreementId::<Test>::get();
	assert_ok!(Registration::record_agreement(
		RuntimeOrigin::root(),
		BoundedName::try_from("玉溪市红塔区人民政府".as_bytes().to_vec()).unwrap(),
		subject(),
		start,
		end,
		[30u8; 32]
	));
	id
}

fn deliver(a: u64, at: u64) -> sp_runtime::DispatchResult {
	Registration::record_delivery(RuntimeOrigin::root(), a, at, [40u8; 32])
}

fn report(a: u64) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Registration::report_overdue(RuntimeOrigin::signed(STRANGER), DueItem::Agreement(a))
}

fn submit_product(a: u64) -> ApplicationId {
	let id = next_application();
	assert_ok!(Registration::submit_first_time(
		RuntimeOrigin::signed(SUBJECT),
		hongta(),
		subject(),
		ObjectKind::DataProductOrService,
		Some(a),
		info("数据产品"),
	));
	id
}

fn overdue_events() -> usize {
	events().iter().filter(|e| matches!(e, Event::RegistrationDutyOverdue { .. })).count()
}

/// YX-R §18 ¶3: "交付数据产品和服务后的20个工作日内提交首次登记申请". Delivered on Mon
/// 2026-03-02, due Mon 2026-03-30; reported overdue from the next day naming the operator; a late
/// filing still meets the duty. Each refusal is typed and changes nothing.
#[test]
fn delivery_starts_twenty_working_day_registration_duty() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		let now = noon(start_day());
		assert_noop!(
			Registration::record_delivery(RuntimeOrigin::signed(SUBJECT), a, now, [40u8; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(deliver(99, now), Error::<Test>::AgreementNotFound);
		assert_noop!(deliver(a, now + DAY_MS), Error::<Test>::DeliveryInFuture);
		assert_noop!(deliver(a, noon(date(2025, 12, 1))), Error::<Test>::DeliveryOutsideTerm);
		assert_ok!(deliver(a, now));
		System::assert_has_event(
			Event::RegistrationDutyDue {
				agreement: a,
				operator: subject(),
				delivered_on: start_day(),
				due: date(2026, 3, 30),
				transitional: false,
				provisional: false,
			}
			.into(),
		);
		assert_noop!(deliver(a, now), Error::<Test>::DeliveryAlreadyRecorded);
		assert_noop!(report(a), Error::<Test>::NothingOverdue);
		run_to_day(date(2026, 3, 30));
		assert_noop!(report(a), Error::<Test>::NothingOverdue);
		run_to_day(date(2026, 3, 31));
		let post = report(a).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
		System::assert_has_event(
			Event::RegistrationDutyOverdue {
				agreement: a,
				operator: subject(),
				due: date(2026, 3, 30),
				provisional: false,
			}
			.into(),
		);
		assert_noop!(report(a), Error::<Test>::NothingOverdue);
		let id = submit_product(a);
		System::assert_has_event(
			Event::RegistrationDutyMet { agreement: a, operator: subject(), application: Some(id) }
				.into(),
		);
		assert_eq!(
			Agreements::<Test>::get(a).unwrap().delivery.unwrap().met_on,
			Some(date(2026, 3, 31))
		);
		assert_eq!(overdue_events(), 1);
	});
}

/// YX-R §18 ¶3: a first registration filed in time meets the duty; the sweep past the due day
/// reports nothing. A filing before the delivery is recorded meets it too.
#[test]
fn registration_duty_met_in_time_is_not_reported() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		assert_ok!(deliver(a, noon(start_day())));
		run_to_day(date(2026, 3, 10));
		let id = submit_product(a);
		System::assert_has_event(
			Event::RegistrationDutyMet { agreement: a, operator: subject(), application: Some(id) }
				.into(),
		);
		run_to_day(date(2026, 4, 10));
		sweep();
		assert_noop!(report(a), Error::<Test>::NothingOverdue);
		assert_eq!(overdue_events(), 0);

		let b = agreement(noon(date(2026, 1, 1)), noon(date(2028, 1, 1)));
		submit_product(b);
		assert_ok!(deliver(b, noon(date(2026, 4, 9))));
		System::assert_has_event(
			Event::RegistrationDutyMet { agreement: b, operator: subject(), application: None }
				.into(),
		);
		assert_noop!(report(b), Error::<Test>::NothingOverdue);
	});
}

/// YX-R §18 ¶3, §32: "本办法施行前已开展授权运营的…于本办法施行后的30个工作日内": a delivery
/// before 2025-10-19 is due 30 WD after it, Fri 2025-11-28; recorded after that day, it is
/// reported overdue at once, naming the operator.
#[test]
fn delivery_before_the_measures_has_thirty_working_days() {
	ExtBuilder::default().build_and_execute(|| {
		let a = agreement(noon(date(2025, 6, 1)), noon(date(2027, 6, 1)));
		assert_ok!(deliver(a, noon(date(2025, 9, 1))));
		let d = Agreements::<Test>::get(a).unwrap().delivery.unwrap();
		assert!(d.transitional);
		assert_eq!(d.delivered_on, date(2025, 9, 1));
		assert_eq!(d.timer.started_on, date(2025, 10, 19));
		assert_eq!(d.timer.deadline.due, date(2025, 11, 28));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::RegistrationDutyOverdue { agreement, operator, due, .. }
				if *agreement == a && *operator == subject() && *due == date(2025, 11, 28)
		)));
		assert_noop!(report(a), Error::<Test>::NothingOverdue);
	});
}
