//! Publicity (公示, YX-R §22 ¶1).

use super::*;
use crate::{Applications, Error};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, BoundedVec};

/// YX-R §22 ¶1: the notice carries subject name, registration type, data name and summary, and
/// runs 10 WD counted from the publicity date.
#[test]
fn publish_under_review_opens_ten_working_day_window() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		assert_eq!(state(id), crate::ApplicationState::InPublicity);
		System::assert_has_event(
			Event::PublicityOpened {
				application: id,
				institution: hongta(),
				subject_name: "玉溪市数据公司".as_bytes().to_vec().try_into().unwrap(),
				kind: crate::ApplicationKind::FirstTime,
				data_name: "企业登记信息".as_bytes().to_vec().try_into().unwrap(),
				summary: BoundedVec::truncate_from(
					"全市企业登记数据，按日更新".as_bytes().to_vec(),
				),
				opened_on: date(2026, 3, 2),
				closes_on: date(2026, 3, 16),
				provisional: false,
			}
			.into(),
		);
	});
}

/// YX-R §16 ¶1, §22: publication is the review pass; only from review, only by the institution.
#[test]
fn publish_outside_review_or_by_wrong_operator_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::NotUnderReview);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(publish_as(KUNMING_OPERATOR, id), Error::<Test>::NotOperator);
		assert_noop!(publish_as(SUBJECT, id), Error::<Test>::NotOperator);
		assert_noop!(publish_as(COUNTY_OPERATOR, 77), Error::<Test>::ApplicationNotFound);
	});
}

/// YX-R §21, Q6: cancellation has no publicity.
#[test]
fn publish_cancellation_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_cancellation(
			RuntimeOrigin::signed(SUBJECT),
			reg,
			dengji_primitives::certificate::CancellationGround::ResourceLost,
			vec![]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(publish_as(COUNTY_OPERATOR, id), Error::<Test>::NoPublicityForKind);
	});
}

/// YX-R §22 ¶1: the window closes after its 10th WD; `close_publicity` records it for free, once.
#[test]
fn close_publicity_after_ten_working_days_is_free() {
	ExtBuilder::default().build_and_execute(|| {
		let unpublished = submit_default();
		assert_noop!(
			Registration::close_publicity(RuntimeOrigin::signed(STRANGER), unpublished),
			Error::<Test>::PublicityNotOpen
		);
		let id = published_default();
		run_to_day(date(2026, 3, 16));
		assert_noop!(
			Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::PublicityNotOver
		);
		run_to_day(date(2026, 3, 17));
		let post = Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		System::assert_has_event(
			Event::PublicityClosed { application: id, open_objections: 0 }.into(),
		);
		assert!(Applications::<Test>::get(id).unwrap().publicity.unwrap().closed);
		assert_eq!(state(id), crate::ApplicationState::InPublicity);
		assert_noop!(
			Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::PublicityAlreadyClosed
		);
	});
}

/// YX-R §22 ¶3: approval only once the publicity period has ended (the last day still counts).
#[test]
fn approve_during_publicity_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::PublicityNotOver);
		run_to_day(publicity_end(id));
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::PublicityNotOver);
		run_to_day(publicity_end(id) + 1);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
		System::assert_has_event(
			Event::PublicityClosed { application: id, open_objections: 0 }.into(),
		);
	});
}

/// YX-R §22, Q6: first, change and correction must pass publicity before approval.
#[test]
fn approve_from_review_without_publicity_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let id = submit_default();
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::NotAwaitingDecision);
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::PublicityRequired);
	});
}
