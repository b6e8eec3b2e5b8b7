//! Refusal after publicity (不予登记, YX-R §17): grounds found during publicity or deferral refuse
//! the application, so none is held for ever.

use super::*;
use crate::{ApplicationState, Error, RefusalGround, Registrations};
use frame_support::{assert_noop, assert_ok};

/// The grounds publicity can bring to light (YX-R §17(一)(三)(四)(五)).
const AFTER_PUBLICITY: [RefusalGround; 4] = [
	RefusalGround::CoreDataOrSecrets,
	RefusalGround::UnlawfulSource,
	RefusalGround::InterestedPartyDisagrees,
	RefusalGround::OwnershipDispute,
];

/// The grounds settled by the formal review (§13, §17(二)(七)) or by termination (§17(六)).
const REVIEW_ONLY: [RefusalGround; 6] = [
	RefusalGround::PublicOrder,
	RefusalGround::ObjectionUpheld,
	RefusalGround::OtherLegal,
	RefusalGround::NonCompliant,
	RefusalGround::QualityDefect,
	RefusalGround::StateOrWorkSecret,
];

fn refuse(id: ApplicationId, grounds: Vec<RefusalGround>) -> DispatchResult {
	Registration::refuse_registration(RuntimeOrigin::signed(COUNTY_OPERATOR), id, grounds, [4; 32])
}

/// A published application deferred by an open objection (YX-R §22 ¶2); returns it and the objection.
fn deferred() -> (ApplicationId, ObjectionId) {
	let id = published_default();
	let o = crate::NextObjectionId::<Test>::get();
	assert_ok!(lodge_as(OBJECTOR, id));
	run_to_day(publicity_end(id) + 1);
	assert_ok!(Registration::close_publicity(RuntimeOrigin::signed(STRANGER), id));
	assert_eq!(state(id), ApplicationState::Deferred);
	(id, o)
}

/// YX-R §17: during publicity, each ground publicity can bring to light refuses the application
/// (typed grounds and decision recorded, event).
#[test]
fn refuse_in_publicity_for_each_allowed_ground() {
	ExtBuilder::default().build_and_execute(|| {
		for ground in AFTER_PUBLICITY {
			let id = published_default();
			assert_ok!(refuse(id, vec![ground]));
			assert_eq!(state(id), ApplicationState::Refused);
			System::assert_has_event(
				Event::RegistrationRefused {
					application: id,
					grounds: vec![ground].try_into().unwrap(),
					decision: [4; 32],
				}
				.into(),
			);
		}
		// After the window closed with no objection, held only by a dispute flag (§17(四)(五)).
		let id = published_default();
		assert_ok!(Registration::set_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			crate::DisputeFlags { interested_party: false, ownership: true },
			[5; 32]
		));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		assert_ok!(refuse(id, vec![RefusalGround::OwnershipDispute]));
		assert_eq!(state(id), ApplicationState::Refused);
	});
}

/// YX-R §17, §22 ¶2: a deferred application (objection open) is refused on an allowed ground;
/// its objection can then no longer be decided.
#[test]
fn refuse_deferred_application() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, o) = deferred();
		assert_ok!(refuse(id, AFTER_PUBLICITY.to_vec()));
		assert_eq!(state(id), ApplicationState::Refused);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [1; 32]));
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				o,
				true,
				[1; 32]
			),
			Error::<Test>::ApplicationClosed
		);
	});
}

/// YX-R §17, §20: a correction refused in publicity frees its registration for a new application.
#[test]
fn refuse_correction_in_publicity_frees_registration() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let id = next_application();
		assert_ok!(Registration::submit_correction(
			RuntimeOrigin::signed(OBJECTOR),
			reg,
			info("企业登记信息（更正）"),
			[21u8; 32]
		));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		// Q31: published once the subject responded.
		assert_ok!(respond_as_subject(id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		assert_ok!(refuse(id, vec![RefusalGround::UnlawfulSource]));
		assert_eq!(Registrations::<Test>::get(reg).unwrap().pending, None);
	});
}

/// YX-R §17, §13: after publicity the formal-review grounds, and an upheld objection (which
/// terminates instead, §22 ¶3), are refused with `GroundNotAfterPublicity`, alone or mixed with
/// an allowed ground; bad ground lists keep their errors; nothing changes.
#[test]
fn refuse_after_publicity_on_review_ground_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let published = published_default();
		let (deferred, _) = deferred();
		for id in [published, deferred] {
			for ground in REVIEW_ONLY {
				assert_noop!(refuse(id, vec![ground]), Error::<Test>::GroundNotAfterPublicity);
				assert_noop!(
					refuse(id, vec![RefusalGround::CoreDataOrSecrets, ground]),
					Error::<Test>::GroundNotAfterPublicity
				);
			}
			assert_noop!(refuse(id, vec![]), Error::<Test>::NoRefusalGround);
			assert_noop!(
				refuse(id, vec![RefusalGround::UnlawfulSource, RefusalGround::UnlawfulSource]),
				Error::<Test>::DuplicateRefusalGround
			);
			assert_noop!(
				Registration::refuse_registration(
					RuntimeOrigin::signed(KUNMING_OPERATOR),
					id,
					vec![RefusalGround::UnlawfulSource],
					[4; 32]
				),
				Error::<Test>::NotOperator
			);
		}
	});
}

/// YX-R §17: no refusal before acceptance, nor once decided (approved, refused, withdrawn):
/// `NotUnderReview`, nothing changes.
#[test]
fn refuse_in_other_states_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let submitted = submit_default();
		let withdrawn = submit_default();
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), withdrawn));
		let refused = published_default();
		assert_ok!(refuse(refused, vec![RefusalGround::UnlawfulSource]));
		let (approved, _) = registered_default();
		for id in [submitted, withdrawn, refused, approved] {
			assert_noop!(
				refuse(id, vec![RefusalGround::CoreDataOrSecrets]),
				Error::<Test>::NotUnderReview
			);
		}
	});
}
